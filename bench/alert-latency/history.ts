/**
 * When Temporal recorded what happened to each benchmark workflow, read from
 * its history after the run: the server's own timestamps, on the same
 * machine's clock as the database's and the receivers'.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { inFlight } from '../in-flight';

type Timestamp = NonNullable<temporal.api.history.v1.IHistoryEvent['eventTime']>;

export interface Recorded {
  /** The timer fired (the server's TimerFired event). */
  timerFired?: number;
  /** An activity completed: for an alert, `deliverDeadlineAlert` (every inbox written, every channel queued). */
  activityCompleted?: number;
  /** The workflow completed. */
  completed?: number;
}

const ms = (ts: Timestamp | null | undefined): number | undefined => {
  if (!ts) return undefined;
  const seconds = ts.seconds == null ? 0 : typeof ts.seconds === 'number' ? ts.seconds : ts.seconds.toNumber();
  return seconds * 1000 + (ts.nanos ?? 0) / 1e6;
};

async function recorded(client: Client, workflowId: string): Promise<Recorded> {
  const { events } = await client.workflow.getHandle(workflowId).fetchHistory();
  const found: Recorded = {};
  for (const event of events ?? []) {
    const at = ms(event.eventTime);
    if (at === undefined) continue;
    if (event.timerFiredEventAttributes) found.timerFired ??= at;
    else if (event.activityTaskCompletedEventAttributes) found.activityCompleted ??= at;
    else if (event.workflowExecutionCompletedEventAttributes) found.completed ??= at;
  }
  return found;
}

/** Each workflow's record, by ID (an empty one for a history that could not be read). */
export async function recordedAll(client: Client, workflowIds: readonly string[]): Promise<Map<string, Recorded>> {
  const byId = new Map<string, Recorded>();
  await inFlight(workflowIds.length, 8, async (i) => {
    const id = workflowIds[i] as string;
    byId.set(id, await recorded(client, id).catch(() => ({})));
  });
  return byId;
}

/**
 * Waits until every workflow has completed (or `by` passes, or `stop` says
 * why not), reading only the histories of those not yet seen complete;
 * returns each one's record and how many never completed.
 */
export async function recordedWhenDone(
  client: Client,
  workflowIds: readonly string[],
  by: number,
  stop: () => string | undefined,
): Promise<{ records: Map<string, Recorded>; notDone: number; stoppedBecause?: string }> {
  const records = new Map<string, Recorded>();
  for (;;) {
    const pending = workflowIds.filter((id) => records.get(id)?.completed === undefined);
    for (const [id, record] of await recordedAll(client, pending)) records.set(id, record);
    const notDone = workflowIds.filter((id) => records.get(id)?.completed === undefined).length;
    const stoppedBecause = stop();
    if (notDone === 0 || Date.now() > by || stoppedBecause) return { records, notDone, ...(stoppedBecause ? { stoppedBecause } : {}) };
    await delay(1_000);
  }
}
