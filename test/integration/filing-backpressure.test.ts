/**
 * Filings pushed back while the workers are behind: a real Temporal dev
 * server's own report of how many tasks wait and how long the oldest has
 * waited decides. The probe queue here has no worker, so workflows started
 * on it wait for as long as the test lets them: a backlog that is there, not
 * one pretended.
 */
import { randomUUID } from 'node:crypto';
import { admitNewWork, taskQueueBacklog, type WorkerBacklog } from '../../services/intake/worker-backlog';
import { aClaim } from '../support/claims';
import { eventually, startTestStack, untilNoticeIssued, type SignedIn, type TestStack } from '../support/stack';
import { uniqueId, workflowBundle } from '../support/temporal';
import { Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';

const LIMIT = { seconds: 0.5, tasks: 3 };
const PROBE_QUEUE = uniqueId('backlog-probe');
let stack: TestStack;
let gauge: WorkerBacklog | undefined;
let officer: SignedIn;
const handles: WorkflowHandle[] = [];
/** The probe queue as it is now, not as the API last read it. */
const uncached = () => taskQueueBacklog(stack.env.client, PROBE_QUEUE, { everyMs: 0 });
let filer: SignedIn;

beforeAll(async () => {
  stack = await startTestStack({ admitNewWork: () => (gauge ? admitNewWork(gauge, LIMIT) : Promise.resolve()) });
  gauge = taskQueueBacklog(stack.env.client, PROBE_QUEUE);
  officer = await stack.officer();
  filer = await stack.newIndividual();
});
afterAll(async () => {
  await stack?.stop();
});

const file = (key: string) =>
  fetch(`${stack.baseUrl}/api/v1/sct/claims`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'Idempotency-Key': key, ...filer.headers },
    body: JSON.stringify(aClaim()),
  });
const filings = async () => Number((await stack.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM sct_filings')).rows[0]?.n);

describe('filing while the workers are behind', () => {
  let caseNo: string;

  it('when the queue is current, then a claim is filed', async () => {
    const res = await file(randomUUID());
    expect(res.status).toBe(201);
    caseNo = ((await res.json()) as { caseNo: string }).caseNo;
    await untilNoticeIssued(stack, caseNo, officer.headers);
  });

  it('when fewer tasks than the limit wait, however long, then a claim is still filed (a worker starting up is not a burst)', async () => {
    handles.push(await stack.env.client.workflow.start('awaitsAWorker', { taskQueue: PROBE_QUEUE, workflowId: uniqueId('waiting'), args: [] }));
    await eventually(() => uncached().current(), (b) => b !== undefined && b.tasks === 1 && b.oldestWaitSeconds > LIMIT.seconds + 1);
    // Past the API's own one-second reading too.
    await eventually(() => (gauge as WorkerBacklog).current(), (b) => b !== undefined && b.tasks === 1 && b.oldestWaitSeconds > LIMIT.seconds);
    expect((await file(randomUUID())).status).toBe(201);
  });

  it('when as many tasks as the limit wait and the oldest has waited past it, then 503 worker-backlog with Retry-After, in both languages, and nothing is filed', async () => {
    for (let i = 1; i < LIMIT.tasks; i++) handles.push(await stack.env.client.workflow.start('awaitsAWorker', { taskQueue: PROBE_QUEUE, workflowId: uniqueId('waiting'), args: [] }));
    await eventually(() => uncached().current(), (b) => b !== undefined && b.tasks >= LIMIT.tasks);
    // The API's own gauge reads the queue at most once a second: within two, it has seen the backlog.
    await eventually(() => file(randomUUID()), (r) => r.status === 503, 3_000);
    const before = await filings();
    const res = await file(randomUUID());
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    const body = (await res.json()) as { type: string; retryAfterSeconds: number; backlogSeconds: number; backlogTasks: number; localisedDetail: { en: string; 'zh-Hant': string } };
    expect(body.type).toBe('urn:courtflow:problem:worker-backlog');
    expect(body.retryAfterSeconds).toBe(retryAfter);
    expect(body.backlogSeconds).toBeGreaterThan(LIMIT.seconds);
    expect(body.backlogTasks).toBeGreaterThanOrEqual(LIMIT.tasks);
    expect(body.localisedDetail.en).toMatch(/Nothing was filed/);
    expect(body.localisedDetail['zh-Hant']).toMatch(/並未辦理/);
    expect(await filings()).toBe(before);

    // The registry's own work is not held back: an officer's step is taken.
    const step = await fetch(`${stack.baseUrl}/api/v1/sct/claims/${caseNo}/steps/record-service`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...officer.headers },
      body: JSON.stringify({ partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'post', servedOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10) }),
    });
    expect(step.status).toBe(200);
    for (const handle of handles) await handle.terminate('the backlog has made its point');
  });

  it('when a worker has taken the waiting tasks, then the same filer files again', async () => {
    // A terminated workflow's task stays queued until a poller takes it (and the server drops it).
    const worker = await Worker.create({ connection: stack.env.nativeConnection, taskQueue: PROBE_QUEUE, workflowBundle: await workflowBundle() });
    await worker.runUntil(async () => {
      const res = await eventually(() => file(randomUUID()), (r) => r.status === 201, 20_000);
      expect(res.status).toBe(201);
    });
  });
});
