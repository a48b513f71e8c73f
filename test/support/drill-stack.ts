/**
 * The stack the fault drills break: real processes, as an operator runs
 * them. A Temporal dev server on a SQLite file, or with `engine: 'cluster'`
 * the Temporal server itself on PostgreSQL (so either can be killed and
 * started again on the same data), a migrated PostgreSQL, and the built
 * `courtflow worker` and `courtflow api` as child processes, each of which a
 * drill may kill with SIGKILL and start again. Optionally the worker and the
 * API reach PostgreSQL through a TCP proxy the drill can cut.
 *
 * Everything listens on free loopback ports and lives in a throwaway data
 * dir; `stop()` ends every process it started, whatever state a failed drill
 * left them in.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { freePort } from '../../cli/stack/processes';
import { startTemporalCluster } from '../../cli/stack/temporal-cluster';
import { startTemporalDevServer } from '../../cli/stack/temporal-dev-server';
import { projectRoot } from '../../config/project-root';
import { ensureSeedAccounts } from '../../db/seed-accounts';
import type { SmallClaim } from '../../domain/sct/claim';
import { hkDateOf } from '../../domain/time/hong-kong-time';
import { startTestDatabase, type TestDatabase } from './postgres';
import { SEED_PASSWORDS, apiAccounts, eventually, type SignedIn, type TestStack } from './stack';
import { requestJson } from './api-call';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

export type Role = 'worker' | 'api';

/** A `courtflow worker` or `courtflow api` child process. */
export interface CourtflowProcess {
  role: Role;
  pid: number;
  /** How Temporal names this process in histories and pending activities (the SDK's default identity). */
  identity: string;
  /** Everything it has written so far (stdout and stderr), for a failing drill's message. */
  output(): string;
  /** Resolves when it has exited. */
  exited: Promise<void>;
  /** Sends `signal` and waits until it has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

export interface DrillStackOptions {
  /** The worker and the API reach PostgreSQL through a TCP proxy the drill controls. */
  databaseProxy?: boolean;
  /** More environment for the worker and the API. */
  env?: Record<string, string>;
  /** The Temporal dev server on SQLite (default), or the Temporal server on the test's PostgreSQL. */
  engine?: 'dev-server' | 'cluster';
}

/** What the drills need of either engine. */
interface RunningTemporal {
  address: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface DrillStack extends Pick<TestStack, 'login' | 'officer' | 'newIndividual'> {
  baseUrl: string;
  dataDir: string;
  db: TestDatabase;
  /** A client of the dev server, for the drill's own looks at workflows. */
  temporal: Client;
  /** Present with `databaseProxy`. */
  proxy?: TcpProxy;
  /** Starts a worker and waits until it polls. */
  startWorker(): Promise<CourtflowProcess>;
  /** Starts the API (on the stack's one port) and waits until it is ready. */
  startApi(): Promise<CourtflowProcess>;
  /** Kills the Temporal server with SIGKILL. */
  crashTemporal(): Promise<void>;
  /** Stops the Temporal server as an operator does (SIGTERM, and waits). */
  stopTemporal(): Promise<void>;
  /** Starts the Temporal server again, on the same port and data (the SQLite file, or its PostgreSQL databases). */
  restartTemporal(): Promise<void>;
  stop(): Promise<void>;
}

const CLI = path.join(projectRoot(), 'dist', 'cli', 'main.js');
const TOKEN_SECRET = 'drill-token-secret-0123456789abcdef0123456789';

export async function startDrillStack(options: DrillStackOptions = {}): Promise<DrillStack> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'courtflow-drill-'));
  const children = new Set<CourtflowProcess>();
  let temporalServer: RunningTemporal | undefined;
  let connection: Connection | undefined;
  let db: TestDatabase | undefined;
  let proxy: TcpProxy | undefined;

  // Every worker and API this stack ran, killed or not, so their output can be kept when it stops.
  const ran: CourtflowProcess[] = [];
  const stop = async () => {
    keepOutputs(ran);
    const attempts = [
      ...[...children].map((child) => () => child.kill('SIGKILL')),
      () => connection?.close(),
      () => temporalServer?.stop(),
      () => proxy?.close(),
      () => db?.stop(),
    ];
    const failures: unknown[] = [];
    for (const attempt of attempts) await Promise.resolve().then(attempt).catch((err: unknown) => failures.push(err));
    rmSync(dataDir, { recursive: true, force: true });
    if (failures.length) throw new AggregateError(failures, 'stopping the drill stack');
  };

  try {
    const [temporalPort, uiPort, apiPort] = [await freePort(), await freePort(), await freePort()];
    const devServer = { dataDir, port: temporalPort, uiPort, namespace: 'default' };
    const startTemporal = async (database: TestDatabase): Promise<RunningTemporal> =>
      options.engine === 'cluster'
        ? startTemporalCluster({ dataDir, adminUrl: database.url, namespace: 'default', port: temporalPort })
        : startTemporalDevServer(devServer);
    const databaseFirst = async () => {
      db = await startTestDatabase();
      return db;
    };
    // Both at once (the cluster, which keeps its databases in the test's PostgreSQL, once that is up);
    // whichever started is stopped below if the other did not.
    const databaseStarting = databaseFirst();
    const [temporalStarted, dbStarted] = await Promise.allSettled([
      options.engine === 'cluster' ? databaseStarting.then(startTemporal) : startTemporalDevServer(devServer),
      databaseStarting,
    ]);
    if (temporalStarted.status === 'fulfilled') temporalServer = temporalStarted.value;
    if (dbStarted.status === 'fulfilled') db = dbStarted.value;
    if (temporalStarted.status === 'rejected') throw temporalStarted.reason;
    if (dbStarted.status === 'rejected') throw dbStarted.reason;
    const [server, database] = [temporalStarted.value, dbStarted.value];
    await ensureSeedAccounts(database.pool, SEED_PASSWORDS, () => undefined);
    connection = await Connection.connect({ address: server.address });
    const temporal = new Client({ connection });

    let databaseUrl = database.appUrl;
    if (options.databaseProxy) {
      const target = new URL(database.appUrl);
      proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
      target.port = String(proxy.port);
      databaseUrl = target.toString();
    }
    const baseUrl = `http://127.0.0.1:${apiPort}`;
    // Only what the processes need: nothing of the test runner's own environment leaks in.
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TEMPORAL_ADDRESS: server.address,
      DATABASE_URL: databaseUrl,
      COURTFLOW_DATA_DIR: dataDir,
      PORT: String(apiPort),
      COURTFLOW_TOKEN_SECRET: TOKEN_SECRET,
      WORKER_METRICS_PORT: '0',
      LOG_LEVEL: 'warn',
      ...options.env,
    };

    const launch = async (role: Role, ready: (child: CourtflowProcess) => Promise<unknown>): Promise<CourtflowProcess> => {
      const child = spawnCourtflow(role, env);
      ran.push(child);
      children.add(child);
      void child.exited.then(() => children.delete(child));
      await ready(child);
      return child;
    };
    const alive = (child: CourtflowProcess) => {
      if (!children.has(child)) throw new Error(`courtflow ${child.role} (pid ${child.pid}) exited while starting:\n${child.output()}`);
    };

    return {
      baseUrl,
      dataDir,
      db: database,
      temporal,
      ...(proxy ? { proxy } : {}),
      ...apiAccounts(baseUrl),
      // The worker says so once it has bundled the workflows and is about to poll.
      startWorker: () =>
        launch('worker', (child) =>
          eventually(
            async () => {
              alive(child);
              return child.output();
            },
            (out) => out.includes('worker polling'),
            90_000,
          ),
        ),
      startApi: () =>
        launch('api', (child) =>
          eventually(
            async () => {
              alive(child);
              return fetch(`${baseUrl}/readyz`).then((r) => r.status, () => 0);
            },
            (status) => status === 200,
            60_000,
          ),
        ),
      async crashTemporal() {
        const crashed = temporalServer;
        if (!crashed) throw new Error('no Temporal server to crash');
        temporalServer = undefined;
        if (crashed.process.exitCode !== null || crashed.process.signalCode !== null) return;
        const exited = new Promise((resolve) => crashed.process.once('exit', resolve));
        crashed.process.kill('SIGKILL');
        await exited;
      },
      async stopTemporal() {
        const running = temporalServer;
        if (!running) throw new Error('no Temporal server to stop');
        temporalServer = undefined;
        await running.stop();
      },
      async restartTemporal() {
        if (temporalServer) throw new Error('the Temporal server is running');
        temporalServer = await startTemporal(database);
      },
      stop,
    };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}

