/**
 * The small-claim workflow from filing to the hearing day, on the
 * time-skipping server: 60 days of durable timers pass in seconds.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createCalendar } from '../../domain/calendar';
import { hkDateOf } from '../../domain/time/hong-kong-time';
import { SMALL_CLAIM_WORKFLOW, stateQuery, type SmallClaimInput, type SmallClaimState } from '../../workflows/sct/contract';
import type { SmallClaimActivities } from '../../activities/sct-projection';
import { aClaim } from '../support/claims';
import { timeSkippingEnvironment, uniqueId, workflowBundle } from '../support/temporal';

let env: TestWorkflowEnvironment;
const projected: SmallClaimState[] = [];
let onProjection: (() => void) | undefined;
const activities: SmallClaimActivities = {
  async projectSmallClaim(state) {
    projected.push(structuredClone(state));
    onProjection?.();
  },
};

/**
 * Resolves once a projection of `stage` has been made. Each test waits for
 * its last projection, so no activity is left outstanding when its worker
 * stops: the test server does not skip time while an activity is pending,
 * and a later test's `env.sleep` would hang.
 */
function projectionOf(workflowId: string, stage: SmallClaimState['stage']): Promise<void> {
  const done = () => projected.some((p) => p.caseNo === workflowId && p.stage === stage);
  return new Promise((resolve) => {
    if (done()) return resolve();
    onProjection = () => done() && resolve();
  });
}

beforeAll(async () => {
  env = await timeSkippingEnvironment();
});
afterAll(async () => {
  await env?.teardown();
});
beforeEach(() => {
  projected.length = 0;
});

async function withWorker<T>(taskQueue: string, run: () => Promise<T>): Promise<T> {
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities,
  });
  return worker.runUntil(run);
}

function input(filedOn: string, caseNo: string): SmallClaimInput {
  return { caseNo, filedAt: `${filedOn}T02:00:00.000Z`, filedOn, claim: aClaim(), calendar: createCalendar() };
}

describe('small-claim workflow: filing and hearing', () => {
  it('when a claim is filed on 2026-12-01, then the hearing is fixed for Friday 2027-01-29, the last sitting day within 60 days (s.14(1)(a))', async () => {
    const taskQueue = uniqueId('sct');
    await withWorker(taskQueue, async () => {
      const workflowId = uniqueId('SCTC');
      const handle = await env.client.workflow.start(SMALL_CLAIM_WORKFLOW, { taskQueue, workflowId, args: [input('2026-12-01', workflowId)] });
      await projectionOf(workflowId, 'hearing-fixed');
      const state = await handle.query(stateQuery);
      // Day 60 is Saturday 2027-01-30; the tribunal does not sit on Saturdays.
      expect(state.hearing?.latest).toMatchObject({ rule: 'sct.hearing', from: '2026-12-01', unextendedDue: '2027-01-30' });
      expect(state.hearing?.date).toBe('2027-01-29');
      expect(state.hearing?.startsAt).toBe('2027-01-29T01:30:00.000Z');
      expect(state.stage).toBe('hearing-fixed');
      expect(state.deadlines.map((d) => d.rule)).toEqual(['sct.hearing']);
    });
  });

  it('when the 60th day falls in the Easter holidays, then the hearing is fixed on the last sitting day before them', async () => {
    const taskQueue = uniqueId('sct');
    await withWorker(taskQueue, async () => {
      // 2027-01-26 + 60 days = Saturday 2027-03-27, the day following Good Friday.
      const workflowId = uniqueId('SCTC');
      const handle = await env.client.workflow.start(SMALL_CLAIM_WORKFLOW, { taskQueue, workflowId, args: [input('2027-01-26', workflowId)] });
      await projectionOf(workflowId, 'hearing-fixed');
      const state = await handle.query(stateQuery);
      expect(state.hearing?.latest.unextendedDue).toBe('2027-03-27');
      // Friday 2027-03-26 is Good Friday: the last sitting day before it is Thursday 2027-03-25.
      expect(state.hearing?.date).toBe('2027-03-25');
    });
  });

  it('when the hearing day comes, then the case awaits the tribunal and every change was projected in order', async () => {
    const taskQueue = uniqueId('sct');
    await withWorker(taskQueue, async () => {
      const filedOn = hkDateOf(await env.currentTimeMs());
      const workflowId = uniqueId('SCTC');
      const handle = await env.client.workflow.start(SMALL_CLAIM_WORKFLOW, { taskQueue, workflowId, args: [input(filedOn, workflowId)] });
      await projectionOf(workflowId, 'hearing-fixed');
      const fixed = await handle.query(stateQuery);
      expect(fixed.stage).toBe('hearing-fixed');

      // Skip to just after the hearing starts: the durable timer fires.
      const untilHearing = Date.parse(fixed.hearing!.startsAt) - (await env.currentTimeMs());
      await env.sleep(untilHearing + 60_000);
      await projectionOf(workflowId, 'awaiting-outcome');
      const state = await handle.query(stateQuery);
      expect(state.stage).toBe('awaiting-outcome');
      expect(state.history.map((h) => h.event)).toEqual(['claim-filed', 'hearing-fixed', 'hearing-day']);
      expect(Date.parse(state.history[2]!.at)).toBeGreaterThanOrEqual(Date.parse(fixed.hearing!.startsAt));
      // Filing and fixing the hearing are one step, published once.
      expect(projected.map((p) => [p.version, p.stage])).toEqual([
        [2, 'hearing-fixed'],
        [3, 'awaiting-outcome'],
      ]);
    });
  });
});
