/**
 * The workflow side of deadline alerts, shared by every process that raises
 * them: adopting alerts behind `patched()` (a history recorded before alerts
 * replays without their timers), and delivering each alert raised, once.
 */
import { patched, proxyActivities } from '@temporalio/workflow';
import { adoptAlerts, markAlertDelivered, owedAlerts, type Alerting, type AlertingProcess, type DeadlineAlertDelivery } from '../../domain/alerts/deadline-alerts';
import { now } from '../workflow-time';

export interface AlertActivities {
  /** Tells every recipient of the alert (inbox, email, webhooks), once per recipient whatever the retries. */
  deliverDeadlineAlert(delivery: DeadlineAlertDelivery): Promise<unknown>;
}

// Recipients are read and the inbox written in one short activity. It is
// retried until it succeeds: an alert is owed until delivered, and the
// process's own timers never wait on it.
const { deliverDeadlineAlert } = proxyActivities<AlertActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** The patch behind which a running process starts raising deadline alerts. */
export const DEADLINE_ALERTS_PATCH = 'deadline-alerts';

/** Adopts alerts once, on a process that does not raise them yet (never on a replayed history from before). */
export function keepAlerting(state: Alerting): void {
  if (state.alertRevision === undefined && patched(DEADLINE_ALERTS_PATCH)) adoptAlerts(state, now());
}

/** Delivers every alert owed, oldest first, including any raised meanwhile; returns how many. */
export async function deliverOwedAlerts(state: Alerting, process: AlertingProcess): Promise<number> {
  let delivered = 0;
  for (let alert = owedAlerts(state)[0]; alert; alert = owedAlerts(state)[0]) {
    await deliverDeadlineAlert({ process, alert });
    markAlertDelivered(state, alert.key, now());
    delivered += 1;
  }
  return delivered;
}
