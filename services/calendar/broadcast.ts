/**
 * Carrying the stored calendar to every open case: one broadcast workflow
 * per change, under the change's business key, so starting it twice is
 * answered, not duplicated.
 *
 * Two marks in the stored calendar say what running cases were last told:
 * the closures version (a declaration, correction or withdrawal) and the
 * holiday list version. `ensureCalendarBroadcast` starts whatever is missing;
 * it runs after every declaration and withdrawal, and on start (the API
 * calls `syncCalendarOnStart`), and through `POST /api/v1/calendar/sync`.
 */
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import {
  HK_GENERAL_HOLIDAYS_VERSION,
  holidayListChanges,
  holidaysRevisionOf,
  isKnownHolidaysVersion,
} from '../../domain/calendar';
import { isRole } from '../../domain/identity/actor';
import {
  calendarSnapshot,
  closureChangeOf,
  markBroadcastStarted,
  markHolidaysBroadcastStarted,
} from '../../db/court-calendar';
import {
  CLOSURE_BROADCAST_TASK_QUEUE,
  CLOSURE_BROADCAST_WORKFLOW,
  closureBroadcastWorkflowId,
  closureWithdrawalBroadcastWorkflowId,
  holidaysBroadcastWorkflowId,
  type CalendarBroadcastChange,
  type ClosureBroadcastInput,
} from '../../workflows/calendar/contract';
import { startOnce } from '../start-once';

export interface BroadcastRef {
  workflowId: string;
  /** True when this call started it; false when it was already running or done. */
  started: boolean;
}

type Deps = { pool: Pool; temporal: Client };

const start = (deps: Deps, workflowId: string, change: CalendarBroadcastChange) => {
  const input: ClosureBroadcastInput = { change };
  return startOnce(deps.temporal, { workflowType: CLOSURE_BROADCAST_WORKFLOW, workflowId, taskQueue: CLOSURE_BROADCAST_TASK_QUEUE, args: [input] });
};

/**
 * Starts the broadcast of the stored calendar unless its closures version has
 * been broadcast already, and returns the newest closure broadcast. A
 * broadcast carries the whole calendar of its version, so one for the newest
 * version also covers any older change whose own broadcast never started.
 */
export async function ensureClosureBroadcast(deps: Deps): Promise<BroadcastRef | null> {
  const { calendar, broadcastVersion, broadcastWorkflowId } = await calendarSnapshot(deps.pool);
  if (broadcastVersion >= calendar.closuresVersion) {
    return broadcastWorkflowId === null ? null : { workflowId: broadcastWorkflowId, started: false };
  }
  // Each version is produced by exactly one declaration, correction or withdrawal.
  const latest = await closureChangeOf(deps.pool, calendar.closuresVersion);
  if (!latest || latest.date === null || latest.reason === null || latest.by === null) {
    throw new Error(`no closure change carries closures version ${calendar.closuresVersion}`);
  }
  const { role } = latest.by;
  if (!isRole(role)) throw new Error(`the closure change of ${latest.date} was made by an unknown role ${JSON.stringify(role)}`);
  const by = { id: latest.by.id, role, name: latest.by.name };
  const closure = { date: latest.date, reason: latest.reason, ...(latest.kind === 'planned' ? { kind: 'planned' as const } : {}) };

  let workflowId: string;
  let change: CalendarBroadcastChange;
  if (latest.change === 'withdrawn') {
    workflowId = closureWithdrawalBroadcastWorkflowId(latest.date, calendar.closuresVersion);
    change = { calendar, cause: { kind: 'closure-withdrawn', closure, reason: latest.note ?? 'withdrawn', by } };
  } else {
    workflowId = closureBroadcastWorkflowId(latest.date, calendar.closuresVersion);
    change = { calendar, declared: closure, declaredBy: by };
  }
  const started = await start(deps, workflowId, change);
  await markBroadcastStarted(deps.pool, calendar.closuresVersion, workflowId);
  return { workflowId, started };
}

export interface HolidaysSync {
  /** The holiday list running cases were told of before, and the one in force in this code. */
  from: string;
  to: string;
  /** What changed, one sentence each (empty when nothing needed telling). */
  changes: string[];
  /** The broadcast of `to`, or null when cases already had it. */
  broadcast: BroadcastRef | null;
}

/**
 * Tells running cases of this code's holiday list if it is newer than the one
 * they were last told of (a provisional year replaced by the gazetted list, a
 * year added): a broadcast exactly like a declared closure's, under the
 * business key of the list's version, carrying the whole stored calendar.
 */
export async function ensureHolidaysBroadcast(deps: Deps): Promise<HolidaysSync> {
  const { calendar, holidaysBroadcastVersion: told, holidaysBroadcastWorkflowId: toldBy } = await calendarSnapshot(deps.pool);
  const to = HK_GENERAL_HOLIDAYS_VERSION;
  const newer = told !== to && (!isKnownHolidaysVersion(told) || holidaysRevisionOf(to) > holidaysRevisionOf(told));
  if (!newer) {
    return { from: told, to, changes: [], broadcast: toldBy === null ? null : { workflowId: toldBy, started: false } };
  }
  const changes = isKnownHolidaysVersion(told) ? holidayListChanges(told, to) : [`the list ${told} is no longer known; replaced by ${to}`];
  const workflowId = holidaysBroadcastWorkflowId(to);
  const started = await start(deps, workflowId, { calendar, cause: { kind: 'holidays-replaced', from: told, to } });
  await markHolidaysBroadcastStarted(deps.pool, told, to, workflowId, `${told} → ${to}: ${changes.join('; ')}`.slice(0, 2000));
  return { from: told, to, changes, broadcast: { workflowId, started } };
}

export interface CalendarSync {
  closures: BroadcastRef | null;
  holidays: HolidaysSync;
}

/** Both: any closure change and any holiday list not yet broadcast. Idempotent. */
export async function ensureCalendarBroadcast(deps: Deps): Promise<CalendarSync> {
  const closures = await ensureClosureBroadcast(deps);
  const holidays = await ensureHolidaysBroadcast(deps);
  return { closures, holidays };
}

/**
 * For an API or a worker process on start: broadcasts what is missing, and
 * logs rather than throws (a start must not fail because Temporal is slow;
 * the next start, declaration or `courtflow closure sync` catches up).
 */
export async function syncCalendarOnStart(
  deps: Deps,
  logger: { info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void },
): Promise<CalendarSync | null> {
  try {
    const sync = await ensureCalendarBroadcast(deps);
    if (sync.holidays.broadcast?.started) {
      logger.info({ from: sync.holidays.from, to: sync.holidays.to, workflowId: sync.holidays.broadcast.workflowId, changes: sync.holidays.changes }, 'new general holiday list broadcast to open cases');
    }
    return sync;
  } catch (err) {
    logger.error({ err }, 'could not broadcast the court calendar to open cases; will try at the next start or sync');
    return null;
  }
}
