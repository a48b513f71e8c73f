/**
 * An account's webhook subscriptions: list, create (the secret is made here
 * and returned once), revoke. Each account sees and revokes only its own:
 * another account's subscription is "not found", exactly as one that does
 * not exist.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  countActiveSubscriptions,
  insertSubscription,
  listSubscriptions,
  revokeSubscription,
  type WebhookSubscription,
} from '../../db/notifications/webhooks';
import type { Caller } from '../audit';
import { notFound, UseCaseError } from '../errors';
import type { NotificationDeps } from './preferences';

/** Active subscriptions an account may have at once: enough for a few systems, few enough that one notice fans out to a handful of calls. */
export const MAX_ACTIVE_WEBHOOKS = 10;

export interface NewWebhook {
  url: string;
  eventTypes: readonly string[];
  description?: string;
}

/** `whsec_` and 32 random bytes: the prefix tells a reader what a leaked string is. */
const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

export async function listWebhooks(
  deps: NotificationDeps,
  caller: Caller,
  page: { limit: number; beforeSeq?: string },
): Promise<{ webhooks: WebhookSubscription[]; more: boolean }> {
  const rows = await listSubscriptions(deps.pool, caller.actor.id, page.beforeSeq, page.limit + 1);
  return { webhooks: rows.slice(0, page.limit), more: rows.length > page.limit };
}

/** A new subscription of the caller's, and its secret: the only time the secret is shown. */
export async function createWebhook(deps: NotificationDeps, caller: Caller, webhook: NewWebhook): Promise<{ webhook: WebhookSubscription; secret: string }> {
  if ((await countActiveSubscriptions(deps.pool, caller.actor.id)) >= MAX_ACTIVE_WEBHOOKS) {
    throw new UseCaseError('conflict', 'too-many-webhooks', 'Too many webhooks', `An account may have at most ${MAX_ACTIVE_WEBHOOKS} active webhooks; revoke one first`);
  }
  const secret = newSecret();
  const created = await insertSubscription(deps.pool, {
    id: randomUUID(),
    accountId: caller.actor.id,
    url: webhook.url,
    secret,
    eventTypes: webhook.eventTypes,
    description: webhook.description ?? null,
  });
  return { webhook: created, secret };
}

/** Revokes one of the caller's subscriptions; revoking it again changes nothing. */
export async function revokeWebhook(deps: NotificationDeps, caller: Caller, id: string): Promise<{ webhook: WebhookSubscription; wasActive: boolean }> {
  const revoked = await revokeSubscription(deps.pool, caller.actor.id, id, new Date());
  if (!revoked) throw notFound(`Webhook ${id}`);
  return { webhook: revoked.subscription, wasActive: revoked.wasActive };
}
