import type { Client } from '@temporalio/client';
import { UseCaseError } from '../../services/errors';
import { admitNewWork, taskQueueBacklog, type WorkerBacklog } from '../../services/intake/worker-backlog';

const waited = (seconds: number | undefined): WorkerBacklog => ({ oldestWaitSeconds: () => Promise.resolve(seconds) });

const refusal = async (backlog: WorkerBacklog, limit: number): Promise<UseCaseError> => {
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
    await expect(admitNewWork(waited(0), 1)).resolves.toBeUndefined();
    await expect(admitNewWork(waited(1), 1)).resolves.toBeUndefined();
    await expect(admitNewWork(waited(undefined), 1)).resolves.toBeUndefined();
  });

  it('when the limit is 0, then nothing is held back however far behind', async () => {
    await expect(admitNewWork(waited(3600), 0)).resolves.toBeUndefined();
  });

  it('when the oldest task has waited longer, then 503 worker-backlog asks the filer to wait that long, in English and Traditional Chinese', async () => {
    const err = await refusal(waited(7.26), 1);
    expect(err.kind).toBe('unavailable');
    expect(err.code).toBe('worker-backlog');
    expect(err.extensions).toMatchObject({ retryAfterSeconds: 8, backlogSeconds: 7.3 });
    const detail = err.extensions.localisedDetail as { en: string; 'zh-Hant': string };
    expect(detail.en).toMatch(/Nothing was filed\. Please file again in 8 seconds/);
    expect(detail['zh-Hant']).toMatch(/8 秒後再次存檔/);
    expect(err.detail).toBe(detail.en);
  });

  it('when far behind, then the wait asked for is at most a minute; just over the limit, at least a second', async () => {
    expect((await refusal(waited(900), 1)).extensions.retryAfterSeconds).toBe(60);
    expect((await refusal(waited(0.2), 0.1)).extensions.retryAfterSeconds).toBe(1);
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

  it('when asked, then it is the older of the workflow and activity backlogs, with statistics asked for', async () => {
    const { client, requests } = clientAnswering((req) =>
      Promise.resolve({ stats: { approximateBacklogAge: req.taskQueueType === 1 ? { seconds: 2, nanos: 500_000_000 } : { seconds: 4, nanos: 0 } } }),
    );
    await expect(taskQueueBacklog(client, 'q').oldestWaitSeconds()).resolves.toBe(4);
    expect(requests.map((r) => r.taskQueueType).sort()).toEqual([1, 2]);
    expect(requests.every((r) => r.reportStats === true)).toBe(true);
  });

  it('when many filings ask within a second, then the service is asked once, and again after the second', async () => {
    let t = 0;
    const { client, requests } = clientAnswering(() => Promise.resolve({ stats: { approximateBacklogAge: { seconds: 0, nanos: 0 } } }));
    const backlog = taskQueueBacklog(client, 'q', { everyMs: 1000, now: () => t });
    await Promise.all(Array.from({ length: 50 }, () => backlog.oldestWaitSeconds()));
    t = 999;
    await backlog.oldestWaitSeconds();
    expect(requests).toHaveLength(2);
    t = 1000;
    await backlog.oldestWaitSeconds();
    expect(requests).toHaveLength(4);
  });

  it('when the service fails or keeps no statistics, then it says nothing (undefined), not zero', async () => {
    const failing = clientAnswering(() => Promise.reject(new Error('unimplemented')));
    await expect(taskQueueBacklog(failing.client, 'q').oldestWaitSeconds()).resolves.toBeUndefined();
    const silent = clientAnswering(() => Promise.resolve({ stats: null }));
    await expect(taskQueueBacklog(silent.client, 'q').oldestWaitSeconds()).resolves.toBeUndefined();
  });
});
