/**
 * Notification channels: each signed-in account's own preferences (email,
 * webhooks) and webhook subscriptions; and, for the registry, the deliveries
 * (the dead letters) and an officer's re-send. Thin: parse, call the
 * use-case, answer.
 *
 * A body that is well-formed JSON but breaks a rule (a URL that is not http
 * or https, email on without an address) is answered 422, naming each field
 * and its rule; malformed JSON is a 400 as everywhere.
 */
import type { Client } from '@temporalio/client';
import type { Request } from 'express';
import type { Pool } from 'pg';
import type { z } from 'zod';
import type { Role } from '../../domain/identity/actor';
import type { DeliveryRetry } from '../../domain/notifications/deliveries';
import { listNotificationDeliveries, resendDelivery } from '../../services/notifications/deliveries';
import { preferencesView as readPreferences, setPreferences } from '../../services/notifications/preferences';
import { createWebhook, listWebhooks, MAX_ACTIVE_WEBHOOKS, revokeWebhook } from '../../services/notifications/webhooks';
import { noteAudit } from '../audit';
import { problemResponse, SIGNED_IN, type Operation } from '../operations';
import { DEFAULT_PAGE_SIZE } from '../paging';
import { Problem, validationProblem, type FieldError } from '../problem';
import { callerOf } from '../steps/step-operations';
import { parse } from '../validate';
import {
  deliveryCursor,
  deliveryIdParams,
  deliveryPage,
  deliveryQuery,
  preferencesBody,
  preferencesView,
  resendView,
  toDeliveryView,
  toPreferencesView,
  toWebhookView,
  webhookBody,
  webhookCreated,
  webhookCursor,
  webhookIdParams,
  webhookPage,
  webhookQuery,
  webhookView,
} from './schemas';

export interface NotificationOperationDeps {
  pool: Pool;
  temporal: Client;
  /** How an officer's re-send is retried (the worker's NOTIFICATION_RETRY_*). */
  notificationRetry?: DeliveryRetry;
}

const TAGS = ['Notifications'];
const DELIVERY_READERS: readonly Role[] = ['registry-officer', 'auditor'];
const unauthenticated = problemResponse('No credentials, or they are not valid');
const refusedBody = problemResponse('The body breaks a rule: each field is named with its rule (`errors[].field`, `errors[].rule`)');

/**
 * The body parsed, or a 422 naming every bad field and its rule (a
 * refinement's own rule where it names one, e.g. `no-credentials`).
 */
function parseBody<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  const result = schema.safeParse(req.body ?? {});
  if (result.success) return result.data;
  const problem = validationProblem('body', result.error);
  const errors = ((problem.extensions.errors ?? []) as FieldError[]).map((e, i) => {
    const params = (result.error.issues[i] as { params?: { rule?: unknown } } | undefined)?.params;
    return typeof params?.rule === 'string' ? { ...e, rule: params.rule } : e;
  });
  throw new Problem(422, 'validation', problem.title, problem.detail, { errors });
}

