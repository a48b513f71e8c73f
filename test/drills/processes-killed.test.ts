/**
 * Drills: the processes of the stack killed with SIGKILL mid-work, one
 * after another, as one machine might suffer them: the API with a step in
 * flight, the Temporal dev server with cases waiting on their timers, and
 * the worker in the middle of activities. They share one stack (the built
 * `courtflow worker` and `courtflow api` as child processes, a Temporal dev
 * server on a SQLite file, PostgreSQL); each files cases of its own and
 * leaves the stack running, restarted where it killed something.
 *
 * "In the middle" is observed, never guessed with a sleep: the drill holds
 * a lock in PostgreSQL that the work must wait on, and sees both sides of
 * it (the update or activity started in Temporal, its query waiting on the
 * lock in pg_stat_activity) before it kills anything.
 */
import { temporal as proto } from '@temporalio/proto';
import { READINESS_TIMEOUT_MS } from '../../api/health';
import type { SmallClaim } from '../../domain/sct/claim';
import { stateQuery, type SmallClaimView } from '../../workflows/sct/contract';
import { requestJson } from '../support/api-call';
import { aClaim } from '../support/claims';
import { smallClaims, startDrillStack, type CourtflowProcess, type DrillCaseView as CaseView, type DrillStack } from '../support/drill-stack';
import { DrillLocks } from '../support/pg-locks';
import { eventually, type SignedIn } from '../support/stack';
import { activitiesIn, historyOf, pendingTimers, updatesIn } from '../support/workflow-history';

let stack: DrillStack;
let worker: CourtflowProcess;
let api: CourtflowProcess;
let locks: DrillLocks;
let officer: SignedIn;
let filer: SignedIn;
let claims: ReturnType<typeof smallClaims>;

beforeAll(async () => {
  stack = await startDrillStack();
  [worker, api] = await Promise.all([stack.startWorker(), stack.startApi()]);
  locks = new DrillLocks(stack.db.pool);
  claims = smallClaims(stack.baseUrl);
  officer = await stack.officer();
  filer = await stack.newIndividual('Chan Tai Man');
}, 180_000);

// A drill that failed half-way lets go of its locks before the next one runs.
afterEach(async () => {
  await locks?.releaseAll();
});

afterAll(async () => {
  await stack?.stop();
});

/** A claim against a defendant of its own: the drills' claims are not one claim split (s.8). */
const claimAgainst = (defendant: string): SmallClaim => aClaim({ defendants: [{ name: defendant, address: { lines: ['Shop 3, G/F', '8 Queen’s Road Central'] } }] });

/** Files a claim as the filer and waits until its case has settled: its notice of hearing issued, and in the read model. */
async function fileSettled(defendant: string): Promise<CaseView> {
  const filed = await claims.file(filer, claimAgainst(defendant), `drill-${defendant}`);
  expect(filed.status).toBe(201);
  const { caseNo } = filed.body;
  const live = await eventually(() => stack.temporal.workflow.getHandle(caseNo).query(stateQuery), (v) => (v.papersIssued ?? []).length === 1, 30_000);
  return eventually(() => claims.read(filer, caseNo).then((r) => r.body), (v) => v.readModel?.source === 'read-model' && v.version >= live.version, 30_000);
}

/** The record-service updates the case's history holds. */
const serviceSteps = async (caseNo: string) => updatesIn(await historyOf(stack.temporal, caseNo)).filter((u) => u.name === 'recordService');

/**
 * The API killed with SIGKILL while a step's request is in flight: caught
 * after the case has accepted the step (record service) and before it is
 * answered (the drill holds the case's read-model row, which the case
 * writes before it answers). The caller gets no answer; the API is started
 * again and the caller retries with the same Idempotency-Key, as a client
 * must after a lost answer. The step is taken once, and every retry gets
 * the answer the first request was owed.
 */
