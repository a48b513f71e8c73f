/**
 * The sandbox payment provider (sandbox/payment-provider/) over real HTTP,
 * driven through courtflow's adapter (db/payment-provider/):
 * payments created once per merchant reference, paid on the hosted page
 * with each test card, redirected back to the merchant, reported by signed
 * callbacks (lost, duplicated, retried, resumed after a restart), expired
 * by the provider's clock, cancelled and refunded once; and every callback
 * that is not exactly what the provider signed, recently, refused.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PaymentProviderRefusal, type PaymentProvider, type ProviderPayment } from '../../db/payment-provider/provider';
import { createSandboxPaymentProvider } from '../../db/payment-provider/sandbox-adapter';
import { signCallback } from '../../db/payment-provider/signature';
import { createSandboxProvider, type SandboxProvider } from '../../sandbox/payment-provider/server';

const API_KEY = 'sandbox-test-api-key-0123456789';
const SECRET = 'sandbox-test-signing-secret-0123456789';
const RETURN_URL = 'https://courtflow.example/filings/pay/return?lang=zh';

interface Received {
  rawBody: Buffer;
  headers: http.IncomingHttpHeaders;
  answered: number;
}

/** The merchant's callback endpoint: records every request, answers with whatever status `answer` says at the time. */
class Receiver {
  readonly received: Received[] = [];
  answer = 204;
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answered = this.answer;
      this.received.push({ rawBody: Buffer.concat(chunks), headers: req.headers, answered });
      res.statusCode = answered;
      res.end();
    });
  });
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/payments/callback`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  for(merchantRef: string): Received[] {
    return this.received.filter((r) => (JSON.parse(r.rawBody.toString('utf8')) as { merchantRef: string }).merchantRef === merchantRef);
  }
}

/** Polls until `check` holds (deliveries happen in the background); fails after `ms`. */
async function eventually(check: () => boolean, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let stateDir: string;
let stateFile: string;
let receiver: Receiver;
let sandbox: SandboxProvider;
let provider: PaymentProvider;
/** The provider's clock runs this far ahead of the real one: the expiry tests move it. */
let clockOffsetMs = 0;
const now = () => new Date(Date.now() + clockOffsetMs);

async function startSandbox(): Promise<void> {
  sandbox = await createSandboxProvider({ stateFile, apiKey: API_KEY, signingSecret: SECRET, now, callbackRetry: { firstDelayMs: 20, attempts: 4 } });
  provider = createSandboxPaymentProvider({ baseUrl: sandbox.url, apiKey: API_KEY, signingSecret: SECRET });
}

beforeAll(async () => {
  stateDir = mkdtempSync(path.join(tmpdir(), 'courtflow-psp-'));
  stateFile = path.join(stateDir, 'state.json');
  receiver = new Receiver();
  await receiver.start();
  await startSandbox();
});
afterAll(async () => {
  await sandbox?.close();
  await receiver?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

let serial = 0;
const merchantRef = () => `EF-2026-${String(++serial).padStart(6, '0')}-P1`;

const create = (ref: string, amountCents = 123_450, expiresInSeconds = 900) =>
  provider.createPayment({ merchantRef: ref, amountCents, description: 'Filing fee, EF-2026 writ of fieri facias', returnUrl: RETURN_URL, callbackUrl: receiver.url, expiresInSeconds });

/** Submits the hosted page's form as a browser would, without following the redirect. */
async function submit(payment: ProviderPayment, form: Record<string, string>): Promise<Response> {
  return fetch(payment.paymentPageUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
  });
}

async function pay(payment: ProviderPayment, card: string): Promise<URL> {
  const response = await submit(payment, { card, action: 'pay' });
  expect(response.status).toBe(303);
  return new URL(response.headers.get('location')!);
}

describe('creating a payment', () => {
  it('when created twice under one merchant reference, then the second answers the first payment', async () => {
    const ref = merchantRef();
    const first = await create(ref);
    expect(first).toEqual({
      providerRef: expect.stringMatching(/^sbx_/),
      merchantRef: ref,
      status: 'pending',
      amountCents: 123_450,
      paymentPageUrl: `${sandbox.url}/pay/${first.providerRef}`,
      expiresAt: expect.any(String),
    });
    expect(Date.parse(first.expiresAt) - now().getTime()).toBeGreaterThan(890_000);
    expect(await create(ref)).toEqual(first);
    expect(await provider.getPayment(ref)).toEqual(first);
  });

  it('when the same merchant reference comes with another amount, then it is refused (409)', async () => {
    const ref = merchantRef();
    await create(ref);
    await expect(create(ref, 999)).rejects.toMatchObject({ name: 'PaymentProviderRefusal', code: 'merchant-ref-conflict' });
  });

  it('when the request is invalid or the key is wrong, then it is a refusal; an unknown payment is null', async () => {
    await expect(create(merchantRef(), 0)).rejects.toMatchObject({ code: 'invalid-request', message: expect.stringMatching(/amountCents/) });
    const wrongKey = createSandboxPaymentProvider({ baseUrl: sandbox.url, apiKey: 'not-the-key', signingSecret: SECRET });
    await expect(wrongKey.getPayment('EF-2026-999999-P1')).rejects.toMatchObject({ name: 'PaymentProviderRefusal', code: 'unauthorized' });
    expect(await provider.getPayment('EF-2026-999999-P1')).toBeNull();
    await expect(provider.cancelPayment('EF-2026-999999-P1')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('when the provider cannot be reached, then the failure is a plain (retryable) error, not a refusal', async () => {
    const nobody = createSandboxPaymentProvider({ baseUrl: 'http://127.0.0.1:1', apiKey: API_KEY, signingSecret: SECRET, timeoutMs: 2_000 });
    const failure: unknown = await nobody.getPayment('EF-2026-000001-P1').catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(PaymentProviderRefusal);
    expect((failure as Error).message).not.toContain(API_KEY);
  });
});

describe('the hosted payment page', () => {
  it('when opened, then it shows the amount and a card form in English and Chinese', async () => {
    const payment = await create(merchantRef());
    const response = await fetch(payment.paymentPageUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('Pay HK$1,234.50');
    expect(html).toContain('付款 HK$1,234.50');
    expect(html).toContain('name="card"');
    expect(html).toContain('卡號');
    expect(html).toContain('取消');
  });

  it('when paid with 4242 4242 4242 4242, then 303 back to the merchant with paymentId and status, and a signed callback the adapter verifies', async () => {
    const ref = merchantRef();
    const payment = await create(ref);
    const back = await pay(payment, '4242 4242 4242 4242');
    expect(`${back.origin}${back.pathname}`).toBe('https://courtflow.example/filings/pay/return');
    expect(Object.fromEntries(back.searchParams)).toEqual({ lang: 'zh', paymentId: ref, status: 'succeeded' });

    await eventually(() => receiver.for(ref).length === 1);
    const [callback] = receiver.for(ref);
    const verdict = provider.verifyCallback(callback!.rawBody, callback!.headers, now());
    expect(verdict).toEqual({
      ok: true,
      callback: { eventId: expect.stringMatching(/^evt_/), merchantRef: ref, providerRef: payment.providerRef, status: 'succeeded', amountCents: 123_450, at: expect.any(String) },
    });
    expect(await provider.getPayment(ref)).toMatchObject({ status: 'succeeded', paidAt: expect.any(String) });
  });

  it('when the form is submitted again after paying, then nothing is paid again and the payer is sent back with the same status', async () => {
    const ref = merchantRef();
    const payment = await create(ref);
    await pay(payment, '4242424242424242');
    const again = await pay(payment, '4000000000000002');
    expect(again.searchParams.get('status')).toBe('succeeded');
    const page = await fetch(payment.paymentPageUrl);
    expect(await page.text()).toContain('cannot be paid again');
    await eventually(() => receiver.for(ref).length >= 1);
  });

  it.each([
    ['4000000000000002', 'card declined'],
    ['4000000000009995', 'insufficient funds'],
    ['4111111111111111', 'unknown test card'],
  ])('when paid with %s, then it is declined (%s), and the callback says so', async (card, reason) => {
    const ref = merchantRef();
    const back = await pay(await create(ref), card);
    expect(back.searchParams.get('status')).toBe('declined');
    expect(await provider.getPayment(ref)).toMatchObject({ status: 'declined', declineReason: reason });
    await eventually(() => receiver.for(ref).length === 1);
    const verdict = provider.verifyCallback(receiver.for(ref)[0]!.rawBody, receiver.for(ref)[0]!.headers, now());
    expect(verdict.ok && verdict.callback.status).toBe('declined');
  });

  it('when the payer presses Cancel, then it is declined as cancelled by the payer', async () => {
    const ref = merchantRef();
    const response = await submit(await create(ref), { action: 'cancel' });
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get('location')!).searchParams.get('status')).toBe('declined');
    expect(await provider.getPayment(ref)).toMatchObject({ status: 'declined', declineReason: 'cancelled by the payer' });
    await eventually(() => receiver.for(ref).length === 1);
  });

  it('when paid with the lost-callback card, then no callback is ever sent, but a query shows it succeeded', async () => {
    const lost = merchantRef();
    await pay(await create(lost), '4000000000000341');
    expect(await provider.getPayment(lost)).toMatchObject({ status: 'succeeded' });
    // A later payment's callback arrives; the lost one's never does, and nothing is waiting to be sent.
    const later = merchantRef();
    await pay(await create(later), '4242424242424242');
    await eventually(() => receiver.for(later).length === 1);
    expect(receiver.for(lost)).toEqual([]);
    expect((JSON.parse(readFileSync(stateFile, 'utf8')) as { outbox: unknown[] }).outbox).toEqual([]);
  });

  it('when paid with the duplicate card, then the callback arrives twice with the same eventId', async () => {
    const ref = merchantRef();
    await pay(await create(ref), '4000000000000259');
    await eventually(() => receiver.for(ref).length === 2);
    const ids = receiver.for(ref).map((r) => {
      const verdict = provider.verifyCallback(r.rawBody, r.headers, now());
      return verdict.ok ? verdict.callback.eventId : verdict.reason;
    });
    expect(ids[0]).toMatch(/^evt_/);
    expect(ids[1]).toBe(ids[0]);
  });
});

describe('callback delivery', () => {
  afterEach(() => {
    receiver.answer = 204;
  });

  it('when the merchant answers 500, then the callback is retried until it is taken', async () => {
    receiver.answer = 500;
    const ref = merchantRef();
    await pay(await create(ref), '4242424242424242');
    await eventually(() => receiver.for(ref).length >= 2);
    receiver.answer = 204;
    await eventually(() => receiver.for(ref).some((r) => r.answered === 204));
    const eventIds = new Set(receiver.for(ref).map((r) => (JSON.parse(r.rawBody.toString('utf8')) as { eventId: string }).eventId));
    expect(eventIds.size).toBe(1);
  });

  it('when the merchant never takes it, then it is given up after the attempts (the merchant must query)', async () => {
    receiver.answer = 503;
    const ref = merchantRef();
    await pay(await create(ref), '4242424242424242');
    await eventually(() => (JSON.parse(readFileSync(stateFile, 'utf8')) as { outbox: unknown[] }).outbox.length === 0);
    expect(receiver.for(ref)).toHaveLength(4);
    expect(await provider.getPayment(ref)).toMatchObject({ status: 'succeeded' });
  });
});

describe('expiry, cancelling and refunds', () => {
  it('when the payment is past its expiry, then a query reports it expired and the page takes no payment', async () => {
    const ref = merchantRef();
    const payment = await create(ref, 5_000, 60);
    clockOffsetMs += 61_000;
    expect(await provider.getPayment(ref)).toMatchObject({ status: 'expired' });
    const page = await fetch(payment.paymentPageUrl);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('此付款已逾期');
    const submitted = await submit(payment, { card: '4242424242424242', action: 'pay' });
    expect(submitted.status).toBe(410);
    expect(await provider.getPayment(ref)).toMatchObject({ status: 'expired' });
    expect((JSON.parse(readFileSync(stateFile, 'utf8')) as { payments: Record<string, { status: string }> }).payments[ref]!.status).toBe('expired');
  });

  it('when a pending payment is cancelled, then it is expired; cancelling again, or a paid one, changes nothing', async () => {
    const pending = merchantRef();
    await create(pending);
    expect(await provider.cancelPayment(pending)).toMatchObject({ status: 'expired' });
    expect(await provider.cancelPayment(pending)).toMatchObject({ status: 'expired' });
    const paid = merchantRef();
    await pay(await create(paid), '4242424242424242');
    expect(await provider.cancelPayment(paid)).toMatchObject({ status: 'succeeded' });
  });

  it('when a succeeded payment is refunded twice under one key, then it is refunded once; another key or an unpaid payment is refused', async () => {
    const ref = merchantRef();
    await pay(await create(ref, 20_000), '4242424242424242');
    const refunded = await provider.refundPayment(ref, 'refund-1');
    expect(refunded).toMatchObject({ status: 'refunded', refundedCents: 20_000 });
    expect(await provider.refundPayment(ref, 'refund-1')).toEqual(refunded);
    await expect(provider.refundPayment(ref, 'refund-2')).rejects.toMatchObject({ code: 'already-refunded' });
    const unpaid = merchantRef();
    await create(unpaid);
    await expect(provider.refundPayment(unpaid, 'refund-1')).rejects.toMatchObject({ name: 'PaymentProviderRefusal', code: 'not-refundable' });
  });
});

describe('a restart', () => {
  afterEach(() => {
    receiver.answer = 204;
  });

  it('when the sandbox restarts on its state file, then every payment is there with its status, and a pending one can still be paid', async () => {
    const pendingRef = merchantRef();
    await create(pendingRef);
    const paidRef = merchantRef();
    await pay(await create(paidRef), '4242424242424242');
    await eventually(() => receiver.for(paidRef).length === 1);

    await sandbox.close();
    await startSandbox();

    expect(await provider.getPayment(paidRef)).toMatchObject({ status: 'succeeded' });
    const pending = await provider.getPayment(pendingRef);
    expect(pending).toMatchObject({ status: 'pending', paymentPageUrl: expect.stringContaining(sandbox.url) });
    const back = await pay(pending!, '4242424242424242');
    expect(back.searchParams.get('status')).toBe('succeeded');
    await eventually(() => receiver.for(pendingRef).length === 1);
    expect(readdirSync(stateDir)).toEqual(['state.json']);
  });

  it('when the sandbox stops before a callback is taken, then it sends it after the restart', async () => {
    receiver.answer = 503;
    const ref = merchantRef();
    await pay(await create(ref), '4242424242424242');
    await eventually(() => receiver.for(ref).length >= 1);
    await sandbox.close();
    receiver.answer = 204;
    await startSandbox();
    await eventually(() => receiver.for(ref).some((r) => r.answered === 204));
  });
});

describe('verifying a callback', () => {
  let genuine: Received;
  beforeAll(async () => {
    const ref = merchantRef();
    await pay(await create(ref), '4242424242424242');
    await eventually(() => receiver.for(ref).length === 1);
    genuine = receiver.for(ref)[0]!;
  });

  it('when the body was changed, then it is refused', () => {
    const tampered = Buffer.from(genuine.rawBody.toString('utf8').replace('"amountCents":123450', '"amountCents":1'));
    expect(tampered.equals(genuine.rawBody)).toBe(false);
    expect(provider.verifyCallback(tampered, genuine.headers, now())).toEqual({ ok: false, reason: 'signature does not match' });
  });

  it('when checked with another secret, then it is refused', () => {
    const other = createSandboxPaymentProvider({ baseUrl: sandbox.url, apiKey: API_KEY, signingSecret: 'another-signing-secret-0123456789' });
    expect(other.verifyCallback(genuine.rawBody, genuine.headers, now())).toEqual({ ok: false, reason: 'signature does not match' });
  });

  it('when replayed after the tolerance, then it is refused', () => {
    const later = new Date(now().getTime() + 301_000);
    expect(provider.verifyCallback(genuine.rawBody, genuine.headers, later)).toEqual({ ok: false, reason: expect.stringMatching(/replay/) });
  });

  it('when the signature header is missing or sent twice, then it is refused', () => {
    const { 'sandbox-signature': signature, ...without } = genuine.headers;
    expect(provider.verifyCallback(genuine.rawBody, without, now())).toEqual({ ok: false, reason: 'no Sandbox-Signature header' });
    expect(provider.verifyCallback(genuine.rawBody, { ...without, 'sandbox-signature': [signature as string, signature as string] }, now()).ok).toBe(false);
  });

  it('when a correctly signed body is not a callback, then it is refused', () => {
    const body = Buffer.from(JSON.stringify({ eventId: 'evt_x', merchantRef: 'EF-2026-000001-P1', status: 'paid' }));
    const headers = { 'Sandbox-Signature': signCallback(body, SECRET, now().getTime() / 1000) };
    const verdict = provider.verifyCallback(body, headers, now());
    expect(verdict).toEqual({ ok: false, reason: expect.stringMatching(/not a callback.*status/) });
    const notJson = Buffer.from('status=succeeded');
    expect(provider.verifyCallback(notJson, { 'sandbox-signature': signCallback(notJson, SECRET, now().getTime() / 1000) }, now())).toEqual({
      ok: false,
      reason: 'the body is not JSON',
    });
  });
});
