/**
 * Training: the next moment at which something happens to a case by
 * itself, so that an officer moving the simulated court clock on lands on
 * it rather than guessing. Two kinds move a small claim without anyone
 * acting: its hearing begins, or a period ends (a deadline's last day is
 * over; see `endOf` in domain/sct/case/timers.ts, which lapses it at the
 * first moment of the next day). Warnings and reminders before either
 * fire on the way.
 */
import { addDays, type IsoDate } from '../calendar';
import { hkInstant } from '../time/hong-kong-time';

export interface UpcomingHearing {
  caseNo: string;
  startsAt: number;
}

export interface OpenPeriod {
  caseNo: string;
  key: string;
  rule: string;
  basis: string;
  due: IsoDate;
}

export type CourtEvent =
  | { kind: 'hearing'; caseNo: string; at: number }
  | { kind: 'period-ends'; caseNo: string; at: number; key: string; rule: string; basis: string; due: IsoDate };

/** A minute past the event: the case's own timer has fired and the worker had a moment to act on it. */
export const SETTLE_MS = 60_000;

/** The earliest event after `now` (hearings first when at the same instant), or null when no case waits on the clock. */
export function nextCourtEvent(now: number, hearings: readonly UpcomingHearing[], periods: readonly OpenPeriod[]): CourtEvent | null {
  const events: CourtEvent[] = [
    ...hearings.map((h): CourtEvent => ({ kind: 'hearing', caseNo: h.caseNo, at: h.startsAt })),
    ...periods.map((p): CourtEvent => ({ kind: 'period-ends', caseNo: p.caseNo, at: hkInstant(addDays(p.due, 1)), key: p.key, rule: p.rule, basis: p.basis, due: p.due })),
  ].filter((e) => e.at > now);
  const rank = (e: CourtEvent) => (e.kind === 'hearing' ? 0 : 1);
  events.sort((a, b) => a.at - b.at || rank(a) - rank(b) || a.caseNo.localeCompare(b.caseNo));
  return events[0] ?? null;
}