describe('drill: the API is killed with SIGKILL in the middle of a step', () => {
  it('when the caller retries with the same Idempotency-Key after the restart, then the step is taken once and every retry gets the same answer', async () => {
    const before = await fileSettled('Ho Kin Wah');
    const { caseNo } = before;

    const readModelRow = await locks.hold('SELECT 1 FROM sct_cases WHERE case_no = $1 FOR UPDATE', [caseNo]);
    const KEY = 'drill-service-once';
    const inFlight = claims.recordService(officer, caseNo, KEY);
    // Accepted by the case, and held at its projection: the request is open, its answer not yet made.
    await eventually(() => serviceSteps(caseNo), (u) => u.length === 1, 30_000);
    await eventually(() => locks.waiting('INSERT INTO sct_cases'), (n) => n >= 1, 30_000);

    await api.kill('SIGKILL');
    await expect(inFlight).rejects.toThrow();
    await readModelRow.release();
    api = await stack.startApi();

    const retried = await claims.recordService(officer, caseNo, KEY);
    expect([retried.status, retried.type]).toEqual([200, expect.stringMatching(/^application\/json/)]);
    // Its answer was kept before it was sent, so a client retrying at once is answered from it.
    const kept = await stack.db.pool.query(`SELECT 1 FROM idempotent_requests WHERE account_id = $1 AND key = $2`, [officer.id, KEY]);
    expect(kept.rowCount).toBe(1);
    const again = await claims.recordService(officer, caseNo, KEY);
    expect([again.status, again.headers.get('idempotent-replayed')]).toEqual([200, 'true']);
    expect(again.body).toEqual(retried.body);

    // Once: one update of that name in the case's history, completed once, whose answer is the one every retry got.
    const steps = await serviceSteps(caseNo);
    expect(steps.map((u) => [u.updateId.endsWith(`:recordService:${KEY}`), u.completed])).toEqual([[true, 1]]);
    expect(retried.body).toEqual(steps[0]!.result);
    expect(retried.body.version).toBeGreaterThan(before.version);
    const audited = await stack.db.pool.query(`SELECT 1 FROM audit_log WHERE action = 'recordService' AND target = $1`, [`case:${caseNo}`]);
    expect(audited.rowCount).toBe(1);

    // The read model has caught up with that version (or a later one: the notice of hearing may be issued since).
    const now = await eventually(() => claims.read(officer, caseNo).then((r) => r.body), (v) => v.readModel?.source === 'read-model' && v.version >= retried.body.version, 30_000);
    expect(now.stage).toBe('awaiting-hearing');
    expect(now.service.map((s) => s.partyId)).toEqual(['D1']);
  }, 120_000);
});

/** What must survive: the case as its workflow holds it, and the timer it waits on. */
async function snapshot(caseNo: string) {
  const live: SmallClaimView = await stack.temporal.workflow.getHandle(caseNo).query(stateQuery);
  return {
    version: live.version,
    stage: live.stage,
    deadlines: live.deadlines.map((d) => [d.key, d.computation.due, d.status]),
    alerts: live.alerts,
    papers: live.papersIssued,
    timers: pendingTimers(await historyOf(stack.temporal, caseNo)),
  };
}

/**
 * The Temporal dev server killed with SIGKILL and started again on its
 * SQLite file (`--db-filename`, as `courtflow start` runs it) while cases
 * wait on their statutory timers. While it is down the API says so (503
 * problem+json, /readyz not ready, at once) and the worker and the API stay
 * up. Once it is back, every case has the same pending timer firing at the
 * same instant, the same deadlines, alerts and version, and a step works.
 */
