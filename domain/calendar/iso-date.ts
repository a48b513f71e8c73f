/**
 * Calendar-date arithmetic on `YYYY-MM-DD` strings.
 *
 * A court date is a Hong Kong calendar day, not an instant, so the arithmetic
 * never touches a clock or a time zone: dates are converted to a day number
 * with `Date.UTC` and back. Pure and deterministic, safe inside workflows.
 */
/** A calendar date in Hong Kong, `YYYY-MM-DD`: a court day, not an instant. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Base of every error the calendar throws; `code` is stable for mapping to API problems. */
export class CalendarError extends Error {
  override name = 'CalendarError';
  readonly code: string = 'calendar';
}

/** A string that is not a real `YYYY-MM-DD` calendar date (e.g. `2026-02-30`, `2026-2-3`). */
export class InvalidIsoDateError extends CalendarError {
  override name = 'InvalidIsoDateError';
  override readonly code = 'calendar.invalid-date';
  constructor(
    readonly value: string,
    readonly field = 'date',
  ) {
    super(`${field} ${JSON.stringify(value)} is not a calendar date in the form YYYY-MM-DD`);
  }
}

interface DateParts {
  year: number;
  month: number;
  day: number;
}

function parts(value: string): DateParts | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  // Day 0 of the next month is the last day of this one (handles leap years).
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > lastDay) return null;
  return { year, month, day };
}

/** True when `value` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parts(value) !== null;
}

/** Throws `InvalidIsoDateError` (naming `field`) unless `value` is a real `YYYY-MM-DD` date. */
export function assertIsoDate(value: unknown, field = 'date'): asserts value is IsoDate {
  if (!isIsoDate(value)) throw new InvalidIsoDateError(String(value), field);
}

function toDayNumber(date: IsoDate): number {
  const p = parts(date);
  if (!p) throw new InvalidIsoDateError(date);
  return Date.UTC(p.year, p.month - 1, p.day) / MS_PER_DAY;
}

function fromDayNumber(dayNumber: number): IsoDate {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/** `date` moved by `days` calendar days (negative moves back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isSafeInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  // Day 0 (1970-01-01) was a Thursday.
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** English name of the day of the week, e.g. `Saturday`. */
export function weekdayName(date: IsoDate): string {
  return WEEKDAY_NAMES[dayOfWeek(date)] ?? 'Sunday';
}

/** The calendar year of a date. */
export function yearOf(date: IsoDate): number {
  const p = parts(date);
  if (!p) throw new InvalidIsoDateError(date);
  return p.year;
}
