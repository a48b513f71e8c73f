/**
 * `courtflow start`: the whole stack on one machine.
 *
 *   Temporal dev server (unless TEMPORAL_ADDRESS is set)
 *   embedded PostgreSQL (unless DATABASE_URL is set), then migrations
 *   the worker and the API, each its own process, restarted if it dies
 *
 * SIGINT or SIGTERM stops them in reverse order. The pids are kept in the
 * data dir so that a start after a crash first clears what was left behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Config } from './config';
import { migrate } from '../db/migrate';
import { createPool } from '../db/pool';
import { ensureSeedAccounts } from '../db/seed-accounts';
import { startEmbeddedPostgres } from './stack/embedded-postgres';
import { assertPortFree, isAlive, terminate } from './stack/processes';
import { startTemporalDevServer, type RunningDevServer } from './stack/temporal-dev-server';

/** What a running stack leaves in its data dir: enough to clear it up after a crash. */
interface RunFile {
  supervisor: number;
  /** Each child with a word its command line must contain, so a recycled pid is never killed. */
  children: { pid: number; command: string; role: string }[];
}

type Remember = (pid: number | undefined, command: string, role: string) => void;

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

const say = (line: string) => console.log(`courtflow: ${line}`);

export async function startStack(config: Config): Promise<void> {
  mkdirSync(config.dataDir, { recursive: true });
  const runFile = path.join(config.dataDir, 'courtflow.pids.json');
  await clearLeftovers(runFile, config);

  const stops: (() => Promise<void>)[] = [];
  const children: RunFile['children'] = [];
  const remember: Remember = (pid, command, role) => {
    const previous = children.findIndex((c) => c.role === role);
    if (previous >= 0) children.splice(previous, 1);
    if (pid) children.push({ pid, command, role });
    writeFileSync(runFile, JSON.stringify({ supervisor: process.pid, children } satisfies RunFile));
  };
  let stopping = false;
  const stopAll = async () => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    for (const stop of stops.reverse()) await stop().catch((err: Error) => say(`while stopping: ${err.message}`));
    rmSync(runFile, { force: true });
    say('stopped');
  };
  const stopped = new Promise<void>((resolve) => {
    const onSignal = () => void stopAll().then(resolve);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });

  try {
    await assertPortFree(config.PORT, 'API', 'PORT');
    if (config.WORKER_METRICS_PORT > 0) await assertPortFree(config.WORKER_METRICS_PORT, 'worker metrics', 'WORKER_METRICS_PORT');
    let temporal: RunningDevServer | undefined;
    let temporalAddress = config.TEMPORAL_ADDRESS;
    if (!temporalAddress) {
      await assertPortFree(config.TEMPORAL_PORT, 'Temporal frontend', 'TEMPORAL_PORT');
      await assertPortFree(config.TEMPORAL_UI_PORT, 'Temporal Web UI', 'TEMPORAL_UI_PORT');
      say(`starting the Temporal dev server (data: ${path.join(config.dataDir, 'temporal')})`);
      temporal = await startTemporalDevServer({
        dataDir: config.dataDir,
        port: config.TEMPORAL_PORT,
        uiPort: config.TEMPORAL_UI_PORT,
        namespace: config.TEMPORAL_NAMESPACE,
      });
      stops.push(temporal.stop);
      remember(temporal.process.pid, 'temporal', 'temporal');
      temporalAddress = temporal.address;
    }

    let databaseUrl = config.DATABASE_URL;
    if (!databaseUrl) {
      await assertPortFree(config.POSTGRES_PORT, 'embedded PostgreSQL', 'POSTGRES_PORT');
      say(`starting embedded PostgreSQL (data: ${path.join(config.dataDir, 'postgres')})`);
      const postgres = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.POSTGRES_PORT });
      stops.push(postgres.stop);
      remember(postgres.pid, 'postgres', 'postgres');
      databaseUrl = postgres.url;
    }

    const pool = createPool(databaseUrl, 1);
    try {
      const applied = await migrate(pool);
      say(applied.length ? `applied migrations ${applied.join(', ')}` : 'database schema is up to date');
      // The first staff accounts; a generated password is printed here, once, to the console only.
      await ensureSeedAccounts(pool, process.env, (line) => console.log(line));
    } finally {
      await pool.end();
    }

    const childEnv = { ...process.env, TEMPORAL_ADDRESS: temporalAddress, DATABASE_URL: databaseUrl };
    for (const role of ['worker', 'api'] as const) {
      const child = superviseChild(role, childEnv, () => stopping, remember);
      stops.push(child.stop);
    }

    say('ready');
    console.log(`
  API            http://127.0.0.1:${config.PORT}/api/v1
  API docs       http://127.0.0.1:${config.PORT}/docs   (OpenAPI: /openapi.json)
  Temporal UI    ${temporal ? temporal.uiUrl : '(external cluster; see its own UI)'}
  Temporal       ${temporalAddress}  namespace ${config.TEMPORAL_NAMESPACE}
  PostgreSQL     ${config.DATABASE_URL ? '(external, DATABASE_URL)' : `127.0.0.1:${config.POSTGRES_PORT}`}
  Data           ${config.dataDir}

Ctrl-C stops everything.
`);
  } catch (err) {
    await stopAll();
    throw err;
  }
  await stopped;
}

/**
 * Runs `courtflow <role>` as a child process and starts it again if it dies
 * on its own (a crash, or kill -9 by an operator): Temporal replays the
 * cases it was running, so nothing is lost.
 */
function superviseChild(
  role: 'worker' | 'api',
  env: NodeJS.ProcessEnv,
  stopping: () => boolean,
  remember: Remember,
): { stop: () => Promise<void> } {
  const main = path.join(__dirname, 'main.js');
  let current: ChildProcess | undefined;
  let restarts = 0;
  const launch = () => {
    const child = spawn(process.execPath, [main, role], { env, stdio: 'inherit' });
    current = child;
    remember(child.pid, 'main.js', role);
    const startedAt = Date.now();
    child.once('exit', (code, signal) => {
      if (stopping()) return;
      // Back off when it keeps dying at once, so a broken config does not spin.
      restarts = Date.now() - startedAt > 30_000 ? 0 : restarts + 1;
      const wait = Math.min(30_000, 500 * 2 ** Math.min(restarts, 6));
      say(`${role} (pid ${child.pid}) exited (${signal ?? `code ${code}`}); restarting in ${wait} ms`);
      void delay(wait).then(() => !stopping() && launch());
    });
  };
  launch();
  return {
    stop: async () => {
      if (current?.pid && current.exitCode === null) await terminate(current.pid, 'SIGTERM', 15_000);
    },
  };
}

/** A supervisor killed with SIGKILL cannot stop its children; the next start does. */
async function clearLeftovers(runFile: string, config: Config): Promise<void> {
  if (!existsSync(runFile)) return;
  const previous = JSON.parse(readFileSync(runFile, 'utf8')) as RunFile;
  if (previous.supervisor !== process.pid && isAlive(previous.supervisor)) {
    throw new Error(`courtflow is already running from ${config.dataDir} (pid ${previous.supervisor})`);
  }
  const left = previous.children.filter(({ pid, command }) => isAlive(pid) && commandLine(pid).includes(command));
  if (left.length) say(`stopping processes left by an earlier run: ${left.map((c) => `${c.command} (pid ${c.pid})`).join(', ')}`);
  // Postgres takes SIGINT as "fast shutdown": it rolls back open work and exits cleanly.
  for (const { pid, command } of left) await terminate(pid, command === 'postgres' ? 'SIGINT' : 'SIGTERM');
  rmSync(runFile, { force: true });
}
