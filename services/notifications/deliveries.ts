/**
 * Notification deliveries as the registry sees them: the list (the dead
 * letters above all), and a re-send of a dead one by an officer, as a new
 * delivery of the same content linked to the original, delivered by its own
 * workflow. Re-sending is audited, in the transaction that stores it.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { appendAudit } from '../../db/audit-log';
import { findDelivery, insertResend, listDeliveries, type DeliveryFilter, type DeliveryRow } from '../../db/notifications/deliveries';
import { signingSecretOf } from '../../db/notifications/webhooks';
import { inTransaction } from '../../db/pool';
import {
  DEFAULT_DELIVERY_RETRY,
  deliveryWorkflowId,
  NOTIFICATION_DELIVERY_TASK_QUEUE,
  NOTIFICATION_DELIVERY_WORKFLOW,
  type DeliveryInput,
  type DeliveryRetry,
} from '../../workflows/notifications/contract';
import { auditEntryOf, type Caller } from '../audit';
import { notFound, UseCaseError } from '../errors';
import { startOnce } from '../start-once';

export interface DeliveryDeps {
  pool: Pool;
  temporal: Client;
  /** How a re-sent delivery is retried (the worker's policy, NOTIFICATION_RETRY_*); the default otherwise. */
  retry?: DeliveryRetry;
}

export async function listNotificationDeliveries(
  deps: Pick<DeliveryDeps, 'pool'>,
  filter: DeliveryFilter,
  limit: number,
): Promise<{ deliveries: DeliveryRow[]; more: boolean }> {
  const rows = await listDeliveries(deps.pool, filter, limit + 1);
  return { deliveries: rows.slice(0, limit), more: rows.length > limit };
}

/**
 * Re-sends a dead delivery: a new pending delivery with the same content,
 * linked to it, and its workflow started. A delivery is re-sent once: asking
 * again answers the re-send already made (and starts its workflow if that
 * had been interrupted); a re-send that died too is re-sent in its turn.
 */
export async function resendDelivery(deps: DeliveryDeps, caller: Caller, deliveryId: string): Promise<{ delivery: DeliveryRow; created: boolean }> {
  const { resendId, created } = await inTransaction(deps.pool, async (tx) => {
    // The row is locked so two officers re-sending at once make one re-send.
    await tx.query('SELECT 1 FROM notification_deliveries WHERE id = $1 FOR UPDATE', [deliveryId]);
    const original = await findDelivery(tx, deliveryId);
    if (!original) throw notFound(`Delivery ${deliveryId}`);
    if (original.resentAs) return { resendId: original.resentAs, created: false };
    if (original.status !== 'dead') {
      throw new UseCaseError('conflict', 'delivery-not-dead', 'Not a dead letter', `Delivery ${deliveryId} is ${original.status}: only a dead delivery is re-sent`);
    }
    if (original.subscriptionId) {
      const subscription = await signingSecretOf(tx, original.subscriptionId);
      if (!subscription || subscription.revoked) {
        throw new UseCaseError('conflict', 'webhook-revoked', 'The webhook was revoked', `The account revoked the webhook delivery ${deliveryId} was for; it is not re-sent`);
      }
    }
    const id = randomUUID();
    await insertResend(tx, deliveryId, id, new Date());
    await appendAudit(
      tx,
      auditEntryOf(caller, {
        action: 'notification.resent',
        target: `notification-delivery:${deliveryId}`,
        onBehalfOf: `account:${original.accountId}`,
        after: { resentAs: id, channel: original.channel, dedupeKey: original.dedupeKey },
      }),
    );
    return { resendId: id, created: true };
  });
  const delivery = await findDelivery(deps.pool, resendId);
  if (!delivery) throw new Error(`notifications: re-send ${resendId} not found after it was stored`);
  if (delivery.status === 'pending') {
    const input: DeliveryInput = { deliveryId: resendId, retry: deps.retry ?? DEFAULT_DELIVERY_RETRY };
    await startOnce(deps.temporal, {
      workflowType: NOTIFICATION_DELIVERY_WORKFLOW,
      workflowId: deliveryWorkflowId(resendId),
      taskQueue: NOTIFICATION_DELIVERY_TASK_QUEUE,
      args: [input],
    });
  }
  return { delivery, created };
}
