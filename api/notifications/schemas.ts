/**
 * Requests and answers of the notification channels: an account's
 * preferences and webhooks, and the registry's view of deliveries (zod: the
 * single source of their types and of their OpenAPI description).
 */
import { z } from 'zod';
import { LANGUAGES } from '../../domain/inbox/terms';
import { ALL_EVENTS, CHANNELS, DELIVERY_STATUSES, EVENT_TYPE } from '../../domain/notifications/deliveries';
import type { DeliveryRow } from '../../db/notifications/deliveries';
import type { WebhookSubscription } from '../../db/notifications/webhooks';
import type { PreferencesView } from '../../services/notifications/preferences';
import { cursorCodec, nextCursorSchema, pageLimit } from '../paging';

/** A rule a refinement enforces, named in the problem's `errors[].rule` (zod's own codes name the rest). */
export const ruleOf = (rule: string) => ({ params: { rule } });

const language = z.enum(LANGUAGES).describe('`en` (English) or `zh-Hant` (Traditional Chinese, 繁體中文)');

// Preferences.

const emailAddress = z.email({ error: 'must be an email address' }).max(254, 'must be at most 254 characters');

export const preferencesBody = z
  .strictObject({
    email: z.strictObject({
      address: emailAddress.nullable().describe('Where notices are emailed; null for none'),
      enabled: z.boolean().describe('Whether notices are emailed; true needs an address'),
    }),
    webhooks: z.strictObject({ enabled: z.boolean().describe('Whether notices go to your active webhooks (GET /api/v1/me/webhooks)') }),
  })
  .superRefine((body, ctx) => {
    if (body.email.enabled && body.email.address === null) {
      ctx.addIssue({ code: 'custom', path: ['email', 'enabled'], message: 'email can be turned on only with an address', ...ruleOf('address-required') });
    }
  })
  .meta({ id: 'SetNotificationPreferences' });

export const preferencesView = z
  .object({
    email: z.object({ address: z.string().nullable(), enabled: z.boolean() }),
    webhooks: z.object({ enabled: z.boolean() }),
    language: language.describe('The language notices are written in: your account\'s (set with PUT /api/v1/me/language)'),
  })
  .meta({ id: 'NotificationPreferences' });

export const toPreferencesView = (p: PreferencesView): z.input<typeof preferencesView> => ({
  email: { address: p.emailAddress, enabled: p.emailEnabled },
  webhooks: { enabled: p.webhooksEnabled },
  language: p.language,
});

// Webhooks.

/**
 * An http or https URL a receiver listens at: no user name or password in
 * it (the URL is listed and logged; the signature is the credential) and no
 * fragment (never sent).
 */
export const webhookUrl = z
  .url({ protocol: /^https?$/, error: 'must be an absolute http:// or https:// URL' })
  .max(2048, 'must be at most 2048 characters')
  .refine((url) => {
    // Only a URL is judged here; one that is not is refused by z.url already.
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    return parsed === undefined || (parsed.username === '' && parsed.password === '');
  }, { message: 'must not carry a user name or password', ...ruleOf('no-credentials') })
  .refine((url) => !URL.canParse(url) || !url.includes('#'), { message: 'must not have a fragment (#…)', ...ruleOf('no-fragment') })
  .describe('Where each notice is POSTed: http:// or https://');

const eventType = z
  .string()
  .max(100)
  .refine((e) => e === ALL_EVENTS || EVENT_TYPE.test(e), { message: 'must be * or an event type such as deadline.alert', ...ruleOf('event-type') });

export const webhookBody = z
  .strictObject({
    url: webhookUrl,
    events: z
      .array(eventType)
      .min(1)
      .max(20)
      .default([ALL_EVENTS])
      .describe('The event types to receive (`deadline.alert`, `digest.daily`…), or `*` for all (the default)'),
    description: z.string().trim().min(1).max(200).optional().describe('A note for yourself: which system receives it'),
  })
  .meta({ id: 'NewWebhook' });

export const webhookIdParams = z.object({ webhookId: z.uuid().describe('The webhook, as listed') });

export const webhookCursor = cursorCodec(
  z.strictObject({ s: z.string().regex(/^[0-9]{1,19}$/) }),
  (seq: string) => ({ s: seq }),
  (w) => w.s,
);

