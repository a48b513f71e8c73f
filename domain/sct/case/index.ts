/** A Small Claims Tribunal case (Cap. 338) as pure, deterministic rules over plain JSON state. */
export * from './state';
export { openCase, partiesOf, upgradeCase, type OpenCaseInput } from './open-case';
export { balanceCents, distribution } from './money-owed';
export { deadlineKeys } from './deadline-keys';
export { SMALL_CLAIM, STEPS, STEP_NAMES, PHASES, stepRoles, type StepName, type StepPayloads } from './procedure';
export { TRANSFER_FORUMS, type TransferForum } from './phases/transfer-and-counterclaim';
export { COURT_DECISIONS, type CourtDecision } from './phases/review-set-aside-appeal';
export { nextTimerAt, fireDueTimers } from './timers';
export { applyCalendarChange, type CalendarChangeInput } from './calendar-change';
export { pendingActions, type PendingAction } from './pending-actions';
export { viewOf, alertStatus, type SmallClaimView, type ExplainedDeadline, type AlertStatus, type AlertView } from './view';
export { hearingOn } from './hearing';
export { projectionCaughtUp, projectionFailed } from './read-model';
export { adoptCurrentLaw, CURRENT_LAW_REVISION, LAW_REVISIONS, lawRevisionOf } from './law-revision';
