/** A Small Claims Tribunal case (Cap. 338) as pure, deterministic rules over plain JSON state. */
export * from './state';
export { openCase, momentAt, balanceCents, distribution, type Moment, type OpenCaseInput } from './case';
export { STEPS, STEP_NAMES, TRANSFER_FORUMS, COURT_DECISIONS, checkStep, applyStep, stepRoles, type StepName, type StepPayloads, type StepEnvelope, type StepRefusal, type CourtDecision, type TransferForum } from './steps';
export { nextTimerAt, fireDueTimers } from './timers';
export { applyCalendarChange, type CalendarChangeInput } from './calendar-change';
export { pendingActions, type PendingAction } from './pending-actions';
