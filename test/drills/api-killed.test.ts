/**
 * Drill: the API killed with SIGKILL while a step's request is in flight.
 *
 * The step (record service) is caught after the case has accepted it and
 * before it is answered: the drill holds the case's read-model row, which
 * the case writes before it answers (read your own writes). The API dies
 * with the request open, so its caller gets no answer; the API is started
 * again and the caller retries with the same Idempotency-Key, as a client
 * must after a lost answer. The step is taken once, and every retry gets the
 * answer the first request was owed.
 */
import { aClaim } from '../support/claims';
import { smallClaims, startDrillStack, type CourtflowProcess, type DrillStack } from '../support/drill-stack';
import { DrillLocks } from '../support/pg-locks';
import { eventually, type SignedIn } from '../support/stack';
import { historyOf, updatesIn } from '../support/workflow-history';

let stack: DrillStack;
let api: CourtflowProcess;
let locks: DrillLocks;
let officer: SignedIn;
let filer: SignedIn;

beforeAll(async () => {
  stack = await startDrillStack();
  [, api] = await Promise.all([stack.startWorker(), stack.startApi()]);
  locks = new DrillLocks(stack.db.pool);
  officer = await stack.officer();
  filer = await stack.newIndividual('Chan Tai Man');
}, 180_000);

afterAll(async () => {
  await locks?.releaseAll();
  await stack?.stop();
});

describe('drill: the API is killed with SIGKILL in the middle of a step', () => {
  it('when the caller retries with the same Idempotency-Key after the restart, then the step is taken once and every retry gets the same answer', async () => {
    const claims = smallClaims(stack.baseUrl);
    const filed = await claims.file(filer, aClaim(), 'drill-api-killed');
    expect(filed.status).toBe(201);
    const { caseNo } = filed.body;
    const before = await eventually(() => claims.read(filer, caseNo).then((r) => r.body), (v) => v.readModel?.source === 'read-model', 30_000);

    const readModelRow = await locks.hold('SELECT 1 FROM sct_cases WHERE case_no = $1 FOR UPDATE', [caseNo]);
    const KEY = 'drill-service-once';
    const inFlight = claims.recordService(officer, caseNo, KEY);
    // Accepted by the case, and held at its projection: the request is open, its answer not yet made.
    await eventually(async () => updatesIn(await historyOf(stack.temporal, caseNo)).filter((u) => u.name === 'recordService'), (u) => u.length === 1, 30_000);
    await eventually(() => locks.waiting('INSERT INTO sct_cases'), (n) => n === 1, 30_000);

    await api.kill('SIGKILL');
    await expect(inFlight).rejects.toThrow();
    await readModelRow.release();
    api = await stack.startApi();

    const retried = await claims.recordService(officer, caseNo, KEY);
    expect([retried.status, retried.type]).toEqual([200, expect.stringMatching(/^application\/json/)]);
    const again = await claims.recordService(officer, caseNo, KEY);
    expect([again.status, again.headers.get('idempotent-replayed')]).toEqual([200, 'true']);
    expect(again.body).toEqual(retried.body);

    // Once: one update of that name in the case's history, completed once, whose answer is the one every retry got.
    const steps = updatesIn(await historyOf(stack.temporal, caseNo)).filter((u) => u.name === 'recordService');
    expect(steps.map((u) => [u.updateId.endsWith(`:recordService:${KEY}`), u.completed])).toEqual([[true, 1]]);
    expect(retried.body).toEqual(steps[0]!.result);
    expect(retried.body.version).toBeGreaterThan(before.version);
    const audited = await stack.db.pool.query(`SELECT 1 FROM audit_log WHERE action = 'recordService' AND target = $1`, [`case:${caseNo}`]);
    expect(audited.rowCount).toBe(1);

    // The read model has caught up with that version (or a later one: the notice of hearing may be issued since).
    const now = await eventually(() => claims.read(officer, caseNo).then((r) => r.body), (v) => v.readModel?.source === 'read-model' && v.version >= retried.body.version, 30_000);
    expect(now.stage).toBe('awaiting-hearing');
    expect(now.service.map((s) => s.partyId)).toEqual(['D1']);
  }, 180_000);
});
