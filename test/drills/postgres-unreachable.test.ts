/**
 * Drill: PostgreSQL unreachable for 30 seconds while filings and steps are
 * being made.
 *
 * The worker and the API reach PostgreSQL through a TCP proxy the drill
 * controls. Filers file claims and the registry records service, steadily,
 * before, during and after the outage; for OUTAGE_MS every connection
 * through the proxy is reset (those open and those tried). Each request is
 * answered either as usual or with a clean 503 problem+json naming the
 * database (never a 500, never a stack). Afterwards every accepted filing
 * exists exactly once, with its case running and its read model caught up;
 * every refused one changed nothing, and goes through when sent again with
 * its Idempotency-Key; every step accepted was taken once, every refused one
 * not at all.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { stateQuery } from '../../workflows/sct/contract';
import { aClaim } from '../support/claims';
import type { Answer } from '../support/api-call';
import { smallClaims, startDrillStack, type DrillStack } from '../support/drill-stack';
import { eventually, type SignedIn } from '../support/stack';
import { historyOf, updatesIn } from '../support/workflow-history';

/** How long PostgreSQL is unreachable: the figure. */
const OUTAGE_MS = 30_000;
/** How often each filer files a claim, before, during and after the outage. */
const FILING_PACE_MS = 2_500;
/** How often the registry records service in the next waiting case: four or five steps fall in the outage. */
const STEP_PACE_MS = 7_000;

let stack: DrillStack;
let officer: SignedIn;
let filers: SignedIn[];

