/**
 * When each of a phase's workflows is due: the W warm-ups one by one, then
 * the N measured evenly over the spread (or all at the same instant, as a
 * court's 09:00 alerts are, with a spread of 0).
 */
import type { Options } from './options';

/** Warm-ups come due one by one, and have settled before the measured ones begin. */
const WARMUP_SPACING_MS = 500;
const WARMUP_GAP_MS = 3_000;

export interface Schedule {
  /** Epoch ms, warm-ups first. */
  due: number[];
  /** Between two measured instants. */
  spacingMs: number;
  firstMeasured: number;
  last: number;
}

export function scheduleFrom(firstDue: number, options: Pick<Options, 'alerts' | 'warmup' | 'spreadSeconds'>): Schedule {
  const spacingMs = (options.spreadSeconds * 1000) / options.alerts;
  const firstMeasured = firstDue + (options.warmup > 0 ? (options.warmup - 1) * WARMUP_SPACING_MS + WARMUP_GAP_MS : 0);
  const due = Array.from({ length: options.warmup + options.alerts }, (_, i) =>
    Math.round(i < options.warmup ? firstDue + i * WARMUP_SPACING_MS : firstMeasured + (i - options.warmup) * spacingMs),
  );
  return { due, spacingMs, firstMeasured, last: Math.max(...due) };
}

/** Halfway between each instant and the next: where the raw timers beside the alerts fall, so neither waits on the other's wake-up. */
export function halfwayAfter(schedule: Schedule, warmup: number): number[] {
  return schedule.due.map((at, i) => Math.round(at + (i < warmup ? WARMUP_SPACING_MS : schedule.spacingMs) / 2));
}
