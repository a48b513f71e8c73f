/**
 * Computes a deadline under Cap. 1 s.71 on a court calendar, and says why.
 *
 * s.71(1)(a): a period of days from an event excludes the day of the event,
 * so N days after `from` would end on `from + N` (`unextendedDue`). Which days
 * the period then skips depends on the policy, i.e. on the subsection:
 *
 * | policy      | a day skipped is                                              | 7 days or more           | 6 days or less              |
 * | ----------- | ------------------------------------------------------------- | ------------------------ | --------------------------- |
 * | `statutory` | a public holiday (every Sunday, each general holiday) or a    | s.71(1)(b): a last day   | s.71(1)(d): not counted at  |
 * |             | gale or black rainstorm warning day (a declared closure)      | so skipped runs on       | all, inside the period too  |
 * | `registry`  | a closure day of the court office: those, and every Saturday  | s.71(1A)(a): likewise    | s.71(1A)(c): likewise       |
 *
 * The days a policy skips are the calendar's `closedReason(calendar, day,
 * policy)` (so which declared closures are warning days is the calendar's
 * business). A short period counts only days that are not skipped, so its
 * last day is never one and (1)(b) / (1A)(a) never has anything to extend;
 * a long period counts every day and only its last day is looked at.
 *
 * Every skipped day is recorded with its reason and subsection, and every
 * computation records the subsection applied and the calendar version it
 * used. The result is plain JSON, so a workflow can keep it in state and an
 * auditor can read it back.
 */