beforeAll(async () => {
  stack = await startDrillStack({ databaseProxy: true });
  await Promise.all([stack.startWorker(), stack.startApi()]);
  officer = await stack.officer();
  filers = [await stack.newIndividual('Chan Tai Man'), await stack.newIndividual('Cheung Mei Ling')];
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

interface Sent {
  what: 'filing' | 'step';
  key: string;
  who: SignedIn;
  /** The filing's defendant (each filing has its own, so none is a split claim), or the case a step was taken in. */
  subject: string;
  answer: Answer<{ caseNo?: string; version?: number; status?: number; type?: string; dependency?: string }>;
  sentAt: number;
  answeredAt: number;
}

const claimAgainst = (defendant: string) => aClaim({ defendants: [{ name: defendant, address: { lines: ['Shop 3, G/F', '8 Queen’s Road Central'] } }] });

describe('drill: PostgreSQL unreachable for 30 seconds', () => {
  it('when filings and steps are made throughout, then each is answered or cleanly refused (503), and afterwards every accepted one exists once and every refused one changed nothing', async () => {
    const claims = smallClaims(stack.baseUrl);
    const proxy = stack.proxy!;
    // Cases for the registry to record service in, one step each, some before, some during and some after the outage.
    const waiting: string[] = [];
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const filed = await claims.file(filers[0]!, claimAgainst(`Served Defendant ${n}`), `drill-pg-served-${n}`);
      expect(filed.status).toBe(201);
      waiting.push(filed.body.caseNo!);
    }
    await Promise.all(waiting.map((caseNo) => eventually(() => claims.read(officer, caseNo).then((r) => r.body), (v) => v.readModel?.source === 'read-model', 30_000)));

    const sent: Sent[] = [];
    const send = async (what: Sent['what'], who: SignedIn, key: string, subject: string) => {
      const sentAt = Date.now();
      const answer = what === 'filing' ? await claims.file(who, claimAgainst(subject), key) : await claims.recordService(who, subject, key);
      sent.push({ what, key, who, subject, answer, sentAt, answeredAt: Date.now() });
    };
    let stopping = false;
    const filingClient = async (who: SignedIn, index: number) => {
      for (let n = 1; !stopping; n++) {
        await send('filing', who, `drill-pg-filing-${index}-${n}`, `Defendant ${index}-${n}`);
        await delay(FILING_PACE_MS);
      }
    };
    const stepClient = async () => {
      while (!stopping && waiting.length > 0) {
        const caseNo = waiting.shift()!;
        await send('step', officer, `drill-pg-step-${caseNo}`, caseNo);
        await delay(STEP_PACE_MS);
      }
    };
    const clients = Promise.all([...filers.map(filingClient), stepClient()]);

    await eventually(async () => sent.length, (count) => count >= 4, 30_000);
    const cutAt = Date.now();
    proxy.cut();
    await delay(OUTAGE_MS);
    proxy.restore();
    const restoredAt = Date.now();
    // Until every filer has been answered as usual again.
    await eventually(async () => filers.map((f) => sent.filter((s) => s.who === f && s.sentAt >= restoredAt && s.answer.status === 201).length), (ok) => ok.every((n) => n >= 1), 60_000);
    stopping = true;
    await clients;
    // The steps left, after the outage.
    for (const caseNo of waiting.splice(0)) await send('step', officer, `drill-pg-step-${caseNo}`, caseNo);

    // Every answer: the usual one, or a clean 503 naming the database. Never a 500, never a stack.
    const statuses = new Set(sent.map((s) => s.answer.status));
    expect([...statuses].filter((s) => ![200, 201, 503].includes(s))).toEqual([]);
    const refused = sent.filter((s) => s.answer.status === 503);
    // Whatever was sent and answered while the database was away was refused (filings and steps alike), and nothing else was.
    const whileDown = sent.filter((s) => s.sentAt >= cutAt && s.answeredAt <= restoredAt);
    expect(whileDown.map((s) => s.what)).toEqual(expect.arrayContaining(['filing', 'step']));
    expect(whileDown.filter((s) => s.answer.status !== 503)).toEqual([]);
    expect(refused.filter((s) => s.answeredAt < cutAt || s.sentAt > restoredAt)).toEqual([]);
    expect(proxy.refused()).toBeGreaterThan(0);
    for (const r of refused) {
      expect(r.answer.type).toMatch(/^application\/problem\+json/);
      expect(r.answer.body).toMatchObject({ status: 503, type: 'urn:courtflow:problem:dependency-unavailable', dependency: 'database' });
      expect(JSON.stringify(r.answer.body)).not.toMatch(/\bat \S+ \(|node_modules|ECONN|Connection terminated/);
    }

    // Filings: every accepted one once, with its case running; every refused one nowhere, and filed when sent again.
    const filings = sent.filter((s) => s.what === 'filing');
    const rowsOf = async (f: Sent) =>
      (await stack.db.pool.query<{ case_no: string }>('SELECT case_no FROM sct_filings WHERE idempotency_key = $1', [`${f.who.id}:${f.key}`])).rows.map((r) => r.case_no);
    for (const f of filings.filter((x) => x.answer.status === 201)) expect(await rowsOf(f)).toEqual([f.answer.body.caseNo]);
    for (const f of filings.filter((x) => x.answer.status === 503)) {
      expect([f.key, await rowsOf(f)]).toEqual([f.key, []]);
      const again = await claims.file(f.who, claimAgainst(f.subject), f.key);
      expect([f.key, again.status]).toEqual([f.key, 201]);
      f.answer = again;
      expect(await rowsOf(f)).toEqual([again.body.caseNo]);
    }
    const caseNos = filings.map((f) => f.answer.body.caseNo!);
    expect(new Set(caseNos).size).toBe(caseNos.length);

    // Steps: an accepted one taken once, a refused one not at all (then taken once when sent again).
    const steps = sent.filter((s) => s.what === 'step');
    expect(steps).toHaveLength(8);
    for (const s of steps) {
      const taken = () => historyOf(stack.temporal, s.subject).then((h) => updatesIn(h).filter((u) => u.updateId.endsWith(`:recordService:${s.key}`)));
      if (s.answer.status === 503) {
        expect([s.subject, (await taken()).length]).toEqual([s.subject, 0]);
        s.answer = await claims.recordService(officer, s.subject, s.key);
        expect([s.subject, s.answer.status]).toEqual([s.subject, 200]);
      }
      expect([s.subject, (await taken()).map((u) => u.completed)]).toEqual([s.subject, [1]]);
    }

    // The read models catch up: every case at its workflow's version, served from the read model.
    for (const caseNo of [...caseNos, ...steps.map((s) => s.subject)]) {
      const live = await stack.temporal.workflow.getHandle(caseNo).query(stateQuery);
      await eventually(
        () => claims.read(officer, caseNo).then((r) => r.body),
        (v) => v.readModel?.source === 'read-model' && v.version >= live.version,
        120_000,
      );
    }
    // No case number was taken by a refused filing: the numbers run from 1 without a gap.
    const numbers = await stack.db.pool.query<{ case_no: string }>('SELECT case_no FROM sct_filings ORDER BY case_no');
    expect(numbers.rows.map((r) => Number(r.case_no.slice(-6)))).toEqual(numbers.rows.map((_r, i) => i + 1));
    // And the audit log has one filing entry per case.
    const audited = await stack.db.pool.query<{ target: string; n: string }>(
      `SELECT target, count(*) AS n FROM audit_log WHERE action = 'fileSmallClaim' AND target = ANY($1) GROUP BY target`,
      [caseNos.map((c) => `case:${c}`)],
    );
    expect(audited.rows.map((r) => Number(r.n))).toEqual(caseNos.map(() => 1));
  }, 300_000);
});