export function notificationOperations(deps: NotificationOperationDeps): Operation[] {
  return [
    {
      method: 'get',
      path: '/api/v1/me/notification-preferences',
      operationId: 'getMyNotificationPreferences',
      auth: SIGNED_IN,
      summary: 'How notices reach you besides your inbox: email and webhooks',
      description: 'Email is off until you give an address and turn it on; webhooks are on (they go to the webhooks you add). Notices are written in your language.',
      tags: TAGS,
      responses: { 200: { description: 'Your preferences', schema: preferencesView }, 401: unauthenticated },
      handler: async (_req, res) => {
        res.json(preferencesView.parse(toPreferencesView(await readPreferences(deps, callerOf(res)))));
      },
    },
    {
      method: 'put',
      path: '/api/v1/me/notification-preferences',
      operationId: 'setMyNotificationPreferences',
      auth: SIGNED_IN,
      summary: 'Choose how notices reach you: an email address and whether to use it; whether to use your webhooks',
      description: 'Replaces your preferences. Applies to notices sent from now on; those already sent or being sent are not changed.',
      tags: TAGS,
      body: preferencesBody,
      responses: {
        200: { description: 'Your preferences, as now set', schema: preferencesView },
        401: unauthenticated,
        422: refusedBody,
      },
      handler: async (req, res) => {
        const body = parseBody(preferencesBody, req);
        const caller = callerOf(res);
        const { view, before } = await setPreferences(deps, caller, {
          emailAddress: body.email.address,
          emailEnabled: body.email.enabled,
          webhooksEnabled: body.webhooks.enabled,
        });
        // Whether an address is set, never the address: the audit log is not a directory.
        const summary = (p: typeof before) => ({ emailEnabled: p.emailEnabled, emailAddressSet: p.emailAddress !== null, webhooksEnabled: p.webhooksEnabled });
        noteAudit(res, { action: 'notification.preferences-set', target: `account:${caller.actor.id}`, before: summary(before), after: summary(view) });
        res.json(preferencesView.parse(toPreferencesView(view)));
      },
    },
    {
      method: 'get',
      path: '/api/v1/me/webhooks',
      operationId: 'listMyWebhooks',
      auth: SIGNED_IN,
      summary: 'Your webhooks, newest first (revoked ones included)',
      description: 'Each is shown without its secret, which is shown only when the webhook is created. Page with `nextCursor`.',
      tags: TAGS,
      query: webhookQuery,
      responses: {
        200: { description: 'One page of your webhooks', schema: webhookPage },
        400: problemResponse('A query parameter is invalid (each is named), or the cursor is not one this API gave out'),
        401: unauthenticated,
      },
      handler: async (req, res) => {
        const query = parse(webhookQuery, 'query', req);
        const limit = query.limit ?? DEFAULT_PAGE_SIZE;
        const page = await listWebhooks(deps, callerOf(res), { limit, ...(query.cursor === undefined ? {} : { beforeSeq: query.cursor }) });
        const last = page.webhooks.at(-1);
        res.json(webhookPage.parse({ webhooks: page.webhooks.map(toWebhookView), nextCursor: page.more && last ? webhookCursor.encode(last.seq) : null }));
      },
    },
    {
      method: 'post',
      path: '/api/v1/me/webhooks',
      operationId: 'createMyWebhook',
      auth: SIGNED_IN,
      summary: 'Add a webhook: notices are POSTed to its URL, signed with its secret (shown once, in this answer)',
      description:
        'Each delivery is a JSON body `{id, type, createdAt, data, language, subject, body}` with the headers ' +
        '`Courtflow-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" keyed with the secret>` and `Courtflow-Delivery: <delivery id>`. ' +
        'Verify the signature over the raw bytes and refuse a timestamp more than 300 s off (see the README). ' +
        `Answer 2xx within 10 s; anything else is retried with backoff, then kept as a dead letter. At most ${MAX_ACTIVE_WEBHOOKS} active webhooks per account.`,
      tags: TAGS,
      body: webhookBody,
      responses: {
        201: { description: 'The webhook, with its secret: store the secret now, it is not shown again', schema: webhookCreated },
        401: unauthenticated,
        409: problemResponse(`You already have ${MAX_ACTIVE_WEBHOOKS} active webhooks`),
        422: refusedBody,
      },
      handler: async (req, res) => {
        const body = parseBody(webhookBody, req);
        const { webhook, secret } = await createWebhook(deps, callerOf(res), {
          url: body.url,
          eventTypes: body.events,
          ...(body.description === undefined ? {} : { description: body.description }),
        });
        // Never the secret.
        noteAudit(res, { action: 'notification.webhook-created', target: `webhook:${webhook.id}`, after: { url: webhook.url, events: webhook.eventTypes } });
        res.status(201).json(webhookCreated.parse({ ...toWebhookView(webhook), secret }));
      },
    },
    {
      method: 'delete',
      path: '/api/v1/me/webhooks/:webhookId',
      operationId: 'revokeMyWebhook',
      auth: SIGNED_IN,
      summary: 'Revoke one of your webhooks: nothing more is sent to it',
      description: 'Deliveries to it not yet made are not made (they become dead letters). Revoking it again changes nothing.',
      tags: TAGS,
      params: webhookIdParams,
      responses: {
        200: { description: 'The webhook, revoked', schema: webhookView },
        401: unauthenticated,
        404: problemResponse("No such webhook of yours (another account's is not yours to see)"),
      },
      handler: async (req, res) => {
        const { webhookId } = parse(webhookIdParams, 'path', req);
        const { webhook, wasActive } = await revokeWebhook(deps, callerOf(res), webhookId);
        noteAudit(res, { action: 'notification.webhook-revoked', target: `webhook:${webhook.id}`, after: { revokedAt: webhook.revokedAt, wasActive } });
        res.json(webhookView.parse(toWebhookView(webhook)));
      },
    },
    {
      method: 'get',
      path: '/api/v1/notifications/deliveries',
      operationId: 'listNotificationDeliveries',
      auth: DELIVERY_READERS,
      summary: 'Notices sent by email and webhook, newest first: `status=dead` lists the dead letters',
      description:
        'Each delivery exactly as sent (`content`), how it went (`attempts`, `lastError`, `responseExcerpt`) and, for one re-sent, the link ' +
        'between the two (`resentFrom`, `resentAs`). Filter by `status` and `channel`; page with `nextCursor`.',
      tags: TAGS,
      query: deliveryQuery,
      responses: {
        200: { description: 'One page of deliveries', schema: deliveryPage },
        400: problemResponse('A query parameter is invalid (each is named), or the cursor is not one this API gave out'),
      },
      handler: async (req, res) => {
        const query = parse(deliveryQuery, 'query', req);
        const limit = query.limit ?? DEFAULT_PAGE_SIZE;
        const page = await listNotificationDeliveries(
          deps,
          {
            ...(query.status ? { status: query.status } : {}),
            ...(query.channel ? { channel: query.channel } : {}),
            ...(query.cursor === undefined ? {} : { beforeSeq: query.cursor }),
          },
          limit,
        );
        const last = page.deliveries.at(-1);
        res.json(deliveryPage.parse({ deliveries: page.deliveries.map(toDeliveryView), nextCursor: page.more && last ? deliveryCursor.encode(last.seq) : null }));
      },
    },
    {
      method: 'post',
      path: '/api/v1/notifications/deliveries/:deliveryId/resend',
      operationId: 'resendNotificationDelivery',
      auth: ['registry-officer'],
      audit: 'self',
      summary: 'Re-send a dead letter: a new delivery of the same content, linked to it, tried afresh',
      description:
        'The same bytes are sent again (a webhook keeps its `id`, an email its Message-ID, so a receiver can drop a duplicate). ' +
        'A delivery is re-sent once: asking again answers that re-send (`created: false`). Audited. No body.',
      tags: TAGS,
      params: deliveryIdParams,
      responses: {
        201: { description: 'Re-sent: the new delivery', schema: resendView },
        200: { description: 'Already re-sent: that re-send', schema: resendView },
        404: problemResponse('No such delivery'),
        409: problemResponse('The delivery is not dead (pending or delivered), or its webhook was revoked'),
      },
      handler: async (req, res) => {
        const { deliveryId } = parse(deliveryIdParams, 'path', req);
        const { delivery, created } = await resendDelivery(
          { pool: deps.pool, temporal: deps.temporal, ...(deps.notificationRetry ? { retry: deps.notificationRetry } : {}) },
          callerOf(res),
          deliveryId,
        );
        res.status(created ? 201 : 200).json(resendView.parse({ delivery: toDeliveryView(delivery), created }));
      },
    },
  ];
}
