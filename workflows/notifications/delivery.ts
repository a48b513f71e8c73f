/**
 * One notice on one channel to one recipient, delivered durably: try to send
 * it, and again with backoff as the input's policy says, until it is
 * delivered; when the attempts are spent, or an attempt fails in a way that
 * retrying cannot mend (a 4xx other than 408 and 429, an SMTP 5xx, a revoked
 * subscription), it becomes a dead letter. A worker restart resumes where it
 * was: Temporal keeps the attempts and the backoff.
 */
import { ActivityFailure, isCancellation, patched, proxyActivities, TimeoutFailure, workflowInfo } from '@temporalio/workflow';
import { DELIVERY_REFUSED, outboundQueueOf, type DeliveryInput, type DeliveryOutcome, type NotificationDeliveryActivities } from './contract';

const { markNotificationDeliveryDead } = proxyActivities<NotificationDeliveryActivities>({
  // One indexed update; retried until the database answers, so a dead letter is never lost.
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function notificationDeliveryWorkflow(input: DeliveryInput): Promise<DeliveryOutcome> {
  const { sendNotificationDelivery } = proxyActivities<NotificationDeliveryActivities>({
    // A webhook attempt has 10 s, an SMTP exchange 30 s; the rest is margin.
    startToCloseTimeout: '1 minute',
    // On the outbound queue; a delivery recorded before it was there keeps sending where it did.
    ...(patched('deliveries-send-on-outbound-queue') ? { taskQueue: outboundQueueOf(workflowInfo().taskQueue) } : {}),
    retry: {
      initialInterval: input.retry.initialIntervalMs,
      backoffCoefficient: input.retry.backoffCoefficient,
      maximumInterval: input.retry.maximumIntervalMs,
      maximumAttempts: input.retry.maximumAttempts,
      nonRetryableErrorTypes: [DELIVERY_REFUSED],
    },
  });
  try {
    return await sendNotificationDelivery(input.deliveryId);
  } catch (err) {
    if (isCancellation(err)) throw err;
    // An attempt that failed recorded its own error; one that timed out could not.
    const timedOut = err instanceof ActivityFailure && err.cause instanceof TimeoutFailure;
    await markNotificationDeliveryDead(input.deliveryId, timedOut ? 'the last attempt timed out' : null);
    return 'dead';
  }
}
