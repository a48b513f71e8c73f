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
 * A declared closure is a fact of one of two kinds:
 * - `warning` (the default): a gale or black rainstorm warning closed the
 *   registries. It is one of the days s.71(1) itself names, so it counts under
 *   both policies. It is declared on or after the day (the service refuses a
 *   future date).
 * - `planned`: the registries are closed by order, announced in advance (e.g.
 *   an office move). It is a closure day for the office (s.71(1A)) but not a
 *   day s.71(1) names, so it counts only under the `registry` policy.
 *
 * A `CourtCalendar` is plain JSON (it travels into workflows as input and
 * state) and carries its versions, so every computation can record exactly
 * which holiday list and which set of closures it used. Older holiday lists
 * stay known (`HOLIDAY_LIST_REVISIONS`): a calendar on one computes on it.
 */
import type { IsoDate } from './iso-date';
import {
  HK_GENERAL_HOLIDAYS,
  HK_GENERAL_HOLIDAYS_COVERAGE,
  HK_GENERAL_HOLIDAYS_VERSION,
  HOLIDAY_LIST_REVISIONS,
  type GeneralHoliday,
  type HolidayListRevision,
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

/** `warning`: a gale or black rainstorm warning (s.71(1) and (1A)); `planned`: closed by order, in advance (s.71(1A) only). */
export type ClosureKind = 'warning' | 'planned';

export const CLOSURE_KINDS: readonly ClosureKind[] = ['warning', 'planned'];

/** A day the registry was closed, declared by a registry officer. */
export interface ClosureDay {
  date: IsoDate;
  /** E.g. "black rainstorm warning", "gale warning (signal No. 8)"; for a planned closure, the order's text. */
  reason: string;
  /** Absent means `warning` (every closure declared before kinds existed was one). */
  kind?: ClosureKind;
}

/** The kind of a closure, `warning` when absent. */
export const closureKindOf = (closure: ClosureDay): ClosureKind => closure.kind ?? 'warning';

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

interface HolidayLookup {
  revision: HolidayListRevision;
  byDate: Readonly<Record<IsoDate, string>>;
}

// Lookups built once from the checked-in lists; module constants, never part of a calendar value.
const LOOKUPS: Readonly<Record<string, HolidayLookup>> = Object.fromEntries(
  HOLIDAY_LIST_REVISIONS.map((revision) => [
    revision.version,
    { revision, byDate: Object.fromEntries(revision.years.flatMap((y) => y.holidays.map((h) => [h.date, h.name] as const))) },
  ]),
);

function lookupOf(holidaysVersion: string): HolidayLookup {
  const lookup = LOOKUPS[holidaysVersion];
  if (!lookup) {
    throw new InvalidCalendarError(
      `calendar is on holiday list ${JSON.stringify(holidaysVersion)}, which this code does not know (it knows ${HOLIDAY_LIST_REVISIONS.map((r) => r.version).join(', ')})`,
    );
  }
  return lookup;
}

/** True when this code knows the holiday list `version` (the one in force or one it replaced). */
export function isKnownHolidaysVersion(version: unknown): version is string {
  return typeof version === 'string' && LOOKUPS[version] !== undefined;
}

/** The revision number of a known holiday list version (higher is newer); throws `InvalidCalendarError` for an unknown one. */
export function holidaysRevisionOf(version: string): number {
  return lookupOf(version).revision.revision;
}

/** The holiday list (every year, flags and sources) of a known version. */
export function holidayListOf(version: string): HolidayListRevision {
  return lookupOf(version).revision;
}

/**
 * True when `date` is in the years the holiday list covers: the list in
 * force, or the one `calendar` is on.
 */
export function isCovered(date: IsoDate, calendar?: Pick<CourtCalendar, 'holidaysVersion'>): boolean {
  assertIsoDate(date);
  const year = yearOf(date);
  const coverage = calendar ? lookupOf(calendar.holidaysVersion).revision.coverage : HK_GENERAL_HOLIDAYS_COVERAGE;
  return year >= coverage.firstYear && year <= coverage.lastYear;
}

/** Throws `InvalidIsoDateError` or `CalendarCoverageError`. */
export function assertCovered(date: IsoDate, context?: string, calendar?: Pick<CourtCalendar, 'holidaysVersion'>): void {
  if (!isCovered(date, calendar)) throw new CalendarCoverageError(date, context);
}

/**
 * Why `date` is a general holiday (Cap. 149), or null: "Sunday" for every
 * Sunday, otherwise the gazetted name, e.g. "Christmas Day". On the list in
 * force, or on the one `calendar` is on.
 */
export function isGeneralHoliday(date: IsoDate, calendar?: Pick<CourtCalendar, 'holidaysVersion'>): string | null {
  assertCovered(date, undefined, calendar);
  if (dayOfWeek(date) === 0) return SUNDAY_REASON;
  const byDate = (calendar ? lookupOf(calendar.holidaysVersion) : CURRENT).byDate;
  return byDate[date] ?? null;
}

const CURRENT = lookupOf(HK_GENERAL_HOLIDAYS_VERSION);

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
  if (closure.kind !== undefined && !CLOSURE_KINDS.includes(closure.kind)) {
    throw new InvalidClosureError(`closure on ${closure.date} has an unknown kind ${JSON.stringify(closure.kind)}: warning or planned`);
  }
  // A warning closure is written without `kind`, exactly as before kinds existed.
  return closure.kind === 'planned' ? { date: closure.date, reason, kind: 'planned' } : { date: closure.date, reason };
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
  if (existing && existing.reason === next.reason && closureKindOf(existing) === closureKindOf(next)) return calendar;
  return {
    holidaysVersion: calendar.holidaysVersion,
    closures: sortedClosures([...calendar.closures.filter((c) => c.date !== next.date), next]),
    closuresVersion: calendar.closuresVersion + 1,
  };
}

