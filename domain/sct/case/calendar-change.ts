/**
 * A closure day declared after a case's deadlines were computed (a gale or
 * black rainstorm warning): every open deadline is recomputed on the new
 * calendar, and one whose last day was closed moves to the next open day.
 * A hearing that falls on the closure day cannot proceed and is vacated.
 */
import { isOpenDay, type ClosureDay, type CourtCalendar } from '../../calendar';
import { deadlineMoved, recomputeOnClosure } from '../../deadlines';
import type { Actor } from '../../identity/actor';
import type { Moment } from '../../time/moment';
import { noteListing } from './hearing';
import { raiseAlert, record } from './record';
import type { SctCase } from './state';

export interface CalendarChangeInput {
  calendar: CourtCalendar;
  /** The declaration that made this version, when known (a broadcast); absent when a case catches up at start. */
  declared?: ClosureDay;
  declaredBy?: Actor;
}

/** Why the calendar changed, in words for the case history. */
function reasonFor(change: CalendarChangeInput, previous: CourtCalendar): string {
  if (change.declared) {
    return `${change.declared.date} closed (${change.declared.reason})${change.declaredBy ? `, declared by ${change.declaredBy.name}` : ''}`;
  }
  const added = change.calendar.closures.filter((c) => !previous.closures.some((p) => p.date === c.date && p.reason === c.reason));
  return added.map((c) => `${c.date} closed (${c.reason})`).join('; ') || `the court calendar changed (version ${change.calendar.closuresVersion})`;
}

/** Returns true if the case's deadlines or hearing changed. */
export function applyCalendarChange(state: SctCase, change: CalendarChangeInput, at: Moment): boolean {
  // Broadcasts may arrive out of order or twice: only a newer calendar counts.
  if (change.calendar.closuresVersion <= state.calendar.closuresVersion) return false;
  const why = reasonFor(change, state.calendar);
  state.calendar = change.calendar;
  let changed = false;
  for (const deadline of state.deadlines.filter((d) => d.status === 'open')) {
    const next = recomputeOnClosure(deadline.computation, change.calendar);
    const move = deadlineMoved(deadline.computation, next);
    if (!move) continue;
    deadline.computation = next;
    record(state, at, 'deadline-moved', `${deadline.computation.description} (${next.basis}): due ${move.previousDue} → ${move.due} because ${why}.`);
    changed = true;
  }
  if (state.stage === 'awaiting-hearing' && state.hearing && !isOpenDay(change.calendar, state.hearing.date, 'registry')) {
    const vacated = state.hearing.date;
    // A hearing that cannot proceed is adjourned (s.26): the new date is no longer bound by the 60 days of s.14(1)(a).
    state.adjournments.push({ on: at.today, from: vacated, to: null, reason: why, vacated: true });
    state.hearing = null;
    state.stage = 'awaiting-listing';
    noteListing(state, at, `hearing on ${vacated} vacated (${why}); no date fixed`);
    record(state, at, 'hearing-vacated', `The hearing on ${vacated} cannot proceed: ${why}. The registrar is to fix a new date.`);
    raiseAlert(state, at, { severity: 'urgent', to: 'registry', rule: 'Cap. 338 s.26', message: `${state.caseNo}: hearing on ${vacated} vacated (${why}); fix a new date.`, subject: { kind: 'listing' } });
    changed = true;
  }
  return changed;
}