/**
 * Each process's output, kept under `test-artifacts/drills/` (git-ignored)
 * when its stack stops: a drill that fails on a loaded CI machine can then be
 * read afterwards, how each process ended included.
 */
function keepOutputs(processes: readonly CourtflowProcess[]): void {
  if (processes.length === 0) return;
  const dir = path.join(projectRoot(), 'test-artifacts', 'drills');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (const child of processes) writeFileSync(path.join(dir, `${stamp}-${child.role}-${child.pid}.log`), child.output());
}

function spawnCourtflow(role: Role, env: NodeJS.ProcessEnv): CourtflowProcess {
  const child: ChildProcess = spawn(process.execPath, [CLI, role], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`courtflow ${role} did not start`);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      output += `\n[courtflow ${role} exited: ${signal ?? `code ${String(code)}`}]\n`;
      resolve();
    }),
  );
  const pid = child.pid;
  return {
    role,
    pid,
    identity: `${pid}@${hostname()}`,
    output: () => output,
    exited,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** What the drills read of a small claim through the API. */
export interface DrillCaseView {
  caseNo: string;
  version: number;
  stage: string;
  deadlines: { key: string; computation: { due: string }; status: string }[];
  alerts: unknown[];
  /** Each service recorded (record-service steps). */
  service: { partyId: string; document: string }[];
  readModel?: { source: string };
}

/** The calls the drills make of a small claim, through the API at `baseUrl`. */
export const smallClaims = (baseUrl: string) => ({
  file: (who: SignedIn, claim: SmallClaim, idempotencyKey: string) =>
    requestJson<{ caseNo: string }>(baseUrl, 'POST', '/api/v1/sct/claims', who, claim, { 'Idempotency-Key': idempotencyKey }),
  read: (who: SignedIn, caseNo: string) => requestJson<DrillCaseView>(baseUrl, 'GET', `/api/v1/sct/claims/${caseNo}`, who),
  /** The registry records service of the claim on D1 today (by post). */
  recordService: (who: SignedIn, caseNo: string, idempotencyKey: string) =>
    requestJson<DrillCaseView>(
      baseUrl,
      'POST',
      `/api/v1/sct/claims/${caseNo}/steps/record-service`,
      who,
      { partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'post', servedOn: hkDateOf(Date.now()) },
      { 'Idempotency-Key': idempotencyKey },
    ),
});
