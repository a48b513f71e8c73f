/**
 * A sandbox payment service provider: a real HTTP server that behaves like a
 * card payment provider's hosted checkout, so courtflow's payment flow can be
 * run end to end (by `npm start` for trying it, by the tests) without a real
 * provider or real money.
 *
 * What the merchant (courtflow) sees, all JSON, all with `Authorization: Bearer <apiKey>`:
 *
 *   POST /v1/payments                                       create (idempotent by merchantRef) → 201, or 200 with the existing one
 *   GET  /v1/payments/by-merchant-ref/:merchantRef          the payment (a pending one past expiresAt is expired)
 *   POST /v1/payments/by-merchant-ref/:merchantRef/cancel   pending → expired; anything else unchanged
 *   POST /v1/payments/by-merchant-ref/:merchantRef/refunds  {refundKey}: succeeded → refunded, once
 *
 * What the payer sees: `GET /pay/:providerRef`, a page in English and
 * Traditional Chinese with a card number field, a "Pay HK$x" button and a
 * "Cancel" button. Submitting it decides the payment, stores it, queues the
 * signed callback and answers 303 to the merchant's returnUrl with
 * `paymentId=<merchantRef>&status=<status>`.
 *
 * Test cards (spaces and dashes are ignored):
 *
 *   4242 4242 4242 4242   succeeds
 *   4000 0000 0000 0002   declined: "card declined"
 *   4000 0000 0000 9995   declined: "insufficient funds"
 *   4000 0000 0000 0341   succeeds, but the callback is never sent (a lost callback: only a query reveals it)
 *   4000 0000 0000 0259   succeeds, and the callback is sent twice with the same eventId (a duplicate)
 *   any other number      declined: "unknown test card"
 *   the Cancel button     declined: "cancelled by the payer"
 *
 * Callbacks: `POST callbackUrl` with `{eventId, merchantRef, providerRef,
 * status, amountCents, at}` and the header `Sandbox-Signature: t=…,v1=…`
 * (db/payment-provider/signature.ts, signed afresh at each attempt).
 * Only a payer's decision on the hosted page makes a callback: expiry, a
 * cancel or a refund through the API does not (the merchant asked, or can
 * ask). A delivery that fails (network error, timeout, non-2xx) is retried
 * with doubling delays (5 attempts from 0.5 s by default), then given up:
 * the merchant must reconcile by query.
 *
 * State (every payment and every callback not yet delivered) is written
 * through to `stateFile` on every change, atomically (a temporary file
 * renamed over it), and loaded at start: a restart mid-payment keeps every
 * payment and its status, and resumes the callbacks it had not delivered.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { SIGNATURE_HEADER, signCallback } from '../../db/payment-provider/signature';

export interface SandboxProviderOptions {
  /** 0 (the default) takes any free port. */
  port?: number;
  /** Where to listen: loopback by default. */
  host?: string;
  /** The JSON file the state is kept in; created if missing. */
  stateFile: string;
  /** The bearer key merchants call the API with. */
  apiKey: string;
  /** The secret callbacks are signed with. */
  signingSecret: string;
  /** The address payers reach the hosted page at, when not the one listened on (a proxy, a container). */
  publicUrl?: string;
  /** The provider's clock: expiry, paidAt, callback timestamps and signatures. Tests pass a movable one. */
  now?: () => Date;
  /** Callback delivery: attempts (5), the first retry's delay (500 ms, doubling), each attempt's timeout (5 s). */
  callbackRetry?: { attempts?: number; firstDelayMs?: number; timeoutMs?: number };
  /** Where the server reports what it does (a callback given up); nothing by default. Never given a secret. */
  log?: (line: string) => void;
}

export interface SandboxProvider {
  /** Where it listens (`http://127.0.0.1:7480`): the API root and the hosted pages' origin. */
  url: string;
  close(): Promise<void>;
}

const STATUSES = ['pending', 'succeeded', 'declined', 'expired', 'refunded'] as const;
type Status = (typeof STATUSES)[number];

