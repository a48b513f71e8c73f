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
  let sum = 0;
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(metric)) continue;
    const rest = line.slice(metric.length);
    if (rest[0] !== '{' && rest[0] !== ' ') continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) sum += value;
  }
  return sum;
}

export async function workerCounts(metricsUrl: string): Promise<WorkerCounts> {
  const res = await fetch(metricsUrl, { signal: AbortSignal.timeout(10_000) });
  if (res.status !== 200) throw new Error(`${metricsUrl} answered ${res.status}`);
  const text = await res.text();
  return {
    workflowTasks: metricSum(text, 'temporal_workflow_task_execution_latency_count'),
    cachedWorkflows: metricSum(text, 'temporal_sticky_cache_size'),
  };
}
