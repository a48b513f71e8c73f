/**
 * Pushing back on new work while the workers are behind.
 *
 * A bulk filer can file faster than the workers open cases. Every filing
 * queues tasks on the one task queue, and an officer's step on a case no
 * worker holds in memory waits in the same queue behind them. So while the
 * oldest task waiting there is older than a limit, new filings are refused
 * with 503 and Retry-After, nothing is kept, and steps are still taken: the
 * queue drains instead of growing, and the registry's own work is not held
 * behind a burst.
 */
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { UseCaseError } from '../errors';

export interface WorkerBacklog {
  /** How long the oldest task on the queue has waited, in seconds; undefined when the service cannot say. */
  oldestWaitSeconds(): Promise<number | undefined>;
}

const { TASK_QUEUE_TYPE_WORKFLOW, TASK_QUEUE_TYPE_ACTIVITY } = temporal.api.enums.v1.TaskQueueType;

type Duration = { seconds?: { toNumber(): number } | number | null; nanos?: number | null } | null | undefined;
const secondsOf = (d: Duration): number => (d ? Number(d.seconds ?? 0) + (d.nanos ?? 0) / 1e9 : 0);

/**
 * The task queue's backlog as the Temporal service reports it (its
 * approximate backlog age, workflow and activity tasks alike), asked at most
 * once every `everyMs` however many filings arrive: one answer is shared by
 * every request in that time. A service that cannot answer (unreachable, or
 * one that keeps no task-queue statistics, such as the time-skipping test
 * server) says nothing, and filings are then not held back by this: an
 * unreachable service refuses them by itself.
 */
export function taskQueueBacklog(client: Client, taskQueue: string, options: { everyMs?: number; now?: () => number } = {}): WorkerBacklog {
  const everyMs = options.everyMs ?? 1000;
  const now = options.now ?? Date.now;
  let last: { at: number; seconds: Promise<number | undefined> } | undefined;
  const ask = async (): Promise<number | undefined> => {
    try {
      const ages = await Promise.all(
        [TASK_QUEUE_TYPE_WORKFLOW, TASK_QUEUE_TYPE_ACTIVITY].map(async (taskQueueType) => {
          const { stats } = await client.workflowService.describeTaskQueue({
            namespace: client.options.namespace,
            taskQueue: { name: taskQueue },
            taskQueueType,
            reportStats: true,
          });
          return stats ? secondsOf(stats.approximateBacklogAge as Duration) : undefined;
        }),
      );
      const known = ages.filter((age): age is number => age !== undefined);
      return known.length ? Math.max(...known) : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    oldestWaitSeconds: () => {
      const at = now();
      if (!last || at - last.at >= everyMs) last = { at, seconds: ask() };
      return last.seconds;
    },
  };
}

/** What a litigant or a bulk filer is told, in both languages. */
const BEHIND = (retryAfterSeconds: number) => ({
  en: `The court is processing a large number of filings. Nothing was filed. Please file again in ${retryAfterSeconds} seconds; a retry with the same Idempotency-Key is never filed twice.`,
  'zh-Hant': `法院正在處理大量存檔，是次存檔並未辦理。請於 ${retryAfterSeconds} 秒後再次存檔；以相同的 Idempotency-Key 重試，絕不會重複存檔。`,
});

/**
 * Refuses new work (503 `worker-backlog`, with Retry-After) while the oldest
 * task has waited longer than `limitSeconds`; 0 turns this off. The wait
 * asked for is the backlog's own age, at least 1 s and at most a minute:
 * roughly how long the queue has been growing, so a filer who waits it finds
 * the queue drained or nearly.
 */
export async function admitNewWork(backlog: WorkerBacklog, limitSeconds: number): Promise<void> {
  if (limitSeconds <= 0) return;
  const waited = await backlog.oldestWaitSeconds();
  if (waited === undefined || waited <= limitSeconds) return;
  const retryAfterSeconds = Math.min(60, Math.max(1, Math.ceil(waited)));
  const detail = BEHIND(retryAfterSeconds);
  throw new UseCaseError('unavailable', 'worker-backlog', 'The court is busy', detail.en, {
    retryAfterSeconds,
    backlogSeconds: Math.round(waited * 10) / 10,
    localisedDetail: detail,
  });
}
