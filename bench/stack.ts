/**
 * The stack a benchmark runs against, shaped as `courtflow start` runs it,
 * in a throwaway data dir on free ports:
 *
 *   embedded PostgreSQL, migrated, with the seed accounts
 *   Temporal, one of two engines (`engine`):
 *     dev-server  the Temporal CLI's dev server, with its persistent SQLite file (the embedded default)
 *     cluster     the Temporal server itself on PostgreSQL (cli/stack/temporal-cluster.ts), its
 *                 databases in the same PostgreSQL server as courtflow's: the production-shaped engine
 *   `workers` × `courtflow worker` on the one task queue, and `courtflow api`, each its own process (from dist/)
 *   the no-op worker (bench/noop), its own process, task queue and bundle
 *
 * The workers are separate processes so their memory can be read from
 * /proc, as an operator would read a real deployment's. Nothing here is
 * restarted: a process that dies is a finding, reported by `died()`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { Client as PgClient, type Pool } from 'pg';
import { EMBEDDED_APP_ROLE, startEmbeddedPostgres, type RunningPostgres } from '../cli/stack/embedded-postgres';
import { freePort, terminate } from '../cli/stack/processes';
import { startTemporalCluster } from '../cli/stack/temporal-cluster';
import { startTemporalDevServer } from '../cli/stack/temporal-dev-server';
import { waitFor } from '../cli/stack/wait-for';
import { migrate } from '../db/migrate';
import { createPool } from '../db/pool';
import { ensureSeedAccounts } from '../db/seed-accounts';
import { SCT_TASK_QUEUE } from '../workflows/sct/contract';
import type { Engine } from './engine';
import { NOOP_TASK_QUEUE } from './noop/contract';

export const NAMESPACE = 'default';

export type ProcessRole = 'temporal' | 'postgres' | 'worker' | 'noop-worker' | 'api';


export interface BenchStack {
  dataDir: string;
  engine: Engine;
  temporalAddress: string;
  apiUrl: string;
  /** Prometheus metrics: each courtflow worker's, in start order, and the no-op worker's. */
  metricsUrl: { workers: string[]; noopWorker: string };
  /** The benchmark's own Temporal client: the raw baseline starts and updates through it. */
  client: Client;
  /** As the schema's owner: to read progress from the read models, and to add staff accounts. */
  ownerPool: Pool;
  /** The seeded registry officer's password (generated for this run). */
  officerPassword: string;
  /** One pid per role; `workers` lists every courtflow worker's (`worker` is the first's). */
  pids: Record<ProcessRole, number> & { workers: number[] };
  /** The first process that exited on its own, and how; undefined while all run. */
  died(): string | undefined;
  /** The approximate number of tasks waiting on a task queue (workflow and activity tasks together). */
  backlog(taskQueue: string): Promise<number>;
  /** What Temporal keeps on disk, in MB: the SQLite file, or the server's two PostgreSQL databases. */
  temporalStoreMb(): Promise<number | undefined>;
  stop(): Promise<void>;
}

export interface BenchStackOptions {
  /** Where the data dir goes; default: a new folder under the system's temp dir. */
  dataDir?: string;
  /** Keep the data dir (Temporal's SQLite file, PostgreSQL, the logs) after the run. */
  keep?: boolean;
  /** Default `dev-server`. */
  engine?: Engine;
  /** How many `courtflow worker` processes poll the case task queue; default 1. */
  workers?: number;
  /**
   * Profile the courtflow workers with Node's own CPU profiler: each of their
   * threads (the main thread, where activities run, and the workflow thread)
   * writes a `.cpuprofile` here when the worker stops.
   */
  cpuProfileDir?: string;
  log: (line: string) => void;
}

/** `dist/cli/main.js` beside this file's compiled copy (`dist/bench/stack.js`). */
const COURTFLOW_MAIN = path.join(__dirname, '..', 'cli', 'main.js');
const NOOP_WORKER_MAIN = path.join(__dirname, 'noop', 'worker.js');

interface Child {
  role: ProcessRole;
  process: ChildProcess;
  exit?: string;
}

