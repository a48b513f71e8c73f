/**
 * How courtflow signs the webhooks it sends, and how a receiver checks them:
 * the header `Courtflow-Signature: t=<unix seconds>,v1=<hex>`, where the hex
 * is HMAC-SHA256, keyed with the subscription's secret, of `"<t>.<raw
 * body>"`. Signing the timestamp with the body lets a receiver refuse a
 * genuine delivery replayed later; signing the raw bytes means the receiver
 * checks the exact bytes it got, before parsing them.
 *
 * The same scheme as the payment provider's callbacks
 * (db/payment-provider/signature.ts), under courtflow's own header: a
 * receiver's code for one reads the other. The README shows a receiver's check.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header the signature travels in (HTTP header names are case-insensitive). */
export const WEBHOOK_SIGNATURE_HEADER = 'Courtflow-Signature';
/** The header naming the delivery (a re-send is another delivery of the same notice). */
export const WEBHOOK_DELIVERY_HEADER = 'Courtflow-Delivery';

/** How far a signature's timestamp may be from the receiver's clock, either way, by default. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export type WebhookVerdict = { ok: true } | { ok: false; reason: string };

const mac = (secret: string, timestamp: string, rawBody: string | Buffer): Buffer =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();

/** The header value for `rawBody` signed at `nowSeconds` (unix seconds). */
export function signWebhook(secret: string, rawBody: string | Buffer, nowSeconds: number): string {
  const t = String(Math.floor(nowSeconds));
  return `t=${t},v1=${mac(secret, t, rawBody).toString('hex')}`;
}

/** `t=…,v1=…[,v1=…]`; several v1 values are allowed (a secret being rotated), unknown keys ignored. */
function parseHeader(header: string): { timestamp: string; signatures: Buffer[] } | undefined {
  let timestamp: string | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return undefined;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined || !/^[0-9]{1,12}$/.test(value)) return undefined;
      timestamp = value;
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/i.test(value)) return undefined;
      signatures.push(Buffer.from(value, 'hex'));
    }
  }
  return timestamp !== undefined && signatures.length > 0 ? { timestamp, signatures } : undefined;
}

/**
 * A receiver's check of a delivery: `header` is the `Courtflow-Signature`
 * value as received, `rawBody` the exact bytes of the body, `nowSeconds` the
 * receiver's clock (unix seconds). Refuses a missing or malformed header, a
 * signature that does not match (compared in constant time), and a
 * timestamp more than `toleranceSeconds` away from now (a replay).
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  rawBody: string | Buffer,
  nowSeconds: number,
  toleranceSeconds: number = WEBHOOK_TOLERANCE_SECONDS,
): WebhookVerdict {
  if (header === undefined || header.trim() === '') return { ok: false, reason: `no ${WEBHOOK_SIGNATURE_HEADER} header` };
  const parsed = parseHeader(header);
  if (!parsed) return { ok: false, reason: `malformed ${WEBHOOK_SIGNATURE_HEADER} header` };
  const expected = mac(secret, parsed.timestamp, rawBody);
  // Every candidate is compared, so the time taken does not tell which one (if any) matched.
  let matched = false;
  for (const candidate of parsed.signatures) matched = timingSafeEqual(candidate, expected) || matched;
  if (!matched) return { ok: false, reason: 'signature does not match' };
  const age = nowSeconds - Number(parsed.timestamp);
  if (Math.abs(age) > toleranceSeconds) {
    return { ok: false, reason: `timestamp is ${Math.round(Math.abs(age))} s ${age > 0 ? 'old' : 'in the future'} (more than ${toleranceSeconds} s): possible replay` };
  }
  return { ok: true };
}
