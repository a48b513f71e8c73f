/**
 * Short-lived access tokens: compact JWTs (RFC 7519) signed with HMAC-SHA256
 * by node:crypto. Only `HS256` is accepted, whatever the header says, so
 * neither `alg: none` nor a key-confusion trick can get past the check.
 *
 * A token names its account (`sub`); the authenticate middleware still reads
 * the account on every request, so a suspension or a role change takes effect
 * at once rather than when the token expires. It also carries the account's
 * token generation when it was issued (`gen`): a password change bumps the
 * generation, and a token of an older one is refused (revoked). Its `jti`
 * names it for audit entries and for signing out that one token.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_TOKEN_TTL_SECONDS } from '../../config/identity';

// The environment part (token secret and lifetime) lives in config/identity.ts.
export { DEFAULT_TOKEN_TTL_SECONDS, loadIdentityConfig, tokenSecretPath, type IdentityConfig } from '../../config/identity';
const ISSUER = 'courtflow';
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export interface TokenClaims {
  /** Account id. */
  sub: string;
  iss: string;
  /** Seconds since the epoch. */
  iat: number;
  exp: number;
  /** Token id, for audit entries and for signing out this one token. */
  jti: string;
  /** The account's token generation when it was issued (0 in tokens issued before generations existed). */
  gen: number;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

export interface IssuedToken {
  token: string;
  /** The token's `jti`, for audit entries. */
  tokenId: string;
  /** Seconds from now. */
  expiresIn: number;
  expiresAt: Date;
}

export interface TokenService {
  /** A token for the account, of its current token `generation` (default 0). */
  issue(accountId: string, now?: Date, generation?: number): IssuedToken;
  check(token: string, now?: Date): TokenCheck;
  readonly ttlSeconds: number;
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  iss: z.literal(ISSUER),
  iat: z.number().int(),
  exp: z.number().int(),
  jti: z.string().min(1),
  gen: z.number().int().min(0).default(0),
});

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

export function createTokenService(options: { secret: Buffer; ttlSeconds?: number }): TokenService {
  const { secret } = options;
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  if (secret.length < 32) throw new RangeError('the token secret must be at least 32 bytes');
  const sign = (input: string) => createHmac('sha256', secret).update(input).digest();

  return {
    ttlSeconds,
    issue(accountId, now = new Date(), generation = 0) {
      if (!Number.isSafeInteger(generation) || generation < 0) throw new RangeError('a token generation is a whole number from 0');
      const iat = Math.floor(now.getTime() / 1000);
      const claims: TokenClaims = { sub: accountId, iss: ISSUER, iat, exp: iat + ttlSeconds, jti: randomUUID(), gen: generation };
      const input = `${HEADER}.${base64url(JSON.stringify(claims))}`;
      return { token: `${input}.${sign(input).toString('base64url')}`, tokenId: claims.jti, expiresIn: ttlSeconds, expiresAt: new Date(claims.exp * 1000) };
    },
    check(token, now = new Date()) {
      const parts = token.split('.');
      if (parts.length !== 3 || token.length > 4096) return { ok: false, reason: 'malformed' };
      const [header, payload, signature] = parts as [string, string, string];
      // The header must be exactly ours: HS256, nothing else.
      if (header !== HEADER) return { ok: false, reason: 'malformed' };
      const expected = sign(`${header}.${payload}`);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
      let claims: TokenClaims;
      try {
        const parsed = claimsSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
        if (!parsed.success) return { ok: false, reason: 'malformed' };
        claims = parsed.data;
      } catch {
        return { ok: false, reason: 'malformed' };
      }
      const nowSeconds = Math.floor(now.getTime() / 1000);
      if (claims.exp <= nowSeconds) return { ok: false, reason: 'expired' };
      // Issued in the future (beyond a minute of clock skew between API processes): not ours to trust.
      if (claims.iat > nowSeconds + 60) return { ok: false, reason: 'malformed' };
      return { ok: true, claims };
    },
  };
}
