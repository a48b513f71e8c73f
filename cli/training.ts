/**
 * `courtflow start --training`: a stack of its own for learning the
 * procedure, on a simulated court clock, that never touches real data.
 *
 * - Its own servers, always: the time-skipping test server instead of the
 *   dev server, its own embedded PostgreSQL, sandbox payments and the mail
 *   sink. An environment that names a real Temporal, database, payment
 *   provider or SMTP server is refused, not ignored.
 * - Its own data dir (COURTFLOW_TRAINING_DATA_DIR, default `.data-training`),
 *   emptied at every start: the test server keeps cases in memory, so each
 *   start is a fresh court. It is emptied only if it carries the training
 *   marker, so a mistyped path never wipes a real data dir.
 * - Its own ports: unless set, each default is the real stack's plus 100
 *   (API 3100, Temporal 7333, PostgreSQL 5533…), so both can run at once.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, configSchema } from '../config';

/** The file that marks a data dir as training's own. */
export const TRAINING_MARKER = 'TRAINING';

/** How far training's default ports sit from the real stack's. */
export const TRAINING_PORT_SHIFT = 100;

/** What a training stack runs itself, and so must not be pointed elsewhere. */
const ITS_OWN = ['TEMPORAL_ADDRESS', 'DATABASE_URL', 'MIGRATION_DATABASE_URL', 'PSP_URL', 'SMTP_URL'] as const;

const PORTS = ['PORT', 'TEMPORAL_PORT', 'TEMPORAL_UI_PORT', 'POSTGRES_PORT', 'PSP_SANDBOX_PORT', 'MAIL_SINK_PORT', 'MAIL_SINK_HTTP_PORT', 'WORKER_METRICS_PORT'] as const;

/** The environment a training stack starts with. */
export function trainingEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const named = ITS_OWN.filter((name) => (env[name] ?? '').trim() !== '');
  if (named.length > 0) {
    throw new ConfigError(
      `a training stack runs its own servers and never touches real data: unset ${named.join(', ')} to start it (they name ${named.length === 1 ? 'a server' : 'servers'} of a real stack)`,
    );
  }
  const training: NodeJS.ProcessEnv = { ...env, COURTFLOW_TRAINING: 'true', COURTFLOW_DATA_DIR: env.COURTFLOW_TRAINING_DATA_DIR?.trim() || '.data-training' };
  const defaults = configSchema.parse({});
  for (const name of PORTS) {
    if ((env[name] ?? '').trim() !== '') continue;
    const real = defaults[name];
    // The worker's metrics off by default stays off.
    if (real > 0) training[name] = String(real + TRAINING_PORT_SHIFT);
  }
  return training;
}

/** Refuses a dir that has something in it but no training marker: nothing in it is touched, no process it names is stopped. */
export function assertTrainingDataDir(dataDir: string): void {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0 && !existsSync(path.join(dataDir, TRAINING_MARKER))) {
    throw new ConfigError(
      `${dataDir} is not a training data dir (it has no ${TRAINING_MARKER} file): a training start empties its data dir, so it will not use this one. Set COURTFLOW_TRAINING_DATA_DIR to an empty or new folder.`,
    );
  }
}

/**
 * Empties the training data dir for a fresh court (or makes it), and marks
 * it. Refuses a dir that has something in it but no marker: that is not
 * training's to empty.
 */
export function resetTrainingDataDir(dataDir: string): void {
  assertTrainingDataDir(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(path.join(dataDir, TRAINING_MARKER), 'A courtflow training stack: emptied at every start. Nothing here is real.\n', { mode: 0o600 });
}

