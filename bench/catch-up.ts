/**
 * When has the work a start gave a worker been done? For the no-op worker,
 * when it has run every started workflow's first task. For courtflow's, when every filed
 * case's notice of hearing is issued and its read model shows it: what a
 * filing sets going has run.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { SCT_TASK_QUEUE } from '../workflows/sct/contract';
import type { BenchStack } from './stack';
import { workerCounts } from './worker-metrics';

export interface Drained {
  done: boolean;
  /** From the call to done (or to giving up). */
  seconds: number;
  /** Tasks still to run: the no-op worker's own count; for courtflow, the server's estimate, when last asked. */
  backlog: number;
  /** courtflow only: cases whose notice of hearing is issued, and of those, shown in the read model. */
  notices?: number;
  inReadModel?: number;
}

/** Polls are cheap (a worker's metrics, a count of a small table): often enough that the poll is not what is measured. */
const POLL_MS = 200;

/**
 * Until the no-op worker has run `started` workflow tasks: one per no-op
 * workflow started, the task that sets its timer. Its own count, from its
 * metrics: the server's backlog figure is a cached estimate, seconds old.
 */
export async function untilNoopDrained(stack: BenchStack, started: number, timeoutMs: number): Promise<Drained> {
  const began = performance.now();
  let backlog = Number.NaN;
  while (performance.now() - began < timeoutMs && !stack.died()) {
    const { workflowTasks } = await workerCounts(stack.metricsUrl.noopWorker);
    backlog = Math.max(0, started - workflowTasks);
    if (backlog === 0) return { done: true, seconds: (performance.now() - began) / 1000, backlog };
    await delay(POLL_MS);
  }
  return { done: false, seconds: (performance.now() - began) / 1000, backlog };
}

/**
 * Until `filed` cases have their notice of hearing issued and in the read
 * model: the last thing a filing sets going. The papers are counted each
 * poll (a small table); the read model's snapshots, larger, only once the
 * papers are all there. `progress` hears about every 30 s, with the
 * server's estimate of courtflow's backlog.
 */
export async function untilCourtflowCaughtUp(stack: BenchStack, filed: number, timeoutMs: number, progress: (d: Drained) => void = () => undefined): Promise<Drained> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  let last: Drained = { done: false, seconds: 0, backlog: Number.NaN };
  let reported = 0;
  while (seconds() < timeoutMs / 1000 && !stack.died()) {
    const papers = await stack.ownerPool.query<{ count: string }>(`SELECT count(*) FROM case_papers WHERE kind = 'notice-of-hearing'`);
    const notices = Number(papers.rows[0]?.count ?? 0);
    last = { ...last, done: false, seconds: seconds(), notices };
    if (notices >= filed) {
      const shown = await stack.ownerPool.query<{ count: string }>(
        `SELECT count(*) FROM sct_cases WHERE jsonb_array_length(coalesce(snapshot -> 'papersIssued', '[]'::jsonb)) > 0`,
      );
      const inReadModel = Number(shown.rows[0]?.count ?? 0);
      last = { ...last, inReadModel, done: inReadModel >= filed, seconds: seconds() };
      if (last.done) return last;
    }
    if (last.seconds - reported >= 30) {
      reported = last.seconds;
      last = { ...last, backlog: await stack.backlog(SCT_TASK_QUEUE) };
      progress(last);
    }
    await delay(POLL_MS);
  }
  return last;
}
