/**
 * Notices on the channels besides the inbox, on the real stack (Temporal dev
 * server, PostgreSQL as the application's role, the worker, the API, and a
 * mail sink that is a real SMTP server): an email arrives once however often
 * it is queued; a webhook arrives signed and verifies; a receiver that keeps
 * failing is retried, then its delivery is a dead letter an officer sees and
 * re-sends once it recovers; accounts see only their own webhooks; bad input
 * is refused naming the field and the rule.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendOnChannels, type ChannelDeps, type ChannelNotice } from '../../activities/notification-channels';
import { verifyWebhookSignature } from '../../db/notifications/webhook-signature';
import { deliveryWorkflowId } from '../../domain/notifications/deliveries';
import { outboundQueueOf } from '../../workflows/notifications/contract';
import { SCT_TASK_QUEUE } from '../../workflows/sct/contract';
import { eventually, SEEDED, startTestStack, TEST_NOTIFICATION_RETRY, type SignedIn, type TestStack } from '../support/stack';

type Json = Record<string, unknown>;

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
}

/** A webhook receiver on loopback that keeps what it gets and answers `status()`. */
async function receiver(status: () => number): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = status();
      res.end(res.statusCode < 300 ? 'ok' : 'receiver failing on purpose');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let stack: TestStack;
let deps: ChannelDeps;
let serial = 0;

beforeAll(async () => {
  stack = await startTestStack({ mail: true });
  deps = { pool: stack.db.pool, temporal: { client: stack.env.client, taskQueue: SCT_TASK_QUEUE }, notifications: { retry: TEST_NOTIFICATION_RETRY } };
});

afterAll(async () => {
  await stack?.stop();
});

async function call(method: string, path: string, who: SignedIn | undefined, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(who?.headers ?? {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
}

function notice(accountId: string, overrides: Partial<ChannelNotice> = {}): ChannelNotice {
  serial += 1;
  return {
    accountId,
    dedupeKey: `alert:SCTC-2026-00000${serial}:defence-due:${Date.now()}`,
    event: 'deadline.alert',
    language: 'zh-Hant',
    subject: '提交答辯書的限期將於 2026 年 12 月 7 日屆滿',
    body: '案件 SCTC-2026-000001\n限期：2026 年 12 月 7 日（星期一）\n依據：第 338 章',
    data: { caseNo: 'SCTC-2026-000001', rule: 'defence-due', due: '2026-12-07' },
    ...overrides,
  };
}

/** The deliveries stored for an account, oldest first. */
async function deliveriesOf(accountId: string): Promise<{ id: string; channel: string; status: string; attempts: number; resent_from: string | null }[]> {
  const { rows } = await stack.db.pool.query<{ id: string; channel: string; status: string; attempts: number; resent_from: string | null }>(
    'SELECT id, channel, status, attempts, resent_from FROM notification_deliveries WHERE account_id = $1 ORDER BY seq',
    [accountId],
  );
  return rows;
}

/** Waits for the delivery's workflow to finish: 'delivered' or 'dead'. */
const outcomeOf = (deliveryId: string) => stack.env.client.workflow.getHandle(deliveryWorkflowId(deliveryId)).result() as Promise<string>;

describe('email', () => {
  it('when sendOnChannels is called twice with one key, then the email arrives in the sink exactly once, as rendered, in its language', async () => {
    const filer = await stack.newIndividual('陳大文');
    const address = `chan.${Date.now()}@example.hk`;
    expect((await call('PUT', '/api/v1/me/notification-preferences', filer, { email: { address, enabled: true }, webhooks: { enabled: true } })).status).toBe(200);

    const sent = notice(filer.id);
    expect(await sendOnChannels(deps, sent)).toEqual({ email: 'queued', webhooks: 0 });
    expect(await sendOnChannels(deps, sent)).toEqual({ email: 'already', webhooks: 0 });

    const [delivery] = await deliveriesOf(filer.id);
    expect(await outcomeOf(delivery!.id)).toBe('delivered');
    // A third call after delivery neither stores nor sends anything.
    expect(await sendOnChannels(deps, sent)).toEqual({ email: 'already', webhooks: 0 });
    expect(await deliveriesOf(filer.id)).toEqual([expect.objectContaining({ channel: 'email', status: 'delivered', attempts: 1 })]);

    const mine = (await stack.mail!.messages()).filter((m) => m.envelope.to.includes(address));
    expect(mine).toHaveLength(1);
    const [mail] = mine;
    expect(mail!.subject).toBe(sent.subject);
    expect(mail!.text.trim()).toBe(sent.body);
    expect(mail!.contentLanguage).toBe('zh-Hant');
    expect(mail!.headers['courtflow-dedupe-key']).toBe(sent.dedupeKey);
    expect(mail!.headers['courtflow-event']).toBe('deadline.alert');
    expect(mail!.messageId).toMatch(/^<[0-9a-f]{40}\.notice@courtflow\.invalid>$/);

    // Stored exactly as sent: the message the sink received is the stored content, byte for byte.
    const { rows } = await stack.db.pool.query<{ content: string }>('SELECT content FROM notification_deliveries WHERE id = $1', [delivery!.id]);
    const raw = await (await fetch(`${stack.mail!.viewerUrl}/messages/${mail!.id}/raw`)).text();
    expect(raw.replace(/\r\n/g, '\n').trim()).toBe(rows[0]!.content.replace(/\r\n/g, '\n').trim());
  });

  it('when the account has not turned email on, then nothing is emailed', async () => {
    const filer = await stack.newIndividual();
    expect(await sendOnChannels(deps, notice(filer.id))).toEqual({ email: 'off', webhooks: 0 });
    expect(await deliveriesOf(filer.id)).toEqual([]);
  });

  it('when email is turned on without an address, then 422 names email.enabled and the rule', async () => {
    const filer = await stack.newIndividual();
    const res = await call('PUT', '/api/v1/me/notification-preferences', filer, { email: { address: null, enabled: true }, webhooks: { enabled: true } });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'email.enabled', rule: 'address-required' })]);
    const read = await call('GET', '/api/v1/me/notification-preferences', filer);
    expect(read.body).toEqual({ email: { address: null, enabled: false }, webhooks: { enabled: true }, language: 'en' });
  });
});

