/**
 * Replays histories against today's workflow code with the SDK's replayer
 * (`Worker.runReplayHistories`: one replay worker for the whole batch), and
 * says of each run whether it replayed, and if not, what kind of failure it
 * was and the event it diverged at.
 */
import { temporal } from '@temporalio/proto';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { divergenceEvent, eventIdInMessage } from './divergence';
import { isUnreadable, type HistoryItem, type HistoryToReplay } from './history-files';

/**
 * - `nondeterminism`: today's code makes different commands from those the
 *   history recorded: running cases of this kind would break;
 * - `replay-failed`: the workflow task failed during replay (an error thrown
 *   by the code), or another replay error;
 * - `unreadable`: the history could not be read or fetched, so was not replayed.
 */
export type ReplayFailureKind = 'nondeterminism' | 'replay-failed' | 'unreadable';

export interface ReplayOutcome {
  workflowId: string;
  runId: string | null;
  origin: string;
  ok: boolean;
  /** Why a run that is `ok` was not given to the replayer (it has no code to check yet). */
  note?: string;
  error?: { kind: ReplayFailureKind; message: string; eventId: number | null };
}

/** What went wrong, and where: for a nondeterminism, the event is sought (see divergence.ts). */
async function failureOf(error: Error, item: HistoryToReplay, workflowBundle: WorkflowBundle): Promise<NonNullable<ReplayOutcome['error']>> {
  // ReplayError: the workflow task failed, or the SDK failed otherwise; either way not a proven divergence.
  if (!(error instanceof DeterminismViolationError)) return { kind: 'replay-failed', message: error.message, eventId: eventIdInMessage(error.message) };
  return { kind: 'nondeterminism', message: error.message, eventId: await divergenceEvent(item.history, item.workflowId, error.message, workflowBundle) };
}

/**
 * A run that no workflow task has started yet (one just continued as new, or
 * just started, waiting for a worker) made no commands, so there is nothing
 * to check; the replayer would wait for one forever.
 */
const hasRunCode = (item: HistoryToReplay): boolean =>
  (item.history.events ?? []).some((event) => event.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED);

const NOTHING_TO_REPLAY = 'nothing to replay yet: no workflow task has started in this run';

/**
 * Each item's outcome, in the order the items come. Unreadable items are
 * never given to the replayer (it would stop the whole batch); they are
 * reported where they fall.
 *
 * The replayer knows a run by its workflow ID and its *original* run ID,
 * which every run of a case that continued as new shares: two runs of one
 * case in one batch would be taken for one, and the second would never be
 * answered. So a batch ends before a workflow ID it already holds, and the
 * next batch (a fresh replay worker, the same bundle) starts with that run.
 */
export async function* replayHistories(items: AsyncIterable<HistoryItem> | Iterable<HistoryItem>, workflowBundle: WorkflowBundle): AsyncGenerator<ReplayOutcome> {
  const source = (async function* () {
    yield* items;
  })();
  let carried: HistoryToReplay | undefined;
  // The replayer reads the feed lazily, one history ahead of its results, so
  // the runs handed over and not yet answered are exactly this queue.
  const handedOver: HistoryToReplay[] = [];
  const skipped: ReplayOutcome[] = [];
  let exhausted = false;
  async function* batch() {
    const inBatch = new Set<string>();
    const handOver = (item: HistoryToReplay) => {
      inBatch.add(item.workflowId);
      handedOver.push(item);
      return { workflowId: item.workflowId, history: item.history };
    };
    if (carried !== undefined) {
      const first = carried;
      carried = undefined;
      yield handOver(first);
    }
    for (;;) {
      const next = await source.next();
      if (next.done === true) {
        exhausted = true;
        return;
      }
      const item = next.value;
      if (isUnreadable(item)) {
        skipped.push({ workflowId: item.workflowId, runId: item.runId ?? null, origin: item.origin, ok: false, error: { kind: 'unreadable', message: item.problem, eventId: null } });
        continue;
      }
      if (!hasRunCode(item)) {
        skipped.push({ workflowId: item.workflowId, runId: item.runId ?? null, origin: item.origin, ok: true, note: NOTHING_TO_REPLAY });
        continue;
      }
      if (inBatch.has(item.workflowId)) {
        carried = item;
        return;
      }
      yield handOver(item);
    }
  }
  while (!exhausted || carried !== undefined) {
    for await (const result of Worker.runReplayHistories({ workflowBundle, replayName: 'courtflow-replay' }, batch())) {
      yield* skipped.splice(0);
      const item = handedOver.shift();
      if (item === undefined) throw new Error(`the replayer answered for ${result.workflowId}, which was not handed to it`);
      yield {
        workflowId: item.workflowId,
        // A server's run ID when known; otherwise the one the replayer gave the run.
        runId: item.runId ?? result.runId,
        origin: item.origin,
        ok: result.error === undefined,
        ...(result.error !== undefined ? { error: await failureOf(result.error, item, workflowBundle) } : {}),
      };
    }
    yield* skipped.splice(0);
  }
}
