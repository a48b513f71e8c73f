/**
 * An auditor reads the audit log: GET /api/v1/audit-log and `courtflow audit
 * list` filter entries written by real API calls (two small claims filed by
 * two people, a filing opened on one, the case read) by case, actor, action
 * and time; pages give every entry once; others are refused; bad filters are
 * 400s naming the field and rule. Then `courtflow audit verify` says what it
 * checked, in words and in JSON. Real Temporal and PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runAuditCommand } from '../../cli/commands/audit';
import { auditHash, type Json } from '../../db/audit-log';
import { aClaim } from '../support/claims';
import { SEEDED, startTestStack, type SignedIn, type TestStack } from '../support/stack';

interface Entry {
  seq: number;
  at: string;
  actor: { id: string; role: string; onBehalfOf: string | null };
  action: string;
  target: string | null;
  requestId: string | null;
  before: Json | null;
  after: Json | null;
  prevHash: string;
  hash: string;
}
interface Page {
  entries: Entry[];
  nextCursor: string | null;
}

let stack: TestStack;
let auditor: SignedIn;
let officer: SignedIn;
let chan: SignedIn;
let ho: SignedIn;
let caseOfChan: string;
let caseOfHo: string;
let filingOnChansCase: string;
let dataDir: string;

async function call(pathAndQuery: string, headers: Record<string, string>, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(`${stack.baseUrl}${pathAndQuery}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  return { status: res.status, requestId: res.headers.get('x-request-id'), body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

async function list(query: string): Promise<Page> {
  const res = await call(`/api/v1/audit-log${query}`, auditor.headers);
  expect([query, res.status]).toEqual([query, 200]);
  return res.body as unknown as Page;
}

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runAuditCommand(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }, {
    DATABASE_URL: stack.db.url,
    COURTFLOW_DATA_DIR: dataDir,
  });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  stack = await startTestStack();
  dataDir = mkdtempSync(path.join(tmpdir(), 'courtflow-audit-reading-'));
  officer = await stack.officer();
  auditor = await stack.login(SEEDED.auditor.username, SEEDED.auditor.password);
  chan = await stack.newIndividual('Chan Tai Man');
  ho = await stack.newIndividual('Ho Ka Ming');
  const filed = await call('/api/v1/sct/claims', chan.headers, { method: 'POST', body: aClaim() });
  expect(filed.status).toBe(201);
  caseOfChan = String(filed.body.caseNo);
  const other = await call('/api/v1/sct/claims', ho.headers, { method: 'POST', body: aClaim() });
  expect(other.status).toBe(201);
  caseOfHo = String(other.body.caseNo);
  const filing = await call('/api/v1/filings', chan.headers, { method: 'POST', body: { caseNo: caseOfChan } });
  expect(filing.status).toBe(201);
  filingOnChansCase = String(filing.body.reference);
  expect((await call(`/api/v1/sct/claims/${caseOfChan}`, chan.headers)).status).toBe(200);
  expect((await call(`/api/v1/sct/claims/${caseOfHo}`, officer.headers)).status).toBe(200);
});
afterAll(async () => {
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('GET /api/v1/audit-log', () => {
  it('when an auditor filters by case, then only entries about that case, its filings, or naming it are listed', async () => {
    const { entries } = await list(`?case=${caseOfChan}&limit=100`);
    const about = (e: Entry) =>
      e.target === `case:${caseOfChan}` || e.target === `filing:${filingOnChansCase}` || (e.after as { caseNo?: string } | null)?.caseNo === caseOfChan;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.filter((e) => !about(e))).toEqual([]);
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['fileSmallClaim', 'filing.open', 'sct.case.viewed']));
    expect(entries.find((e) => e.action === 'filing.open')).toMatchObject({ target: `filing:${filingOnChansCase}`, actor: { id: chan.id, role: 'individual-user' } });
    expect(JSON.stringify(entries)).not.toContain(caseOfHo);
    expect((await list(`?case=SCTC-2099-999999`)).entries).toEqual([]);
  });

  it('when filtered by actor, action (exact or by prefix) or time, then each narrows the list exactly', async () => {
    const byChan = (await list(`?actor=${chan.id}&limit=100`)).entries;
    expect(byChan.length).toBeGreaterThan(0);
    expect(byChan.filter((e) => e.actor.id !== chan.id)).toEqual([]);
    expect(byChan.map((e) => e.action)).toEqual(expect.arrayContaining(['fileSmallClaim', 'filing.open']));

    const filedClaims = (await list('?action=fileSmallClaim')).entries;
    expect(filedClaims.map((e) => e.target).sort()).toEqual([`case:${caseOfChan}`, `case:${caseOfHo}`].sort());

    const sct = (await list('?action=sct.&limit=100')).entries;
    expect(sct.length).toBeGreaterThan(0);
    expect(sct.filter((e) => !e.action.startsWith('sct.'))).toEqual([]);
    // A prefix is matched as text: `_` and `%` are not wildcards.
    expect((await list('?action=sct_&limit=100')).entries).toEqual([]);

    // Opening a filing: entering the case (case-access), then the filing itself.
    const combined = (await list(`?actor=${chan.id}&action=filing.`)).entries;
    expect(combined.map((e) => [e.action, e.target])).toEqual([
      ['filing.open', `filing:${filingOnChansCase}`],
      ['filing.open', `case:${caseOfChan}`],
    ]);

    const all = (await list(`?case=${caseOfChan}&limit=100`)).entries;
    const middle = all[Math.floor(all.length / 2)]!;
    const from = (await list(`?case=${caseOfChan}&from=${encodeURIComponent(middle.at)}&limit=100`)).entries;
    const to = (await list(`?case=${caseOfChan}&to=${encodeURIComponent(middle.at)}&limit=100`)).entries;
    expect(from.every((e) => e.at >= middle.at) && to.every((e) => e.at <= middle.at)).toBe(true);
    expect(new Set([...from, ...to].map((e) => e.seq))).toEqual(new Set(all.map((e) => e.seq)));
    const exactly = (await list(`?case=${caseOfChan}&from=${encodeURIComponent(middle.at)}&to=${encodeURIComponent(middle.at)}`)).entries;
    expect(exactly.map((e) => e.seq)).toContain(middle.seq);
    // The same instant with its Hong Kong offset is the same filter.
    const hk = new Date(Date.parse(middle.at) + 8 * 3600_000).toISOString().replace('Z', '+08:00');
    expect((await list(`?case=${caseOfChan}&from=${encodeURIComponent(hk)}&to=${encodeURIComponent(hk)}`)).entries).toEqual(exactly);
  });

  it('when a step is taken on a filing, then its entry names the filing, and filtering by the case finds it', async () => {
    const opened = await call('/api/v1/filings', ho.headers, { method: 'POST', body: { caseNo: caseOfHo } });
    expect(opened.status).toBe(201);
    const reference = String(opened.body.reference);
    const cancelled = await call(`/api/v1/filings/${reference}/steps/cancel`, ho.headers, { method: 'POST', body: { reason: 'filed in error' } });
    expect(cancelled.status).toBe(200);
    const { entries } = await list(`?case=${caseOfHo}&actor=${ho.id}&limit=100`);
    const step = entries.find((e) => e.target === `filing:${reference}` && e.action !== 'filing.open');
    expect(step).toMatchObject({ actor: { id: ho.id }, after: expect.objectContaining({ version: expect.any(Number) }) });
  });

  it('when paged, then every entry comes once, newest first, each as stored (its hash recomputes)', async () => {
    const seen: Entry[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await list(`?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.entries.length).toBeLessThanOrEqual(7);
      seen.push(...page.entries);
      cursor = page.nextCursor;
    } while (cursor);
    const top = seen[0]!.seq;
    const { rows } = await stack.db.pool.query<{ seq: string }>('SELECT seq FROM audit_log WHERE seq <= $1 ORDER BY seq DESC', [top]);
    expect(seen.map((e) => e.seq)).toEqual(rows.map((r) => Number(r.seq)));
    for (const [i, e] of seen.entries()) {
      const recomputed = auditHash(e.prevHash, {
        seq: e.seq,
        at: new Date(e.at),
        actorId: e.actor.id,
        actorRole: e.actor.role,
        onBehalfOf: e.actor.onBehalfOf,
        action: e.action,
        target: e.target,
        before: e.before,
        after: e.after,
        requestId: e.requestId,
      });
      expect([e.seq, recomputed]).toEqual([e.seq, e.hash]);
      if (i > 0) expect(seen[i - 1]!.prevHash).toBe(e.hash);
    }
  });

  it('when the log is read, then the reading is itself recorded: who, with which filters, how many entries', async () => {
    const res = await call(`/api/v1/audit-log?case=${caseOfChan}&action=filing.`, auditor.headers);
    expect(res.status).toBe(200);
    const { rows } = await stack.db.pool.query('SELECT actor_id, actor_role, action, target, after FROM audit_log WHERE request_id = $1', [res.requestId]);
    expect(rows).toEqual([
      {
        actor_id: auditor.id,
        actor_role: 'auditor',
        action: 'audit.read',
        target: 'audit-log',
        after: { filter: { case: caseOfChan, action: 'filing.' }, entries: 2, seqs: expect.any(Object) },
      },
    ]);
  });

  it('when anyone but an auditor asks, then 401 without credentials and 403 for every other role, the registry included', async () => {
    expect((await call('/api/v1/audit-log', {})).status).toBe(401);
    for (const who of [officer, chan]) {
      const res = await call('/api/v1/audit-log', who.headers);
      expect(res.status).toBe(403);
      expect(res.body.requiredRoles).toEqual(['auditor']);
    }
  });

  it('when a filter is bad, then 400 naming the field and its rule', async () => {
    const refused = async (query: string) => {
      const res = await call(`/api/v1/audit-log${query}`, auditor.headers);
      expect([query, res.status]).toEqual([query, 400]);
      return (res.body.errors as { field: string; rule: string }[]).map((e) => [e.field, e.rule]);
    };
    expect(await refused('?from=2026-03-02T10:00:00Z&to=2026-03-02T09:00:00Z')).toEqual([['to', 'not-before-from']]);
    expect(await refused('?from=2026-03-02')).toEqual([['from', 'invalid_format']]);
    expect(await refused('?to=2026-03-02T09:00:00')).toEqual([['to', 'invalid_format']]);
    expect(await refused('?action=in%20box')).toEqual([['action', 'invalid_format']]);
    expect(await refused('?case=')).toEqual([['case', 'too_small']]);
    expect(await refused('?limit=0')).toEqual([['limit', 'too_small']]);
    expect(await refused('?cursor=bm90LW91cnM')).toEqual([['cursor', 'issued-cursor']]);
    expect(await refused('?caseNo=SCTC-2026-000001')).toEqual([['caseNo', 'unrecognized_keys']]);
  });
});

describe('courtflow audit list', () => {
  it('when given the same filters, then --json gives the same entries as the API, one per line', async () => {
    const api = (await list(`?case=${caseOfChan}&limit=100`)).entries;
    const r = await cli(['list', '--case', caseOfChan, '--limit', '100', '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').map((line) => JSON.parse(line) as Entry)).toEqual(api);
  });

  it('when printed for people, then a table with a header and a line saying what was shown and how to go on', async () => {
    const r = await cli(['list', '--actor', chan.id, '--limit', '1']);
    expect(r.code).toBe(0);
    const [header, row, footer] = r.stdout.trim().split('\n');
    expect(header).toMatch(/^SEQ\s+AT\s+ACTOR\s+ROLE\s+ON BEHALF OF\s+ACTION\s+TARGET\s+REQUEST$/);
    expect(row).toContain(chan.id);
    expect(footer).toMatch(/^1 entry, newest first \(seq \d+ down to \d+\); older ones match too: add --cursor \S+$/);
    const cursor = /--cursor (\S+)$/.exec(footer!)![1]!;
    const next = await cli(['list', '--actor', chan.id, '--limit', '1', '--cursor', cursor, '--json']);
    expect(next.code).toBe(0);
    expect((JSON.parse(next.stdout) as Entry).seq).toBeLessThan(Number(/^(\d+)/.exec(row!)![1]));
    expect((await cli(['list', '--case', 'SCTC-2099-999999'])).stdout).toBe('no entries match\n');
  });

  it('when a filter is bad, then exit 2 naming the option and its rule, before the database is read', async () => {
    const r = await cli(['list', '--from', '2026-03-02T10:00:00Z', '--to', '2026-03-02T09:00:00Z']);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toContain('--to must be at or after from (not-before-from)');
    expect(await cli(['list', '--limit'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--limit needs a value') });
    expect(await cli(['list', '--who', 'x'])).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown option '--who'") });
  });
});

describe('courtflow audit verify says what it checked', () => {
  it('when the record is intact, then words and JSON give the entries, their seq and time range, the anchors and the result', async () => {
    const anchored = await cli(['verify', '--anchor']);
    expect(anchored.code).toBe(0);
    const words = await cli(['verify']);
    expect(words.code).toBe(0);
    expect(words.stdout).toMatch(/^audit log intact: \d+ entries \(seq 1 to \d+\), written \S+Z to \S+Z; head seq \d+, hash [0-9a-f]{64}\n/);
    expect(words.stdout).toMatch(/anchors intact: 1 checked with key [0-9a-f]{16}.*; latest: anchor #\d+ at seq \d+, signed \S+Z\n/);
    expect(words.stdout.trim().split('\n').at(-1)).toBe('the stored record is intact');

    const json = await cli(['verify', '--json']);
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as {
      ok: boolean;
      entries: { count: number; firstSeq: number; lastSeq: number; firstAt: string; lastAt: string };
      anchors: { count: number; keyId: string; latest: { seq: number; anchoredAt: string; keyId: string } };
    };
    // Up to the seq verify reached: the worker may append meanwhile.
    const { rows } = await stack.db.pool.query<{ n: string; first: Date; last: Date; top: string }>(
      'SELECT count(*) AS n, min(at) AS first, max(at) AS last, max(seq) AS top FROM audit_log WHERE seq <= $1',
      [result.entries.lastSeq],
    );
    const counted = rows[0]!;
    expect(result).toMatchObject({
      ok: true,
      entries: { count: Number(counted.n), firstSeq: 1, lastSeq: Number(counted.top), firstAt: counted.first.toISOString(), lastAt: counted.last.toISOString() },
      anchors: { count: 1, keyId: expect.stringMatching(/^[0-9a-f]{16}$/), latest: { seq: expect.any(Number), anchoredAt: expect.any(String) } },
    });
    expect(result.anchors.latest.keyId).toBe(result.anchors.keyId);
  });
});
