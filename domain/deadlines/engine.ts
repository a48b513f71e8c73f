/**
 * Computes a deadline under Cap. 1 s.71 on a court calendar, and says why.
 *
 * - s.71(1)(a): a period of days from an event excludes the day of the event,
 *   so N days after `from` ends on `from + N` (`unextendedDue`).
 * - s.71(1)(b): if that last day is a general holiday or a gale / black
 *   rainstorm warning day (a declared closure), the period runs to the next
 *   day that is neither. Under the `registry` policy Saturdays are skipped too
 *   (registries are closed; see rules.ts for which rules use which policy).
 * - s.71(1)(d): in a period of 6 days or less general holidays (Sundays
 *   included) are not counted at all. Only `sct.order-compliance` can be that
 *   short. Inside such a period Saturdays and closure days still count, as
 *   the digest of s.71 has it; they matter only as the last day.
 *
 * Every skipped day is recorded with its reason, and every computation
 * records the calendar version it used. The result is plain JSON, so a
 * workflow can keep it in state and an auditor can read it back.
 */
import {
  CALENDAR_POLICY_DESCRIPTIONS,
  CalendarCoverageError,
  assertCovered,
  calendarVersion,
  closedReason,
  isCalendarPolicy,
  isCovered,
  isGeneralHoliday,
  validateCalendar,
  type CalendarPolicy,
  type CourtCalendar,
} from '../calendar/calendar';
import { addDays, assertIsoDate, daysBetween } from '../calendar/iso-date';
import type { IsoDate } from '../calendar/iso-date';
import { DEADLINE_RULES, DeadlineError, getDeadlineRule, type DeadlineRuleId } from './rules';

/** Periods of this many days or fewer do not count general holidays (Cap. 1 s.71(1)(d)). */
export const SHORT_PERIOD_MAX_DAYS = 6;

export interface DeadlineExtension {
  date: IsoDate;
  /** E.g. "Sunday", "Christmas Day", "Saturday (registry closed)", "black rainstorm warning". */
  reason: string;
  /**
   * `extended`: the period's last day was not open, so it ran on past this day (s.71(1)(b), or the registry's closure).
   * `not-counted`: a general holiday inside a period of 6 days or less (s.71(1)(d)).
   */
  kind: 'extended' | 'not-counted';
}

export interface DeadlineComputation {
  rule: DeadlineRuleId;
  basis: string;
  description: string;
  trigger: string;
  /** The date of the trigger event (not counted). */
  from: IsoDate;
  periodDays: number;
  policy: CalendarPolicy;
  /** `from + periodDays`, before any day is skipped. */
  unextendedDue: IsoDate;
  /** The last day on which the act is in time. */
  due: IsoDate;
  /** One entry per skipped day, in date order. */
  extensions: DeadlineExtension[];
  /** E.g. `hk-gazette-2028.1+closures.3`. */
  calendarVersion: string;
}

export interface ComputeDeadlineOptions {
  calendar: CourtCalendar;
  /** Defaults to the rule's `defaultPolicy`. */
  policy?: CalendarPolicy;
  /** Required for `sct.order-compliance` (the order sets it); for other rules only the statutory period is accepted. */
  periodDays?: number;
}

/** A bad policy or period for a computation, or two computations that cannot be compared. */
export class DeadlineInputError extends DeadlineError {
  override name = 'DeadlineInputError';
  override readonly code = 'deadline.invalid-input';
}

function resolvePeriod(ruleId: DeadlineRuleId, fixed: number | null, given: number | undefined): number {
  if (fixed === null) {
    if (given === undefined) {
      throw new DeadlineInputError(`${ruleId} needs periodDays: the period is the time the order specifies`);
    }
    if (!Number.isSafeInteger(given) || given < 1) {
      throw new DeadlineInputError(`periodDays must be a whole number of days, at least 1; got ${String(given)}`);
    }
    return given;
  }
  if (given !== undefined && given !== fixed) {
    throw new DeadlineInputError(
      `${ruleId} has a fixed period of ${fixed} days; periodDays ${String(given)} is only accepted for rules whose period an order sets`,
    );
  }
  return fixed;
}

/**
 * The deadline for `ruleId` triggered by an event on `eventDate`.
 * Throws `UnknownRuleError`, `InvalidIsoDateError`, `CalendarCoverageError`
 * (event date, or any day the computation must look at, outside the holiday
 * list), `InvalidCalendarError` or `DeadlineInputError`.
 */
