/**
 * A harness for small-claim workflow tests on the time-skipping server: a
 * worker with a recording projection activity, actors for each role, steps
 * as updates, and `settle()` to wait until the case's newest version has
 * been projected, so no activity is left outstanding when a test ends (the
 * test server does not skip time while one is pending).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { createCalendar, type CourtCalendar } from '../../domain/calendar';
import type { Actor } from '../../domain/identity/actor';
import type { SctCase, StepName, StepPayloads } from '../../domain/sct/case';
import type { SmallClaim } from '../../domain/sct/claim';
import { papersToIssue, type CasePaper } from '../../domain/sct/case/papers';
import { hkDateOf, hkInstant } from '../../domain/time/hong-kong-time';
import { SMALL_CLAIM_WORKFLOW, STEP_UPDATES, stateQuery, type SmallClaimActivities, type SmallClaimInput, type SmallClaimView } from '../../workflows/sct/contract';
import { owedAlerts, type DeadlineAlertDelivery } from '../../domain/alerts/deadline-alerts';
import type { AlertActivities } from '../../workflows/alerts/deliver-alerts';
import { aClaim } from './claims';
import { timeSkippingEnvironment, uniqueId, workflowBundle } from './temporal';

export const officer: Actor = { id: 'ro-1', role: 'registry-officer', name: 'Registry Officer Lee' };
export const adjudicator: Actor = { id: 'adj-1', role: 'adjudicator', name: 'Adjudicator Chan' };
export const partyActor = (partyId: string): Actor => ({ id: `user-${partyId}`, role: 'individual-user', name: `Party ${partyId}`, partyId });

/**
 * Runs `body` on a fresh time-skipping server. Each test gets its own: time
 * only moves forward, and a file of tests each skipping two months would
 * otherwise walk off the end of the calendar's coverage.
 */
export async function onFreshServer<T>(body: (h: CaseHarness) => Promise<T>): Promise<T> {
  const env = await timeSkippingEnvironment();
  try {
    return await CaseHarness.run(env, body);
  } finally {
    await env.teardown();
  }
}

export class CaseHarness {
  readonly projected: SmallClaimView[] = [];
  /** What `markReadModelBehind` was told: the read model lacks these versions. */
  readonly behind: { caseNo: string; version: number; kind: string; reason: string }[] = [];
  /** What `issueCasePaper` was asked to issue, in order. */
  readonly issuedPapers: CasePaper[] = [];
  /** Each deadline alert the cases delivered, in order (a retried delivery appears again). */
  readonly deliveredAlerts: DeadlineAlertDelivery[] = [];
  /** While set, the projection activity refuses with this failure (as the database would). */
  refuseProjection: (() => Error) | null = null;
  private waiters: (() => void)[] = [];
  private constructor(readonly env: TestWorkflowEnvironment, readonly taskQueue: string) {}

