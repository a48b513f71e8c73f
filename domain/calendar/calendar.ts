/**
 * The court calendar: which days a period of time may not end on.
 *
 * Cap. 1 s.71 (Interpretation and General Clauses Ordinance): a period that
 * ends on a general holiday, or on a day when a gale warning or black
 * rainstorm warning is in force, runs on to the next day that is neither.
 * General holidays are every Sunday plus the gazetted days (Cap. 149, listed in
 * `hk-general-holidays.ts`). Warning days cannot be known in advance, so a
 * registry officer declares them at run time as closure days.
 *
 * Court registries are also closed on Saturdays, and the rules of court carry
 * a time that expires on a day the office is closed to its next open day.
 * Which of the two views applies to a deadline is an explicit, named policy:
 * - `statutory`: skips general holidays (Sundays included) and closure days;
 * - `registry`: skips those and Saturdays.
 *
 * A `CourtCalendar` is plain JSON (it travels into workflows as input and
 * state) and carries its versions, so every computation can record exactly
 * which holiday list and which set of closures it used.
 */
import type { IsoDate } from './iso-date';
import {
  HK_GENERAL_HOLIDAYS,
  HK_GENERAL_HOLIDAYS_COVERAGE,
  HK_GENERAL_HOLIDAYS_VERSION,
  type GeneralHoliday,
} from './hk-general-holidays';
import { CalendarError, addDays, assertIsoDate, dayOfWeek, isIsoDate, yearOf } from './iso-date';

export type CalendarPolicy = 'statutory' | 'registry';

export const CALENDAR_POLICIES: readonly CalendarPolicy[] = ['statutory', 'registry'];

/** What each policy skips, in words (used in explanations). */
export const CALENDAR_POLICY_DESCRIPTIONS: Readonly<Record<CalendarPolicy, string>> = {
  statutory: 'Cap. 1 s.71: skips general holidays (every Sunday and the gazetted days) and declared closure days',
  registry:
    'registry open days: skips general holidays, declared closure days and Saturdays, when the registries are closed',
};

export function isCalendarPolicy(value: unknown): value is CalendarPolicy {
  return value === 'statutory' || value === 'registry';
}

/** A day the registry was closed by a gale or black rainstorm warning, declared by a registry officer. */
export interface ClosureDay {
  date: IsoDate;
  /** E.g. "black rainstorm warning", "gale warning (signal No. 8)". */
  reason: string;
}

/** The calendar a deadline is computed on. Plain JSON: no Map, Set or class instances. */
export interface CourtCalendar {
  /** Must equal `HK_GENERAL_HOLIDAYS_VERSION` of the code computing with it. */
  holidaysVersion: string;
  /** Sorted by date, one per date. */
  closures: ClosureDay[];
  /** 0 with no closures; +1 each time the set of closures changes. */
  closuresVersion: number;
}

export const SUNDAY_REASON = 'Sunday';
export const SATURDAY_REASON = 'Saturday (registry closed)';
export const DEFAULT_CLOSURE_REASON = 'declared closure';

/** First and last day the calendar can answer for. */
export const CALENDAR_COVERAGE: Readonly<{ from: IsoDate; to: IsoDate }> = {
  from: `${HK_GENERAL_HOLIDAYS_COVERAGE.firstYear}-01-01`,
  to: `${HK_GENERAL_HOLIDAYS_COVERAGE.lastYear}-12-31`,
};

/** A date the checked-in holiday list does not cover: the calendar refuses to guess. */
export class CalendarCoverageError extends CalendarError {
  override name = 'CalendarCoverageError';
  override readonly code = 'calendar.out-of-coverage';
  readonly coverage = CALENDAR_COVERAGE;
  constructor(
    readonly date: IsoDate,
    context?: string,
  ) {
    super(
      `${date} is outside the court calendar's coverage (${CALENDAR_COVERAGE.from} to ${CALENDAR_COVERAGE.to}, ` +
        `holiday list ${HK_GENERAL_HOLIDAYS_VERSION})${context ? `: ${context}` : ''}`,
    );
  }
}

