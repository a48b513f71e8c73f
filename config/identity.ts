/**
 * The identity settings of an API process, from the environment: the secret
 * that signs access tokens and how long a token lasts. Moved here from
 * `api/identity/tokens.ts` (which re-exports it) so that every setting read
 * from the environment lives under `config/`. A bad value throws a
 * ConfigError naming the variable.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './index';

export const DEFAULT_TOKEN_TTL_SECONDS = 15 * 60;

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
  const { COURTFLOW_TOKEN_SECRET: fromEnv, COURTFLOW_TOKEN_TTL_SECONDS: tokenTtlSeconds } = checkIdentityEnv(env);
  if (fromEnv) return { tokenSecret: Buffer.from(fromEnv, 'utf8'), tokenTtlSeconds, tokenSecretSource: 'env' };
  const { secret, created } = readOrCreateSecretFile(tokenSecretPath(dataDir));
  return { tokenSecret: secret, tokenTtlSeconds, tokenSecretSource: created ? 'file-created' : 'file' };
}

/**
 * The identity variables, checked and nothing else (no file is read or
 * made): `courtflow start` calls this before it starts anything, so a bad
 * value stops it at once rather than in the API it starts.
 */
export function checkIdentityEnv(env: NodeJS.ProcessEnv): z.infer<typeof identityEnvSchema> {
  const parsed = identityEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
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
