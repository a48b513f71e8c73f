/**
 * Drill: `kill -9` of the worker in the middle of activities.
 *
 * Two activities are caught half-way, each held by a lock the drill takes in
 * PostgreSQL (so "in the middle" is a fact the drill sees, not a guess
 * made with a sleep):
 *
 * - the notice of hearing a new case issues: its PDF stored and its paper
 *   recorded, its inbox message inserted but not yet committed (the
 *   drill holds `inbox_attachments`);
 * - the projection of a step (record service) whose HTTP request is still
 *   waiting for its answer (the drill holds the case's read-model row).
 *
 * Once both are seen running on the worker (pending and started in
 * Temporal, their queries waiting on the drill's locks in PostgreSQL), the
 * worker is killed with SIGKILL and a new one started. The step's request
 * must still be answered, and everything must have happened exactly once.
 */
import { temporal as proto } from '@temporalio/proto';
import { stateQuery } from '../../workflows/sct/contract';
import { aClaim } from '../support/claims';
import { requestJson } from '../support/api-call';
import { smallClaims, startDrillStack, type CourtflowProcess, type DrillCaseView as CaseView, type DrillStack } from '../support/drill-stack';
import { DrillLocks } from '../support/pg-locks';
import { eventually, type SignedIn } from '../support/stack';
import { activitiesIn, historyOf, pendingTimers, updatesIn } from '../support/workflow-history';

let stack: DrillStack;
let firstWorker: CourtflowProcess;
let officer: SignedIn;
let filer: SignedIn;
let locks: DrillLocks;

beforeAll(async () => {
  stack = await startDrillStack();
  [firstWorker] = await Promise.all([stack.startWorker(), stack.startApi()]);
  locks = new DrillLocks(stack.db.pool);
  officer = await stack.officer();
  filer = await stack.newIndividual('Chan Tai Man');
}, 180_000);

afterAll(async () => {
  await locks?.releaseAll();
  await stack?.stop();
});

const STARTED = proto.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED;

/** The activities of the workflow that are started and not finished, by type, with the worker running each. */
async function runningActivities(caseNo: string): Promise<{ type: string; worker: string }[]> {
  const { raw } = await stack.temporal.workflow.getHandle(caseNo).describe();
  return (raw.pendingActivities ?? [])
    .filter((a) => a.state === STARTED)
    .map((a) => ({ type: a.activityType?.name ?? '', worker: a.lastWorkerIdentity ?? '' }));
}

describe('drill: the worker is killed with SIGKILL in the middle of activities', () => {
  it('when a paper and a step projection are half done on the killed worker, then another worker finishes each, once, and the step is answered', async () => {
    const inbox = await locks.hold('LOCK TABLE inbox_attachments IN SHARE ROW EXCLUSIVE MODE');
    const claims = smallClaims(stack.baseUrl);
    const filed = await claims.file(filer, aClaim(), 'drill-worker-killed');
    expect(filed.status).toBe(201);
    const { caseNo } = filed.body;
    const readCase = () => claims.read(filer, caseNo).then((r) => r.body);
    const before = await eventually(readCase, (v) => v.readModel?.source === 'read-model' && v.stage === 'awaiting-hearing', 30_000);

    // The notice of hearing is half issued: its paper recorded, its inbox message waiting on the drill's lock.
    await eventually(() => locks.waiting('INSERT INTO inbox_attachments'), (n) => n === 1, 30_000);
    const { rows: papers } = await stack.db.pool.query<{ paper_key: string }>('SELECT paper_key FROM case_papers WHERE case_no = $1', [caseNo]);
    expect(papers).toHaveLength(1);
    const paperKey = papers[0]!.paper_key;

    // A step, held at its projection: its HTTP request waits for the answer.
    const readModelRow = await locks.hold('SELECT 1 FROM sct_cases WHERE case_no = $1 FOR UPDATE', [caseNo]);
    const answer = claims.recordService(officer, caseNo, 'drill-record-service');
    await eventually(async () => updatesIn(await historyOf(stack.temporal, caseNo)).filter((u) => u.name === 'recordService'), (u) => u.length === 1, 30_000);
    await eventually(() => locks.waiting('INSERT INTO sct_cases'), (n) => n === 1, 30_000);

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

    // The step's request, sent before the kill, is answered by the case as the new worker finished it.
    const stepped = await answer;
    expect([stepped.status, stepped.body.stage]).toEqual([200, 'awaiting-hearing']);
    expect(stepped.body.version).toBeGreaterThan(before.version);
    // The notice reaches the filer's inbox once the first attempt's time is up (a minute) and it is tried again.
    const notices = await eventually(
      () => requestJson<{ messages: { kind: string; attachments: unknown[] }[] }>(stack.baseUrl, 'GET', '/api/v1/inbox?limit=100', filer).then((r) => r.body.messages),
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
    const timers = pendingTimers(await historyOf(stack.temporal, caseNo));
    expect(timers).toHaveLength(1);
    expect(timers[0]!.firesAt).toBeGreaterThan(Date.now());
  }, 240_000);
});
