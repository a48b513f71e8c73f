/**
 * What a workflow's event history shows, counted: the drills read it to
 * prove that a step was taken once, that an activity ran to completion once
 * (on which worker, at which attempt), which signals came and which timers
 * are pending and when they fire.
 */
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type Timestamp = { seconds?: unknown; nanos?: number | null } | null | undefined;
type Payload = temporal.api.common.v1.IPayload;

/** A payload as the SDK's default converter reads it. */
const decoded = <T>(payload: Payload | null | undefined): T =>
  defaultPayloadConverter.fromPayload<T>({ metadata: payload?.metadata ?? {}, data: payload?.data ?? new Uint8Array() });

const ms = (t: Timestamp) => (t ? Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6) : 0);

export async function historyOf(client: Client, workflowId: string): Promise<HistoryEvent[]> {
  return (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
}

/** The timers started and neither fired nor cancelled: their id and the instant they fire (ms). */
export function pendingTimers(events: readonly HistoryEvent[]): { timerId: string; firesAt: number }[] {
  const ended = new Set(
    events.map((e) => e.timerFiredEventAttributes?.timerId ?? e.timerCanceledEventAttributes?.timerId).filter((id): id is string => typeof id === 'string'),
  );
  return events.flatMap((e) => {
    const started = e.timerStartedEventAttributes;
    if (!started?.timerId || ended.has(started.timerId)) return [];
    return [{ timerId: started.timerId, firesAt: ms(e.eventTime) + ms(started.startToFireTimeout) }];
  });
}

/** Each update accepted (by name and id), with its answer once it completed. */
export function updatesIn(events: readonly HistoryEvent[]): { name: string; updateId: string; completed: number; result: unknown }[] {
  const completions = events.map((e) => e.workflowExecutionUpdateCompletedEventAttributes).filter((c) => c !== null && c !== undefined);
  return events.flatMap((e) => {
    const request = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
    if (!request) return [];
    const updateId = request.meta?.updateId ?? '';
    const done = completions.filter((c) => c.meta?.updateId === updateId);
    const payload = done[0]?.outcome?.success?.payloads?.[0];
    return [{ name: request.input?.name ?? '', updateId, completed: done.length, result: payload ? decoded<unknown>(payload) : undefined }];
  });
}

/** Each activity scheduled of `type`: its first argument, and how it ended (the attempt and worker that finished it). */
export function activitiesIn<A>(events: readonly HistoryEvent[], type: string): { input: A; completions: number; attempt: number | null; worker: string | null }[] {
  return events.flatMap((e) => {
    const scheduled = e.activityTaskScheduledEventAttributes;
    if (scheduled?.activityType?.name !== type) return [];
    const id = Number(e.eventId);
    const started = events.find((s) => Number(s.activityTaskStartedEventAttributes?.scheduledEventId ?? -1) === id)?.activityTaskStartedEventAttributes;
    return [
      {
        input: decoded<A>(scheduled.input?.payloads?.[0]),
        completions: events.filter((c) => Number(c.activityTaskCompletedEventAttributes?.scheduledEventId ?? -1) === id).length,
        attempt: started?.attempt ?? null,
        worker: started?.identity ?? null,
      },
    ];
  });
}

/** The first argument of each signal named `name` the workflow received, in order. */
export function signalsIn<A>(events: readonly HistoryEvent[], name: string): A[] {
  return events.flatMap((e) => {
    const signal = e.workflowExecutionSignaledEventAttributes;
    if (signal?.signalName !== name) return [];
    return [decoded<A>(signal.input?.payloads?.[0])];
  });
}