/**
 * The calendar without the closure declared for `date` (one declared by
 * mistake) and `closuresVersion + 1`; unchanged if none is declared for it.
 */
export function withdrawClosure(calendar: CourtCalendar, date: IsoDate): CourtCalendar {
  validateCalendar(calendar);
  assertIsoDate(date, 'closure date');
  if (!closureOn(calendar, date)) return calendar;
  return {
    holidaysVersion: calendar.holidaysVersion,
    closures: calendar.closures.filter((c) => c.date !== date),
    closuresVersion: calendar.closuresVersion + 1,
  };
}

/** The same closures on the holiday list in force (unchanged if already on it). */
export function adoptHolidayList(calendar: CourtCalendar): CourtCalendar {
  validateCalendar(calendar);
  if (calendar.holidaysVersion === HK_GENERAL_HOLIDAYS_VERSION) return calendar;
  return { ...calendar, holidaysVersion: HK_GENERAL_HOLIDAYS_VERSION };
}

/** The closures one calendar has and the other had not, and those withdrawn, in words ("2026-12-03 closed (…)"). */
export function closureChanges(previous: CourtCalendar, next: CourtCalendar): string[] {
  const added = next.closures.filter((c) => !previous.closures.some((p) => p.date === c.date && p.reason === c.reason));
  const removed = previous.closures.filter((p) => !next.closures.some((c) => c.date === p.date));
  return [...added.map((c) => `${c.date} closed (${c.reason})`), ...removed.map((c) => `the closure of ${c.date} (${c.reason}) was withdrawn`)];
}

/**
 * What a case on `current` should compute on once it hears of `incoming`, or
 * null if `incoming` tells it nothing new. The two parts move independently:
 * the holiday list of the higher revision, and the closures of the higher
 * closures version (broadcasts may arrive late, twice or out of order).
 */
export function newerCalendar(current: CourtCalendar, incoming: CourtCalendar): CourtCalendar | null {
  const holidaysNewer =
    incoming.holidaysVersion !== current.holidaysVersion &&
    isKnownHolidaysVersion(incoming.holidaysVersion) &&
    (!isKnownHolidaysVersion(current.holidaysVersion) ||
      holidaysRevisionOf(incoming.holidaysVersion) > holidaysRevisionOf(current.holidaysVersion));
  const closuresNewer = incoming.closuresVersion > current.closuresVersion;
  if (!holidaysNewer && !closuresNewer) return null;
  const next =
    holidaysNewer && closuresNewer
      ? incoming
      : closuresNewer
        ? { ...incoming, holidaysVersion: current.holidaysVersion }
        : { ...current, holidaysVersion: incoming.holidaysVersion };
  validateCalendar(next);
  return next;
}

