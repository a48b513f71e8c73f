/**
 * The closure broadcast's contract: its workflow type, ID, input and result.
 * The API (which starts it) and the workflow both import this module.
 */
import { defineSignal } from '@temporalio/workflow';
import type { IsoDate } from '../../domain/calendar';
import type { CalendarChangeInput } from '../../domain/sct/case/calendar-change';
import { SCT_TASK_QUEUE } from '../sct/contract';

/**
 * What a broadcast tells every open case: the whole new calendar and why it
 * changed. A declaration carries `declared` and `declaredBy` (the shape
 * `CalendarChange` of the small-claim contract has always had); a withdrawal
 * or a new holiday list carries `cause` instead.
 */
export type CalendarBroadcastChange = CalendarChangeInput;

/**
 * The cases' `calendarChanged` signal (workflows/sct/contract.ts), typed for
 * every change a broadcast may carry. Same name, so the same signal.
 */
export const calendarBroadcastSignal = defineSignal<[CalendarBroadcastChange]>('calendarChanged');

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

/** The business key of a withdrawal's broadcast: the date withdrawn and the closures version the withdrawal produced. */
export function closureWithdrawalBroadcastWorkflowId(date: IsoDate, closuresVersion: number): string {
  return `calendar-closure-${date}-withdrawn-v${closuresVersion}`;
}

/**
 * The business key of a new holiday list's broadcast: its version. Every
 * start (`courtflow start`, the API, `courtflow closure sync`) that finds the
 * code's list newer than the one running cases were told of names this same
 * workflow, so the list is broadcast once.
 */
export function holidaysBroadcastWorkflowId(holidaysVersion: string): string {
  return `calendar-holidays-${holidaysVersion}`;
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
  /** Sent as is to every open case: the new calendar and why it changed (the closure declared and who declared it, or the `cause`). */
  change: CalendarBroadcastChange;
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
  /**
   * Up to `limit` workflow IDs after `afterId`, in order, of every process a
   * calendar change reaches: open small claims and filings still running
   * (their periods are computed on the calendar too).
   */
  listOpenProcesses(afterId: string, limit: number): Promise<string[]>;
}
