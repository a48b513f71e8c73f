/**
 * Declaring a closure day: a registry officer records that the registry was
 * closed by a gale or black rainstorm warning (Cap. 1 s.71), and every open
 * case is told.
 *
 * The declaration is committed first; the broadcast to open cases starts
 * after. If the process dies in between, repeating the same declaration (or
 * `ensureClosureBroadcast`) starts the missing broadcast: the stored calendar
 * remembers which version was last broadcast.
 */
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { ClosureDay, CourtCalendar } from '../../domain/calendar';
import { isRole } from '../../domain/identity/actor';
import { calendarSnapshot, declareClosureDay, markBroadcastStarted } from '../../db/court-calendar';
import {
  CLOSURE_BROADCAST_TASK_QUEUE,
  CLOSURE_BROADCAST_WORKFLOW,
  closureBroadcastWorkflowId,
  type ClosureBroadcastInput,
} from '../../workflows/calendar/contract';
import type { Caller } from '../audit';
import { UseCaseError } from '../errors';
import { startOnce } from '../start-once';

export interface CalendarDeps {
  pool: Pool;
  temporal: Client;
  /** The court calendar in force now (gazetted holidays and declared closure days). */
  calendar: () => Promise<CourtCalendar>;
}

export interface BroadcastRef {
  workflowId: string;
  /** True when this call started it; false when it was already running or done. */
  started: boolean;
}

export interface DeclaredClosure {
  calendar: CourtCalendar;
  changed: boolean;
  /** The broadcast carrying this calendar to open cases. */
  broadcast: BroadcastRef | null;
}

/**
 * Declares the closure for the caller (a registry officer). The calendar's
 * own errors (a date outside its coverage, an unknown reason) are thrown as
 * they are, for the caller to word.
 */
export async function declareClosure(deps: Pick<CalendarDeps, 'pool' | 'temporal'>, caller: Caller, closure: ClosureDay): Promise<DeclaredClosure> {
  const declared = await declareClosureDay(deps.pool, closure, caller.actor);
  let broadcast: BroadcastRef | null;
  try {
    broadcast = await ensureClosureBroadcast(deps);
  } catch (err) {
    const problem = new UseCaseError(
      'unavailable',
      'broadcast-pending',
      'Closure recorded; open cases not yet told',
      `The closure on ${closure.date} was recorded (calendar closures version ${declared.calendar.closuresVersion}), ` +
        'but its broadcast to open cases could not be started. Repeat the same declaration to start it; nothing is declared twice.',
    );
    // Logged by the error handler with the problem; never sent to the client.
    problem.cause = err;
    throw problem;
  }
  return { ...declared, broadcast };
}

/**
 * Starts the broadcast of the stored calendar unless its version has been
 * broadcast already, and returns the newest broadcast. A broadcast carries
 * the whole calendar of its version, so one for the newest version also
 * covers any older change whose own broadcast never started. Its workflow
 * ID is the business key of that version's change; starting it twice is
 * answered, not duplicated.
 */
export async function ensureClosureBroadcast(deps: Pick<CalendarDeps, 'pool' | 'temporal'>): Promise<BroadcastRef | null> {
  const { calendar, closures, broadcastVersion, broadcastWorkflowId } = await calendarSnapshot(deps.pool);
  if (broadcastVersion >= calendar.closuresVersion) {
    return broadcastWorkflowId === null ? null : { workflowId: broadcastWorkflowId, started: false };
  }
  // Each version is set by exactly one row's declaration (or correction).
  const latest = closures.find((c) => c.closuresVersion === calendar.closuresVersion);
  if (!latest) throw new Error(`no closure day carries closures version ${calendar.closuresVersion}`);
  const { role } = latest.declaredBy;
  if (!isRole(role)) throw new Error(`closure on ${latest.date} was declared by an unknown role ${JSON.stringify(role)}`);

  const workflowId = closureBroadcastWorkflowId(latest.date, calendar.closuresVersion);
  const input: ClosureBroadcastInput = {
    change: {
      calendar,
      declared: { date: latest.date, reason: latest.reason },
      declaredBy: { id: latest.declaredBy.id, role, name: latest.declaredBy.name },
    },
  };
  const started = await startOnce(deps.temporal, { workflowType: CLOSURE_BROADCAST_WORKFLOW, workflowId, taskQueue: CLOSURE_BROADCAST_TASK_QUEUE, args: [input] });
  await markBroadcastStarted(deps.pool, calendar.closuresVersion, workflowId);
  return { workflowId, started };
}