/** A closure day with a bad date or reason, or declared twice in one list. */
export class InvalidClosureError extends CalendarError {
  override name = 'InvalidClosureError';
  override readonly code = 'calendar.invalid-closure';
}

/** A calendar value that is malformed or built on a different holiday list than this code's. */
export class InvalidCalendarError extends CalendarError {
  override name = 'InvalidCalendarError';
  override readonly code = 'calendar.invalid-calendar';
}

// Lookup built once from the checked-in list; module constant, never part of a calendar value.
const HOLIDAY_BY_DATE: Readonly<Record<IsoDate, string>> = Object.fromEntries(
  HK_GENERAL_HOLIDAYS.flatMap((y) => y.holidays.map((h) => [h.date, h.name] as const)),
);

export function isCovered(date: IsoDate): boolean {
  assertIsoDate(date);
  const year = yearOf(date);
  return year >= HK_GENERAL_HOLIDAYS_COVERAGE.firstYear && year <= HK_GENERAL_HOLIDAYS_COVERAGE.lastYear;
}

/** Throws `InvalidIsoDateError` or `CalendarCoverageError`. */
export function assertCovered(date: IsoDate, context?: string): void {
  if (!isCovered(date)) throw new CalendarCoverageError(date, context);
}

/**
 * Why `date` is a general holiday (Cap. 149), or null: "Sunday" for every
 * Sunday, otherwise the gazetted name, e.g. "Christmas Day".
 */
export function isGeneralHoliday(date: IsoDate): string | null {
  assertCovered(date);
  if (dayOfWeek(date) === 0) return SUNDAY_REASON;
  return HOLIDAY_BY_DATE[date] ?? null;
}

/** The gazetted (non-Sunday) general holidays of a covered year. */
export function generalHolidaysOf(year: number): readonly GeneralHoliday[] {
  const entry = HK_GENERAL_HOLIDAYS.find((y) => y.year === year);
  if (!entry) throw new CalendarCoverageError(`${String(year).padStart(4, '0')}-01-01`, `no holiday list for ${year}`);
  return entry.holidays;
}

function checkedClosure(closure: ClosureDay): ClosureDay {
  if (typeof closure !== 'object' || closure === null) throw new InvalidClosureError('a closure day must be { date, reason }');
  if (!isIsoDate(closure.date)) {
    throw new InvalidClosureError(`closure date ${JSON.stringify(closure.date)} is not a calendar date in the form YYYY-MM-DD`);
  }
  if (!isCovered(closure.date)) {
    throw new InvalidClosureError(
      `closure date ${closure.date} is outside the court calendar's coverage (${CALENDAR_COVERAGE.from} to ${CALENDAR_COVERAGE.to})`,
    );
  }
  const reason = typeof closure.reason === 'string' ? closure.reason.trim() : '';
  if (reason === '') throw new InvalidClosureError(`closure on ${closure.date} has no reason`);
  return { date: closure.date, reason };
}

function sortedClosures(closures: readonly ClosureDay[]): ClosureDay[] {
  const checked = closures.map(checkedClosure).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  checked.forEach((c, i) => {
    if (i > 0 && checked[i - 1]?.date === c.date) throw new InvalidClosureError(`closure on ${c.date} is declared twice`);
  });
  return checked;
}

/**
 * A calendar on this code's holiday list with the given closure days (validated,
 * sorted). `closuresVersion` defaults to 0 with no closures and 1 otherwise;
 * pass the stored number when rebuilding a calendar that has a history.
 */
export function createCalendar(closures: readonly ClosureDay[] = [], closuresVersion?: number): CourtCalendar {
  const calendar: CourtCalendar = {
    holidaysVersion: HK_GENERAL_HOLIDAYS_VERSION,
    closures: sortedClosures(closures),
    closuresVersion: closuresVersion ?? (closures.length === 0 ? 0 : 1),
  };
  validateCalendar(calendar);
  return calendar;
}

