/**
 * The whole of courtflow's configuration: one zod schema over the
 * environment, parsed once at start-up so a bad value stops the process
 * before anything starts, with a message naming the variable.
 */
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_DELIVERY_RETRY, DEFAULT_MAIL_FROM } from '../domain/notifications/deliveries';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** A whole number from `min` to `max`, written in digits; unset or empty: undefined. */
const optionalWholeNumber = (min: number, max: number) =>
  optionalText.pipe(
    z
      .string()
      .regex(/^[0-9]+$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().min(min).max(max))
      .optional(),
  );

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

/**
 * A comma-separated list of exact origins (`https://console.example.org`)
 * whose browser pages may call the API. Unset or empty: none (the API's own
 * pages are same-origin and need no CORS).
 */
const corsOrigins = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const entries = (v ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
    for (const entry of entries) {
      let origin: string | undefined;
      try {
        const url = new URL(entry);
        origin = /^https?:$/.test(url.protocol) ? url.origin : undefined;
      } catch {
        origin = undefined;
      }
      // An origin is scheme, host and port only: a path, a wildcard or a trailing slash would never match a browser's Origin.
      if (origin !== entry || entry.includes('*')) ctx.addIssue({ code: 'custom', message: `"${entry}" is not an origin (scheme://host[:port], no path, no wildcard)` });
    }
    return entries;
  });

/**
 * The workflow cache's default size. Measured (README, "Worker memory"): each
 * cached small claim costs the worker about 0.6 MB, over about 300 MB it
 * holds with none, so 1,000 keeps a worker under 1 GiB however many cases are open.
 */
export const WORKER_CACHE_DEFAULT = 1000;

/**
 * The activities a worker runs at once by default: the size of the database
 * pool it had before the bound (10), since nearly every activity holds one
 * connection. The SDK's own default, 100, let a burst's activities fill the
 * worker and queue for those 10 connections, an officer's step among them.
 */
export const WORKER_ACTIVITY_SLOTS_DEFAULT = 10;