describe('webhooks', () => {
  it('when a notice is sent to a subscribed account, then its receiver gets it signed, and the signature verifies with the secret shown once', async () => {
    const hook = await receiver(() => 204);
    try {
      const filer = await stack.newIndividual();
      const created = await call('POST', '/api/v1/me/webhooks', filer, { url: `${hook.url}/courtflow`, events: ['deadline.alert'], description: 'case system' });
      expect(created.status).toBe(201);
      const secret = String(created.body.secret);
      expect(secret).toMatch(/^whsec_/);
      // Listed without its secret.
      const listed = await call('GET', '/api/v1/me/webhooks', filer);
      expect(listed.body.webhooks).toEqual([expect.objectContaining({ id: created.body.id, status: 'active', events: ['deadline.alert'] })]);
      expect(JSON.stringify(listed.body)).not.toContain(secret);

      const sent = notice(filer.id, { language: 'en', subject: 'Defence due on 7 December 2026', body: 'Case SCTC-2026-000001' });
      expect(await sendOnChannels(deps, sent)).toEqual({ email: 'off', webhooks: 1 });
      expect(await sendOnChannels(deps, sent)).toEqual({ email: 'off', webhooks: 1 });
      // Another event type than the subscription's goes nowhere.
      expect(await sendOnChannels(deps, notice(filer.id, { event: 'digest.daily' }))).toEqual({ email: 'off', webhooks: 0 });

      const [delivery] = await deliveriesOf(filer.id);
      expect(await outcomeOf(delivery!.id)).toBe('delivered');
      expect(hook.received).toHaveLength(1);
      const [got] = hook.received;
      expect(got!.path).toBe('/courtflow');
      expect(got!.headers['content-type']).toBe('application/json');
      expect(got!.headers['courtflow-delivery']).toBe(delivery!.id);
      const header = got!.headers['courtflow-signature'] as string;
      expect(verifyWebhookSignature(secret, header, got!.raw, Date.now() / 1000)).toEqual({ ok: true });
      expect(verifyWebhookSignature('whsec_wrong', header, got!.raw, Date.now() / 1000).ok).toBe(false);
      expect(JSON.parse(got!.raw)).toEqual({
        id: delivery!.id,
        type: 'deadline.alert',
        createdAt: expect.any(String),
        data: sent.data,
        language: 'en',
        subject: sent.subject,
        body: sent.body,
      });
      const { rows } = await stack.db.pool.query<{ content: string; response_excerpt: string }>('SELECT content, response_excerpt FROM notification_deliveries WHERE id = $1', [delivery!.id]);
      expect(rows[0]!.content).toBe(got!.raw);
    } finally {
      await hook.close();
    }
  });

  it("when a delivery sends, then it sends from the outbound queue, so a receiver that hangs holds none of the slots the cases' own work runs in", async () => {
    const hook = await receiver(() => 204);
    try {
      const filer = await stack.newIndividual();
      expect((await call('POST', '/api/v1/me/webhooks', filer, { url: `${hook.url}/q`, events: ['deadline.alert'] })).status).toBe(201);
      await sendOnChannels(deps, notice(filer.id));
      const [delivery] = await deliveriesOf(filer.id);
      expect(await outcomeOf(delivery!.id)).toBe('delivered');
      const { events } = await stack.env.client.workflow.getHandle(deliveryWorkflowId(delivery!.id)).fetchHistory();
      const queues = (events ?? []).flatMap((e) => {
        const started = e.workflowExecutionStartedEventAttributes;
        const scheduled = e.activityTaskScheduledEventAttributes;
        if (started) return [{ what: 'workflow', queue: started.taskQueue?.name }];
        if (scheduled) return [{ what: scheduled.activityType?.name, queue: scheduled.taskQueue?.name }];
        return [];
      });
      expect(queues).toEqual([
        { what: 'workflow', queue: SCT_TASK_QUEUE },
        { what: 'sendNotificationDelivery', queue: outboundQueueOf(SCT_TASK_QUEUE) },
      ]);
    } finally {
      await hook.close();
    }
  });

  it('when the receiver keeps failing, then the delivery is retried, becomes a dead letter an officer sees, and the officer\'s re-send delivers it once the receiver recovers', async () => {
    let failing = true;
    const hook = await receiver(() => (failing ? 500 : 200));
    try {
      const filer = await stack.newIndividual();
      const created = await call('POST', '/api/v1/me/webhooks', filer, { url: `${hook.url}/hook` });
      expect(created.status).toBe(201);
      await sendOnChannels(deps, notice(filer.id));
      const [delivery] = await deliveriesOf(filer.id);
      expect(await outcomeOf(delivery!.id)).toBe('dead');
      expect(hook.received).toHaveLength(TEST_NOTIFICATION_RETRY.maximumAttempts);

      const officer = await stack.officer();
      const dead = await call('GET', '/api/v1/notifications/deliveries?status=dead&channel=webhook&limit=100', officer);
      expect(dead.status).toBe(200);
      const listed = (dead.body.deliveries as Json[]).find((d) => d.id === delivery!.id);
      expect(listed).toMatchObject({
        status: 'dead',
        channel: 'webhook',
        accountId: filer.id,
        attempts: TEST_NOTIFICATION_RETRY.maximumAttempts,
        lastError: 'the receiver answered HTTP 500',
        responseExcerpt: 'receiver failing on purpose',
        resentAs: null,
      });
      // Auditors read the list too, and only an officer re-sends; a filer does neither.
      const auditor = await stack.login(SEEDED.auditor.username, SEEDED.auditor.password);
      expect((await call('GET', '/api/v1/notifications/deliveries?status=dead', auditor)).status).toBe(200);
      expect((await call('POST', `/api/v1/notifications/deliveries/${delivery!.id}/resend`, auditor)).status).toBe(403);
      expect((await call('GET', '/api/v1/notifications/deliveries', filer)).status).toBe(403);
      // Something not dead is not re-sent.
      expect((await call('POST', `/api/v1/notifications/deliveries/00000000-0000-4000-8000-000000000000/resend`, officer)).status).toBe(404);

      failing = false;
      const resent = await call('POST', `/api/v1/notifications/deliveries/${delivery!.id}/resend`, officer);
      expect(resent.status).toBe(201);
      const again = resent.body.delivery as Json;
      expect(again).toMatchObject({ resentFrom: delivery!.id, status: 'pending', content: listed!.content });
      expect(await outcomeOf(String(again.id))).toBe('delivered');
      const last = hook.received.at(-1)!;
      expect(last.headers['courtflow-delivery']).toBe(again.id);
      // The same notice: the same body (and so the same id) as the dead delivery.
      expect(last.raw).toBe(listed!.content);
      expect(verifyWebhookSignature(String(created.body.secret), last.headers['courtflow-signature'] as string, last.raw, Date.now() / 1000)).toEqual({ ok: true });

      // Re-sending again answers the re-send already made; a delivered one is not re-sent.
      const twice = await call('POST', `/api/v1/notifications/deliveries/${delivery!.id}/resend`, officer);
      expect(twice.status).toBe(200);
      expect(twice.body).toMatchObject({ created: false, delivery: { id: again.id, status: 'delivered' } });
      expect((await call('POST', `/api/v1/notifications/deliveries/${String(again.id)}/resend`, officer)).status).toBe(409);
      const { rows } = await stack.db.pool.query<{ n: string }>(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'notification.resent' AND target = $1",
        [`notification-delivery:${delivery!.id}`],
      );
      expect(Number(rows[0]!.n)).toBe(1);
    } finally {
      await hook.close();
    }
  });

  it('when the receiver refuses with a 4xx other than 408 or 429, then the delivery is dead after one attempt', async () => {
    const hook = await receiver(() => 410);
    try {
      const filer = await stack.newIndividual();
      await call('POST', '/api/v1/me/webhooks', filer, { url: hook.url });
      await sendOnChannels(deps, notice(filer.id));
      const [delivery] = await deliveriesOf(filer.id);
      expect(await outcomeOf(delivery!.id)).toBe('dead');
      expect(hook.received).toHaveLength(1);
      expect(await deliveriesOf(filer.id)).toEqual([expect.objectContaining({ status: 'dead', attempts: 1 })]);
    } finally {
      await hook.close();
    }
  });

  it("when another account lists or revokes an account's webhook, then it sees none and gets 404", async () => {
    const owner = await stack.newIndividual();
    const other = await stack.newIndividual();
    const created = await call('POST', '/api/v1/me/webhooks', owner, { url: 'https://hooks.example.hk/owner' });
    expect(created.status).toBe(201);
    expect((await call('GET', '/api/v1/me/webhooks', other)).body).toEqual({ webhooks: [], nextCursor: null });
    expect((await call('DELETE', `/api/v1/me/webhooks/${String(created.body.id)}`, other)).status).toBe(404);
    // The owner revokes it (twice: the same answer), and a notice no longer goes to it.
    const revoked = await call('DELETE', `/api/v1/me/webhooks/${String(created.body.id)}`, owner);
    expect(revoked).toMatchObject({ status: 200, body: { status: 'revoked' } });
    expect((await call('DELETE', `/api/v1/me/webhooks/${String(created.body.id)}`, owner)).body).toEqual(revoked.body);
    expect(await sendOnChannels(deps, notice(owner.id))).toEqual({ email: 'off', webhooks: 0 });
  });

  it('when a webhook URL is not http or https, carries credentials, or is not a URL, then 422 names url and the rule', async () => {
    const filer = await stack.newIndividual();
    for (const [url, rule] of [
      ['ftp://files.example.hk/drop', 'invalid_format'],
      ['not a url', 'invalid_format'],
      ['https://user:secret@hooks.example.hk/x', 'no-credentials'],
    ] as const) {
      const res = await call('POST', '/api/v1/me/webhooks', filer, { url });
      expect([url, res.status]).toEqual([url, 422]);
      expect(res.body).toMatchObject({ type: 'urn:courtflow:problem:validation', errors: [expect.objectContaining({ field: 'url', rule })] });
    }
    expect((await call('GET', '/api/v1/me/webhooks', filer)).body.webhooks).toEqual([]);
  });

  it('when webhooks are turned off, then notices do not go to them', async () => {
    const filer = await stack.newIndividual();
    await call('POST', '/api/v1/me/webhooks', filer, { url: 'https://hooks.example.hk/off' });
    await call('PUT', '/api/v1/me/notification-preferences', filer, { email: { address: null, enabled: false }, webhooks: { enabled: false } });
    expect(await sendOnChannels(deps, notice(filer.id))).toEqual({ email: 'off', webhooks: 0 });
  });
});

describe('deliveries as stored', () => {
  it('when anyone tries to change what was sent or delete a delivery, then the database refuses', async () => {
    const filer = await stack.newIndividual();
    await call('PUT', '/api/v1/me/notification-preferences', filer, { email: { address: `keep.${Date.now()}@example.hk`, enabled: true }, webhooks: { enabled: true } });
    await sendOnChannels(deps, notice(filer.id));
    const [delivery] = await deliveriesOf(filer.id);
    await expect(stack.db.pool.query("UPDATE notification_deliveries SET body = 'changed' WHERE id = $1", [delivery!.id])).rejects.toThrow(/kept as sent/);
    await expect(stack.db.pool.query('DELETE FROM notification_deliveries WHERE id = $1', [delivery!.id])).rejects.toThrow(/kept as sent/);
    await eventually(async () => (await deliveriesOf(filer.id))[0]?.status, (status) => status === 'delivered');
  });
});
