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
