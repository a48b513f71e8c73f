/**
 * The payment service provider courtflow talks to, from the environment:
 *
 *   PSP_URL                  the provider's API root; unset: no provider (payment by provider is off)
 *   PSP_API_KEY              the bearer key courtflow calls the provider with,
 *   PSP_API_KEY_FILE           or a file holding it (a mounted secret)
 *   PSP_SIGNING_SECRET       the secret the provider signs its callbacks with,
 *   PSP_SIGNING_SECRET_FILE    or a file holding it
 *
 * Each secret is given one way or the other, never both. Read once at
 * start-up; a bad value throws a ConfigError naming the variable, never the
 * value: secrets are not logged.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from './index';

export interface PaymentProviderConfig {
  url: string;
  apiKey: string;
  signingSecret: string;
}

const blankIsUnset = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const pspEnvSchema = z.object({
  PSP_URL: blankIsUnset.pipe(z.url({ protocol: /^https?$/ }).optional()),
  PSP_API_KEY: blankIsUnset,
  PSP_API_KEY_FILE: blankIsUnset,
  PSP_SIGNING_SECRET: blankIsUnset,
  PSP_SIGNING_SECRET_FILE: blankIsUnset,
});
type PspEnv = z.infer<typeof pspEnvSchema>;

/** A short secret is a mistake (a placeholder left in), not a secret. */
const MIN_SECRET_LENGTH = 16;

/**
 * The value of `name` or the content of the file `${name}_FILE` names (one
 * trailing line break dropped, as `echo` writes it); an issue naming the
 * variable when neither, both, the file cannot be read, or it is too short.
 */
function secretOf(env: PspEnv, name: 'PSP_API_KEY' | 'PSP_SIGNING_SECRET', issues: string[]): string | undefined {
  const fileVariable = `${name}_FILE` as const;
  const direct = env[name];
  const file = env[fileVariable];
  if (direct !== undefined && file !== undefined) {
    issues.push(`  ${name}: set ${name} or ${fileVariable}, not both`);
    return undefined;
  }
  let value = direct;
  if (file !== undefined) {
    try {
      value = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      issues.push(`  ${fileVariable}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      return undefined;
    }
  }
  if (value === undefined) {
    issues.push(`  ${name}: is required when PSP_URL is set (or ${fileVariable})`);
    return undefined;
  }
  if (value.length < MIN_SECRET_LENGTH) {
    issues.push(`  ${file !== undefined ? fileVariable : name}: must be at least ${MIN_SECRET_LENGTH} characters`);
    return undefined;
  }
  return value;
}

/** The provider's settings, or null when PSP_URL is unset (no provider configured). */
export function loadPaymentProviderConfig(env: NodeJS.ProcessEnv = process.env): PaymentProviderConfig | null {
  const parsed = pspEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  if (parsed.data.PSP_URL === undefined) return null;
  const issues: string[] = [];
  const apiKey = secretOf(parsed.data, 'PSP_API_KEY', issues);
  const signingSecret = secretOf(parsed.data, 'PSP_SIGNING_SECRET', issues);
  if (apiKey === undefined || signingSecret === undefined) throw new ConfigError(`invalid configuration:\n${issues.join('\n')}`);
  return { url: parsed.data.PSP_URL, apiKey, signingSecret };
}