export const webhookQuery = z.strictObject({ limit: pageLimit('Webhooks'), cursor: webhookCursor.param('parameters') });

const webhookFields = {
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  description: z.string().nullable(),
  status: z.enum(['active', 'revoked']),
  createdAt: z.string().describe('ISO instant'),
  revokedAt: z.string().nullable().describe('ISO instant it was revoked; null while active'),
};

export const webhookView = z.object(webhookFields).meta({ id: 'Webhook' });

export const webhookCreated = z
  .object({
    ...webhookFields,
    secret: z.string().describe('The signing secret of this webhook: shown only now. Keep it where your receiver can read it'),
  })
  .meta({ id: 'WebhookCreated' });

export const webhookPage = z
  .object({ webhooks: z.array(webhookView).describe('Newest first, revoked ones included'), nextCursor: nextCursorSchema })
  .meta({ id: 'WebhookPage' });

export const toWebhookView = (w: WebhookSubscription): z.input<typeof webhookView> => ({
  id: w.id,
  url: w.url,
  events: w.eventTypes,
  description: w.description,
  status: w.revokedAt ? 'revoked' : 'active',
  createdAt: w.createdAt.toISOString(),
  revokedAt: w.revokedAt?.toISOString() ?? null,
});

// Deliveries.

export const deliveryIdParams = z.object({ deliveryId: z.uuid().describe('The delivery, as listed') });

export const deliveryCursor = cursorCodec(
  z.strictObject({ s: z.string().regex(/^[0-9]{1,19}$/) }),
  (seq: string) => ({ s: seq }),
  (w) => w.s,
);

export const deliveryQuery = z.strictObject({
  status: z.enum(DELIVERY_STATUSES).optional().describe('`dead`: the dead letters; `pending`: being tried; `delivered`'),
  channel: z.enum(CHANNELS).optional(),
  limit: pageLimit('Deliveries'),
  cursor: deliveryCursor.param('status and channel'),
});

export const deliveryView = z
  .object({
    id: z.string(),
    channel: z.enum(CHANNELS),
    accountId: z.string().describe('The account told'),
    webhookId: z.string().nullable().describe('The subscription, for a webhook'),
    dedupeKey: z.string().describe("The notice's business key: one delivery per channel, recipient and key"),
    event: z.string(),
    language: language.describe('The language it was written in'),
    subject: z.string(),
    body: z.string(),
    target: z.string().describe('The email address or the URL it goes to'),
    content: z.string().describe('Exactly what is sent: the whole email message (RFC 5322), or the JSON body of the webhook'),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    lastError: z.string().nullable().describe('Why the last attempt failed'),
    responseExcerpt: z.string().nullable().describe("The start of the receiver's last answer (webhooks) or the SMTP server's reply"),
    createdAt: z.string(),
    lastAttemptAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    deadAt: z.string().nullable(),
    resentFrom: z.string().nullable().describe('The dead delivery this one re-sends'),
    resentAs: z.string().nullable().describe('The delivery that re-sent this one'),
  })
  .meta({ id: 'NotificationDelivery' });

export const deliveryPage = z.object({ deliveries: z.array(deliveryView).describe('Newest first'), nextCursor: nextCursorSchema }).meta({ id: 'NotificationDeliveryPage' });

export const resendView = z
  .object({ delivery: deliveryView, created: z.boolean().describe('False when the delivery had been re-sent already: that re-send is shown') })
  .meta({ id: 'NotificationResend' });

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const toDeliveryView = (d: DeliveryRow): z.input<typeof deliveryView> => ({
  id: d.id,
  channel: d.channel,
  accountId: d.accountId,
  webhookId: d.subscriptionId,
  dedupeKey: d.dedupeKey,
  event: d.event,
  language: d.language,
  subject: d.subject,
  body: d.body,
  target: d.target,
  content: d.content,
  status: d.status,
  attempts: d.attempts,
  lastError: d.lastError,
  responseExcerpt: d.responseExcerpt,
  createdAt: d.createdAt.toISOString(),
  lastAttemptAt: iso(d.lastAttemptAt),
  deliveredAt: iso(d.deliveredAt),
  deadAt: iso(d.deadAt),
  resentFrom: d.resentFrom,
  resentAs: d.resentAs,
});
