/** Maps the calendar's and the deadline engine's errors to RFC 9457 problems. */
import {
  CALENDAR_COVERAGE,
  CalendarCoverageError,
  InvalidClosureError,
  InvalidIsoDateError,
} from '../../domain/calendar';
import { DEADLINE_RULE_IDS, DeadlineInputError, UnknownRuleError } from '../../domain/deadlines';
import { Problem } from '../problem';

/**
 * The problem for a calendar or deadline error, naming the request field it
 * came from; undefined for anything else (the caller rethrows it: a 500).
 */
export function calendarProblem(err: unknown, fields: { date: string; days?: string }): Problem | undefined {
  if (err instanceof UnknownRuleError) return unknownRuleProblem(err);
  if (err instanceof CalendarCoverageError) return coverageProblem(err, fields.date);
  if (err instanceof InvalidClosureError) {
    return new Problem(422, 'closure-refused', 'The closure day cannot be declared', err.message, {
      coverage: CALENDAR_COVERAGE,
      errors: [{ field: fields.date, rule: 'Cap. 1 s.71 closure day', message: err.message }],
    });
  }
  if (err instanceof InvalidIsoDateError) {
    return new Problem(400, 'validation', 'The request is not valid', `Invalid ${fields.date}: ${err.message}`, {
      errors: [{ field: fields.date, rule: 'iso_date', message: err.message }],
    });
  }
  if (err instanceof DeadlineInputError && fields.days) {
    return new Problem(400, 'validation', 'The request is not valid', `Invalid ${fields.days}: ${err.message}`, {
      errors: [{ field: fields.days, rule: 'period', message: err.message }],
    });
  }
  return undefined;
}

/** 404 listing the valid rule ids. */
export function unknownRuleProblem(err: UnknownRuleError): Problem {
  return new Problem(404, 'unknown-deadline-rule', 'No such deadline rule', err.message, { validRules: DEADLINE_RULE_IDS });
}

/** 422: a date (or a day a computation reaches) the checked-in holiday list does not cover. */
export function coverageProblem(err: CalendarCoverageError, field: string): Problem {
  return new Problem(422, 'calendar-out-of-coverage', "Outside the court calendar's coverage", err.message, {
    coverage: CALENDAR_COVERAGE,
    errors: [{ field, rule: 'calendar coverage', message: err.message }],
  });
}
