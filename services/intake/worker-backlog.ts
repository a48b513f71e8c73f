/**
 * Pushing back on new work while the workers are behind.
 *
 * A bulk filer can file faster than the workers open cases. Every filing
 * queues tasks on the one task queue, and an officer's step on a case no
 * worker holds in memory waits in the same queue behind them. So while many
 * tasks wait there and the oldest has waited longer than a limit, new
 * filings are refused with 503 and Retry-After, nothing is kept, and steps
 * are still taken: the queue drains instead of growing, and the registry's
 * own work is not held behind a burst.
 *
 * Both conditions, because a few tasks that have waited a while are not a
 * burst: they are what a worker starting up, or coming back after a restart
 * of Temporal, finds queued, and clears in moments. Refusing filings then
 * would close the registry's door for no one's benefit; a claim filed while
 * no worker runs is kept and its case opens when one does.
 */
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { UseCaseError } from '../errors';

export interface Backlog {
  /** Tasks waiting for a worker (workflow and activity tasks together). */
  tasks: number;
  /** How long the oldest of them has waited, in seconds. */
  oldestWaitSeconds: number;
}

export interface WorkerBacklog {
  /** The queue's backlog now; undefined when the service cannot say. */
  current(): Promise<Backlog | undefined>;
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
  let last: { at: number; backlog: Promise<Backlog | undefined> } | undefined;
  const ask = async (): Promise<Backlog | undefined> => {
    try {
      const each = await Promise.all(
        [TASK_QUEUE_TYPE_WORKFLOW, TASK_QUEUE_TYPE_ACTIVITY].map(async (taskQueueType): Promise<Backlog | undefined> => {
          const { stats } = await client.workflowService.describeTaskQueue({
            namespace: client.options.namespace,
            taskQueue: { name: taskQueue },
            taskQueueType,
            reportStats: true,
          });
          if (!stats) return undefined;
          return { tasks: Number(stats.approximateBacklogCount ?? 0), oldestWaitSeconds: secondsOf(stats.approximateBacklogAge as Duration) };
        }),
      );
      const known = each.filter((b): b is Backlog => b !== undefined);
      if (known.length === 0) return undefined;
      return { tasks: known.reduce((sum, b) => sum + b.tasks, 0), oldestWaitSeconds: Math.max(...known.map((b) => b.oldestWaitSeconds)) };
    } catch {
      return undefined;
    }
  };
  return {
    current: () => {
      const at = now();
      if (!last || at - last.at >= everyMs) last = { at, backlog: ask() };
      return last.backlog;
    },
  };
}

/** What a litigant or a bulk filer is told, in both languages. */
const BEHIND = (retryAfterSeconds: number) => ({
  en: `The court is processing a large number of filings. Nothing was filed. Please file again in ${retryAfterSeconds} seconds; a retry with the same Idempotency-Key is never filed twice.`,
  'zh-Hant': `法院正在處理大量存檔，是次存檔並未辦理。請於 ${retryAfterSeconds} 秒後再次存檔；以相同的 Idempotency-Key 重試，絕不會重複存檔。`,
});

export interface BacklogLimit {
  /** How long the oldest task may have waited; 0 turns pushing back off. */
  seconds: number;
  /** How many tasks must be waiting before it counts as a burst. */
  tasks: number;
}

/**
 * Refuses new work (503 `worker-backlog`, with Retry-After) while at least
 * `limit.tasks` tasks wait and the oldest has waited longer than
 * `limit.seconds`. The wait asked for is the backlog's own age, at least 1 s
 * and at most a minute: roughly how long the queue has been growing, so a
 * filer who waits it finds the queue drained or nearly.
 */
export async function admitNewWork(backlog: WorkerBacklog, limit: BacklogLimit): Promise<void> {
  if (limit.seconds <= 0) return;
  const now = await backlog.current();
  if (now === undefined || now.tasks < limit.tasks || now.oldestWaitSeconds <= limit.seconds) return;
  const waited = now.oldestWaitSeconds;
  const retryAfterSeconds = Math.min(60, Math.max(1, Math.ceil(waited)));
  const detail = BEHIND(retryAfterSeconds);
  throw new UseCaseError('unavailable', 'worker-backlog', 'The court is busy', detail.en, {
    retryAfterSeconds,
    backlogSeconds: Math.round(waited * 10) / 10,
    backlogTasks: now.tasks,
    localisedDetail: detail,
  });
}
