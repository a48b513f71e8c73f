/**
 * Drill: the Temporal dev server killed with SIGKILL and started again on
 * its SQLite file (`--db-filename`, as `courtflow start` runs it) while
 * cases wait on their statutory timers.
 *
 * Two small claims are filed and settle (hearing fixed, notice issued,
 * deadlines tracked, the next alert's timer pending). While Temporal is
 * down, the API says so (503 problem+json, /readyz not ready) and the worker
 * and the API stay up. Once it is back, every case is there with the same
 * pending timer firing at the same instant, the same deadlines, alerts and
 * version, and a step taken through the API works.
 */
import { READINESS_TIMEOUT_MS } from '../../api/health';
import { stateQuery, type SmallClaimView } from '../../workflows/sct/contract';
import { aClaim } from '../support/claims';
import { requestJson } from '../support/api-call';
import { smallClaims, startDrillStack, type CourtflowProcess, type DrillStack } from '../support/drill-stack';
import { eventually, type SignedIn } from '../support/stack';
import { historyOf, pendingTimers } from '../support/workflow-history';

let stack: DrillStack;
let worker: CourtflowProcess;
let api: CourtflowProcess;
let officer: SignedIn;
let filer: SignedIn;

beforeAll(async () => {
  stack = await startDrillStack();
  [worker, api] = await Promise.all([stack.startWorker(), stack.startApi()]);
  officer = await stack.officer();
  filer = await stack.newIndividual('Chan Tai Man');
}, 180_000);

afterAll(async () => {
  await stack?.stop();
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

describe('drill: the Temporal dev server is killed and restarted on its database', () => {
  it('when cases wait on statutory timers, then after the restart the same timers are pending for the same instants and a step still works', async () => {
    const claims = smallClaims(stack.baseUrl);
    const caseNos: string[] = [];
    for (const defendant of ['Wong Siu Ming', 'Lee Ka Yan']) {
      const filed = await claims.file(filer, aClaim({ defendants: [{ name: defendant, address: { lines: ['Shop 3, G/F', '8 Queen’s Road Central'] } }] }), `drill-temporal-${defendant}`);
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
    expect(refused.body).toMatchObject({ status: 503, type: expect.stringMatching(/^urn:courtflow:problem:/) });
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
  }, 240_000);
});
