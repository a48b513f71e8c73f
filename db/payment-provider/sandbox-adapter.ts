/**
 * The PaymentProvider adapter for the sandbox provider's HTTP API
 * (`sandbox/payment-provider/`), which is shaped like a real provider's:
 * bearer API key, JSON, payments addressed by courtflow's merchant reference,
 * callbacks signed as `signature.ts` describes.
 *
 * Errors follow provider.ts: a refusal that a retry would only repeat (a 4xx
 * but 408 and 429) is a PaymentProviderRefusal; a network failure, a timeout,
 * a 5xx, 408, 429 or an answer that is not what the API promises is a plain
 * Error, worth retrying. The API key and signing secret never appear in an
 * error message.
 */
import { z } from 'zod';
import {
  PaymentProviderRefusal,
  type CallbackVerdict,
  type CreatePayment,
  type PaymentProvider,
  type ProviderCallback,
  type ProviderPayment,
} from './provider';
import { SIGNATURE_HEADER, verifySignature } from './signature';

export interface SandboxProviderSettings {
  /** The provider's API root (`http://127.0.0.1:7480`), without `/v1`. */
  baseUrl: string;
  apiKey: string;
  signingSecret: string;
  /** Per request; a request that takes longer is abandoned as a (retryable) failure. */
  timeoutMs?: number;
  /** How far a callback's timestamp may be from our clock. */
  callbackToleranceSeconds?: number;
}

const STATUSES = ['pending', 'succeeded', 'declined', 'expired', 'refunded'] as const;
const cents = z.number().int().safe().positive();

const paymentSchema = z.object({
  providerRef: z.string().min(1),
  merchantRef: z.string().min(1),
  status: z.enum(STATUSES),
  amountCents: cents,
  paymentPageUrl: z.string().min(1),
  expiresAt: z.iso.datetime(),
  paidAt: z.iso.datetime().optional(),
  declineReason: z.string().optional(),
  refundedCents: z.number().int().safe().nonnegative().optional(),
});

const callbackSchema = z.object({
  eventId: z.string().min(1).max(200),
  merchantRef: z.string().min(1).max(200),
  providerRef: z.string().min(1).max(200),
  status: z.enum(STATUSES),
  amountCents: cents,
  at: z.iso.datetime(),
});

const errorBodySchema = z.object({ error: z.string(), message: z.string().optional() });

/** Statuses a retry may well change: the request timed out at the provider, or it asked us to slow down. */
const RETRYABLE_4XX = new Set([408, 429]);

type Method = 'GET' | 'POST';

/** The one header named `name` (any case), or undefined; a header sent twice counts as missing, not as either value. */
function headerValue(headers: Readonly<Record<string, string | string[] | undefined>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const values = Object.entries(headers)
    .filter(([key]) => key.toLowerCase() === wanted)
    .flatMap(([, value]) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));
  return values.length === 1 ? values[0] : undefined;
}

export function createSandboxPaymentProvider(settings: SandboxProviderSettings): PaymentProvider {
  const root = settings.baseUrl.replace(/\/+$/, '');
  const timeoutMs = settings.timeoutMs ?? 10_000;
  const paymentPath = (merchantRef: string) => `/v1/payments/by-merchant-ref/${encodeURIComponent(merchantRef)}`;

  /** Sends one request; answers the response for the caller to read, or throws a plain Error if there was none. */
  async function send(method: Method, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${settings.apiKey}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await fetch(root + path, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const what = err instanceof Error && err.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : err instanceof Error ? err.message : String(err);
      throw new Error(`payment provider: ${method} ${path} failed: ${what}`, { cause: err });
    }
  }

  async function refusalOrFailure(method: Method, path: string, response: Response): Promise<Error> {
    const text = await response.text().catch(() => '');
    let parsed: z.infer<typeof errorBodySchema> | undefined;
    try {
      const candidate = errorBodySchema.safeParse(JSON.parse(text));
      parsed = candidate.success ? candidate.data : undefined;
    } catch {
      parsed = undefined;
    }
    const detail = parsed ? `${parsed.error}${parsed.message ? `: ${parsed.message}` : ''}` : `HTTP ${response.status}`;
    const message = `payment provider: ${method} ${path} answered ${response.status} (${detail})`;
    if (response.status >= 400 && response.status < 500 && !RETRYABLE_4XX.has(response.status)) {
      return new PaymentProviderRefusal(parsed?.error ?? `http-${response.status}`, message);
    }
    return new Error(message);
  }

  async function paymentFrom(method: Method, path: string, response: Response, merchantRef: string): Promise<ProviderPayment> {
    let json: unknown;
    try {
      json = await response.json();
    } catch (err) {
      throw new Error(`payment provider: ${method} ${path} answered ${response.status} with a body that is not JSON`, { cause: err });
    }
    const parsed = paymentSchema.safeParse(json);
    if (!parsed.success) throw new Error(`payment provider: ${method} ${path} answered a payment that does not parse: ${parsed.error.message}`);
    // A payment for another reference would be settled against the wrong filing: never accept it.
    if (parsed.data.merchantRef !== merchantRef) {
      throw new Error(`payment provider: ${method} ${path} answered payment ${parsed.data.merchantRef}, not ${merchantRef}`);
    }
    return parsed.data;
  }

  async function call(method: Method, path: string, merchantRef: string, body?: unknown): Promise<ProviderPayment> {
    const response = await send(method, path, body);
    if (!response.ok) throw await refusalOrFailure(method, path, response);
    return paymentFrom(method, path, response, merchantRef);
  }

  return {
    name: 'sandbox',

    createPayment(request: CreatePayment) {
      return call('POST', '/v1/payments', request.merchantRef, { ...request, currency: 'HKD' });
    },

    async getPayment(merchantRef: string) {
      const path = paymentPath(merchantRef);
      const response = await send('GET', path);
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok) throw await refusalOrFailure('GET', path, response);
      return paymentFrom('GET', path, response, merchantRef);
    },

    cancelPayment(merchantRef: string) {
      return call('POST', `${paymentPath(merchantRef)}/cancel`, merchantRef, {});
    },

    refundPayment(merchantRef: string, refundKey: string) {
      return call('POST', `${paymentPath(merchantRef)}/refunds`, merchantRef, { refundKey });
    },

    verifyCallback(rawBody, headers, now): CallbackVerdict {
      const signature = verifySignature(rawBody, headerValue(headers, SIGNATURE_HEADER), settings.signingSecret, now, settings.callbackToleranceSeconds);
      if (!signature.ok) return signature;
      let json: unknown;
      try {
        json = JSON.parse(rawBody.toString('utf8'));
      } catch {
        return { ok: false, reason: 'the body is not JSON' };
      }
      const parsed = callbackSchema.safeParse(json);
      if (!parsed.success) return { ok: false, reason: `the body is not a callback: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'} ${i.message}`).join('; ')}` };
      const callback: ProviderCallback = parsed.data;
      return { ok: true, callback };
    },
  };
}
