/** Deadline rules (Cap. 338) and their computation on the court calendar (Cap. 1 s.71). */
export {
  DEADLINE_RULES,
  DEADLINE_RULE_IDS,
  DeadlineError,
  UnknownRuleError,
  getDeadlineRule,
  isDeadlineRuleId,
  policyRationale,
  type DeadlineActor,
  type DeadlineRule,
  type DeadlineRuleId,
} from './rules';
export {
  DeadlineInputError,
  SHORT_PERIOD_MAX_DAYS,
  computeDeadline,
  deadlineMoved,
  explainDeadline,
  recomputeOnClosure,
  type ComputeDeadlineOptions,
  type DeadlineComputation,
  type DeadlineExtension,
  type DeadlineMove,
} from './engine';
export {
  close as closeDeadline,
  findOpen as openDeadline,
  track as trackDeadline,
  windowRefusal,
  withinWindow,
  type DeadlineOwner,
  type DeadlineStatus,
  type TrackOptions,
  type TrackedDeadline,
} from './tracked';