describe('drill: the Temporal dev server is killed and restarted on its database', () => {
  it('when cases wait on statutory timers, then after the restart the same timers are pending for the same instants and a step still works', async () => {
    const caseNos: string[] = [];
    for (const defendant of ['Wong Siu Ming', 'Lee Ka Yan']) {
      const filed = await claims.file(filer, claimAgainst(defendant), `drill-temporal-${defendant}`);
      expect(filed.status).toBe(201);
      caseNos.push(filed.body.caseNo);
    }
    // Settled: notice issued and projected, one timer pending (the next alert, ahead of the hearing's own).
    const before = new Map<string, Awaited<ReturnType<typeof snapshot>>>();
    for (const caseNo of caseNos) {
      const settled = await eventually(() => snapshot(caseNo), (s) => (s.papers ?? []).length === 1 && s.timers.length === 1, 30_000);
      await eventually(() => claims.read(filer, caseNo).then((r) => r.body), (v) => v.version === settled.version && v.readModel?.source === 'read-model', 30_000);
      expect(settled.timers[0]!.firesAt).toBeGreaterThan(Date.now());
      before.set(caseNo, settled);
    }

    await stack.crashTemporal();
    // Down: the API says so, cleanly and at once (a probe that hangs answers nobody), and changes nothing.
    const asked = Date.now();
    const ready = await requestJson<{ checks: { temporal: string; postgres: string } }>(stack.baseUrl, 'GET', '/readyz', null);
    expect([ready.status, ready.body.checks]).toEqual([503, { temporal: expect.stringMatching(/^unreachable/), postgres: 'ok' }]);
    expect(Date.now() - asked).toBeLessThan(READINESS_TIMEOUT_MS + 1_000);
    const refused = await claims.recordService(officer, caseNos[0]!, 'drill-while-temporal-down');
    expect([refused.status, refused.type]).toEqual([503, expect.stringMatching(/^application\/problem\+json/)]);
    expect(refused.body).toMatchObject({ status: 503, type: 'urn:courtflow:problem:dependency-unavailable', dependency: 'temporal' });
    expect(JSON.stringify(refused.body)).not.toMatch(/\bat \S+ \(|node_modules/);

    await stack.restartTemporal();
    await eventually(() => requestJson(stack.baseUrl, 'GET', '/readyz', null).then((r) => r.status), (s) => s === 200, 60_000);
    // Nobody was restarted: the same worker and API carried on.
    expect([worker.output(), api.output()].join('')).not.toMatch(/uncaught|unhandled/i);
    for (const child of [worker, api]) expect(() => process.kill(child.pid, 0)).not.toThrow();

    for (const caseNo of caseNos) expect(await snapshot(caseNo)).toEqual(before.get(caseNo));

    // A step still works: the one refused while Temporal was down, retried with its key.
    const [first, second] = caseNos as [string, string];
    const served = await claims.recordService(officer, first, 'drill-while-temporal-down');
    expect([served.status, served.body.service]).toEqual([200, [expect.objectContaining({ partyId: 'D1' })]]);
    const after = await eventually(() => snapshot(first), (s) => s.version >= served.body.version && s.timers.length === 1, 30_000);
    // The timer is started afresh after a step, for the same instant (counted from the new workflow task, so to within seconds).
    expect(Math.abs(after.timers[0]!.firesAt - before.get(first)!.timers[0]!.firesAt)).toBeLessThan(10_000);
    await eventually(() => claims.read(officer, first).then((r) => r.body), (v) => v.version === after.version && v.readModel?.source === 'read-model', 30_000);
    expect(await snapshot(second)).toEqual(before.get(second));
  }, 180_000);
});

const STARTED = proto.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED;

/** The activities of the workflow that are started and not finished, by type, with the worker running each. */
async function runningActivities(caseNo: string): Promise<{ type: string; worker: string }[]> {
  const { raw } = await stack.temporal.workflow.getHandle(caseNo).describe();
  return (raw.pendingActivities ?? [])
    .filter((a) => a.state === STARTED)
    .map((a) => ({ type: a.activityType?.name ?? '', worker: a.lastWorkerIdentity ?? '' }));
}

/**
 * The worker killed with SIGKILL with two activities caught half-way:
 * - the notice of hearing a new case issues: its PDF stored and its paper
 *   recorded, its inbox message inserted but not committed (the drill holds
 *   `inbox_attachments`);
 * - the projection of a step (record service) whose HTTP request is still
 *   waiting for its answer (the drill holds the case's read-model row).
 * Once both are seen running on that worker, it is killed and a new one
 * started. The step's request is still answered, and everything happens
 * exactly once.
 */
describe('drill: the worker is killed with SIGKILL in the middle of activities', () => {
  it('when a paper and a step projection are half done on the killed worker, then another worker finishes each, once, and the step is answered', async () => {
    const inbox = await locks.hold('LOCK TABLE inbox_attachments IN SHARE ROW EXCLUSIVE MODE');
    const firstWorker = worker;
    const filed = await claims.file(filer, claimAgainst('Chow Tak Ming'), 'drill-worker-killed');
    expect(filed.status).toBe(201);
    const { caseNo } = filed.body;
    const readCase = () => claims.read(filer, caseNo).then((r) => r.body);
    const before = await eventually(readCase, (v) => v.readModel?.source === 'read-model' && v.stage === 'awaiting-hearing', 30_000);

    // The notice of hearing is half issued: its paper recorded, its inbox message waiting on the drill's lock.
    const papersOf = async () => (await stack.db.pool.query<{ paper_key: string }>('SELECT paper_key FROM case_papers WHERE case_no = $1', [caseNo])).rows;
    const [paper] = await eventually(papersOf, (rows) => rows.length === 1, 30_000);
    const paperKey = paper!.paper_key;
    await eventually(() => locks.waiting('INSERT INTO inbox_attachments'), (n) => n >= 1, 30_000);

    // A step, held at its projection: its HTTP request waits for the answer.
    const readModelRow = await locks.hold('SELECT 1 FROM sct_cases WHERE case_no = $1 FOR UPDATE', [caseNo]);
    const answer = claims.recordService(officer, caseNo, 'drill-record-service');
    await eventually(() => serviceSteps(caseNo), (u) => u.length === 1, 30_000);
    await eventually(() => locks.waiting('INSERT INTO sct_cases'), (n) => n >= 1, 30_000);

    // Both are running, on this worker, and neither has finished: now it dies.
    const running = await eventually(() => runningActivities(caseNo), (a) => a.length === 2, 30_000);
    expect(running).toEqual(
      expect.arrayContaining([
        { type: 'issueCasePaper', worker: firstWorker.identity },
        { type: 'projectSmallClaim', worker: firstWorker.identity },
      ]),
    );
    await firstWorker.kill('SIGKILL');
    await inbox.release();
    await readModelRow.release();
    const secondWorker = await stack.startWorker();
    worker = secondWorker;

    // The step's request, sent before the kill, is answered by the case as the new worker finished it.
    const stepped = await answer;
    expect([stepped.status, stepped.body.stage]).toEqual([200, 'awaiting-hearing']);
    expect(stepped.body.version).toBeGreaterThan(before.version);
    // The notice reaches the filer's inbox once the first attempt's time is up (a minute) and it is tried again.
    const notices = await eventually(
      async () => (await requestJson<{ messages: { kind: string; subject: string; attachments: unknown[] }[] }>(stack.baseUrl, 'GET', '/api/v1/inbox?limit=100', filer)).body.messages.filter((m) => m.subject.includes(caseNo)),
      (messages) => messages.length > 0,
      120_000,
    );
    expect(notices.map((m) => [m.kind, m.attachments.length])).toEqual([['notice', 1]]);

    // Exactly once, as the history tells it: one step, one paper, one projection of the step's version, each finished by the new worker.
    const history = await historyOf(stack.temporal, caseNo);
    const steps = updatesIn(history).filter((u) => u.name === 'recordService');
    expect(steps.map((u) => u.completed)).toEqual([1]);
    expect((steps[0]!.result as CaseView).version).toBe(stepped.body.version);
    const issued = activitiesIn<{ key: string }>(history, 'issueCasePaper');
    expect(issued.map((a) => [a.input.key, a.completions, a.worker])).toEqual([[paperKey, 1, secondWorker.identity]]);
    expect(issued[0]!.attempt).toBeGreaterThanOrEqual(2);
    const projectedStep = activitiesIn<{ version: number }>(history, 'projectSmallClaim').filter((a) => a.input.version === stepped.body.version);
    expect(projectedStep.map((a) => [a.completions, a.worker])).toEqual([[1, secondWorker.identity]]);
    expect(projectedStep[0]!.attempt).toBeGreaterThanOrEqual(2);

    // And as the database tells it: one paper, one message with one attachment, one delivery and one step in the audit log.
    const count = async (sql: string, params: unknown[]) => Number((await stack.db.pool.query<{ n: string }>(sql, params)).rows[0]?.n);
    expect(await count('SELECT count(*) AS n FROM case_papers WHERE case_no = $1', [caseNo])).toBe(1);
    expect(await count('SELECT count(*) AS n FROM inbox_messages WHERE dedupe_key = $1', [paperKey])).toBe(1);
    expect(await count('SELECT count(*) AS n FROM inbox_attachments a JOIN inbox_messages m ON m.id = a.message_id WHERE m.dedupe_key = $1', [paperKey])).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'inbox.delivered' AND after->>'dedupeKey' = $1`, [paperKey])).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'recordService' AND target = $1`, [`case:${caseNo}`])).toBe(1);

    // The case is where it should be: its read model at the workflow's version, its deadlines and alerts those of the workflow, its timer pending.
    const live = await stack.temporal.workflow.getHandle(caseNo).query(stateQuery);
    const after = await eventually(readCase, (v) => v.version === live.version && v.readModel?.source === 'read-model', 30_000);
    expect(live.papersIssued?.map((p) => p.key)).toEqual([paperKey]);
    expect(after.service.map((s) => s.partyId)).toEqual(['D1']);
    expect(after.deadlines.map((d) => [d.key, d.computation.due, d.status])).toEqual(live.deadlines.map((d) => [d.key, d.computation.due, d.status]));
    expect(after.deadlines.map((d) => d.key)).toEqual(expect.arrayContaining(before.deadlines.map((d) => d.key)));
    expect(after.alerts).toEqual(JSON.parse(JSON.stringify(live.alerts)));
    // Its timer pending (started afresh, once the case has published what the new worker did).
    const timers = await eventually(async () => pendingTimers(await historyOf(stack.temporal, caseNo)), (pending) => pending.length === 1, 30_000);
    expect(timers[0]!.firesAt).toBeGreaterThan(Date.now());
  }, 240_000);
});
