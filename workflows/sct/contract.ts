/**
 * The small-claim workflow's contract: its task queue, input, the view its
 * query returns, the activities it calls, and one update per human step.
 * The services (client side) and the workflow both import this module, so
 * each message's name and payload type are written once. The types
 * themselves live in domain/sct/case, below every layer that reads them.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { ClosureDay, CourtCalendar } from '../../domain/calendar';
import type { Actor } from '../../domain/identity/actor';
import type { ProjectionTrouble } from '../../domain/read-model';
import { STEP_NAMES, type OpenCaseInput, type SctCase, type SmallClaimView, type StepPayloads } from '../../domain/sct/case';
import type { CasePaper } from '../../domain/sct/case/papers';
import { defineStepUpdates, type StepUpdate } from '../steps/contract';

export { STEP_REFUSED } from '../steps/contract';
export type { SmallClaimView, ExplainedDeadline } from '../../domain/sct/case';

export const SCT_TASK_QUEUE = 'courtflow-sct';

/** Registered workflow type name; the function in small-claim.ts has the same name. */
export const SMALL_CLAIM_WORKFLOW = 'smallClaimWorkflow';

export interface SmallClaimInput extends OpenCaseInput {
  /** Set only by continue-as-new: the case as it stood, carried into the new run. */
  resume?: SctCase;
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

/** One update per step (`recordService`, `makeAward`, …); validators refuse before anything is written. */
export const STEP_UPDATES = defineStepUpdates<StepPayloads, SmallClaimView>(STEP_NAMES);
export type SmallClaimStepUpdate<K extends keyof StepPayloads> = StepUpdate<StepPayloads[K], SmallClaimView>;

/** The activities the small claim calls; the worker supplies implementations of exactly these. */
export interface SmallClaimActivities {
  /** Writes the view to the read models, only if newer than what is there. */
  projectSmallClaim(view: SmallClaimView): Promise<void>;
  /** The court calendar in force now (holidays and declared closure days). */
  currentCourtCalendar(): Promise<CourtCalendar>;
  /** Records that the read model of `caseNo` lacks `version`, so readers are told it is behind. */
  markReadModelBehind(caseNo: string, version: number, kind: ProjectionTrouble, reason: string): Promise<void>;
  /** Renders, stores and sends a paper of the case (notice of hearing, written award); returns its document reference number. Idempotent by the paper's key. */
  issueCasePaper(paper: CasePaper): Promise<string>;
}
