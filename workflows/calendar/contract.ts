/**
 * The closure broadcast's contract: its workflow type, ID, input and result.
 * The API (which starts it) and the workflow both import this module.
 */
import type { IsoDate } from '../../domain/calendar';
import { SCT_TASK_QUEUE, type CalendarChange } from '../sct/contract';

/** Registered workflow type name; the function in closure-broadcast.ts has the same name. */
export const CLOSURE_BROADCAST_WORKFLOW = 'closureBroadcastWorkflow';

/** The broadcast runs beside the cases it signals. */
export const CLOSURE_BROADCAST_TASK_QUEUE = SCT_TASK_QUEUE;

/** Open cases read per activity call, and signalled together. */
export const CLOSURE_BROADCAST_PAGE_SIZE = 100;

/**
 * The business key of one calendar change's broadcast: the closure date and
 * the closures version it produced. Declaring the same closure again finds
 * the version unchanged, so it names (and starts) no second broadcast.
 */
export function closureBroadcastWorkflowId(date: IsoDate, closuresVersion: number): string {
  return `calendar-closure-${date}-v${closuresVersion}`;
}

export interface ClosureBroadcastProgress {
  /** Cases whose workflow received the signal. */
  signalled: number;
  /** Cases listed as open whose workflow was not found (closed since, or not yet started). */
  notFound: number;
  /** Cases whose workflow refused the signal for another reason (logged; the broadcast goes on). */
  undelivered: number;
  /** Pages of open cases read. */
  pages: number;
}

export interface ClosureBroadcastInput {
  /** Sent as is to every open case: the new calendar, the closure declared and who declared it. */
  change: CalendarChange;
  /** Defaults to `CLOSURE_BROADCAST_PAGE_SIZE`. */
  pageSize?: number;
  /** Set by continue-as-new: the last case number already signalled. */
  afterCaseNo?: string;
  /** Set by continue-as-new: the counts so far. */
  progress?: ClosureBroadcastProgress;
}

export type ClosureBroadcastResult = ClosureBroadcastProgress;

/** The activity the broadcast calls; the worker supplies an implementation of exactly this. */
export interface OpenCaseActivities {
  /** Up to `limit` case numbers of open small claims after `afterCaseNo` ('' for the first page), in order. */
  listOpenSmallClaims(afterCaseNo: string, limit: number): Promise<string[]>;
}