/**
 * The calendar with one more closure day and `closuresVersion + 1`. Declaring
 * the same date with the same reason again returns the calendar unchanged (a
 * repeated signal is harmless); a different reason for a declared date
 * replaces it (a correction) and bumps the version.
 */
export function declareClosure(calendar: CourtCalendar, closure: ClosureDay): CourtCalendar {
  validateCalendar(calendar);
  const next = checkedClosure(closure);
  const existing = calendar.closures.find((c) => c.date === next.date);
  if (existing && existing.reason === next.reason) return calendar;
  return {
    holidaysVersion: calendar.holidaysVersion,
    closures: sortedClosures([...calendar.closures.filter((c) => c.date !== next.date), next]),
    closuresVersion: calendar.closuresVersion + 1,
  };
}

/** E.g. `hk-gazette-2028.1+closures.3`: recorded on every computation. */
export function calendarVersion(calendar: CourtCalendar): string {
  return `${calendar.holidaysVersion}+closures.${calendar.closuresVersion}`;
}

/**
 * Checks a calendar value, e.g. one read back from workflow input or JSON.
 * A calendar built on another holiday list is refused rather than silently
 * recomputed on this one: the version recorded on a deadline must be the list
 * that produced it. (A workflow moving to a new list does so explicitly, under
 * a patch, with `createCalendar(calendar.closures, calendar.closuresVersion)`.)
 */
export function validateCalendar(calendar: CourtCalendar): void {
  if (typeof calendar !== 'object' || calendar === null) throw new InvalidCalendarError('calendar must be an object');
  if (calendar.holidaysVersion !== HK_GENERAL_HOLIDAYS_VERSION) {
    throw new InvalidCalendarError(
      `calendar is on holiday list ${JSON.stringify(calendar.holidaysVersion)}, but this code has ${HK_GENERAL_HOLIDAYS_VERSION}`,
    );
  }
  if (!Number.isSafeInteger(calendar.closuresVersion) || calendar.closuresVersion < 0) {
    throw new InvalidCalendarError(`closuresVersion must be a non-negative integer, got ${String(calendar.closuresVersion)}`);
  }
  if (!Array.isArray(calendar.closures)) throw new InvalidCalendarError('closures must be an array');
  sortedClosures(calendar.closures);
  if (calendar.closures.length > 0 && calendar.closuresVersion === 0) {
    throw new InvalidCalendarError('a calendar with closures cannot have closuresVersion 0');
  }
}

/** The closure declared for `date`, or null. */
export function closureOn(calendar: CourtCalendar, date: IsoDate): ClosureDay | null {
  return calendar.closures.find((c) => c.date === date) ?? null;
}

/**
 * Why a period may not end on `date` under `policy`, or null if it may.
 * One reason per day, the strongest ground first: a general holiday (its
 * name, or "Sunday"), then a declared closure, then (registry policy only)
 * "Saturday (registry closed)".
 */
export function closedReason(calendar: CourtCalendar, date: IsoDate, policy: CalendarPolicy): string | null {
  const holiday = isGeneralHoliday(date);
  if (holiday !== null) return holiday;
  const closure = closureOn(calendar, date);
  if (closure) return closure.reason;
  if (policy === 'registry' && dayOfWeek(date) === 6) return SATURDAY_REASON;
  return null;
}

export function isOpenDay(calendar: CourtCalendar, date: IsoDate, policy: CalendarPolicy): boolean {
  return closedReason(calendar, date, policy) === null;
}

/** `date` itself if open under `policy`, else the next day that is; throws past the coverage. */
export function openDayOnOrAfter(calendar: CourtCalendar, date: IsoDate, policy: CalendarPolicy): IsoDate {
  let day = date;
  while (!isOpenDay(calendar, day, policy)) day = addDays(day, 1);
  return day;
}
