import type { Client } from '@temporalio/client';
import { UseCaseError } from '../../services/errors';
import { admitNewWork, taskQueueBacklog, type Backlog, type WorkerBacklog } from '../../services/intake/worker-backlog';

const queue = (backlog: Backlog | undefined): WorkerBacklog => ({ current: () => Promise.resolve(backlog) });
const waiting = (tasks: number, oldestWaitSeconds: number) => queue({ tasks, oldestWaitSeconds });
const LIMIT = { seconds: 1, tasks: 50 };

const refusal = async (backlog: WorkerBacklog, limit = LIMIT): Promise<UseCaseError> => {
  try {
    await admitNewWork(backlog, limit);
  } catch (err) {
    if (err instanceof UseCaseError) return err;
    throw err;
  }
  throw new Error('admitted');
};

describe('admitting new work while the workers are behind', () => {
  it('when the oldest task has waited no longer than the limit, or the service cannot say, then the filing goes ahead', async () => {
    await expect(admitNewWork(waiting(500, 0), LIMIT)).resolves.toBeUndefined();
    await expect(admitNewWork(waiting(500, 1), LIMIT)).resolves.toBeUndefined();
    await expect(admitNewWork(queue(undefined), LIMIT)).resolves.toBeUndefined();
  });

  it('when few tasks wait, however long (a worker starting up, or back after a restart), then the filing goes ahead', async () => {
    await expect(admitNewWork(waiting(49, 600), LIMIT)).resolves.toBeUndefined();
  });

  it('when the limit is 0 seconds, then nothing is held back however far behind', async () => {
    await expect(admitNewWork(waiting(100_000, 3600), { seconds: 0, tasks: 1 })).resolves.toBeUndefined();
  });

  it('when many tasks wait and the oldest has waited longer, then 503 worker-backlog asks the filer to wait that long, in English and Traditional Chinese', async () => {
    const err = await refusal(waiting(50, 7.26));
    expect(err.kind).toBe('unavailable');
    expect(err.code).toBe('worker-backlog');
    expect(err.extensions).toMatchObject({ retryAfterSeconds: 8, backlogSeconds: 7.3, backlogTasks: 50 });
    const detail = err.extensions.localisedDetail as { en: string; 'zh-Hant': string };
    expect(detail.en).toMatch(/Nothing was filed\. Please file again in 8 seconds/);
    expect(detail['zh-Hant']).toMatch(/8 秒後再次存檔/);
    expect(err.detail).toBe(detail.en);
  });

  it('when far behind, then the wait asked for is at most a minute; just over the limit, at least a second', async () => {
    expect((await refusal(waiting(5000, 900))).extensions.retryAfterSeconds).toBe(60);
    expect((await refusal(waiting(5000, 0.2), { seconds: 0.1, tasks: 1 })).extensions.retryAfterSeconds).toBe(1);
  });
});

describe('the task queue backlog as Temporal reports it', () => {
  type Request = { taskQueueType?: number; reportStats?: boolean };
  const clientAnswering = (answer: (req: Request) => Promise<unknown>) => {
    const requests: Request[] = [];
    const client = {
      options: { namespace: 'default' },
      workflowService: {
        describeTaskQueue: (req: Request) => {
          requests.push(req);
          return answer(req);
        },
      },
    } as unknown as Client;
    return { client, requests };
  };

  it('when asked, then it is the workflow and activity backlogs together (their count summed, the older age), with statistics asked for', async () => {
    const { client, requests } = clientAnswering((req) =>
      Promise.resolve({
        stats:
          req.taskQueueType === 1
            ? { approximateBacklogCount: 30, approximateBacklogAge: { seconds: 2, nanos: 500_000_000 } }
            : { approximateBacklogCount: 12, approximateBacklogAge: { seconds: 4, nanos: 0 } },
      }),
    );
    await expect(taskQueueBacklog(client, 'q').current()).resolves.toEqual({ tasks: 42, oldestWaitSeconds: 4 });
    expect(requests.map((r) => r.taskQueueType).sort()).toEqual([1, 2]);
    expect(requests.every((r) => r.reportStats === true)).toBe(true);
  });

  it('when many filings ask within a second, then the service is asked once, and again after the second', async () => {
    let t = 0;
    const { client, requests } = clientAnswering(() => Promise.resolve({ stats: { approximateBacklogCount: 0, approximateBacklogAge: { seconds: 0, nanos: 0 } } }));
    const backlog = taskQueueBacklog(client, 'q', { everyMs: 1000, now: () => t });
    await Promise.all(Array.from({ length: 50 }, () => backlog.current()));
    t = 999;
    await backlog.current();
    expect(requests).toHaveLength(2);
    t = 1000;
    await backlog.current();
    expect(requests).toHaveLength(4);
  });

  it('when the service fails or keeps no statistics, then it says nothing (undefined), not an empty queue', async () => {
    const failing = clientAnswering(() => Promise.reject(new Error('unimplemented')));
    await expect(taskQueueBacklog(failing.client, 'q').current()).resolves.toBeUndefined();
    const silent = clientAnswering(() => Promise.resolve({ stats: null }));
    await expect(taskQueueBacklog(silent.client, 'q').current()).resolves.toBeUndefined();
  });
});