interface CardOutcome {
  status: 'succeeded' | 'declined';
  declineReason?: string;
  /** How many times the callback is sent: 0 is a lost callback, 2 a duplicate. */
  callbacks: 0 | 1 | 2;
}

/** The test cards, as the header comment and the README list them. */
export const TEST_CARDS: Readonly<Record<string, CardOutcome>> = {
  '4242424242424242': { status: 'succeeded', callbacks: 1 },
  '4000000000000002': { status: 'declined', declineReason: 'card declined', callbacks: 1 },
  '4000000000009995': { status: 'declined', declineReason: 'insufficient funds', callbacks: 1 },
  '4000000000000341': { status: 'succeeded', callbacks: 0 },
  '4000000000000259': { status: 'succeeded', callbacks: 2 },
};
const UNKNOWN_CARD: CardOutcome = { status: 'declined', declineReason: 'unknown test card', callbacks: 1 };
const CANCELLED: CardOutcome = { status: 'declined', declineReason: 'cancelled by the payer', callbacks: 1 };

// The state file's shape, checked on load so a damaged file stops the start with a clear message.
const paymentSchema = z.object({
  providerRef: z.string(),
  merchantRef: z.string(),
  status: z.enum(STATUSES),
  amountCents: z.number().int().positive(),
  currency: z.literal('HKD'),
  description: z.string(),
  returnUrl: z.string(),
  callbackUrl: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  paidAt: z.string().optional(),
  declineReason: z.string().optional(),
  refundedCents: z.number().int().optional(),
  refundKey: z.string().optional(),
});
const outboxSchema = z.object({ deliveryId: z.string(), callbackUrl: z.string(), body: z.string() });
const stateSchema = z.object({
  version: z.literal(1),
  payments: z.record(z.string(), paymentSchema),
  outbox: z.array(outboxSchema),
});
type StoredPayment = z.infer<typeof paymentSchema>;
type Delivery = z.infer<typeof outboxSchema>;
type State = z.infer<typeof stateSchema>;

const httpUrl = z.url({ protocol: /^https?$/ });
const createSchema = z.object({
  merchantRef: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'letters, digits and . _ : - only, at most 100'),
  amountCents: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  currency: z.literal('HKD'),
  description: z.string().min(1).max(500),
  returnUrl: httpUrl,
  callbackUrl: httpUrl,
  expiresInSeconds: z.number().int().min(1).max(7 * 24 * 3600),
});
const refundSchema = z.object({ refundKey: z.string().min(1).max(200) });

function loadState(file: string): State {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, payments: {}, outbox: [] };
    throw err;
  }
  const parsed = stateSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`the sandbox state file ${file} is not one this server wrote: ${parsed.error.message}`);
  return parsed.data;
}

