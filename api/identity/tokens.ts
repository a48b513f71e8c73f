/**
 * Short-lived access tokens: compact JWTs (RFC 7519) signed with HMAC-SHA256
 * by node:crypto. Only `HS256` is accepted, whatever the header says, so
 * neither `alg: none` nor a key-confusion trick can get past the check.
 *
 * A token names its account (`sub`); the authenticate middleware still reads
 * the account on every request, so a suspension or a role change takes effect
 * at once rather than when the token expires.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const DEFAULT_TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'courtflow';
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export interface TokenClaims {
  /** Account id. */
  sub: string;
  iss: string;
  /** Seconds since the epoch. */
  iat: number;
  exp: number;
  /** Token id, for audit entries. */
  jti: string;
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
  issue(accountId: string, now?: Date): IssuedToken;
  check(token: string, now?: Date): TokenCheck;
  readonly ttlSeconds: number;
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  iss: z.literal(ISSUER),
  iat: z.number().int(),
  exp: z.number().int(),
  jti: z.string().min(1),
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
    issue(accountId, now = new Date()) {
      const iat = Math.floor(now.getTime() / 1000);
      const claims: TokenClaims = { sub: accountId, iss: ISSUER, iat, exp: iat + ttlSeconds, jti: randomUUID() };
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

const identityEnvSchema = z.object({
  COURTFLOW_TOKEN_SECRET: z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(z.string().min(32, 'must be at least 32 characters').optional())
    .optional(),
  COURTFLOW_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(24 * 3600).default(DEFAULT_TOKEN_TTL_SECONDS),
});

export interface IdentityConfig {
  tokenSecret: Buffer;
  tokenTtlSeconds: number;
  /** Where the secret came from, for a start-up log line (never the secret itself). */
  tokenSecretSource: 'env' | 'file-created' | 'file';
}

/** The secret file under the data dir: `<dataDir>/secrets/token-secret`. */
export const tokenSecretPath = (dataDir: string) => path.join(dataDir, 'secrets', 'token-secret');

/**
 * The token settings from the environment. Without COURTFLOW_TOKEN_SECRET the
 * secret is generated once (32 random bytes) and kept in
 * `<dataDir>/secrets/token-secret` (mode 0600), so every API process of one
 * install signs alike and tokens survive a restart. API processes on other
 * machines must share COURTFLOW_TOKEN_SECRET instead. A bad value throws an
 * error naming the variable.
 */
export function loadIdentityConfig(env: NodeJS.ProcessEnv, dataDir: string): IdentityConfig {
  const parsed = identityEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  const { COURTFLOW_TOKEN_SECRET: fromEnv, COURTFLOW_TOKEN_TTL_SECONDS: tokenTtlSeconds } = parsed.data;
  if (fromEnv) return { tokenSecret: Buffer.from(fromEnv, 'utf8'), tokenTtlSeconds, tokenSecretSource: 'env' };
  const { secret, created } = readOrCreateSecretFile(tokenSecretPath(dataDir));
  return { tokenSecret: secret, tokenTtlSeconds, tokenSecretSource: created ? 'file-created' : 'file' };
}

function readOrCreateSecretFile(file: string): { secret: Buffer; created: boolean } {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Written whole to a private temporary file, then linked into place: link()
  // fails if the file exists, so exactly one of several processes starting at
  // once creates it, and no process ever reads a half-written secret.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temporary, randomBytes(32).toString('hex') + '\n', { flag: 'wx', mode: 0o600 });
  try {
    linkSync(temporary, file);
    return { secret: readSecret(file), created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return { secret: readSecret(file), created: false };
  } finally {
    rmSync(temporary, { force: true });
  }
}

function readSecret(file: string): Buffer {
  const hex = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64,}$/.test(hex)) throw new Error(`${file} does not hold a token secret (64+ hex digits); delete it to make a new one`);
  return Buffer.from(hex, 'hex');
}
