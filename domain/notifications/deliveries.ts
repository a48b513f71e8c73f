/**
 * Notices sent outside courtflow, by email and by webhook: the channels, what
 * a delivery can be, its business key, and how hard it is tried. Pure data,
 * shared by the activity that queues a notice (it starts the delivery's
 * workflow by these names), the workflow that delivers it and the API that
 * shows dead letters and re-sends them.
 */

/** The channels besides the inbox. */
export const CHANNELS = ['email', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * `pending` until sent or given up; `delivered` once the SMTP server took the
 * message or the receiver answered 2xx; `dead` when every attempt failed or
 * the failure cannot change by retrying (a dead letter, for an officer to see
 * and re-send).
 */
export const DELIVERY_STATUSES = ['pending', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * An event type a webhook carries and a subscription names: dotted lower-case
 * words (`deadline.alert`, `digest.daily`). A subscription may name `*` for
 * every event.
 */
export const EVENT_TYPE = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;
export const ALL_EVENTS = '*';

/** Who a delivery goes to, for its dedupe key: the account (email) or one of its subscriptions (webhook). */
export const recipientKeys = {
  email: (accountId: string) => `account:${accountId}`,
  webhook: (subscriptionId: string) => `webhook:${subscriptionId}`,
} as const;

/** Registered workflow type name; the function in workflows/notifications/delivery.ts has the same name. */
export const NOTIFICATION_DELIVERY_WORKFLOW = 'notificationDeliveryWorkflow';

/** A delivery's workflow ID: its business key, so starting it twice is answered, not duplicated. */
export const deliveryWorkflowId = (deliveryId: string) => `delivery:${deliveryId}`;

/**
 * How a delivery is retried: Temporal's activity retry policy, in
 * milliseconds. Attempts count the first one.
 */
export interface DeliveryRetry {
  initialIntervalMs: number;
  backoffCoefficient: number;
  maximumIntervalMs: number;
  maximumAttempts: number;
}

/**
 * 5 s, 10 s, 20 s… up to 10 minutes apart, 8 attempts in all: about 21
 * minutes of trying covers a receiver's restart or a short outage; a longer
 * one is a dead letter an officer can re-send.
 */
export const DEFAULT_DELIVERY_RETRY: DeliveryRetry = {
  initialIntervalMs: 5_000,
  backoffCoefficient: 2,
  maximumIntervalMs: 10 * 60_000,
  maximumAttempts: 8,
};

/** The delivery workflow's one parameter (plain JSON). */
export interface DeliveryInput {
  deliveryId: string;
  retry: DeliveryRetry;
}

/** What a delivery's workflow ends with. */
export type DeliveryOutcome = 'delivered' | 'dead';

/** The failure type of an attempt that retrying cannot help (a 4xx other than 408 and 429, an SMTP 5xx, a revoked subscription). */
export const DELIVERY_REFUSED = 'NotificationDeliveryRefused';

/** Whether a webhook receiver's HTTP status is worth trying again: 5xx, 408 (timeout) and 429 (too many requests). */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/** The From of notice emails unless MAIL_FROM says otherwise (`.invalid`: a name that can never be someone else's). */
export const DEFAULT_MAIL_FROM = 'courtflow <no-reply@courtflow.invalid>';

/** How long a webhook receiver has to answer one attempt. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