export const configSchema = z.object({
  PORT: port(3000),
  /** Where the API listens: loopback by default; 0.0.0.0 in a container. */
  API_HOST: z.string().trim().min(1).default('127.0.0.1'),
  COURTFLOW_DATA_DIR: z.string().trim().min(1).default('.data'),
  /** The API's address as payers' browsers and the payment provider reach it (return and callback URLs). Unset: http://127.0.0.1:PORT. */
  COURTFLOW_PUBLIC_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** Where `courtflow start` runs the sandbox payment provider when PSP_URL is unset. */
  PSP_SANDBOX_PORT: port(7480),
  /**
   * The SMTP server notice emails go through (`smtp://host:port`, `smtps://user:password@host`).
   * Unset: `courtflow start` runs the local mail sink and points the worker at it.
   */
  SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional()),
  /** The From of notice emails. */
  MAIL_FROM: z.string().trim().min(3).max(300).default(DEFAULT_MAIL_FROM),
  /** Where `courtflow start` runs the mail sink when SMTP_URL is unset: its SMTP port, and the port of its web viewer. */
  MAIL_SINK_PORT: port(7425),
  MAIL_SINK_HTTP_PORT: port(7481),
  /** How a notice's email or webhook is retried: the first wait, the longest wait (seconds), and the attempts in all. */
  NOTIFICATION_RETRY_INITIAL_SECONDS: z.coerce.number().min(0.1).max(3600).default(DEFAULT_DELIVERY_RETRY.initialIntervalMs / 1000),
  NOTIFICATION_RETRY_MAX_INTERVAL_SECONDS: z.coerce.number().min(0.1).max(24 * 3600).default(DEFAULT_DELIVERY_RETRY.maximumIntervalMs / 1000),
  NOTIFICATION_RETRY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(DEFAULT_DELIVERY_RETRY.maximumAttempts),
  /** Let webhooks go to loopback, private and link-local addresses (a receiver on the same machine, for a trial). Off by default. */
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: z
    .enum(['true', 'false', '1', '0', ''])
    .default('')
    .transform((v) => v === 'true' || v === '1'),
  /**
   * Training: the worker and the API run on the court clock of the Temporal
   * time-skipping test server at TEMPORAL_ADDRESS (an officer moves it on),
   * mark every paper as training, and create no schedules. Set by
   * `courtflow start --training`, never by hand on a real stack.
   */
  COURTFLOW_TRAINING: z
    .enum(['true', 'false', '1', '0', ''])
    .default('')
    .transform((v) => v === 'true' || v === '1'),
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
  /**
   * New small claims are refused (503 worker-backlog, with Retry-After) while
   * the oldest task waiting for a worker has waited longer than this, so an
   * officer's step is not held behind a bulk filer's burst. 0 turns it off.
   */
  FILING_BACKLOG_LIMIT_SECONDS: z.coerce.number().min(0).max(3600).default(1),
  /**
   * …and while at least this many tasks wait: a few tasks that waited a while
   * are a worker starting up, not a burst, and filings are not refused for them.
   */
  FILING_BACKLOG_MIN_TASKS: z.coerce.number().int().min(1).max(1_000_000).default(50),
  /**
   * How many workflows a worker keeps in memory between their tasks (Temporal's
   * sticky cache). A case evicted is replayed from its history at its next
   * step, so this trades memory for step latency; the worker's memory is set
   * by it, not by how many cases are open. Default: WORKER_CACHE_DEFAULT.
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).default(WORKER_CACHE_DEFAULT),
  /**
   * How many activities a worker runs at once, and so how many connections its
   * database pool holds. Tasks beyond it wait in Temporal's queue, in priority
   * order, where the filings' backlog is seen (and pushed back), rather than
   * inside the worker, first come first served, behind a burst's papers.
   * Default: WORKER_ACTIVITY_SLOTS_DEFAULT.
   */
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).max(1000).default(WORKER_ACTIVITY_SLOTS_DEFAULT),
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
  /** Browser origins allowed to call the API cross-origin (CORS). Unset: none. */
  COURTFLOW_CORS_ORIGINS: corsOrigins,
  /**
   * Where uploaded documents are kept: `local` (files under <dataDir>/documents,
   * the default) or `s3` (an S3-compatible object store: AWS S3, MinIO, Ceph…).
   */
  COURTFLOW_DOCUMENT_STORE: z.enum(['local', 's3']).default('local'),
  /** The largest document accepted, in bytes. Unset: the limit in force (domain/documents/upload-rules.ts). */
  COURTFLOW_DOCUMENT_MAX_BYTES: optionalWholeNumber(1024, 1024 * 1024 * 1024),
  /** The most pages a document may have. Unset: the limit in force (domain/documents/upload-rules.ts). */
  COURTFLOW_DOCUMENT_MAX_PAGES: optionalWholeNumber(1, 100_000),
  /** Days an application to register has to be verified in person at the Support Centre before it lapses. */
  COURTFLOW_REGISTRATION_VERIFY_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** The bucket documents are kept in (needed when COURTFLOW_DOCUMENT_STORE=s3). */
  COURTFLOW_S3_BUCKET: optionalText,
  /** The bucket's region; S3-compatible stores usually accept any. */
  COURTFLOW_S3_REGION: z.string().trim().min(1).default('us-east-1'),
  /** An S3-compatible endpoint (`https://minio.internal:9000`). Unset: AWS S3 of the region. */
  COURTFLOW_S3_ENDPOINT: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** Address the bucket in the path (`endpoint/bucket/key`) rather than the host name: most S3-compatible stores need it. */
  COURTFLOW_S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false', '1', '0', ''])
    .default('')
    .transform((v) => v === 'true' || v === '1'),
  /** Key prefix of every document in the bucket. */
  COURTFLOW_S3_PREFIX: z
    .string()
    .trim()
    .regex(/^([A-Za-z0-9!_.*'()-]+\/)*$/, "must be empty or end in '/' (e.g. documents/)")
    .default('documents/'),
  /**
   * Static credentials for the bucket, both or neither. Unset: the AWS SDK's
   * default chain (AWS_ACCESS_KEY_ID…, a shared profile, an instance or task role).
   */
  COURTFLOW_S3_ACCESS_KEY_ID: optionalText,
  COURTFLOW_S3_SECRET_ACCESS_KEY: optionalText,
}).superRefine((config, ctx) => {
  // Cross-field rules of the document store: a bad combination stops the process at start-up, naming the variable.
  if (config.COURTFLOW_DOCUMENT_STORE === 's3' && config.COURTFLOW_S3_BUCKET === undefined) {
    ctx.addIssue({ code: 'custom', path: ['COURTFLOW_S3_BUCKET'], message: 'is required when COURTFLOW_DOCUMENT_STORE=s3' });
  }
  if ((config.COURTFLOW_S3_ACCESS_KEY_ID === undefined) !== (config.COURTFLOW_S3_SECRET_ACCESS_KEY === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: [config.COURTFLOW_S3_ACCESS_KEY_ID === undefined ? 'COURTFLOW_S3_ACCESS_KEY_ID' : 'COURTFLOW_S3_SECRET_ACCESS_KEY'],
      message: 'set both COURTFLOW_S3_ACCESS_KEY_ID and COURTFLOW_S3_SECRET_ACCESS_KEY, or neither',
    });
  }
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