import {
  CALENDAR_POLICY_DESCRIPTIONS,
  CalendarCoverageError,
  SATURDAY_REASON,
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
import { addDays, assertIsoDate, daysBetween, weekdayName } from '../calendar/iso-date';
import type { IsoDate } from '../calendar/iso-date';
import {
  DEADLINE_RULES,
  DeadlineError,
  SHORT_PERIOD_MAX_DAYS,
  getDeadlineRule,
  section71For,
  type DeadlineRuleId,
  type Section71,
} from './rules';

export { SHORT_PERIOD_MAX_DAYS };

export interface DeadlineExtension {
  date: IsoDate;
  /** E.g. "Sunday", "Christmas Day", "Saturday (registry closed)", "black rainstorm warning". */
  reason: string;
  /**
   * `extended`: the period's last day was skipped, so it ran on past this day (s.71(1)(b) or s.71(1A)(a)).
   * `not-counted`: a skipped day inside a period of 6 days or less, not counted at all (s.71(1)(d) or s.71(1A)(c)).
   * `by-order`: the time was extended by an order (the tribunal under s.32A(2), the Registrar under s.28(2)(b)); `date` is the last day before the order, `until` the new one.
   */
  kind: 'extended' | 'not-counted' | 'by-order';
  /** For `by-order`: the last day the order allows. */
  until?: IsoDate;
  /** The subsection of Cap. 1 s.71 under which this day was skipped. */
  subsection: Section71;
  /** Why the day is skipped, in words: "the registry is closed", "a public holiday (Sunday)", "a gale or black rainstorm warning day (…)". */
  ground: string;
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
  /** The subsection of Cap. 1 s.71 applied: (1)(b) or (1)(d) under `statutory`, (1A)(a) or (1A)(c) under `registry`. */
  subsection: Section71;
  /** `from + periodDays`, before any day is skipped. */
  unextendedDue: IsoDate;
  /** The last day on which the act is in time. */
  due: IsoDate;
  /** One entry per skipped day, in date order: `not-counted` days inside a short period, `extended` days at the end of a long one. */
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
 * Why `date` is skipped under `policy` (not counted in a short period, not a
 * day a period may end on), or null if it counts: a public holiday or a
 * warning day under s.71(1); a closure day of the court office, Saturdays
 * included, under s.71(1A).
 */
export function skippedReason(calendar: CourtCalendar, date: IsoDate, policy: CalendarPolicy): string | null {
  return closedReason(calendar, date, policy);
}

/** The ground of a skipped day in words, under the subsection's own terms. */
function groundOf(calendar: CourtCalendar, date: IsoDate, policy: CalendarPolicy, reason: string): string {
  if (policy === 'registry') {
    return reason === SATURDAY_REASON ? 'the registry is closed' : `the registry is closed (${reason})`;
  }
  return isGeneralHoliday(date, calendar) !== null
    ? `a public holiday (${reason})`
    : `a gale or black rainstorm warning day (${reason})`;
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
  assertCovered(eventDate, `the event date for ${rule.id} (${rule.trigger})`, calendar);
  const policy = options.policy ?? rule.defaultPolicy;
  if (!isCalendarPolicy(policy)) {
    throw new DeadlineInputError(`unknown calendar policy ${JSON.stringify(policy)}; valid policies: statutory, registry`);
  }
  const periodDays = resolvePeriod(rule.id, rule.periodDays, options.periodDays);
  const subsection = section71For(policy, periodDays);

  const unextendedDue = addDays(eventDate, periodDays);
  const extensions: DeadlineExtension[] = [];
  const stepInto = (day: IsoDate, context: string): IsoDate => {
    if (!isCovered(day, calendar)) throw new CalendarCoverageError(day, context);
    return day;
  };

  let day: IsoDate;
  if (periodDays <= SHORT_PERIOD_MAX_DAYS) {
    // s.71(1)(d) / s.71(1A)(c): count only the days the policy does not skip.
    day = eventDate;
    let counted = 0;
    while (counted < periodDays) {
      day = stepInto(addDays(day, 1), `counting the ${periodDays} days of ${rule.id} after ${eventDate}`);
      const reason = skippedReason(calendar, day, policy);
      if (reason === null) counted += 1;
      else extensions.push({ date: day, reason, kind: 'not-counted', subsection, ground: groundOf(calendar, day, policy, reason) });
    }
  } else {
    // s.71(1)(b) / s.71(1A)(a): every day counts; a last day that is skipped runs on.
    day = stepInto(unextendedDue, `${periodDays} days after ${eventDate} for ${rule.id}`);
    for (let reason = skippedReason(calendar, day, policy); reason !== null; reason = skippedReason(calendar, day, policy)) {
      extensions.push({ date: day, reason, kind: 'extended', subsection, ground: groundOf(calendar, day, policy, reason) });
      day = stepInto(addDays(day, 1), `${rule.id} would run past ${day} (${reason})`);
    }
  }

  return {
    rule: rule.id,
    basis: rule.basis,
    description: rule.description,
    trigger: rule.trigger,
    from: eventDate,
    periodDays,
    policy,
    subsection,
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
  const next = computeDeadline(computation.rule, computation.from, {
    calendar,
    policy: computation.policy,
    periodDays: computation.periodDays,
  });
  // An extension by order stands whatever the calendar does: it is kept, and still decides the day if it is later.
  const orders = computation.extensions.filter((e) => e.kind === 'by-order' && e.until !== undefined);
  const latest = orders.reduce<IsoDate | undefined>((max, e) => (max === undefined || (e.until as IsoDate) > max ? e.until : max), undefined);
  if (latest === undefined) return next;
  return { ...next, due: latest > next.due ? latest : next.due, extensions: [...next.extensions, ...orders] };
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

/**
 * One skipped day in words, e.g. "Saturday 2026-12-05: the registry is closed
 * (s.71(1A)(c))" or "Sunday 2026-02-15: a public holiday (Sunday) (s.71(1)(d))".
 */
export function describeSkippedDay(e: DeadlineExtension, subsection: Section71 = e.subsection): string {
  // A computation stored before `ground` existed has only the reason.
  const ground = (e as Partial<DeadlineExtension>).ground ?? e.reason;
  return `${weekdayName(e.date)} ${e.date}: ${ground} (${subsection})`;
}

const SKIPPED_IN_SHORT: Readonly<Record<CalendarPolicy, string>> = {
  statutory: 'no public holiday (Sunday or general holiday) and no gale or black rainstorm warning day is counted',
  registry: 'no closure day of the court office (Saturday, Sunday, general holiday, or a day closed by a gale or black rainstorm warning) is counted',
};

const POLICY_REGIME: Readonly<Record<CalendarPolicy, string>> = {
  statutory: 'for a period that is not for an act at a court office (Cap. 1 s.71(1))',
  registry: 'for an act to be done at a court office (Cap. 1 s.71(1A))',
};

/** The computation in one English paragraph, for people and for the audit record. */
export function explainDeadline(c: DeadlineComputation): string {
  const notCounted = c.extensions.filter((e) => e.kind === 'not-counted');
  const extended = c.extensions.filter((e) => e.kind === 'extended');
  const byOrder = c.extensions.filter((e) => e.kind === 'by-order');
  const days = c.periodDays === 1 ? '1 day' : `${c.periodDays} days`;
  // Derived, not read from `c.subsection`, so a computation stored before that field existed still explains itself.
  const subsection = section71For(c.policy, c.periodDays);
  const parts = [
    `Due ${c.due} under ${c.basis} (${c.rule}): ${c.description}`,
    `The period runs from the ${c.trigger} on ${c.from}; the day of the event is not counted (Cap. 1 s.71(1)(a)), so ${days} after ${c.from} ends ${c.unextendedDue}.`,
  ];
  if (c.periodDays <= SHORT_PERIOD_MAX_DAYS) {
    // The days counting reached before any last-day extension (never any for a short period, kept for safety).
    const countedEnd = extended[0]?.date ?? c.due;
    const inside =
      notCounted.length > 0
        ? `the days not counted are ${notCounted.map((e) => describeSkippedDay(e, subsection)).join('; ')}; counting only the others it ends ${countedEnd}.`
        : `no such day falls inside it, so it ends ${countedEnd}.`;
    parts.push(
      `As a period of ${SHORT_PERIOD_MAX_DAYS} days or less, ${SKIPPED_IN_SHORT[c.policy]} at all (Cap. 1 ${subsection}): ${inside}`,
    );
  }
  if (extended.length > 0) {
    parts.push(
      `That day is not open under the ${c.policy} policy, so the period is extended past ${listDays(extended)} to ${c.due}, the next day that is open (Cap. 1 ${subsection}).`,
    );
  } else {
    parts.push(`${c.due} is open under the ${c.policy} policy, so no extension applies.`);
  }
  for (const order of byOrder) parts.push(`The time was extended to ${order.until ?? c.due} by order: ${order.ground}.`);
  const defaultPolicy = DEADLINE_RULES[c.rule].defaultPolicy;
  const override = c.policy === defaultPolicy ? '' : ` (chosen instead of the rule's default, ${defaultPolicy})`;
  parts.push(
    `Policy ${c.policy}${override}, ${POLICY_REGIME[c.policy]}; ${CALENDAR_POLICY_DESCRIPTIONS[c.policy]}. Calendar ${c.calendarVersion}.`,
  );
  return parts.join(' ');
}
