/**
 * Declaring and withdrawing closure days. A closure day is a fact: a registry
 * officer records that the registry was closed by a gale or black rainstorm
 * warning (Cap. 1 s.71) on or after the day it happened, or declares a
 * `planned` closure (closed by order) in advance; every open case is told.
 * A closure declared by mistake is withdrawn, with a reason, and every open
 * case is told that too.
 *
 * The change is committed first; the broadcast to open cases starts after.
 * If the process dies in between, repeating the same request (or
 * `ensureClosureBroadcast`, run on start and by `POST /calendar/sync`) starts
 * the missing broadcast: the stored calendar remembers which version was last
 * broadcast.
 */
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { closureKindOf, createCalendar, type ClosureDay, type CourtCalendar, type IsoDate } from '../../domain/calendar';
import { hkDateOf } from '../../domain/time/hong-kong-time';
import { declareClosureDay, withdrawClosureDay } from '../../db/court-calendar';
import type { Caller } from '../audit';
import { UseCaseError } from '../errors';
import { ensureClosureBroadcast, type BroadcastRef } from './broadcast';

export { ensureClosureBroadcast, type BroadcastRef } from './broadcast';

export interface CalendarDeps {
  pool: Pool;
  temporal: Client;
  /** The court calendar in force now (gazetted holidays and declared closure days). */
  calendar: () => Promise<CourtCalendar>;
  /** Today's Hong Kong date; defaults to the wall clock's. */
  today?: () => IsoDate;
}

export interface DeclaredClosure {
  calendar: CourtCalendar;
  changed: boolean;
  /** Why the day already did not count (a Sunday, a general holiday): recorded only, nothing changed. */
  alreadyClosed?: string;
  /** The broadcast carrying this calendar to open cases. */
  broadcast: BroadcastRef | null;
}

export interface WithdrawnClosure {
  calendar: CourtCalendar;
  changed: boolean;
  withdrawn: ClosureDay;
  broadcast: BroadcastRef | null;
}

/** The rule a future warning day breaks, named in the refusal. */
export const WARNING_DAY_RULE =
  'Cap. 1 s.71: a gale or black rainstorm warning day is a fact, declared on or after the day it happened; a closure ordered in advance is declared with kind "planned"';

const todayOf = (deps: Pick<CalendarDeps, 'today'>) => (deps.today ? deps.today() : hkDateOf(Date.now()));

function broadcastPending(date: IsoDate, calendar: CourtCalendar, what: string, err: unknown): UseCaseError {
  const problem = new UseCaseError(
    'unavailable',
    'broadcast-pending',
    `${what}; open cases not yet told`,
    `The ${what.toLowerCase()} for ${date} (calendar closures version ${calendar.closuresVersion}), ` +
      'but its broadcast to open cases could not be started. Repeat the same request to start it; nothing is done twice.',
  );
  // Logged by the error handler with the problem; never sent to the client.
  problem.cause = err;
  return problem;
}

/**
 * Declares the closure for the caller (a registry officer). A warning day in
 * the future is refused (`closure-in-future`); a day that already does not
 * count is recorded and changes nothing. The calendar's own errors (a date
 * outside its coverage) are thrown as they are, for the caller to word.
 */
export async function declareClosure(
  deps: Pick<CalendarDeps, 'pool' | 'temporal' | 'today'>,
  caller: Caller,
  closure: ClosureDay,
): Promise<DeclaredClosure> {
  // The closure itself first (a real date, in the calendar's coverage, with a reason): InvalidClosureError otherwise.
  createCalendar([closure]);
  const today = todayOf(deps);
  if (closureKindOf(closure) === 'warning' && closure.date > today) {
    const message = `${closure.date} is after today (${today} in Hong Kong): a warning day can only be declared once it has happened`;
    throw new UseCaseError('refused', 'closure-in-future', 'A warning day cannot be declared in advance', `${message}. ${WARNING_DAY_RULE}.`, {
      today,
      errors: [{ field: 'date', rule: WARNING_DAY_RULE, message }],
    });
  }
  const declared = await declareClosureDay(deps.pool, closure, caller.actor);
  if (declared.alreadyClosed !== undefined) {
    return { calendar: declared.calendar, changed: false, alreadyClosed: declared.alreadyClosed, broadcast: null };
  }
  let broadcast: BroadcastRef | null;
  try {
    broadcast = await ensureClosureBroadcast(deps);
  } catch (err) {
    throw broadcastPending(closure.date, declared.calendar, 'Closure recorded', err);
  }
  return { ...declared, broadcast };
}

/**
 * Withdraws the closure declared for `date` (a registry officer, with a
 * reason): a calendar change broadcast to every open case, whose deadlines
 * return to what they would be without it. 404 if none was ever declared;
 * withdrawing again changes nothing.
 */
export async function withdrawClosure(
  deps: Pick<CalendarDeps, 'pool' | 'temporal'>,
  caller: Caller,
  date: IsoDate,
  reason: string,
): Promise<WithdrawnClosure> {
  const result = await withdrawClosureDay(deps.pool, date, reason.trim(), caller.actor);
  if (result.withdrawn === null) {
    throw new UseCaseError('not-found', 'closure-not-declared', 'No closure declared for that day', `No closure day was declared for ${date}, so there is nothing to withdraw.`, {
      errors: [{ field: 'date', rule: 'declared closure', message: `no closure declared for ${date}` }],
    });
  }
  let broadcast: BroadcastRef | null;
  try {
    broadcast = await ensureClosureBroadcast(deps);
  } catch (err) {
    throw broadcastPending(date, result.calendar, 'Withdrawal recorded', err);
  }
  return { calendar: result.calendar, changed: result.changed, withdrawn: result.withdrawn, broadcast };
}