export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  // As `courtflow start`: what the stack writes (passwords, Temporal's file, logs) is its owner's alone.
  process.umask(0o077);
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'courtflow-bench-'));
  const engine = options.engine ?? 'dev-server';
  const workerCount = options.workers ?? 1;
  mkdirSync(path.join(dataDir, 'logs'), { recursive: true });
  const stops: (() => Promise<void>)[] = [];
  const children: Child[] = [];
  /** Set once the benchmark stops the stack: exits from then on are asked for, not findings. */
  let stopping = false;
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    if (!options.keep) rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const { temporalPort, uiPort, postgresPort, apiPort, noopMetricsPort, ...workerPorts } = await freePorts([
      'temporalPort',
      'uiPort',
      'postgresPort',
      'apiPort',
      'noopMetricsPort',
      ...Array.from({ length: workerCount }, (_, i) => `worker${i}` as const),
    ]);
    const workerMetricsPorts = Array.from({ length: workerCount }, (_, i) => workerPorts[`worker${i}`]);
    options.log(`data dir ${dataDir}; engine ${engine}; ${workerCount} courtflow worker${workerCount === 1 ? '' : 's'}`);
    // PostgreSQL first: the cluster engine keeps its databases in it (and is stopped before it).
    const postgres: RunningPostgres = await startEmbeddedPostgres({ dataDir, port: postgresPort });
    stops.push(postgres.stop);
    const temporal =
      engine === 'cluster'
        ? await startTemporalCluster({ dataDir, adminUrl: postgres.superuserUrl, namespace: NAMESPACE, port: temporalPort, log: options.log })
        : await startTemporalDevServer({ dataDir, port: temporalPort, uiPort, namespace: NAMESPACE });
    stops.push(temporal.stop);
    children.push(watch('temporal', temporal.process));

    const ownerPool = createPool(postgres.ownerUrl, 4);
    stops.push(() => ownerPool.end());
    await migrate(ownerPool, undefined, { appRole: EMBEDDED_APP_ROLE });
    const officerPassword = `bench-${randomBytes(12).toString('hex')}`;
    const appPool = createPool(postgres.appUrl, 1);
    try {
      await ensureSeedAccounts(appPool, { COURTFLOW_SEED_OFFICER_PASSWORD: officerPassword }, () => undefined);
    } finally {
      await appPool.end();
    }

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: NAMESPACE,
      DATABASE_URL: postgres.appUrl,
      COURTFLOW_DATA_DIR: dataDir,
      PORT: String(apiPort),
      API_HOST: '127.0.0.1',
      // Served as in production (on by default), on ports of the run's own: other stacks may run on this machine.
      NOOP_WORKER_METRICS_PORT: String(noopMetricsPort),
      // A long run outlasts the default 15-minute tokens.
      COURTFLOW_TOKEN_TTL_SECONDS: String(24 * 3600),
    };
    // Steps and filings only: no payment provider, and nothing of the caller's own stack.
    for (const name of ['MIGRATION_DATABASE_URL', 'PSP_URL', 'PSP_API_KEY_FILE', 'PSP_SIGNING_SECRET_FILE']) delete env[name];

    const spawnChild = (role: ProcessRole, args: string[], logName: string = role, ownEnv: NodeJS.ProcessEnv = {}) => {
      const log = openSync(path.join(dataDir, 'logs', `${logName}.log`), 'a');
      const child = spawn(process.execPath, args, { env: { ...env, ...ownEnv }, stdio: ['ignore', log, log], detached: true });
      const watched = watch(role, child);
      children.push(watched);
      stops.push(async () => {
        if (child.pid && watched.exit === undefined) await terminate(child.pid, 'SIGTERM', 15_000);
      });
      return child;
    };
    // Each worker its own log and metrics port: worker.log, worker-2.log…
    const profiled = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
    workerMetricsPorts.forEach((port, i) =>
      spawnChild('worker', [...profiled, COURTFLOW_MAIN, 'worker'], i === 0 ? 'worker' : `worker-${i + 1}`, { WORKER_METRICS_PORT: String(port) }),
    );
    spawnChild('noop-worker', [NOOP_WORKER_MAIN]);
    spawnChild('api', [COURTFLOW_MAIN, 'api']);

    const connection = await Connection.connect({ address: temporal.address });
    stops.push(() => connection.close());
    const client = new Client({ connection, namespace: NAMESPACE });
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const died = () => (stopping ? undefined : children.find((c) => c.exit !== undefined)?.exit);

    await waitFor(`the API at ${apiUrl}/readyz (log: ${path.join(dataDir, 'logs', 'api.log')})`, 90_000, async () => {
      const dead = died();
      if (dead) throw new Error(dead);
      const res = await fetch(`${apiUrl}/readyz`);
      if (res.status !== 200) throw new Error(`readyz answered ${res.status}`);
    });
    // Every worker bundles its workflows at start; a queue short of pollers would count as slowness.
    const pollingWorkers = async (taskQueue: string) => {
      const { pollers } = await connection.workflowService.describeTaskQueue({ namespace: NAMESPACE, taskQueue: { name: taskQueue } });
      return new Set(pollers.map((p) => p.identity)).size;
    };
    for (const [taskQueue, wanted] of [[SCT_TASK_QUEUE, workerCount], [NOOP_TASK_QUEUE, 1]] as const) {
      await waitFor(`${wanted} worker(s) polling ${taskQueue} (logs: ${path.join(dataDir, 'logs')})`, 120_000, async () => {
        const dead = died();
        if (dead) throw new Error(dead);
        const polling = await pollingWorkers(taskQueue);
        if (polling < wanted) throw new Error(`${polling} polling so far`);
      });
    }

    const pidOf = (role: ProcessRole) => children.find((c) => c.role === role)?.process.pid ?? 0;
    const workerPids = children.filter((c) => c.role === 'worker').map((c) => c.process.pid ?? 0);
    return {
      dataDir,
      engine,
      temporalAddress: temporal.address,
      apiUrl,
      metricsUrl: { workers: workerMetricsPorts.map((port) => `http://127.0.0.1:${port}/metrics`), noopWorker: `http://127.0.0.1:${noopMetricsPort}/metrics` },
      client,
      ownerPool,
      officerPassword,
      pids: { temporal: pidOf('temporal'), postgres: postgres.pid, worker: pidOf('worker'), workers: workerPids, 'noop-worker': pidOf('noop-worker'), api: pidOf('api') },
      died,
      backlog: async (taskQueue) => {
        let total = 0;
        for (const taskQueueType of [proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY]) {
          const { stats } = await connection.workflowService.describeTaskQueue({ namespace: NAMESPACE, taskQueue: { name: taskQueue }, taskQueueType, reportStats: true });
          total += Number(stats?.approximateBacklogCount ?? 0);
        }
        return total;
      },
      temporalStoreMb: () => (engine === 'cluster' ? clusterDatabasesMb(postgres.superuserUrl) : Promise.resolve(sqliteMb(dataDir))),
      stop: async () => {
        stopping = true;
        await stopAll();
      },
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

function sqliteMb(dataDir: string): number | undefined {
  try {
    return statSync(path.join(dataDir, 'temporal', 'temporal.sqlite')).size / 1024 / 1024;
  } catch {
    return undefined;
  }
}

/** The Temporal server's two databases, as PostgreSQL counts them (the superuser: only the `temporal` role may connect to them). */
async function clusterDatabasesMb(superuserUrl: string): Promise<number | undefined> {
  const client = new PgClient({ connectionString: superuserUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ bytes: string }>(
      "SELECT sum(pg_database_size(datname))::text AS bytes FROM pg_database WHERE datname IN ('temporal', 'temporal_visibility')",
    );
    return rows[0] ? Number(rows[0].bytes) / 1024 / 1024 : undefined;
  } finally {
    await client.end();
  }
}

/** Follows a process so that its own exit (not one the benchmark asked for) is reported in words. */
function watch(role: ProcessRole, running: ChildProcess): Child {
  const child: Child = { role, process: running };
  running.once('exit', (code, signal) => {
    child.exit = `${role} (pid ${running.pid}) exited: ${signal ? `killed by ${signal}` : `exit code ${code}`}`;
  });
  return child;
}

/** A free port for each name, all different (a port is only probed, so two probes could otherwise agree). */
async function freePorts<K extends string>(names: readonly K[]): Promise<Record<K, number>> {
  const taken = new Set<number>();
  const ports = {} as Record<K, number>;
  for (const name of names) {
    let port = await freePort();
    while (taken.has(port)) port = await freePort();
    taken.add(port);
    ports[name] = port;
  }
  return ports;
}
