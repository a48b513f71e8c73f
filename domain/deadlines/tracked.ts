/**
 * Deadlines a process is tracking: the computation, who must act, and how
 * the period ended. Any process (a small claim, a filing) keeps a list of
 * these in its state; the helpers here open, close and test them, so every
 * process words "out of time" the same way.
 */
import type { CourtCalendar, IsoDate } from '../calendar';
import type { Role } from '../identity/actor';
import type { Moment } from '../time/moment';
import { computeDeadline, type DeadlineComputation } from './engine';
import type { DeadlineRuleId } from './rules';

/** Who must act before the period ends: a role, one party (`C1`, `D2`…), or any party. */
export type DeadlineOwner = Role | string;

export type DeadlineStatus = 'open' | 'met' | 'lapsed' | 'superseded';

export interface TrackedDeadline {
  /** Unique in its process, built by the process's typed key builders (never parsed back). */
  key: string;
  rule: DeadlineRuleId;
  computation: DeadlineComputation;
  owner: DeadlineOwner;
  /** What the period is about, as data: the party whose window it is, or the order it enforces. */
  subject?: { party?: string; orderId?: string };
  status: DeadlineStatus;
  closedOn: IsoDate | null;
  outcome: string | null;
  /** Each time the last day moved while the period ran (a closure day declared or withdrawn), oldest first. */
  moves?: DueDayMove[];
}

/** The last day moved: from when to when, on which day, and why in words. */
export interface DueDayMove {
  from: IsoDate;
  to: IsoDate;
  on: IsoDate;
  because: string;
}

/** Records that a period's last day moved on `on`, so that whoever is told about it later is told it moved. */
export function noteMove(deadline: TrackedDeadline, from: IsoDate, because: string, on: IsoDate): void {
  const to = deadline.computation.due;
  if (from === to) return;
  deadline.moves = [...(deadline.moves ?? []), { from, to, on, because }];
}

export interface TrackOptions {
  calendar: CourtCalendar;
  periodDays?: number;
  subject?: TrackedDeadline['subject'];
}

/** Starts tracking a period (replacing any earlier one under the same key); returns it. */
export function track(
  deadlines: TrackedDeadline[],
  key: string,
  rule: DeadlineRuleId,
  from: IsoDate,
  owner: DeadlineOwner,
  options: TrackOptions,
): { deadlines: TrackedDeadline[]; tracked: TrackedDeadline } {
  const computation = computeDeadline(rule, from, { calendar: options.calendar, ...(options.periodDays === undefined ? {} : { periodDays: options.periodDays }) });
  const tracked: TrackedDeadline = {
    key,
    rule,
    computation,
    owner,
    ...(options.subject ? { subject: options.subject } : {}),
    status: 'open',
    closedOn: null,
    outcome: null,
  };
  return { deadlines: [...deadlines.filter((d) => d.key !== key), tracked], tracked };
}

export const findOpen = (deadlines: readonly TrackedDeadline[], key: string) => deadlines.find((d) => d.key === key && d.status === 'open');

/** Ends an open period: met (done in time), lapsed (nothing done) or superseded (replaced by another). */
export function close(deadlines: readonly TrackedDeadline[], key: string, status: Exclude<DeadlineStatus, 'open'>, outcome: string, at: Moment): void {
  const deadline = findOpen(deadlines, key);
  if (!deadline) return;
  deadline.status = status;
  deadline.closedOn = at.today;
  deadline.outcome = outcome;
}

/** Is the period still open on `today`? (The due day itself is in time.) */
export const withinWindow = (deadline: TrackedDeadline, today: IsoDate) => today <= deadline.computation.due;

/**
 * Why an act within the period `key` cannot be done today, or null if it
 * can: no such period, already done, replaced, or closed (naming the rule,
 * its basis and the dates).
 */
export function windowRefusal(deadlines: readonly TrackedDeadline[], key: string, label: string, today: IsoDate, reference: string): string | null {
  const deadline = deadlines.find((d) => d.key === key);
  if (!deadline) return `${label}: no such period is running in ${reference}`;
  const c = deadline.computation;
  if (deadline.status === 'open' && withinWindow(deadline, today)) return null;
  if (deadline.status === 'met') return `${label}: already done on ${deadline.closedOn} (${deadline.outcome})`;
  if (deadline.status === 'superseded') return `${label}: that period was replaced (${deadline.outcome})`;
  return `${c.rule} (${c.basis}): the period ran from ${c.from} and closed on ${c.due}; today is ${today}`;
}
