/**
 * A worker's own Prometheus metrics (the SDK's, as `courtflow worker`
 * serves them on WORKER_METRICS_PORT): how many workflow tasks it has run,
 * and how many workflows it keeps cached.
 */

export interface WorkerCounts {
  /** Workflow tasks the worker has executed since it started. */
  workflowTasks: number;
  /** Workflows held in its sticky cache now. */
  cachedWorkflows: number;
}

/** The sum of every series of `metric` in a Prometheus text exposition. */
export function metricSum(exposition: string, metric: string): number {
  return seriesOf(exposition, metric).reduce((sum, s) => sum + s.value, 0);
}

/** A worker's metrics endpoint, read once. */
async function expositionAt(metricsUrl: string): Promise<string> {
  const res = await fetch(metricsUrl, { signal: AbortSignal.timeout(10_000) });
  if (res.status !== 200) throw new Error(`${metricsUrl} answered ${res.status}`);
  return res.text();
}

export async function workerCounts(metricsUrl: string): Promise<WorkerCounts> {
  const text = await expositionAt(metricsUrl);
  return {
    workflowTasks: metricSum(text, 'temporal_workflow_task_execution_latency_count'),
    cachedWorkflows: metricSum(text, 'temporal_sticky_cache_size'),
  };
}

/** One Prometheus series: its labels and its value. */
interface Series {
  labels: Record<string, string>;
  value: number;
}

/** Every series of `metric` (exactly that name) in a Prometheus text exposition. */
export function seriesOf(exposition: string, metric: string): Series[] {
  const found: Series[] = [];
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(metric)) continue;
    const rest = line.slice(metric.length);
    if (rest[0] !== '{' && rest[0] !== ' ') continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (!Number.isFinite(value)) continue;
    const labels: Record<string, string> = {};
    if (rest[0] === '{') {
      for (const m of rest.slice(1, rest.indexOf('}')).matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[m[1] as string] = m[2] as string;
    }
    found.push({ labels, value });
  }
  return found;
}

/** A histogram's running total: how many observations and their sum (milliseconds for the SDK's latencies). */
export interface Total {
  count: number;
  sumMs: number;
}

const totalOf = (exposition: string, histogram: string, keep: (labels: Record<string, string>) => boolean = () => true): Total => ({
  count: seriesOf(exposition, `${histogram}_count`).filter((s) => keep(s.labels)).reduce((sum, s) => sum + s.value, 0),
  sumMs: seriesOf(exposition, `${histogram}_sum`).filter((s) => keep(s.labels)).reduce((sum, s) => sum + s.value, 0),
});

/**
 * Where a worker's time went, from the SDK's own metrics, since it started:
 * how long tasks waited in Temporal's queue before the worker took them
 * (schedule-to-start), how long it took over them, how often a workflow
 * task found its workflow in the sticky cache, and each activity's time.
 */
export interface WorkerTimings {
  workflowTask: { scheduleToStart: Total; execution: Total; replay: Total };
  activity: { scheduleToStart: Total; execution: Record<string, Total> };
  stickyCache: { hits: number; misses: number; forcedEvictions: number };
}

export function timingsOf(exposition: string): WorkerTimings {
  const execution: Record<string, Total> = {};
  const types = new Set(seriesOf(exposition, 'temporal_activity_execution_latency_count').map((s) => s.labels.activity_type ?? '?'));
  for (const type of types) execution[type] = totalOf(exposition, 'temporal_activity_execution_latency', (l) => (l.activity_type ?? '?') === type);
  return {
    workflowTask: {
      scheduleToStart: totalOf(exposition, 'temporal_workflow_task_schedule_to_start_latency'),
      execution: totalOf(exposition, 'temporal_workflow_task_execution_latency'),
      replay: totalOf(exposition, 'temporal_workflow_task_replay_latency'),
    },
    activity: { scheduleToStart: totalOf(exposition, 'temporal_activity_schedule_to_start_latency'), execution },
    stickyCache: {
      hits: metricSum(exposition, 'temporal_sticky_cache_hit'),
      misses: metricSum(exposition, 'temporal_sticky_cache_miss'),
      forcedEvictions: metricSum(exposition, 'temporal_sticky_cache_total_forced_eviction'),
    },
  };
}

export async function workerTimings(metricsUrl: string): Promise<WorkerTimings> {
  return timingsOf(await expositionAt(metricsUrl));
}

/** `a` with `b` added (sign 1) or taken away (sign -1), figure by figure. */
function combine(a: WorkerTimings, b: WorkerTimings, sign: 1 | -1): WorkerTimings {
  const op = (x: Total, y: Total): Total => ({ count: x.count + sign * y.count, sumMs: x.sumMs + sign * y.sumMs });
  const execution: Record<string, Total> = { ...a.activity.execution };
  for (const [type, total] of Object.entries(b.activity.execution)) execution[type] = op(execution[type] ?? { count: 0, sumMs: 0 }, total);
  return {
    workflowTask: {
      scheduleToStart: op(a.workflowTask.scheduleToStart, b.workflowTask.scheduleToStart),
      execution: op(a.workflowTask.execution, b.workflowTask.execution),
      replay: op(a.workflowTask.replay, b.workflowTask.replay),
    },
    activity: { scheduleToStart: op(a.activity.scheduleToStart, b.activity.scheduleToStart), execution },
    stickyCache: {
      hits: a.stickyCache.hits + sign * b.stickyCache.hits,
      misses: a.stickyCache.misses + sign * b.stickyCache.misses,
      forcedEvictions: a.stickyCache.forcedEvictions + sign * b.stickyCache.forcedEvictions,
    },
  };
}

/** Several workers' timings as one. */
export const summed = (all: readonly WorkerTimings[]): WorkerTimings | undefined =>
  all.length === 0 ? undefined : all.slice(1).reduce((sum, t) => combine(sum, t, 1), all[0] as WorkerTimings);

/** What happened between two readings of the same workers. */
export const between = (before: WorkerTimings, after: WorkerTimings): WorkerTimings => combine(after, before, -1);

/** A total's mean in milliseconds (NaN when nothing was observed). */
export const meanMs = (t: Total): number => (t.count > 0 ? t.sumMs / t.count : Number.NaN);
