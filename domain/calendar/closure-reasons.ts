/**
 * Why a registry officer may declare a closure day: the two grounds on which
 * Cap. 1 s.71 carries a period past a day, besides general holidays.
 *
 * The vocabulary is closed on purpose. A closure day extends every deadline
 * whose last day it is, so only a ground the ordinance recognises may be
 * declared; and one spelling per ground makes a repeated declaration an exact
 * repeat (no change, no rebroadcast) instead of a "correction" that differs
 * only in wording. A new ground is a code change, reviewed like a rule.
 *
 * These are the grounds of a `warning` closure. A `planned` closure (the
 * registry closed by order, announced in advance) carries the order's own
 * words as its reason instead, and counts under the registry policy only
 * (see `calendar.ts`).
 */
export const CLOSURE_REASONS = ['black rainstorm warning', 'gale warning (signal No. 8 or above)'] as const;

export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export function isClosureReason(value: unknown): value is ClosureReason {
  return typeof value === 'string' && (CLOSURE_REASONS as readonly string[]).includes(value);
}
