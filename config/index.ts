/**
 * The whole of courtflow's configuration: one zod schema over the
 * environment, parsed once at start-up so a bad value stops the process
 * before anything starts, with a message naming the variable.
 */
import path from 'node:path';
import { z } from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** Express's `trust proxy` names for ranges: loopback, link-local, unique-local addresses. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'] as const;
const proxyEntry = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6(), z.enum(PROXY_RANGE_NAMES)]);
/**
 * A comma-separated list of proxy addresses or CIDR ranges (or `loopback`,
 * `linklocal`, `uniquelocal`): X-Forwarded-For is believed only from these.
 * Unset or empty: from no one.
 */
const trustedProxies = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const entries = (v ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
    for (const entry of entries) {
      if (!proxyEntry.safeParse(entry).success) {
        ctx.addIssue({ code: 'custom', message: `"${entry}" is not an IP address, a CIDR range, or loopback, linklocal or uniquelocal` });
      }
    }
    return entries;
  });

export const configSchema = z.object({
  PORT: port(3000),
  /** Where the API listens: loopback by default; 0.0.0.0 in a container. */
  API_HOST: z.string().trim().min(1).default('127.0.0.1'),
  COURTFLOW_DATA_DIR: z.string().trim().min(1).default('.data'),
  /** When set, no dev server is started: courtflow joins that Temporal cluster. */
  TEMPORAL_ADDRESS: optionalText,
  TEMPORAL_NAMESPACE: z.string().trim().min(1).default('default'),
  TEMPORAL_PORT: port(7233),
  TEMPORAL_UI_PORT: port(8233),
  /** When set, no embedded PostgreSQL is started. */
  DATABASE_URL: optionalText,
  POSTGRES_PORT: port(5433),
  /** The worker's Prometheus endpoint (Temporal SDK metrics) listens at this port; 0 turns it off. */
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  /** 127.0.0.1 by default; 0.0.0.0 in a container so Prometheus can scrape it. */
  WORKER_METRICS_HOST: z.string().trim().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * The role that owns the schema and runs migrations (`courtflow migrate`, and
   * `courtflow start` with DATABASE_URL set); DATABASE_URL is then the
   * application's own, less privileged role. Unset: DATABASE_URL, with a warning.
   */
  MIGRATION_DATABASE_URL: optionalText,
  /** The bearer token Prometheus sends to read the API's /metrics; unset: /metrics refuses everyone. */
  COURTFLOW_METRICS_TOKEN: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  /** The Ed25519 private key (PEM) that signs audit anchors, or the path of a file holding it. Unset: <dataDir>/secrets/audit-signing-key. */
  COURTFLOW_AUDIT_SIGNING_KEY: optionalText,
  /** The public key (PEM, or a file path) that `courtflow audit verify` checks anchors with. Unset: derived from the signing key. */
  COURTFLOW_AUDIT_PUBLIC_KEY: optionalText,
  /** How often the API anchors the audit chain's head, in minutes; 0 turns it off. */
  COURTFLOW_AUDIT_ANCHOR_MINUTES: z.coerce.number().min(0).max(24 * 60).default(15),
  /**
   * The reverse proxies in front of the API whose X-Forwarded-For is believed
   * (Express `trust proxy`): the client address that sign-in throttling and
   * rate limits key on. Unset: none, the socket's peer is the client.
   */
  COURTFLOW_TRUSTED_PROXIES: trustedProxies,
});

export type Config = z.infer<typeof configSchema> & { dataDir: string };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.COURTFLOW_DATA_DIR) };
}
