/**
 * The court calendar changed (a closure day declared or withdrawn, a new
 * holiday list) while a filing's periods run: the registry's review time and
 * each correction window are recomputed on it, and the history says which
 * moved and why. A change that moves nothing is kept without a word, as for
 * a small claim. Broadcasts may arrive late, twice or out of order: the
 * calendar only moves forward (`newerCalendar`).
 */
import { calendarVersion, newerCalendar, type CourtCalendar } from '../calendar';
import { deadlineMoved, recomputeOnClosure } from '../deadlines';
import type { Moment } from '../time/moment';
import { record } from './procedure';
import type { Filing } from './state';

export function applyFilingCalendarChange(state: Filing, incoming: CourtCalendar, at: Moment): void {
  const next = newerCalendar(state.calendar, incoming);
  if (!next) return;
  state.calendar = next;
  const moved: string[] = [];
  for (const deadline of state.deadlines.filter((d) => d.status === 'open')) {
    const recomputed = recomputeOnClosure(deadline.computation, next);
    const move = deadlineMoved(deadline.computation, recomputed);
    deadline.computation = recomputed;
    if (move) moved.push(`${deadline.key} from ${move.previousDue} to ${move.due}`);
  }
  if (moved.length) record(state, at, 'calendar-changed', `The court calendar changed (${calendarVersion(next)}): ${moved.join('; ')}.`);
}