export function computeDeadline(ruleId: string, eventDate: IsoDate, options: ComputeDeadlineOptions): DeadlineComputation {
  const rule = getDeadlineRule(ruleId);
  const { calendar } = options;
  validateCalendar(calendar);
  assertIsoDate(eventDate, 'event date');
  assertCovered(eventDate, `the event date for ${rule.id} (${rule.trigger})`);
  const policy = options.policy ?? rule.defaultPolicy;
  if (!isCalendarPolicy(policy)) {
    throw new DeadlineInputError(`unknown calendar policy ${JSON.stringify(policy)}; valid policies: statutory, registry`);
  }
  const periodDays = resolvePeriod(rule.id, rule.periodDays, options.periodDays);

  const unextendedDue = addDays(eventDate, periodDays);
  const extensions: DeadlineExtension[] = [];
  const stepInto = (day: IsoDate, context: string): IsoDate => {
    if (!isCovered(day)) throw new CalendarCoverageError(day, context);
    return day;
  };

  let day: IsoDate;
  if (periodDays <= SHORT_PERIOD_MAX_DAYS) {
    // s.71(1)(d): count only days that are not general holidays.
    day = eventDate;
    let counted = 0;
    while (counted < periodDays) {
      day = stepInto(addDays(day, 1), `counting the ${periodDays} days of ${rule.id} after ${eventDate}`);
      const holiday = isGeneralHoliday(day);
      if (holiday === null) counted += 1;
      else extensions.push({ date: day, reason: holiday, kind: 'not-counted' });
    }
  } else {
    day = stepInto(unextendedDue, `${periodDays} days after ${eventDate} for ${rule.id}`);
  }

  // s.71(1)(b), and the registry's closed days under the registry policy.
  for (let reason = closedReason(calendar, day, policy); reason !== null; reason = closedReason(calendar, day, policy)) {
    extensions.push({ date: day, reason, kind: 'extended' });
    day = stepInto(addDays(day, 1), `${rule.id} would run past ${day} (${reason})`);
  }

  return {
    rule: rule.id,
    basis: rule.basis,
    description: rule.description,
    trigger: rule.trigger,
    from: eventDate,
    periodDays,
    policy,
    unextendedDue,
    due: day,
    extensions,
    calendarVersion: calendarVersion(calendar),
  };
}

/**
 * The same computation (rule, event date, period, policy) on another calendar,
 * e.g. after a registry officer declares a closure day.
 */
export function recomputeOnClosure(computation: DeadlineComputation, calendar: CourtCalendar): DeadlineComputation {
  return computeDeadline(computation.rule, computation.from, {
    calendar,
    policy: computation.policy,
    periodDays: computation.periodDays,
  });
}

export interface DeadlineMove {
  rule: DeadlineRuleId;
  from: IsoDate;
  previousDue: IsoDate;
  due: IsoDate;
  /** Calendar days from `previousDue` to `due` (negative if it came earlier, e.g. a closure withdrawn). */
  days: number;
  previousCalendarVersion: string;
  calendarVersion: string;
}

/**
 * How a recomputation moved the due date, or null if it did not. Both must be
 * computations of the same deadline (rule, event date, period and policy).
 */
export function deadlineMoved(previous: DeadlineComputation, next: DeadlineComputation): DeadlineMove | null {
  const same =
    previous.rule === next.rule &&
    previous.from === next.from &&
    previous.periodDays === next.periodDays &&
    previous.policy === next.policy;
  if (!same) {
    throw new DeadlineInputError(
      `cannot compare ${previous.rule} from ${previous.from} (${previous.periodDays} days, ${previous.policy}) ` +
        `with ${next.rule} from ${next.from} (${next.periodDays} days, ${next.policy})`,
    );
  }
  if (previous.due === next.due) return null;
  return {
    rule: next.rule,
    from: next.from,
    previousDue: previous.due,
    due: next.due,
    days: daysBetween(previous.due, next.due),
    previousCalendarVersion: previous.calendarVersion,
    calendarVersion: next.calendarVersion,
  };
}

const listDays = (items: readonly DeadlineExtension[]) => items.map((e) => `${e.date} (${e.reason})`).join(', ');

/** The computation in one English paragraph, for people and for the audit record. */
export function explainDeadline(c: DeadlineComputation): string {
  const notCounted = c.extensions.filter((e) => e.kind === 'not-counted');
  const extended = c.extensions.filter((e) => e.kind === 'extended');
  const days = c.periodDays === 1 ? '1 day' : `${c.periodDays} days`;
  const parts = [
    `Due ${c.due} under ${c.basis} (${c.rule}): ${c.description}`,
    `The period runs from the ${c.trigger} on ${c.from}; the day of the event is not counted (Cap. 1 s.71(1)(a)), so ${days} after ${c.from} ends ${c.unextendedDue}.`,
  ];
  // The day counting reached before any last-day extension.
  const countedEnd = extended[0]?.date ?? c.due;
  if (notCounted.length > 0) {
    parts.push(
      `As a period of ${SHORT_PERIOD_MAX_DAYS} days or less it does not count the general holidays inside it (Cap. 1 s.71(1)(d)): ${listDays(notCounted)}; counted without them it ends ${countedEnd}.`,
    );
  }
  if (extended.length > 0) {
    parts.push(
      `That day is not open under the ${c.policy} policy, so the period is extended past ${listDays(extended)} to ${c.due}, the next day that is open.`,
    );
  } else {
    parts.push(`${c.due} is open under the ${c.policy} policy, so no extension applies.`);
  }
  const defaultPolicy = DEADLINE_RULES[c.rule].defaultPolicy;
  const override = c.policy === defaultPolicy ? '' : ` (chosen instead of the rule's default, ${defaultPolicy})`;
  parts.push(`Policy ${c.policy}${override}: ${CALENDAR_POLICY_DESCRIPTIONS[c.policy]}. Calendar ${c.calendarVersion}.`);
  return parts.join(' ');
}
