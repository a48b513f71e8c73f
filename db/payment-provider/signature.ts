/**
 * How the payment provider signs its server-to-server callbacks, and how
 * courtflow checks them. The scheme is the common one (Stripe's, among
 * others): the header `Sandbox-Signature: t=<unix seconds>,v1=<hex>` where
 * the hex is HMAC-SHA256, keyed with the shared signing secret, of
 * `"<t>.<raw body>"`. Signing the timestamp with the body lets the receiver
 * refuse a genuine callback replayed later; signing the raw bytes (not a
 * re-serialised object) means the receiver must check the exact bytes it got.
 *
 * The sandbox provider imports this module to sign: it stands in for the
 * provider's published scheme, so both sides cannot drift apart.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header the signature travels in (HTTP header names are case-insensitive). */
export const SIGNATURE_HEADER = 'Sandbox-Signature';

/** How far, by default, a callback's timestamp may be from the receiver's clock, either way. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export type SignatureVerdict = { ok: true } | { ok: false; reason: string };

const mac = (timestamp: string, body: string | Buffer, secret: string): Buffer =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();

/** The header value for `body` signed at `nowSeconds` (unix seconds). */
export function signCallback(body: string | Buffer, secret: string, nowSeconds: number): string {
  const t = String(Math.floor(nowSeconds));
  return `t=${t},v1=${mac(t, body, secret).toString('hex')}`;
}

interface ParsedHeader {
  timestamp: string;
  signatures: Buffer[];
}

/** `t=…,v1=…[,v1=…]`: several v1 values are allowed so a provider can sign with an old and a new secret while rotating. */
function parseHeader(header: string): ParsedHeader | undefined {
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
    // Other keys (a future v2) are ignored, as the scheme's versions allow.
  }
  return timestamp !== undefined && signatures.length > 0 ? { timestamp, signatures } : undefined;
}

/**
 * Checks `header` against the exact bytes received. Refuses a missing or
 * malformed header, a signature that does not match (compared in constant
 * time), and a timestamp more than `toleranceSeconds` before or after `now`
 * (a replay of an old callback, or a clock far off).
 */
export function verifySignature(
  rawBody: Buffer,
  header: string | undefined,
  secret: string,
  now: Date,
  toleranceSeconds: number = DEFAULT_TOLERANCE_SECONDS,
): SignatureVerdict {
  if (header === undefined || header.trim() === '') return { ok: false, reason: `no ${SIGNATURE_HEADER} header` };
  const parsed = parseHeader(header);
  if (!parsed) return { ok: false, reason: `malformed ${SIGNATURE_HEADER} header` };
  const expected = mac(parsed.timestamp, rawBody, secret);
  // Every candidate is compared, so the time taken does not tell which one (if any) matched.
  let matched = false;
  for (const candidate of parsed.signatures) matched = timingSafeEqual(candidate, expected) || matched;
  if (!matched) return { ok: false, reason: 'signature does not match' };
  const ageSeconds = now.getTime() / 1000 - Number(parsed.timestamp);
  if (ageSeconds > toleranceSeconds) return { ok: false, reason: `timestamp is ${Math.round(ageSeconds)} s old (more than ${toleranceSeconds} s): possible replay` };
  if (-ageSeconds > toleranceSeconds) return { ok: false, reason: `timestamp is ${Math.round(-ageSeconds)} s in the future (more than ${toleranceSeconds} s)` };
  return { ok: true };
}
