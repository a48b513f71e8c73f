/**
 * The notification delivery's contract: its workflow type, ID, input and the
 * activities it calls. The activity that queues a notice and the API that
 * re-sends a dead one start it; the names live in domain/ so an activity
 * can start it without importing workflow code.
 */
import { SCT_TASK_QUEUE } from '../sct/contract';
import type { DeliveryOutcome } from '../../domain/notifications/deliveries';

export {
  DEFAULT_DELIVERY_RETRY,
  DELIVERY_REFUSED,
  deliveryWorkflowId,
  NOTIFICATION_DELIVERY_WORKFLOW,
  type DeliveryInput,
  type DeliveryOutcome,
  type DeliveryRetry,
} from '../../domain/notifications/deliveries';

/** Deliveries run beside the cases whose alerts they carry: the one worker polls this queue. */
export const NOTIFICATION_DELIVERY_TASK_QUEUE = SCT_TASK_QUEUE;

/**
 * Where a delivery's sending runs: a queue of its own beside the one its
 * workflow runs on. A webhook may keep an attempt waiting 10 s on someone
 * else's server, a mail server 30 s; on their own queue and slots, receivers
 * that hang never hold the slots a case's steps and papers need.
 */
export const outboundQueueOf = (taskQueue: string): string => `${taskQueue}-outbound`;

/** The activities the delivery calls; the worker supplies an implementation of exactly these. */
export interface NotificationDeliveryActivities {
  /** One attempt: sends the stored delivery unless it is settled; 'delivered' or 'dead' as it then stands. */
  sendNotificationDelivery(deliveryId: string): Promise<DeliveryOutcome>;
  /** Gives a pending delivery up (a dead letter); `reason` when the last attempt could not record its own. */
  markNotificationDeliveryDead(deliveryId: string, reason: string | null): Promise<void>;
}
