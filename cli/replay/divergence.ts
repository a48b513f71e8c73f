/**
 * Where a history and today's code part ways. The SDK reports a
 * nondeterminism only in words, and Core's words seldom carry an event ID
 * ("Activity type of scheduled event 'x' does not match activity type of
 * activity command 'y'"). So the event is found by replaying ever longer
 * prefixes of the history, each cut just after a workflow task started (as a
 * running case's history ends): the first prefix that fails shows which
 * workflow task's commands diverged; within the events that task wrote, the
 * one the message names is the event, and failing that, the task's
 * completion.
 */
import type { History } from '@temporalio/common/lib/proto-utils';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';

type HistoryEvent = NonNullable<History['events']>[number];

const idOf = (event: HistoryEvent): number => Number(String(event.eventId ?? 0));

/** An event ID the message gives itself ("HistoryEvent(id: 12, …)", "event 12", "event_id: 12"), if any. */
export function eventIdInMessage(message: string): number | null {
  const match = /\b(?:HistoryEvent\(id|event(?:[ _]?id)?)[:=\s#]+(\d+)/i.exec(message);
  return match ? Number(match[1]) : null;
}

/** The names the message quotes: the history's value comes first ("… of scheduled event 'x' does not match … 'y'"). */
const quotedNames = (message: string): string[] => [...message.matchAll(/'([^']+)'/g)].map((m) => m[1]!);

async function replaysCleanly(history: History, workflowId: string, workflowBundle: WorkflowBundle): Promise<boolean> {
  try {
    await Worker.runReplayHistory({ workflowBundle, replayName: 'courtflow-replay-bisect' }, history, workflowId);
    return true;
  } catch (error) {
    if (error instanceof DeterminismViolationError) return false;
    // Another failure of a prefix (a task the code fails): not the divergence sought; treat the prefix as passing.
    return true;
  }
}

/**
 * The event at which `history` diverges from today's code, or null if it
 * cannot be told (the full history must already have failed with a
 * nondeterminism: this only narrows it down). A few replays of prefixes, by
 * bisection: only ever run for a history that failed.
 */
export async function divergenceEvent(history: History, workflowId: string, message: string, workflowBundle: WorkflowBundle): Promise<number | null> {
  const said = eventIdInMessage(message);
  if (said !== null) return said;
  const events = history.events ?? [];
  // Cut points: just after each workflow task started, but the first (its prefix has no commands to check).
  const cuts = events.flatMap((e, i) => (e.workflowTaskStartedEventAttributes ? [i + 1] : [])).slice(1);
  // The smallest cut whose prefix fails; the full history (cut = events.length) is known to.
  let low = 0;
  let high = cuts.length;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (await replaysCleanly({ events: events.slice(0, cuts[mid]) }, workflowId, workflowBundle)) low = mid + 1;
    else high = mid;
  }
  const end = low < cuts.length ? cuts[low]! : events.length;
  // The workflow task whose commands diverged is the last one completed before `end`.
  let completed = -1;
  for (let i = end - 1; i >= 0; i -= 1) {
    if (events[i]!.workflowTaskCompletedEventAttributes) {
      completed = i;
      break;
    }
  }
  if (completed === -1) return null;
  const written = events.slice(completed + 1, end);
  for (const name of quotedNames(message)) {
    const named = written.find((e) => JSON.stringify(e).includes(JSON.stringify(name)));
    if (named) return idOf(named);
  }
  return idOf(events[completed]!);
}
