/**
 * API keys for integrations: `cf_<prefix>_<secret>`, shown once.
 *
 * The prefix (12 hex digits) finds the key's row and may appear in lists and
 * logs; the secret (32 random bytes, base64url) is kept only as its SHA-256.
 * A fast hash is right here, unlike for passwords: a 256-bit random secret
 * cannot be guessed or brute-forced from its hash, so a slow hash would add
 * no protection, only latency to every request that carries a key.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const KEY_PATTERN = /^cf_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface NewApiKey {
  /** The whole key, to show once. */
  key: string;
  prefix: string;
  secretHash: string;
}

export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function generateApiKey(): NewApiKey {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { key: `cf_${prefix}_${secret}`, prefix, secretHash: hashApiKeySecret(secret) };
}

export function parseApiKey(key: string): { prefix: string; secret: string } | undefined {
  const match = KEY_PATTERN.exec(key);
  return match ? { prefix: match[1] as string, secret: match[2] as string } : undefined;
}

/** Compares in constant time. */
export function apiKeySecretMatches(secret: string, secretHash: string): boolean {
  const given = Buffer.from(hashApiKeySecret(secret), 'hex');
  const stored = Buffer.from(secretHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