/** Whole, or not at all: a crash mid-write leaves the previous state in place, never half a file. */
function saveState(file: string, state: State): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(state, null, 2));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temporary, file);
  } catch (err) {
    rmSync(temporary, { force: true });
    throw err;
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** `HK$1,234.50`. */
function hkd(cents: number): string {
  const dollars = Math.floor(cents / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `HK$${dollars}.${String(cents % 100).padStart(2, '0')}`;
}

/** The merchant's returnUrl with the payment's id and status added to whatever query it already has. */
function returnUrlOf(payment: StoredPayment): string {
  const url = new URL(payment.returnUrl);
  url.searchParams.set('paymentId', payment.merchantRef);
  url.searchParams.set('status', payment.status);
  return url.toString();
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,"Noto Sans HK",sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}label,input,button{display:block;margin:.5rem 0}input{font-size:1.1rem;padding:.4rem;width:100%}button{font-size:1rem;padding:.5rem 1rem}.note{color:#555;font-size:.9rem}</style>
</head>
<body>
<p class="note">Sandbox payment provider: no real money moves. 沙盒付款服務：不涉及真實款項。</p>
${body}
</body>
</html>
`;
}

function payPage(payment: StoredPayment): string {
  const amount = hkd(payment.amountCents);
  const action = `/pay/${encodeURIComponent(payment.providerRef)}`;
  return page(
    `Pay ${amount}`,
    `<h1>Pay ${amount} <span lang="zh-HK">付款 ${amount}</span></h1>
<p>${escapeHtml(payment.description)}</p>
<p class="note">Reference 參考編號: ${escapeHtml(payment.merchantRef)}</p>
<form method="post" action="${action}">
<label for="card">Card number <span lang="zh-HK">卡號</span></label>
<input id="card" name="card" inputmode="numeric" autocomplete="cc-number" required>
<button type="submit" name="action" value="pay">Pay ${amount} <span lang="zh-HK">付款 ${amount}</span></button>
</form>
<form method="post" action="${action}">
<button type="submit" name="action" value="cancel">Cancel <span lang="zh-HK">取消</span></button>
</form>`,
  );
}

function settledPage(payment: StoredPayment): string {
  const back = `<p><a href="${escapeHtml(returnUrlOf(payment))}">Return to the merchant <span lang="zh-HK">返回商戶</span></a></p>`;
  if (payment.status === 'expired') {
    return page('Payment expired', `<h1>This payment has expired <span lang="zh-HK">此付款已逾期</span></h1>\n<p>No payment was taken. 未有收取任何款項。</p>\n${back}`);
  }
  return page(
    'Payment settled',
    `<h1>This payment is ${escapeHtml(payment.status)} <span lang="zh-HK">此付款已處理</span></h1>\n<p>It cannot be paid again. 不能再次付款。</p>\n${back}`,
  );
}

const listenUrl = (host: string, port: number) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

export async function createSandboxProvider(options: SandboxProviderOptions): Promise<SandboxProvider> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const attempts = options.callbackRetry?.attempts ?? 5;
  const firstDelayMs = options.callbackRetry?.firstDelayMs ?? 500;
  const callbackTimeoutMs = options.callbackRetry?.timeoutMs ?? 5_000;
  const expectedKey = sha256(options.apiKey);

  const state = loadState(options.stateFile);
  const byProviderRef = new Map(Object.values(state.payments).map((p) => [p.providerRef, p]));
  const persist = () => saveState(options.stateFile, state);

  /** Reads a payment as of now: a pending one past its expiry becomes (and is stored as) expired. */
  function current(payment: StoredPayment): StoredPayment {
    if (payment.status === 'pending' && now().getTime() >= Date.parse(payment.expiresAt)) {
      payment.status = 'expired';
      persist();
    }
    return payment;
  }

  let publicUrl = options.publicUrl?.replace(/\/+$/, '') ?? '';
  const view = (p: StoredPayment) => ({
    providerRef: p.providerRef,
    merchantRef: p.merchantRef,
    status: p.status,
    amountCents: p.amountCents,
    currency: p.currency,
    description: p.description,
    paymentPageUrl: `${publicUrl}/pay/${encodeURIComponent(p.providerRef)}`,
    expiresAt: p.expiresAt,
    ...(p.paidAt !== undefined ? { paidAt: p.paidAt } : {}),
    ...(p.declineReason !== undefined ? { declineReason: p.declineReason } : {}),
    ...(p.refundedCents !== undefined ? { refundedCents: p.refundedCents } : {}),
  });

  // Callback delivery. Each queued delivery is in the persisted outbox until
  // it is delivered or given up, so a restart resumes it.
  const closing = new AbortController();
  const inFlight = new Set<Promise<void>>();

  async function postOnce(delivery: Delivery): Promise<string | undefined> {
    try {
      const response = await fetch(delivery.callbackUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signCallback(delivery.body, options.signingSecret, now().getTime() / 1000) },
        body: delivery.body,
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(callbackTimeoutMs), closing.signal]),
      });
      await response.body?.cancel();
      return response.ok ? undefined : `HTTP ${response.status}`;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }

  async function deliver(delivery: Delivery): Promise<void> {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const failure = await postOnce(delivery);
      if (closing.signal.aborted) return; // left in the outbox for the next start
      if (failure === undefined) break;
      if (attempt === attempts) {
        log(`callback ${delivery.deliveryId} to ${delivery.callbackUrl} given up after ${attempts} attempts (${failure}); the merchant must query`);
        break;
      }
      try {
        await sleep(firstDelayMs * 2 ** (attempt - 1), undefined, { signal: closing.signal });
      } catch {
        return; // closing
      }
    }
    state.outbox = state.outbox.filter((d) => d.deliveryId !== delivery.deliveryId);
    persist();
  }

  function startDelivery(delivery: Delivery): void {
    const running = deliver(delivery).finally(() => inFlight.delete(running));
    inFlight.add(running);
  }

  const app = express();
  app.disable('x-powered-by');

  // The merchant API.
  const api = express.Router();
  api.use((req: Request, res: Response, next: NextFunction) => {
    const match = /^Bearer (.+)$/.exec(req.get('authorization') ?? '');
    // Hashing both sides gives equal lengths, so the comparison is constant-time whatever was sent.
    if (match && timingSafeEqual(sha256(match[1]!), expectedKey)) return next();
    res.set('www-authenticate', 'Bearer').status(401).json({ error: 'unauthorized', message: 'a valid API key is required (Authorization: Bearer …)' });
  });
  api.use(express.json({ limit: '16kb' }));

  const invalid = (res: Response, error: z.ZodError) =>
    res.status(400).json({ error: 'invalid-request', message: error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ') });
  const notFound = (res: Response, merchantRef: string) => res.status(404).json({ error: 'not-found', message: `no payment with merchant reference ${merchantRef}` });

  api.post('/payments', (req, res) => {
    const parsed = createSchema.safeParse(req.body);
    if (!parsed.success) return invalid(res, parsed.error);
    const request = parsed.data;
    const existing = state.payments[request.merchantRef];
    if (existing) {
      if (existing.amountCents !== request.amountCents) {
        return res.status(409).json({
          error: 'merchant-ref-conflict',
          message: `payment ${request.merchantRef} exists for ${existing.amountCents} cents, not ${request.amountCents}`,
        });
      }
      return res.status(200).json(view(current(existing)));
    }
    const at = now();
    const payment: StoredPayment = {
      providerRef: `sbx_${randomBytes(12).toString('hex')}`,
      merchantRef: request.merchantRef,
      status: 'pending',
      amountCents: request.amountCents,
      currency: 'HKD',
      description: request.description,
      returnUrl: request.returnUrl,
      callbackUrl: request.callbackUrl,
      createdAt: at.toISOString(),
      expiresAt: new Date(at.getTime() + request.expiresInSeconds * 1000).toISOString(),
    };
    state.payments[payment.merchantRef] = payment;
    byProviderRef.set(payment.providerRef, payment);
    persist();
    return res.status(201).json(view(payment));
  });

  api.get('/payments/by-merchant-ref/:merchantRef', (req, res) => {
    const payment = state.payments[req.params.merchantRef];
    if (!payment) return notFound(res, req.params.merchantRef);
    return res.json(view(current(payment)));
  });

  api.post('/payments/by-merchant-ref/:merchantRef/cancel', (req, res) => {
    const payment = state.payments[req.params.merchantRef];
    if (!payment) return notFound(res, req.params.merchantRef);
    if (current(payment).status === 'pending') {
      payment.status = 'expired';
      persist();
    }
    return res.json(view(payment));
  });

  api.post('/payments/by-merchant-ref/:merchantRef/refunds', (req, res) => {
    const parsed = refundSchema.safeParse(req.body);
    if (!parsed.success) return invalid(res, parsed.error);
    const payment = state.payments[req.params.merchantRef];
    if (!payment) return notFound(res, req.params.merchantRef);
    const status: Status = current(payment).status;
    if (status === 'refunded') {
      if (payment.refundKey === parsed.data.refundKey) return res.json(view(payment));
      return res.status(409).json({ error: 'already-refunded', message: `payment ${payment.merchantRef} was refunded in full under another refund key` });
    }
    if (status !== 'succeeded') {
      return res.status(409).json({ error: 'not-refundable', message: `payment ${payment.merchantRef} is ${status}: only a succeeded payment can be refunded` });
    }
    payment.status = 'refunded';
    payment.refundedCents = payment.amountCents;
    payment.refundKey = parsed.data.refundKey;
    persist();
    return res.json(view(payment));
  });

  api.use((_req, res) => res.status(404).json({ error: 'not-found', message: 'no such endpoint' }));
  app.use('/v1', api);

  // The hosted payment page.
  const pageHeaders = (res: Response) =>
    res.set({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      'x-frame-options': 'DENY',
    });
  const unknownPage = (res: Response) => pageHeaders(res).status(404).send(page('Unknown payment', '<h1>No such payment <span lang="zh-HK">沒有此付款</span></h1>'));

  app.get('/pay/:providerRef', (req, res) => {
    const payment = byProviderRef.get(req.params.providerRef);
    if (!payment) return unknownPage(res);
    const { status } = current(payment);
    if (status === 'pending') return pageHeaders(res).send(payPage(payment));
    return pageHeaders(res).status(status === 'expired' ? 410 : 200).send(settledPage(payment));
  });

  app.post('/pay/:providerRef', express.urlencoded({ extended: false, limit: '4kb' }), (req, res) => {
    const payment = byProviderRef.get(req.params.providerRef);
    if (!payment) return unknownPage(res);
    const { status } = current(payment);
    if (status === 'expired') return pageHeaders(res).status(410).send(settledPage(payment));
    // Submitted twice (a double click, the back button): the first decision stands, nothing is paid again.
    if (status !== 'pending') return res.redirect(303, returnUrlOf(payment));
    const form = (req.body ?? {}) as Record<string, unknown>;
    const card = typeof form['card'] === 'string' ? form['card'].replace(/[\s-]/g, '') : '';
    const outcome = form['action'] === 'cancel' ? CANCELLED : (TEST_CARDS[card] ?? UNKNOWN_CARD);
    const at = now().toISOString();
    payment.status = outcome.status;
    if (outcome.status === 'succeeded') payment.paidAt = at;
    if (outcome.declineReason !== undefined) payment.declineReason = outcome.declineReason;
    const body = JSON.stringify({
      eventId: `evt_${randomBytes(12).toString('hex')}`,
      merchantRef: payment.merchantRef,
      providerRef: payment.providerRef,
      status: payment.status,
      amountCents: payment.amountCents,
      at,
    });
    const deliveries: Delivery[] = Array.from({ length: outcome.callbacks }, () => ({
      deliveryId: randomBytes(8).toString('hex'),
      callbackUrl: payment.callbackUrl,
      body,
    }));
    state.outbox.push(...deliveries);
    // Stored before the payer is told, so neither the redirect nor the callback can report what a restart would forget.
    persist();
    for (const delivery of deliveries) startDelivery(delivery);
    return res.redirect(303, returnUrlOf(payment));
  });

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = typeof (err as { status?: unknown }).status === 'number' ? (err as { status: number }).status : 500;
    const code = status === 413 ? 'too-large' : status < 500 ? 'invalid-request' : 'internal-error';
    if (status >= 500) log(`error on ${req.method} ${req.path}: ${err instanceof Error ? err.message : String(err)}`);
    res.status(status).json({ error: code, message: status < 500 && err instanceof Error ? err.message : 'the sandbox failed' });
  });

  const server = http.createServer(app);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const url = listenUrl(host, (server.address() as AddressInfo).port);
  if (publicUrl === '') publicUrl = url;

  for (const delivery of state.outbox) startDelivery(delivery);

  let closed: Promise<void> | undefined;
  return {
    url,
    close() {
      closed ??= (async () => {
        closing.abort();
        await Promise.allSettled([...inFlight]);
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closed;
    },
  };
}
