/**
 * Filings pushed back while the workers are behind: a real Temporal dev
 * server's own report of how long its oldest task has waited decides. The
 * probe queue here has no worker, so a workflow started on it waits for as
 * long as the test lets it: a backlog that is there, not one pretended.
 */
import { randomUUID } from 'node:crypto';
import { admitNewWork, taskQueueBacklog, type WorkerBacklog } from '../../services/intake/worker-backlog';
import { aClaim } from '../support/claims';
import { eventually, startTestStack, untilNoticeIssued, type SignedIn, type TestStack } from '../support/stack';
import { uniqueId, workflowBundle } from '../support/temporal';
import { Worker } from '@temporalio/worker';

const LIMIT_SECONDS = 0.5;
const PROBE_QUEUE = uniqueId('backlog-probe');
let stack: TestStack;
let gauge: WorkerBacklog | undefined;
let officer: SignedIn;
let filer: SignedIn;

beforeAll(async () => {
  stack = await startTestStack({ admitNewWork: () => (gauge ? admitNewWork(gauge, LIMIT_SECONDS) : Promise.resolve()) });
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

  it('when the oldest task has waited past the limit, then 503 worker-backlog with Retry-After, in both languages, and nothing is filed', async () => {
    const handle = await stack.env.client.workflow.start('awaitsAWorker', { taskQueue: PROBE_QUEUE, workflowId: uniqueId('waiting'), args: [] });
    const uncached = taskQueueBacklog(stack.env.client, PROBE_QUEUE, { everyMs: 0 });
    await eventually(() => uncached.oldestWaitSeconds(), (s) => s !== undefined && s > LIMIT_SECONDS + 1);
    // The API's own gauge reads the queue at most once a second: within two, it has seen the backlog.
    await eventually(() => file(randomUUID()), (r) => r.status === 503, 3_000);
    const before = await filings();
    const res = await file(randomUUID());
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    const body = (await res.json()) as { type: string; retryAfterSeconds: number; backlogSeconds: number; localisedDetail: { en: string; 'zh-Hant': string } };
    expect(body.type).toBe('urn:courtflow:problem:worker-backlog');
    expect(body.retryAfterSeconds).toBe(retryAfter);
    expect(body.backlogSeconds).toBeGreaterThan(LIMIT_SECONDS);
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
    await handle.terminate('the backlog has made its point');
  });

  it('when a worker has taken the waiting task, then the same filer files again', async () => {
    // A terminated workflow's task stays queued until a poller takes it (and the server drops it).
    const worker = await Worker.create({ connection: stack.env.nativeConnection, taskQueue: PROBE_QUEUE, workflowBundle: await workflowBundle() });
    await worker.runUntil(async () => {
      const res = await eventually(() => file(randomUUID()), (r) => r.status === 201, 20_000);
      expect(res.status).toBe(201);
    });
  });
});
