/**
 * The small-claim workflow's contract: its task queue, input, the view its
 * query returns, and one update per human step. The API (client side) and
 * the workflow both import this module, so each message's name and payload
 * type are written once.
 */
import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ClosureDay, CourtCalendar } from '../../domain/calendar';
import type { Actor } from '../../domain/identity/actor';
import type { IsoDate, SmallClaim } from '../../domain/sct/claim';
import { STEP_NAMES, type PendingAction, type SctCase, type StepEnvelope, type StepName, type TrackedDeadline } from '../../domain/sct/case';

export const SCT_TASK_QUEUE = 'courtflow-sct';

/** Registered workflow type name; the function in small-claim.ts has the same name. */
export const SMALL_CLAIM_WORKFLOW = 'smallClaimWorkflow';

export interface SmallClaimInput {
  /** The case number, which is also the workflow ID. */
  caseNo: string;
  /** When the registry accepted the claim (ISO instant). */
  filedAt: string;
  /** The filing date in Hong Kong: the event day for s.14(1)(a). */
  filedOn: IsoDate;
  claim: SmallClaim;
  /** The court calendar in force at filing (holidays and declared closure days). */
  calendar: CourtCalendar;
  /** Set only by continue-as-new: the case as it stood, carried into the new run. */
  resume?: SctCase;
}

/** A deadline as people read it: the computation and its explanation in words. */
export type ExplainedDeadline = TrackedDeadline & { explanation: string };

/** What the state query returns: the case, with what is derived from it now. */
export interface SmallClaimView extends Omit<SctCase, 'deadlines'> {
  deadlines: ExplainedDeadline[];
  pendingActions: PendingAction[];
  /** What remains owed under the award today, with s.33 interest (0 without an award). */
  balanceCents: number;
  /** s.34: how money paid into the tribunal is shared among the claimants. */
  distribution: { partyId: string; cents: number }[];
}

export const stateQuery = defineQuery<SmallClaimView>('state');

/** A registry officer declared a closure day: the new calendar, and what changed. */
export interface CalendarChange {
  calendar: CourtCalendar;
  declared: ClosureDay;
  declaredBy: Actor;
}

/**
 * Sent to every open case when the court calendar changes. Each case
 * recomputes its pending deadlines on the new calendar and moves its timers;
 * a case whose deadlines the change does not touch records nothing.
 */
export const calendarChangedSignal = defineSignal<[CalendarChange]>('calendarChanged');

export type StepUpdate<K extends StepName> = UpdateDefinition<SmallClaimView, [StepEnvelope<K>]>;

/**
 * One update per step (`recordService`, `makeAward`, …), so each appears by
 * name in the case's history. Validators refuse a wrong role, stage or late
 * step before anything is written.
 */
export const STEP_UPDATES = Object.fromEntries(STEP_NAMES.map((name) => [name, defineUpdate(name)])) as { [K in StepName]: StepUpdate<K> };

/** The failure type a refused step carries; its details hold the `StepRefusal`. */
export const STEP_REFUSED = 'StepRefused';
