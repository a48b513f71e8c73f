/**
 * The alert-latency benchmark's own workflows, on their own task queue and
 * bundle (never part of courtflow's): one that holds a durable timer to an
 * instant a few seconds ahead and then delivers a deadline alert exactly as a
 * case does, and the raw baseline, which holds the same kind of timer and
 * does nothing else.
 */
import type { AlertingProcess, RaisedAlert } from '../../domain/alerts/deadline-alerts';

/** Polled by the benchmark's alert worker (worker.ts) on the same Temporal server as courtflow's worker. */
export const ALERT_BENCH_TASK_QUEUE = 'bench-alerts';

/**
 * The raw timers' own queue, polled by a second process of worker.ts with no
 * activities: a bare timer's wake-up must not wait behind courtflow's
 * deliveries on a shared worker, or the baseline would carry courtflow's cost.
 */
export const RAW_TIMER_TASK_QUEUE = 'bench-timers';

/** Which of the two a worker process polls. */
export type BenchWorkerKind = 'alerts' | 'timers';
export const taskQueueOf = (kind: BenchWorkerKind) => (kind === 'alerts' ? ALERT_BENCH_TASK_QUEUE : RAW_TIMER_TASK_QUEUE);

/** Registered workflow type names; the functions in workflows.ts have the same names. */
export const ALERT_AT_WORKFLOW = 'alertAtWorkflow';
export const RAW_TIMER_WORKFLOW = 'rawTimerWorkflow';

export interface AlertAtInput {
  /** The instant the alert is due (epoch ms): its timer fires then. */
  dueAt: number;
  process: AlertingProcess;
  /** The alert as a case raises it, but for the instant it is raised at, which the workflow stamps when its timer fires. */
  alert: Omit<RaisedAlert, 'raisedAt'>;
}

export interface RawTimerInput {
  dueAt: number;
}

/** Each run's workflows under IDs of its own, so a kept data dir can hold several runs. */
export const benchWorkflowIds = {
  alert: (runId: string, index: number) => `bench-alert-${runId}-${index}`,
  raw: (runId: string, index: number) => `bench-timer-${runId}-${index}`,
} as const;
