/**
 * The court calendar changed after a case's deadlines were computed, and the
 * case is told (a broadcast signal, or the calendar read when it starts):
 * - a closure day declared (a gale or black rainstorm warning): an open
 *   deadline whose last day was closed moves to the next open day, and a
 *   hearing that falls on the day cannot proceed and is vacated;
 * - a closure withdrawn (declared by mistake): deadlines return to what they
 *   would be without it; a hearing it vacated is not restored (the case is
 *   already awaiting listing: the registrar fixes a new date), and the
 *   history says so;
 * - a new general holiday list (a provisional year replaced by the gazetted
 *   one, a year added): every open deadline is rechecked on it, and the
 *   history records what changed in the list.
 *
 * Broadcasts may arrive late, twice or out of order: the holiday list and
 * the closures each move only forward (`newerCalendar`).
 *
 * Replay: a signal shaped as before (a declaration, no `cause`, on the same
 * holiday list) is handled exactly as before; the new paths run only on
 * payloads that older code never sent, so recorded histories replay.
 */
import {
  calendarVersion,
  closureChanges,
  holidayListChanges,
  isOpenDay,
  newerCalendar,
  type ClosureDay,
  type CourtCalendar,
} from '../../calendar';
import { deadlineMoved, noteMove, recomputeOnClosure } from '../../deadlines';
import type { Actor } from '../../identity/actor';
import type { Moment } from '../../time/moment';
import { noteListing } from './hearing';
import { raiseAlert, record } from './record';
import type { SctCase } from './state';

/** Why the calendar changed, when it was not a plain declaration. */
export type CalendarChangeCause =
  | {
      kind: 'closure-withdrawn';
      /** The closure as it was declared. */
      closure: ClosureDay;
      /** Why it was withdrawn, as the registry officer gave it. */
      reason: string;
      by: Actor;
    }
  | {
      kind: 'holidays-replaced';
      /** The holiday list versions, e.g. `hk-gazette-2028.1` → `hk-gazette-2029.2`. */
      from: string;
      to: string;
    };

export interface CalendarChangeInput {
  calendar: CourtCalendar;
  /** The declaration that made this version, when known (a broadcast); absent when a case catches up at start. */
  declared?: ClosureDay;
  declaredBy?: Actor;
  /** Set on a withdrawal's or a new holiday list's broadcast; absent on a declaration (as it always was). */
  cause?: CalendarChangeCause;
}

/** Why the calendar changed, in words for the case history. */
function reasonFor(change: CalendarChangeInput, previous: CourtCalendar, next: CourtCalendar): string {
  const cause = change.cause;
  if (cause?.kind === 'closure-withdrawn') {
    return `the closure declared for ${cause.closure.date} (${cause.closure.reason}) was withdrawn by ${cause.by.name}: ${cause.reason}`;
  }
  if (change.declared) {
    return `${change.declared.date} closed (${change.declared.reason})${change.declaredBy ? `, declared by ${change.declaredBy.name}` : ''}`;
  }
  const parts: string[] = [];
  if (next.closuresVersion !== previous.closuresVersion) parts.push(...closureChanges(previous, next));
  if (next.holidaysVersion !== previous.holidaysVersion) {
    parts.push(`the general holiday list changed from ${previous.holidaysVersion} to ${next.holidaysVersion}`);
  }
  return parts.join('; ') || `the court calendar changed (version ${change.calendar.closuresVersion})`;
}

/** Returns true if the case's deadlines, hearing or history changed. */
export function applyCalendarChange(state: SctCase, change: CalendarChangeInput, at: Moment): boolean {
  const previous = state.calendar;
  // Broadcasts may arrive out of order or twice: only a newer calendar counts.
  const next = newerCalendar(previous, change.calendar);
  if (next === null) return false;
  const holidaysChanged = next.holidaysVersion !== previous.holidaysVersion;
  const why = reasonFor(change, previous, next);
  state.calendar = next;
  let changed = false;
  let rechecked = 0;
  let moved = 0;
  for (const deadline of state.deadlines.filter((d) => d.status === 'open')) {
    const recomputed = recomputeOnClosure(deadline.computation, next);
    rechecked += 1;
    const move = deadlineMoved(deadline.computation, recomputed);
    if (!move) {
      // On a new holiday list every open deadline records the list it was checked on.
      if (holidaysChanged) deadline.computation = recomputed;
      continue;
    }
    deadline.computation = recomputed;
    noteMove(deadline, move.previousDue, why, at.today);
    moved += 1;
    record(state, at, 'deadline-moved', `${deadline.computation.description} (${recomputed.basis}): due ${move.previousDue} → ${move.due} because ${why}.`);
    changed = true;
  }
  if (holidaysChanged) {
    const changes = holidayListChanges(previous.holidaysVersion, next.holidaysVersion);
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    record(
      state,
      at,
      'holidays-changed',
      `The general holiday list (Cap. 149) changed from ${previous.holidaysVersion} to ${next.holidaysVersion}` +
        `${changes.length > 0 ? `: ${changes.join('; ')}` : ''}. ${count(rechecked, 'open deadline')} rechecked on calendar ${calendarVersion(next)}; ` +
        `${moved === 0 ? 'none moved' : `${moved} moved`}.`,
    );
    changed = true;
  }
  if (state.stage === 'awaiting-hearing' && state.hearing && !isOpenDay(next, state.hearing.date, 'registry')) {
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
  const cause = change.cause;
  if (cause?.kind === 'closure-withdrawn') {
    const date = cause.closure.date;
    const vacatedByIt = state.adjournments.some((a) => a.vacated === true && a.from === date && a.to === null);
    if (vacatedByIt && state.stage === 'awaiting-listing' && state.hearing === null) {
      // Not silently restored: the parties were told the hearing would not proceed, so the registrar re-fixes it.
      record(
        state,
        at,
        'closure-withdrawn',
        `The closure of ${date} that vacated the hearing on ${date} was withdrawn by ${cause.by.name} (${cause.reason}). ` +
          'The hearing is not restored: the case stays awaiting listing and the registrar is to fix a new date.',
      );
      changed = true;
    }
  }
  return changed;
}
