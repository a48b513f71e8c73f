/**
 * Sending a notice on the channels an account has chosen besides the inbox:
 * email (when the account gave an address and turned email on) and each of
 * its webhook subscriptions to the notice's event (when webhooks are on).
 *
 * The caller renders the notice in the account's language; this stores it
 * exactly as it will be sent (the whole email message, the webhook's JSON
 * body), once per channel, recipient and business key, and starts one small
 * workflow per delivery (`delivery:<id>`, workflows/notifications/delivery.ts)
 * that sends it with retries and backoff and, when they are spent or the
 * failure is permanent, leaves it as a dead letter for an officer to see and
 * re-send. Called from an activity, it is safe to retry: a notice already
 * stored under its key is found, never stored again, and its workflow is
 * started if it had not been (starting twice is answered, not duplicated).
 *
 * Once means once per key, whatever changes after: an account that turns
 * email off, or changes its address, after a notice was queued is still sent
 * that notice as queued; a notice queued later follows the new preferences.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import { z } from 'zod';
import { LANGUAGES, type Language } from '../domain/inbox/terms';
import {
  DEFAULT_DELIVERY_RETRY,
  DEFAULT_MAIL_FROM,
  EVENT_TYPE,
  recipientKeys,
  type Channel,
  type DeliveryRetry,
} from '../domain/notifications/deliveries';
import { findDeliveryByKey, insertDelivery, type NewDelivery } from '../db/notifications/deliveries';
import { preferencesOf } from '../db/notifications/preferences';
import { activeSubscriptionsTo } from '../db/notifications/webhooks';
import { composeEmail } from './notifications/email';
import { startDelivery, type DeliveryStarter } from './notifications/start-delivery';

export interface ChannelNotice {
  /** The account told. */
  accountId: string;
  /** Business key of the notice (e.g. an alert key or `digest:2026-11-23:<accountId>`): one email and one webhook call per subscriber per key, ever. */
  dedupeKey: string;
  /** The event type webhooks carry, e.g. 'deadline.alert' or 'digest.daily'. */
  event: string;
  /** The text as rendered for the account, in the language it was rendered in (the caller renders; this stores exactly this). */
  language: Language;
  subject: string;
  body: string;
  /** Structured facts for webhook payloads (JSON-safe). */
  data: Record<string, unknown>;
}

/** How notices go out: the SMTP server and sender, the retry policy, and where webhooks may go. */
export interface NotificationSettings {
  /** The SMTP server (SMTP_URL). Unset: an email delivery fails at once, as a dead letter naming the missing setting. */
  smtpUrl?: string;
  /** The From of every email (MAIL_FROM); DEFAULT_MAIL_FROM when unset. */
  mailFrom?: string;
  /** How each delivery is retried; DEFAULT_DELIVERY_RETRY when unset. */
  retry?: DeliveryRetry;
  /** How long a webhook receiver has to answer one attempt (10 s when unset). */
  webhookTimeoutMs?: number;
  /** Whether webhooks may go to loopback, private and link-local addresses (WEBHOOK_ALLOW_PRIVATE_ADDRESSES): tests and trials on one machine only. */
  allowPrivateAddresses?: boolean;
}

/**
 * What `sendOnChannels` needs. The activities' own dependencies
 * (`ActivityDeps` of activities/index.ts) have this shape, so an activity
 * passes its deps as they are: `sendOnChannels(deps, notice)`.
 */
export interface ChannelDeps {
  pool: Pool;
  /**
   * Where each delivery's workflow is started: a client of the worker's
   * namespace and the task queue the worker polls. Needed whenever the
   * account has a channel on; without it such a notice throws (retryably)
   * rather than being stored and never sent.
   */
  temporal?: DeliveryStarter;
  notifications?: NotificationSettings;
}

export interface ChannelsQueued {
  /** `queued`: stored now and being sent; `already`: stored under this key before; `off`: the account has no email on. */
  email: 'queued' | 'already' | 'off';
  /** The webhook subscriptions the notice is (or already was) queued for. */
  webhooks: number;
}

/** The failure type of a notice that is not one (a bad key, event or text): not retried. */
export const CHANNEL_NOTICE_REFUSED = 'ChannelNoticeRefused';

const jsonSafe = z.record(z.string(), z.unknown()).superRefine((data, ctx) => {
  try {
    const text = JSON.stringify(data);
    if (text.length > 64_000) ctx.addIssue({ code: 'custom', message: 'must be at most 64,000 characters as JSON' });
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `must be JSON-safe (${err instanceof Error ? err.message : String(err)})` });
  }
});