  /**
   * Runs `body` with a worker on `options.taskQueue` (a new one by default).
   * With `keepCases`, the cases started are left running when it ends, so a
   * second worker on the same queue can take them over (a worker restart).
   * With `replayEveryTask`, the worker keeps no case in its cache: every
   * workflow task rebuilds the case by replaying its history (and no task is
   * left on a sticky queue of a worker that has gone).
   */
  static async run<T>(
    env: TestWorkflowEnvironment,
    body: (h: CaseHarness) => Promise<T>,
    options: { taskQueue?: string; keepCases?: boolean; replayEveryTask?: boolean } = {},
  ): Promise<T> {
    const harness = new CaseHarness(env, options.taskQueue ?? uniqueId('sct'));
    const activities: SmallClaimActivities & AlertActivities = {
      async deliverDeadlineAlert(delivery) {
        harness.deliveredAlerts.push(structuredClone(delivery));
        for (const wake of harness.waiters.splice(0)) wake();
        return { recipients: [] };
      },
      async projectSmallClaim(view) {
        if (harness.refuseProjection) {
          for (const wake of harness.waiters.splice(0)) wake();
          throw harness.refuseProjection();
        }
        harness.projected.push(structuredClone(view));
        for (const wake of harness.waiters.splice(0)) wake();
      },
      async markReadModelBehind(caseNo, version, kind, reason) {
        harness.behind.push({ caseNo, version, kind, reason });
        for (const wake of harness.waiters.splice(0)) wake();
      },
      async currentCourtCalendar() {
        return harness.calendar;
      },
      async issueCasePaper(paper) {
        harness.issuedPapers.push(paper);
        for (const wake of harness.waiters.splice(0)) wake();
        return `${paper.facts.caseNo}-${paper.kind}`;
      },
    };
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: harness.taskQueue,
      workflowBundle: await workflowBundle(),
      activities,
      ...(options.replayEveryTask ? { maxCachedWorkflows: 0 } : {}),
    });
    try {
      return await worker.runUntil(body(harness));
    } finally {
      // A case left running would wake later with no worker to serve it, and the
      // test server does not skip time while its workflow task is outstanding.
      if (!options.keepCases) await Promise.all(harness.started.map((handle) => handle.terminate('test finished').catch(() => undefined)));
    }
  }

  readonly started: WorkflowHandle[] = [];
  /** What the calendar activity answers: the calendar "in the database". */
  calendar: CourtCalendar = createCalendar();

  async today(): Promise<string> {
    return hkDateOf(await this.env.currentTimeMs());
  }

  /** Files a claim now (workflow time) and returns the running case. */
  async file(claim: SmallClaim = aClaim(), filedOn?: string): Promise<CaseUnderTest> {
    const caseNo = uniqueId('SCTC');
    const on = filedOn ?? (await this.today());
    const input: SmallClaimInput = { caseNo, filedAt: new Date(await this.env.currentTimeMs()).toISOString(), filedOn: on, claim, calendar: createCalendar() };
    const handle = await this.env.client.workflow.start(SMALL_CLAIM_WORKFLOW, { taskQueue: this.taskQueue, workflowId: caseNo, args: [input] });
    this.started.push(handle);
    const c = new CaseUnderTest(this, handle);
    await c.settle();
    return c;
  }

  /** Starts a run that resumes `state`, as continue-as-new does, under a new workflow ID. */
  async resume(state: SctCase): Promise<CaseUnderTest> {
    const caseNo = uniqueId('SCTC');
    // A real continue-as-new keeps the case number: so do the keys of the papers it has issued.
    const papersIssued = state.papersIssued?.map((p) => ({ ...p, key: p.key.replace(state.caseNo, caseNo) }));
    const resume = { ...state, caseNo, ...(papersIssued ? { papersIssued } : {}) };
    const input: SmallClaimInput = { caseNo, filedAt: state.filedAt, filedOn: state.filedOn, claim: state.claim, calendar: state.calendar, resume };
    const handle = await this.env.client.workflow.start(SMALL_CLAIM_WORKFLOW, { taskQueue: this.taskQueue, workflowId: caseNo, args: [input] });
    this.started.push(handle);
    const c = new CaseUnderTest(this, handle);
    await c.settle();
    return c;
  }

  /** Resolves at the next projection (any case). */
  nextProjection(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

export class CaseUnderTest {
  constructor(private readonly harness: CaseHarness, readonly handle: WorkflowHandle) {}

  get caseNo(): string {
    return this.handle.workflowId;
  }

  view(): Promise<SmallClaimView> {
    return this.handle.query(stateQuery);
  }

  /** Takes a step; a refusal rejects with the validator's own message (rule, section and dates). */
  async step<K extends StepName>(name: K, actor: Actor, payload: StepPayloads[K], expectedVersion?: number): Promise<SmallClaimView> {
    try {
      const view = await this.handle.executeUpdate(STEP_UPDATES[name], { args: [{ actor, payload, ...(expectedVersion === undefined ? {} : { expectedVersion }) }] });
      await this.settle();
      return view;
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError && err.cause) throw err.cause;
      throw err;
    }
  }

  /** Waits until the newest version of the case is in the read model (or the case is closed and published). */
  async settle(): Promise<SmallClaimView> {
    for (;;) {
      // Listen before looking, so a projection landing in between is not missed.
      const next = this.harness.nextProjection();
      const view = await this.view();
      // Papers the case issues (notice of hearing, written award) go out beside its loop: wait for them too.
 // So do its deadline alerts.
      const papersOut = papersToIssue(view).length === 0 && owedAlerts(view).length === 0;
      if (papersOut && this.harness.projected.some((p) => p.caseNo === this.caseNo && p.version === view.version)) return view;
      await next;
    }
  }

  /** Skips workflow time past the end of `date` (Hong Kong), then waits for the case to settle. */
  async skipPast(date: string): Promise<SmallClaimView> {
    return this.skipTo(hkInstant(date, 23, 59) + 120_000);
  }

  /** Skips workflow time to 09:00 Hong Kong time on `date`. */
  async skipToMorningOf(date: string): Promise<SmallClaimView> {
    return this.skipTo(hkInstant(date, 9, 0) + 60_000);
  }

  async skipTo(instant: number): Promise<SmallClaimView> {
    const wait = instant - (await this.harness.env.currentTimeMs());
    if (wait > 0) await this.harness.env.sleep(wait);
    return this.settle();
  }

  /** The hearing day: skips to just after 09:30 on it. */
  async skipToHearing(): Promise<SmallClaimView> {
    const view = await this.view();
    if (!view.hearing) throw new Error('no hearing fixed');
    return this.skipTo(Date.parse(view.hearing.startsAt) + 60_000);
  }
}
