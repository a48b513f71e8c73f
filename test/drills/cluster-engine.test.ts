/**
 * The production-shaped engine on this machine: the Temporal server itself
 * (cli/stack/temporal-cluster.ts, pinned 1.32.0) on the test's PostgreSQL,
 * two built `courtflow worker` processes on the one task queue, and the
 * built `courtflow api`, as docker-compose.yml runs them, without Docker.
 *
 * The server and its schema tool are built once per machine by
 * `courtflow setup --temporal-server` (CI runs it before `npm test`). When
 * they are missing this file fails, naming that command: a skipped test
 * would let the engine go untested without anyone noticing.
 */
import type { SmallClaim } from '../../domain/sct/claim';
import { stateQuery } from '../../workflows/sct/contract';
import { aClaim } from '../support/claims';
import { smallClaims, startDrillStack, type CourtflowProcess, type DrillCaseView as CaseView, type DrillStack } from '../support/drill-stack';
import { eventually, type SignedIn } from '../support/stack';
import { historyOf, updatesIn } from '../support/workflow-history';

let stack: DrillStack;
let workers: CourtflowProcess[];
let officer: SignedIn;
let filer: SignedIn;
let claims: ReturnType<typeof smallClaims>;

beforeAll(async () => {
  stack = await startDrillStack({ engine: 'cluster' });
  const [first, second] = await Promise.all([stack.startWorker(), stack.startWorker(), stack.startApi()]);
  workers = [first, second];
  claims = smallClaims(stack.baseUrl);
  officer = await stack.officer();
  filer = await stack.newIndividual('Chan Tai Man');
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

const claimAgainst = (defendant: string): SmallClaim => aClaim({ defendants: [{ name: defendant, address: { lines: ['Shop 3, G/F', '8 Queen’s Road Central'] } }] });

/** The identity of the worker that completed the case's latest workflow task. */
async function lastWorkflowTaskBy(caseNo: string): Promise<string> {
  const events = await historyOf(stack.temporal, caseNo);
  const identity = events.filter((e) => e.workflowTaskCompletedEventAttributes).pop()?.workflowTaskCompletedEventAttributes?.identity;
  if (!identity) throw new Error(`${caseNo} has no completed workflow task`);
  return identity;
}

describe('the Temporal server on PostgreSQL with two courtflow workers', () => {
  let caseNo: string;

  it('when a claim is filed through the API, then its case workflow issues the notice of hearing and the read model shows it', async () => {
    const filed = await claims.file(filer, claimAgainst('Wong Siu Ming'), 'cluster-first-claim');
    expect(filed.status).toBe(201);
    caseNo = filed.body.caseNo;
    const live = await eventually(() => stack.temporal.workflow.getHandle(caseNo).query(stateQuery), (v) => (v.papersIssued ?? []).length === 1, 60_000);
    const view = await eventually(() => claims.read(filer, caseNo).then((r) => r.body), (v: CaseView) => v.readModel?.source === 'read-model' && v.version >= live.version, 30_000);
    expect(view.caseNo).toBe(caseNo);
  });

  it('when the worker that ran the case is killed with SIGKILL, then the next step is taken by the other worker', async () => {
    const ranIt = await lastWorkflowTaskBy(caseNo);
    const killed = workers.find((w) => w.identity === ranIt);
    const survivor = workers.find((w) => w.identity !== ranIt);
    if (!killed || !survivor) throw new Error(`the case's last workflow task was completed by ${ranIt}, neither of ${workers.map((w) => w.identity).join(', ')}`);
    await killed.kill('SIGKILL');

    // The killed worker's sticky queue has no poller now: the server hands the step to the shared queue, where the survivor polls.
    const step = await claims.recordService(officer, caseNo, 'cluster-service-after-kill');
    expect(step.status).toBe(200);
    expect(step.body.service).toEqual([expect.objectContaining({ partyId: 'D1', document: 'claim-and-notice-of-hearing' })]);
    expect(await lastWorkflowTaskBy(caseNo)).toBe(survivor.identity);
    expect(updatesIn(await historyOf(stack.temporal, caseNo)).filter((u) => u.name === 'recordService')).toHaveLength(1);
  });

  it('when the server is stopped and started again on the same data, then the case is still there, with its step, and answers a query', async () => {
    await stack.stopTemporal();
    await stack.restartTemporal();
    const description = await eventually(() => stack.temporal.workflow.getHandle(caseNo).describe(), () => true, 60_000);
    expect(description.status.name).toBe('RUNNING');
    // Answered by the surviving worker, which reconnected to the restarted server on its own.
    const state = await eventually(() => stack.temporal.workflow.getHandle(caseNo).query(stateQuery), (v) => (v.papersIssued ?? []).length === 1, 60_000);
    expect(state.caseNo).toBe(caseNo);
    expect(updatesIn(await historyOf(stack.temporal, caseNo)).filter((u) => u.name === 'recordService')).toHaveLength(1);
  });
});
