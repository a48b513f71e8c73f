/**
 * The court calendar changed (a closure day declared or withdrawn, a new
 * holiday list) while a filing's periods run: the registry's review time and
 * each correction window are recomputed on it, and the history says which
 * moved and why. A change that moves nothing is kept without a word, as for
 * a small claim. Broadcasts may arrive late, twice or out of order: the
 * calendar only moves forward (`newerCalendar`).
 */
import { calendarVersion, closureChanges, newerCalendar, type CourtCalendar } from '../calendar';
import { deadlineMoved, noteMove, recomputeOnClosure } from '../deadlines';
import type { Moment } from '../time/moment';
import { record } from './procedure';
import type { Filing } from './state';

export function applyFilingCalendarChange(state: Filing, incoming: CourtCalendar, at: Moment): void {
  const next = newerCalendar(state.calendar, incoming);
  if (!next) return;
  const previous = state.calendar;
  state.calendar = next;
  const moved: string[] = [];
  const why = closureChanges(previous, next).join('; ') || `the court calendar changed (${calendarVersion(next)})`;
  for (const deadline of state.deadlines.filter((d) => d.status === 'open')) {
    const recomputed = recomputeOnClosure(deadline.computation, next);
    const move = deadlineMoved(deadline.computation, recomputed);
    deadline.computation = recomputed;
    if (!move) continue;
    moved.push(`${deadline.key} from ${move.previousDue} to ${move.due}`);
    noteMove(deadline, move.previousDue, why, at.today);
  }
  if (moved.length) record(state, at, 'calendar-changed', `The court calendar changed (${calendarVersion(next)}): ${moved.join('; ')}.`);
}