const noticeSchema = z.object({
  accountId: z.uuid(),
  dedupeKey: z.string().trim().min(1).max(300),
  event: z.string().max(100).regex(EVENT_TYPE, 'must be dotted lower-case words, e.g. deadline.alert'),
  language: z.enum(LANGUAGES),
  subject: z.string().trim().min(1).max(500),
  body: z.string().max(100_000),
  data: jsonSafe,
});

function checked(notice: ChannelNotice): ChannelNotice {
  const parsed = noticeSchema.safeParse(notice);
  if (parsed.success) return notice;
  const reasons = parsed.error.issues.map((i) => `${i.path.join('.') || '(notice)'}: ${i.message}`).join('; ');
  throw ApplicationFailure.create({ type: CHANNEL_NOTICE_REFUSED, message: `not a notice that can be sent: ${reasons}`, nonRetryable: true });
}

/** Queues the notice on every channel the account has chosen besides the inbox (email, its webhooks); idempotent by (channel, recipient, dedupeKey). Returns what was queued or already there. */
export async function sendOnChannels(deps: ChannelDeps, input: ChannelNotice): Promise<ChannelsQueued> {
  const notice = checked(input);
  const { pool } = deps;
  const createdAt = new Date();
  /** Deliveries to (re)start: new ones, and stored ones a failed earlier call may not have started. */
  const toStart: string[] = [];

  /** Stores the delivery unless the recipient has one under the key; 'queued' or 'already'. */
  const queue = async (channel: Channel, recipient: string, make: (id: string) => Promise<NewDelivery>): Promise<'queued' | 'already'> => {
    const first = await findDeliveryByKey(pool, channel, recipient, notice.dedupeKey);
    if (first) {
      if (first.status === 'pending') toStart.push(first.id);
      return 'already';
    }
    const delivery = await make(randomUUID());
    if (await insertDelivery(pool, delivery)) {
      toStart.push(delivery.id);
      return 'queued';
    }
    // Stored meanwhile by a concurrent call: that one is the delivery.
    const winner = await findDeliveryByKey(pool, channel, recipient, notice.dedupeKey);
    if (winner?.status === 'pending') toStart.push(winner.id);
    return 'already';
  };

  const preferences = await preferencesOf(pool, notice.accountId);
  const from = deps.notifications?.mailFrom ?? DEFAULT_MAIL_FROM;
  const emailRecipient = recipientKeys.email(notice.accountId);
  let email: ChannelsQueued['email'] = 'off';
  if ((await findDeliveryByKey(pool, 'email', emailRecipient, notice.dedupeKey)) || (preferences.emailEnabled && preferences.emailAddress)) {
    const to = preferences.emailAddress ?? '';
    email = await queue('email', emailRecipient, async (id) => ({
      ...common(notice, id, createdAt),
      channel: 'email',
      subscriptionId: null,
      recipient: emailRecipient,
      target: to,
      content: await composeEmail({ ...notice, from, to, recipient: emailRecipient, date: createdAt }),
    }));
  }

  const subscriptions = preferences.webhooksEnabled ? await activeSubscriptionsTo(pool, notice.accountId, notice.event) : [];
  for (const subscription of subscriptions) {
    await queue('webhook', recipientKeys.webhook(subscription.id), (id) =>
      Promise.resolve({
        ...common(notice, id, createdAt),
        channel: 'webhook',
        subscriptionId: subscription.id,
        recipient: recipientKeys.webhook(subscription.id),
        target: subscription.url,
        content: webhookBody(notice, id, createdAt),
      }),
    );
  }

  if (toStart.length > 0) {
    if (!deps.temporal) throw new Error('sendOnChannels: deliveries are queued but no Temporal client was given to start them (deps.temporal)');
    const retry = deps.notifications?.retry ?? DEFAULT_DELIVERY_RETRY;
    for (const deliveryId of toStart) await startDelivery(deps.temporal, { deliveryId, retry });
  }
  return { email, webhooks: subscriptions.length };
}

function common(notice: ChannelNotice, id: string, createdAt: Date) {
  return {
    id,
    accountId: notice.accountId,
    dedupeKey: notice.dedupeKey,
    event: notice.event,
    language: notice.language,
    subject: notice.subject,
    body: notice.body,
    createdAt,
  };
}

/**
 * The webhook's JSON body, fixed when the notice is queued: `id` names the
 * notice on this subscription (a re-send carries the same body, so a
 * receiver that keeps the ids it has seen drops a duplicate); the delivery
 * attempt is named by the `Courtflow-Delivery` header.
 */
function webhookBody(notice: ChannelNotice, id: string, createdAt: Date): string {
  return JSON.stringify({
    id,
    type: notice.event,
    createdAt: createdAt.toISOString(),
    data: notice.data,
    language: notice.language,
    subject: notice.subject,
    body: notice.body,
  });
}
