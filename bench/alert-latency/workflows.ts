/**
 * The benchmark's workflows, bundled on their own for the alert worker.
 *
 * A case raises an alert when the durable timer of its 09:00 (or 00:00) Hong
 * Kong instant fires, then delivers it with `deliverOwedAlerts`. Those
 * instants cannot be reached within a benchmark on a real clock, so
 * `alertAtWorkflow` holds a timer to an instant of the benchmark's choosing
 * and then delivers through the very same function the cases call (its
 * activity options and retries included): what is measured after the timer
 * is courtflow's own delivery path.
 */
import { sleep } from '@temporalio/workflow';
import { ALERT_REVISION, type Alerting } from '../../domain/alerts/deadline-alerts';
import { createCalendar } from '../../domain/calendar';
import { deliverOwedAlerts } from '../../workflows/alerts/deliver-alerts';
import { workflowNow } from '../../workflows/workflow-time';
import type { AlertAtInput, RawTimerInput } from './contract';

/** One durable timer to `dueAt`. A start after its instant is refused by the benchmark before it counts. */
async function until(dueAt: number): Promise<void> {
  const wait = dueAt - workflowNow();
  if (wait > 0) await sleep(wait);
}

export async function alertAtWorkflow(input: AlertAtInput): Promise<void> {
  await until(input.dueAt);
  // The alert as a case's state holds it once its timer has fired: raised now, owed until delivered.
  const state: Alerting = {
    deadlines: [],
    calendar: createCalendar(),
    firedTimers: [],
    alertRevision: ALERT_REVISION,
    deadlineAlerts: [{ ...input.alert, raisedAt: new Date(workflowNow()).toISOString() }],
    version: 0,
  };
  await deliverOwedAlerts(state, input.process);
}

/** Temporal's own timer precision: wake at the instant and complete. */
export async function rawTimerWorkflow(input: RawTimerInput): Promise<void> {
  await until(input.dueAt);
}
