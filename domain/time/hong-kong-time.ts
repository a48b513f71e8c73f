/**
 * Hong Kong Time is UTC+8 all year (no daylight saving since 1979), so a
 * fixed offset is exact for every date courtflow handles. Pure arithmetic:
 * safe inside workflows.
 */
import type { IsoDate } from '../calendar/iso-date';

const HKT_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The Hong Kong calendar date at an instant. */
export function hkDateOf(epochMs: number): IsoDate {
  return new Date(epochMs + HKT_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of a Hong Kong wall-clock time on a date, e.g. `hkInstant('2026-12-01', 9, 30)`. */
export function hkInstant(date: IsoDate, hour = 0, minute = 0): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d, hour, minute) - HKT_OFFSET_MS;
}

/** The year of a Hong Kong calendar date. */
export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}