/**
 * What changed from holiday list `from` to `to`, one sentence per change, in
 * date order: years added or dropped, a provisional year now gazetted (or the
 * other way), and each day that became, stopped being, or was renamed as a
 * general holiday. Empty when the two lists are the same.
 */
export function holidayListChanges(from: string, to: string): string[] {
  const a = lookupOf(from).revision;
  const b = lookupOf(to).revision;
  const out: string[] = [];
  const years = [...new Set([...a.years, ...b.years].map((y) => y.year))].sort((x, y) => x - y);
  for (const year of years) {
    const before = a.years.find((y) => y.year === year);
    const after = b.years.find((y) => y.year === year);
    if (!before && after) {
      out.push(`${year} added (${after.provisional ? 'provisional: ' : ''}${after.source})`);
      continue;
    }
    if (before && !after) {
      out.push(`${year} no longer covered`);
      continue;
    }
    if (!before || !after) continue;
    if (before.provisional && !after.provisional) out.push(`${year} now as gazetted (${after.source}), replacing the provisional list`);
    if (!before.provisional && after.provisional) out.push(`${year} is provisional again (${after.source})`);
    const dates = [...new Set([...before.holidays, ...after.holidays].map((h) => h.date))].sort();
    let moved = 0;
    for (const date of dates) {
      const was = before.holidays.find((h) => h.date === date)?.name;
      const is = after.holidays.find((h) => h.date === date)?.name;
      if (was === is) continue;
      moved += 1;
      if (was === undefined) out.push(`${date} is now a general holiday (${is ?? ''})`);
      else if (is === undefined) out.push(`${date} is no longer a general holiday (was ${was})`);
      else out.push(`${date} is now named ${is} (was ${was})`);
    }
    if (moved === 0 && before.provisional !== after.provisional) out.push(`${year}: no date changed`);
  }
  return out;
}

/**
 * Why `date` already does not count for any deadline, whatever is declared:
 * a Sunday or a general holiday on the list in force; null otherwise. (A
 * Saturday is not such a day: it counts under the statutory policy.)
 */
export function alreadyClosedReason(date: IsoDate): string | null {
  return isGeneralHoliday(date);
}

/** E.g. `hk-gazette-2028.1+closures.3`: recorded on every computation. */
export function calendarVersion(calendar: CourtCalendar): string {
  return `${calendar.holidaysVersion}+closures.${calendar.closuresVersion}`;
}

/**
 * Checks a calendar value, e.g. one read back from workflow input or JSON.
 * A calendar on a holiday list this code does not know is refused rather than
 * silently recomputed on another: the version recorded on a deadline must be
 * the list that produced it. A calendar on an older list this code still
 * knows is valid and computes on that list; a case moves to a newer list only
 * when told (a broadcast), with `newerCalendar`.
 */
export function validateCalendar(calendar: CourtCalendar): void {
  if (typeof calendar !== 'object' || calendar === null) throw new InvalidCalendarError('calendar must be an object');
  // The list in force or one it replaced: a running case may still compute on the list it was last told of.
  lookupOf(calendar.holidaysVersion);
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
 * name, or "Sunday", on the calendar's own holiday list), then a declared
 * closure (a planned one under the registry policy only), then (registry
 * policy only) "Saturday (registry closed)".
 */
export function closedReason(calendar: CourtCalendar, date: IsoDate, policy: CalendarPolicy): string | null {
  const holiday = isGeneralHoliday(date, calendar);
  if (holiday !== null) return holiday;
  const closure = closureOn(calendar, date);
  if (closure && (policy === 'registry' || closureKindOf(closure) === 'warning')) {
    return closureKindOf(closure) === 'planned' ? `${closure.reason} (planned closure)` : closure.reason;
  }
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
