/**
 * Sending one stored delivery, once per call: the activity the delivery
 * workflow retries (workflows/notifications/delivery.ts). Idempotent: a
 * delivery that is no longer pending is not sent again, and a success is
 * recorded (`delivered`) before the activity returns. An attempt that fails
 * is counted with its error before the failure is thrown, so the dead-letter
 * list shows why; a failure that retrying cannot mend is thrown as
 * non-retryable (`DELIVERY_REFUSED`), and the workflow then marks the
 * delivery dead at once.
 *
 * At least once, not exactly once: a receiver that took a webhook but whose
 * answer was lost gets it again on the next attempt, with the same body
 * (its `id` is the same) and the same email `Message-ID`.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import { DEFAULT_MAIL_FROM, DELIVERY_REFUSED, isRetryableStatus, WEBHOOK_TIMEOUT_MS, type DeliveryOutcome } from '../domain/notifications/deliveries';
import { findDelivery, markDead, markDelivered, recordAttempt, type DeliveryRow } from '../db/notifications/deliveries';
import { signingSecretOf } from '../db/notifications/webhooks';
import { signWebhook, WEBHOOK_DELIVERY_HEADER, WEBHOOK_SIGNATURE_HEADER } from '../db/notifications/webhook-signature';
import type { NotificationSettings } from './notification-channels';
import { addressOf, smtpSender, type EmailSender } from './notifications/email';
import { postWebhook } from './notifications/webhook-post';

export interface NotificationDeliveryDeps {
  pool: Pool;
  notifications?: NotificationSettings;
}

/** A failed attempt: counted, then thrown so the workflow's retry policy (or its dead-letter branch) takes over. */
async function failed(pool: Pool, delivery: DeliveryRow, error: string, retryable: boolean, responseExcerpt: string | null = null): Promise<never> {
  await recordAttempt(pool, delivery.id, { error, responseExcerpt, at: new Date() });
  throw ApplicationFailure.create({ type: retryable ? 'NotificationDeliveryFailed' : DELIVERY_REFUSED, message: error, nonRetryable: !retryable });
}

export function createNotificationDeliveryActivities(deps: NotificationDeliveryDeps) {
  const { pool } = deps;
  const settings = deps.notifications ?? {};
  // One transport per worker, made when the first email is sent.
  let mailer: EmailSender | undefined;
  const mailerOf = (smtpUrl: string) => (mailer ??= smtpSender(smtpUrl));

  async function sendEmail(delivery: DeliveryRow): Promise<void> {
    if (!settings.smtpUrl) return failed(pool, delivery, 'no SMTP server is configured (SMTP_URL)', false);
    const result = await mailerOf(settings.smtpUrl).send({ from: addressOf(settings.mailFrom ?? DEFAULT_MAIL_FROM), to: delivery.target }, delivery.content);
    if (!result.ok) return failed(pool, delivery, result.error, result.retryable);
    await markDelivered(pool, delivery.id, { responseExcerpt: result.response, at: new Date() });
  }

  async function sendWebhook(delivery: DeliveryRow): Promise<void> {
    const subscription = delivery.subscriptionId ? await signingSecretOf(pool, delivery.subscriptionId) : undefined;
    if (!subscription || subscription.revoked) return failed(pool, delivery, 'the webhook subscription was revoked', false);
    const result = await postWebhook({
      url: delivery.target,
      body: delivery.content,
      headers: {
        [WEBHOOK_SIGNATURE_HEADER]: signWebhook(subscription.secret, delivery.content, Date.now() / 1000),
        [WEBHOOK_DELIVERY_HEADER]: delivery.id,
      },
      timeoutMs: settings.webhookTimeoutMs ?? WEBHOOK_TIMEOUT_MS,
      allowPrivateAddresses: settings.allowPrivateAddresses ?? false,
    });
    if (!result.answered) return failed(pool, delivery, result.error, result.retryable);
    if (result.status < 200 || result.status >= 300) {
      const why = result.status >= 300 && result.status < 400 ? ' (redirects are not followed)' : '';
      return failed(pool, delivery, `the receiver answered HTTP ${result.status}${why}`, isRetryableStatus(result.status), result.excerpt);
    }
    await markDelivered(pool, delivery.id, { responseExcerpt: result.excerpt, at: new Date() });
  }

  return {
    /** Sends the delivery unless it is settled; 'delivered' or 'dead' as it now stands. */
    async sendNotificationDelivery(deliveryId: string): Promise<DeliveryOutcome> {
      const delivery = await findDelivery(pool, deliveryId);
      if (!delivery) throw ApplicationFailure.create({ type: DELIVERY_REFUSED, message: `no delivery ${deliveryId}`, nonRetryable: true });
      if (delivery.status !== 'pending') return delivery.status;
      if (delivery.channel === 'email') await sendEmail(delivery);
      else await sendWebhook(delivery);
      return 'delivered';
    },

    /** Gives a pending delivery up: a dead letter. `reason` only when the last attempt could not record its own (it timed out). */
    async markNotificationDeliveryDead(deliveryId: string, reason: string | null): Promise<void> {
      await markDead(pool, deliveryId, reason, new Date());
    },
  };
}
