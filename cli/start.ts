/**
 * `courtflow start`: the whole stack on one machine.
 *
 *   Temporal dev server (unless TEMPORAL_ADDRESS is set)
 *   embedded PostgreSQL (unless DATABASE_URL is set), then migrations
 *   the sandbox payment provider (unless PSP_URL is set) and the mail sink (unless SMTP_URL is set)
 *   the worker and the API, each its own process, restarted if it dies
 *
 * "ready" is printed once the API answers /readyz. SIGINT, SIGTERM or
 * SIGHUP, or the end of the process that started this one (npm, a shell, a
 * terminal), stops them in reverse order: API, worker, PostgreSQL,
 * Temporal. The pids are kept in the data dir so that a start after a
 * crash (kill -9 of this process) first clears what was left behind.
 *
 * The data dir is its owner's alone: 0700 (0710 with the postgres group when
 * running as root, see cli/stack/embedded-postgres.ts), its folders 0700 and
 * files 0600, fixed on every start; the supervisor runs with umask 077, so
 * what it and its children create (Temporal's sqlite file, logs) is too.
 * The worker and the API get only the application role's DATABASE_URL;
 * migrations run as the owner role.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Config } from '../config';
import { migrate } from '../db/migrate';
import { createPool } from '../db/pool';
import { ensureSeedAccounts } from '../db/seed-accounts';
import { EMBEDDED_APP_ROLE, startEmbeddedPostgres } from './stack/embedded-postgres';
import { assertPortFree, isAlive, terminate } from './stack/processes';
import { startTemporalDevServer, type RunningDevServer } from './stack/temporal-dev-server';
import { startTemporalTestServer } from './stack/temporal-test-server';
import { assertTrainingDataDir, resetTrainingDataDir } from './training';

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

/** The signals that stop the stack. SIGHUP: the terminal it ran in was closed. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** How often the supervisor checks that the process that started it is still there. */
const PARENT_POLL_MS = 1000;

/** How long the API has to answer /readyz after the worker and the API are started. */
const READY_TIMEOUT_MS = 60_000;

/** The API dying this many times before it ever answers /readyz is a broken start, not bad luck. */
const READY_MAX_EXITS = 3;

/** Thrown inside the start-up when a stop was asked for meanwhile: start-up ends, the stop proceeds. */
class StartAborted extends Error {
  override name = 'StartAborted';
}

/**
 * The data dir, made if missing, and its contents readable by their owner
 * only: the data dir itself and `temporal/`, `logs/`, `secrets/` (and their
 * subfolders) 0700, the files in them and at its top 0600. `postgres/` belongs to
 * PostgreSQL (its own folder, 0700, set up by the embedded server).
 */
export function secureDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  // Its own files (the pid file, the audit anchor journal), then the folders that are courtflow's.
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) if (entry.isFile()) chmodSync(path.join(dataDir, entry.name), 0o600);
  for (const sub of ['temporal', 'logs', 'secrets']) ownerOnly(path.join(dataDir, sub));
}

/**
 * `dir` 0700, every folder below it 0700 and every file 0600 (symbolic links
 * are left alone). A running server's files come and go while this walks
 * (SQLite's `-journal` lives for one transaction): one gone is not an error.
 */
export function ownerOnly(dir: string): void {
  if (!existsSync(dir) || !lstatSync(dir).isDirectory()) return;
  chmodUnlessGone(dir, 0o700);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    if (isGone(err)) return;
    throw err;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) ownerOnly(full);
    else if (entry.isFile()) chmodUnlessGone(full, 0o600);
  }
}

const isGone = (err: unknown) => (err as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

function chmodUnlessGone(file: string, mode: number): void {
  try {
    chmodSync(file, mode);
  } catch (err) {
    if (!isGone(err)) throw err;
  }
}

/** The application's and the migrations' URLs for an external PostgreSQL (DATABASE_URL set). */
export interface DatabaseRoles {
  /** What the worker and the API connect as: DATABASE_URL. */
  appUrl: string;
  /** What migrations run as: MIGRATION_DATABASE_URL, or DATABASE_URL for compatibility. */
  migrationUrl: string;
  /** The application's role, granted its privileges after migrating; undefined when it is the migrating role itself. */
  appRole: string | undefined;
}

const userOf = (url: string): string => {
  try {
    return decodeURIComponent(new URL(url).username);
  } catch {
    return '';
  }
};

/**
 * DATABASE_URL is the application's role, MIGRATION_DATABASE_URL the owner's.
 * Without MIGRATION_DATABASE_URL (or with both the same role), migrations run
 * as DATABASE_URL, as before, and `warn` says that the application then
 * connects as the role that owns the schema (and could drop the audit log's
 * triggers). For `courtflow start` and `courtflow migrate`.
 */
export function externalDatabaseRoles(config: Pick<Config, 'DATABASE_URL' | 'MIGRATION_DATABASE_URL'>, warn: (line: string) => void): DatabaseRoles {
  const appUrl = config.DATABASE_URL;
  if (!appUrl) throw new Error('DATABASE_URL is not set');
  const migrationUrl = config.MIGRATION_DATABASE_URL;
  if (!migrationUrl) {
    warn(
      'warning: MIGRATION_DATABASE_URL is not set, so migrations run as DATABASE_URL and the worker and the API connect as the role ' +
        'that owns the schema (it could disable the audit log\'s triggers). Set MIGRATION_DATABASE_URL to the owner role and DATABASE_URL ' +
        'to a role granted only what the README lists ("Security of the stored record").',
    );
    return { appUrl, migrationUrl: appUrl, appRole: undefined };
  }
  const appRole = userOf(appUrl);
  if (!appRole || appRole === userOf(migrationUrl)) {
    warn('warning: DATABASE_URL and MIGRATION_DATABASE_URL name the same role: the worker and the API connect as the role that owns the schema.');
    return { appUrl, migrationUrl, appRole: undefined };
  }
  return { appUrl, migrationUrl, appRole };
}

/** Where the worker's or the API's output is kept (it is also copied to this console). */
export const childLogPath = (dataDir: string, role: ChildRole) => path.join(dataDir, 'logs', `${role}.log`);

type ChildRole = 'worker' | 'api' | 'payment-sandbox' | 'mail-sink';

/** What each child runs: `courtflow worker`, `courtflow api`, or the sandbox provider's own entry point. */
const childCommand = (role: ChildRole): string[] =>
  role === 'payment-sandbox'
    ? [path.join(__dirname, '..', 'sandbox', 'payment-provider', 'main.js')]
    : role === 'mail-sink'
      ? [path.join(__dirname, '..', 'sandbox', 'mail-sink', 'main.js')]
      : [path.join(__dirname, 'main.js'), role];

/** An SMTP URL as it may be printed: scheme, host and port, never a user name or password. */
function smtpHostOf(smtpUrl: string): string {
  try {
    const url = new URL(smtpUrl);
    return `${url.protocol}//${url.host}`;
  } catch {
    return '(SMTP_URL)';
  }
}

/** A secret of the stack's own, made once (64 hex digits) and kept owner-only in the data dir's secrets/. */
function secretFile(dataDir: string, name: string): string {
  const file = path.join(dataDir, 'secrets', name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  return file;
}

/** Waits until something accepts connections on the port (the sandbox has started listening). */
async function waitForPort(port: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await delay(200);
  }
  throw new Error(`nothing listened on port ${port} within ${timeoutMs / 1000} s`);
}

export async function startStack(config: Config): Promise<void> {
  // Once npm or the terminal that started us is gone, writing to stdout fails
  // (EPIPE); that must never stop the supervisor from stopping the stack.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

  /** What start-up started, in order; stopped in reverse. */
  const stops: { name: string; stop: () => Promise<void> }[] = [];
  let stopping = false;
  let startup: Promise<unknown> = Promise.resolve();
  let wroteRunFile = false;
  const runFile = path.join(config.dataDir, 'courtflow.pids.json');
  const children: RunFile['children'] = [];
  const remember: Remember = (pid, command, role) => {
    const previous = children.findIndex((c) => c.role === role);
    if (previous >= 0) children.splice(previous, 1);
    if (pid) children.push({ pid, command, role });
    // Written whole, then renamed into place: a reader never sees a half-written file.
    const temporary = `${runFile}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ supervisor: process.pid, children } satisfies RunFile));
    renameSync(temporary, runFile);
    wroteRunFile = true;
  };

  // Stopping, once, whoever asks: a signal, the parent's end, or a failed start.
  let stopped: Promise<void> | undefined;
  let announceStopped: () => void = () => undefined;
  const stoppedBySignal = new Promise<void>((resolve) => (announceStopped = resolve));
  const stopAll = (why?: string): Promise<void> =>
    (stopped ??= (async () => {
      stopping = true;
      if (why) say(`stopping (${why})…`);
      // The start-up gives up at its next step; what it started by then is in `stops`.
      await startup.catch(() => undefined);
      if (!why && stops.length > 0) say('stopping…');
      for (const { name, stop } of stops.reverse()) {
        await stop().then(
          () => say(`stopped ${name}`),
          (err: Error) => say(`while stopping ${name}: ${err.message}`),
        );
      }
      if (wroteRunFile) rmSync(runFile, { force: true });
      if (why || stops.length > 0) say('stopped');
    })());

  const onSignal = (signal: NodeJS.Signals) => void stopAll(signal).then(announceStopped);
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  // When the parent dies (npm killed, the launching shell gone) we are
  // re-parented: stop rather than run on as an orphan nobody will stop.
  const parent = process.ppid;
  const parentWatch = setInterval(() => {
    if (process.ppid !== parent) void stopAll(`parent process ${parent} ended`).then(announceStopped);
  }, PARENT_POLL_MS);
  parentWatch.unref();
  const stopWatching = () => {
    clearInterval(parentWatch);
    for (const signal of STOP_SIGNALS) process.removeListener(signal, onSignal);
  };

  const checkpoint = () => {
    if (stopping) throw new StartAborted('stopped during start-up');
  };

  startup = (async () => {
    // What this process and its children create is their owner's alone (Temporal's sqlite file, logs, secrets).
    process.umask(0o077);
    if (config.COURTFLOW_TRAINING) {
      // A fresh court at every training start: what an earlier one left is stopped, then its data goes
      // (and never a dir that is not training's: checked before anything it names is stopped).
      assertTrainingDataDir(config.dataDir);
      await clearLeftovers(runFile, config);
      resetTrainingDataDir(config.dataDir);
    }
    secureDataDir(config.dataDir);
    await clearLeftovers(runFile, config);
    checkpoint();
    await assertPortFree(config.PORT, 'API', 'PORT');
    if (config.WORKER_METRICS_PORT > 0) await assertPortFree(config.WORKER_METRICS_PORT, 'worker metrics', 'WORKER_METRICS_PORT');
    // Checked with the others, before Temporal and PostgreSQL start and open ports of their own.
    if (!process.env.PSP_URL) await assertPortFree(config.PSP_SANDBOX_PORT, 'payment sandbox', 'PSP_SANDBOX_PORT');
    if (!config.SMTP_URL) {
      await assertPortFree(config.MAIL_SINK_PORT, 'mail sink SMTP', 'MAIL_SINK_PORT');
      await assertPortFree(config.MAIL_SINK_HTTP_PORT, 'mail sink viewer', 'MAIL_SINK_HTTP_PORT');
    }
    let temporal: RunningDevServer | undefined;
    let temporalAddress = config.TEMPORAL_ADDRESS;
    if (config.COURTFLOW_TRAINING) {
      await assertPortFree(config.TEMPORAL_PORT, 'Temporal test server', 'TEMPORAL_PORT');
      checkpoint();
      say('TRAINING: starting the Temporal time-skipping test server (the simulated court clock; cases kept in memory)');
      const testServer = await startTemporalTestServer({ dataDir: config.dataDir, port: config.TEMPORAL_PORT, namespace: config.TEMPORAL_NAMESPACE });
      stops.push({ name: 'Temporal (test server)', stop: testServer.stop });
      remember(testServer.process.pid, 'temporal-test-server', 'temporal');
      temporalAddress = testServer.address;
      checkpoint();
    } else if (!temporalAddress) {
      await assertPortFree(config.TEMPORAL_PORT, 'Temporal frontend', 'TEMPORAL_PORT');
      await assertPortFree(config.TEMPORAL_UI_PORT, 'Temporal Web UI', 'TEMPORAL_UI_PORT');
      checkpoint();
      say(`starting the Temporal dev server (data: ${path.join(config.dataDir, 'temporal')})`);
      temporal = await startTemporalDevServer({
        dataDir: config.dataDir,
        port: config.TEMPORAL_PORT,
        uiPort: config.TEMPORAL_UI_PORT,
        namespace: config.TEMPORAL_NAMESPACE,
      });
      stops.push({ name: 'Temporal', stop: temporal.stop });
      remember(temporal.process.pid, 'temporal', 'temporal');
      // Its sqlite file and log, should an older start have left them readable by others.
      ownerOnly(path.join(config.dataDir, 'temporal'));
      temporalAddress = temporal.address;
      checkpoint();
    }

    let roles: DatabaseRoles | undefined = config.DATABASE_URL ? externalDatabaseRoles(config, (line) => say(line)) : undefined;
    if (!roles) {
      await assertPortFree(config.POSTGRES_PORT, 'embedded PostgreSQL', 'POSTGRES_PORT');
      checkpoint();
      say(`starting embedded PostgreSQL (data: ${path.join(config.dataDir, 'postgres')})`);
      const postgres = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.POSTGRES_PORT });
      stops.push({ name: 'PostgreSQL', stop: postgres.stop });
      remember(postgres.pid, 'postgres', 'postgres');
      roles = { appUrl: postgres.appUrl, migrationUrl: postgres.ownerUrl, appRole: EMBEDDED_APP_ROLE };
      checkpoint();
    }

    const ownerPool = createPool(roles.migrationUrl, 1);
    try {
      const applied = await migrate(ownerPool, undefined, roles.appRole ? { appRole: roles.appRole } : {});
      say(applied.length ? `applied migrations ${applied.join(', ')}` : 'database schema is up to date');
    } finally {
      await ownerPool.end();
    }
    const appPool = createPool(roles.appUrl, 1);
    try {
      // The first staff accounts; a generated password is printed here, once, to the console only.
      await ensureSeedAccounts(appPool, process.env, (line) => console.log(line));
    } finally {
      await appPool.end();
    }
    checkpoint();

    // The application's role only: never the owner's or the superuser's URL.
    const childEnv: NodeJS.ProcessEnv = { ...process.env, TEMPORAL_ADDRESS: temporalAddress, DATABASE_URL: roles.appUrl };
    delete childEnv.MIGRATION_DATABASE_URL;
    // Payers and the provider's callbacks come back to the API.
    childEnv.COURTFLOW_PUBLIC_URL ??= `http://127.0.0.1:${config.PORT}`;
    if (!process.env.PSP_URL) {
      // No provider named: the sandbox provider runs beside the stack, with secrets of its own in the data dir.
      const apiKeyFile = secretFile(config.dataDir, 'psp-api-key');
      const signingSecretFile = secretFile(config.dataDir, 'psp-signing-secret');
      Object.assign(childEnv, { PSP_URL: `http://127.0.0.1:${config.PSP_SANDBOX_PORT}`, PSP_API_KEY_FILE: apiKeyFile, PSP_SIGNING_SECRET_FILE: signingSecretFile });
      const sandboxEnv: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        PSP_SANDBOX_PORT: String(config.PSP_SANDBOX_PORT),
        PSP_SANDBOX_STATE: path.join(config.dataDir, 'payment-sandbox', 'state.json'),
        PSP_SANDBOX_API_KEY_FILE: apiKeyFile,
        PSP_SANDBOX_SIGNING_SECRET_FILE: signingSecretFile,
      };
      const sandbox = superviseChild('payment-sandbox', sandboxEnv, childLogPath(config.dataDir, 'payment-sandbox'), () => stopping, remember);
      stops.push({ name: 'the payment sandbox', stop: sandbox.stop });
      await waitForPort(config.PSP_SANDBOX_PORT);
      checkpoint();
    }
    if (!config.SMTP_URL) {
      // No SMTP server named: notice emails go to the mail sink, kept under the data dir and readable in its viewer.
      childEnv.SMTP_URL = `smtp://127.0.0.1:${config.MAIL_SINK_PORT}`;
      const sinkEnv: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        MAIL_SINK_PORT: String(config.MAIL_SINK_PORT),
        MAIL_SINK_HTTP_PORT: String(config.MAIL_SINK_HTTP_PORT),
        MAIL_SINK_DIR: path.join(config.dataDir, 'mail-sink'),
      };
      const sink = superviseChild('mail-sink', sinkEnv, childLogPath(config.dataDir, 'mail-sink'), () => stopping, remember);
      stops.push({ name: 'the mail sink', stop: sink.stop });
      await waitForPort(config.MAIL_SINK_PORT);
      await waitForPort(config.MAIL_SINK_HTTP_PORT);
      checkpoint();
    }
    mkdirSync(path.join(config.dataDir, 'logs'), { recursive: true, mode: 0o700 });
    ownerOnly(path.join(config.dataDir, 'logs'));
    const worker = superviseChild('worker', childEnv, childLogPath(config.dataDir, 'worker'), () => stopping, remember);
    stops.push({ name: 'the worker', stop: worker.stop });
    const api = superviseChild('api', childEnv, childLogPath(config.dataDir, 'api'), () => stopping, remember);
    stops.push({ name: 'the API', stop: api.stop });

    await waitUntilReady(`http://127.0.0.1:${config.PORT}/readyz`, api, childLogPath(config.dataDir, 'api'), checkpoint);
    checkpoint();

    say('ready');
    if (config.COURTFLOW_TRAINING) {
      console.log(`
  ****  TRAINING  ****  a simulated court: nothing here is real, and it is emptied at the next start.
  The court clock moves on only when a registry officer or adjudicator moves it (the console's banner).`);
    }
    console.log(`
  Console        http://127.0.0.1:${config.PORT}/console/   (English, 繁體中文, 简体中文)
  API            http://127.0.0.1:${config.PORT}/api/v1
  API docs       http://127.0.0.1:${config.PORT}/docs   (OpenAPI: /openapi.json)
  Temporal UI    ${temporal ? temporal.uiUrl : config.COURTFLOW_TRAINING ? '(none: the time-skipping test server has no UI)' : '(external cluster; see its own UI)'}
  Temporal       ${temporalAddress}  namespace ${config.TEMPORAL_NAMESPACE}
  PostgreSQL     ${config.DATABASE_URL ? '(external, DATABASE_URL)' : `127.0.0.1:${config.POSTGRES_PORT}`}
  Data           ${config.dataDir}
  Payments       ${process.env.PSP_URL ? `${process.env.PSP_URL} (PSP_URL)` : `sandbox provider http://127.0.0.1:${config.PSP_SANDBOX_PORT} (test cards: README)`}
  Mail           ${config.SMTP_URL ? `${smtpHostOf(config.SMTP_URL)} (SMTP_URL)` : `sink http://127.0.0.1:${config.MAIL_SINK_HTTP_PORT}   (SMTP 127.0.0.1:${config.MAIL_SINK_PORT})`}
  Logs           ${path.join(config.dataDir, 'logs')} (worker.log, api.log${process.env.PSP_URL ? '' : ', payment-sandbox.log'}${config.SMTP_URL ? '' : ', mail-sink.log'})

Ctrl-C (or SIGTERM, SIGHUP) stops everything.
`);
  })();

  try {
    await startup;
  } catch (err) {
    if (err instanceof StartAborted) {
      // A signal or the parent's end came during start-up: that stop is under way.
      await stopAll();
      stopWatching();
      return;
    }
    await stopAll();
    stopWatching();
    throw err;
  }
  await stoppedBySignal;
  stopWatching();
}

/** The HTTP status of a GET, without keep-alive (nothing is left open to hold the process). */
function httpStatus(url: string, timeoutMs = 2000): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    request.once('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.once('error', reject);
  });
}

/**
 * Polls the API's /readyz until it answers 200 (Temporal and PostgreSQL both
 * reachable from the API). Gives up, naming the API's log, when the API keeps
 * dying or does not answer within READY_TIMEOUT_MS.
 */
async function waitUntilReady(url: string, api: SupervisedChild, logFile: string, checkpoint: () => void): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    checkpoint();
    if (api.exits() >= READY_MAX_EXITS) {
      throw new Error(`the API exited ${api.exits()} times before it answered ${url} (last: ${api.lastExit()}); see its log, ${logFile}`);
    }
    try {
      const status = await httpStatus(url);
      if (status === 200) return;
      last = `HTTP ${status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await delay(250);
  }
  throw new Error(`the API did not answer 200 at ${url} within ${READY_TIMEOUT_MS / 1000} s (last: ${last}); see its log, ${logFile}`);
}

interface SupervisedChild {
  stop(): Promise<void>;
  /** How many times it has exited on its own so far. */
  exits(): number;
  /** How it last exited, in words. */
  lastExit(): string;
}

/**
 * Runs `courtflow <role>` as a child process and starts it again if it dies
 * on its own (a crash, or kill -9 by an operator): Temporal replays the
 * cases it was running, so nothing is lost.
 *
 * The child has its own process group, as Temporal and PostgreSQL do, so a
 * Ctrl-C in the terminal reaches only the supervisor, which stops the
 * children one by one in order. Its output is copied to this console and
 * appended to `logFile`.
 */
function superviseChild(
  role: ChildRole,
  env: NodeJS.ProcessEnv,
  logFile: string,
  stopping: () => boolean,
  remember: Remember,
): SupervisedChild {
  let current: ChildProcess | undefined;
  let restarts = 0;
  let exits = 0;
  let lastExit = 'still running';
  const keep = (chunk: Buffer, console: NodeJS.WriteStream) => {
    try {
      appendFileSync(logFile, chunk, { mode: 0o600 });
    } catch {
      // A full disk must not take the process down with it; the console still has the line.
    }
    console.write(chunk);
  };
  const launch = () => {
    const child = spawn(process.execPath, childCommand(role), { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    try {
      appendFileSync(logFile, `--- courtflow ${role} started, pid ${child.pid}, ${new Date().toISOString()}\n`, { mode: 0o600 });
    } catch {
      // As below: the console still has its output.
    }
    child.stdout!.on('data', (chunk: Buffer) => keep(chunk, process.stdout));
    child.stderr!.on('data', (chunk: Buffer) => keep(chunk, process.stderr));
    current = child;
    remember(child.pid, 'main.js', role);
    const startedAt = Date.now();
    child.once('exit', (code, signal) => {
      if (stopping()) return;
      exits += 1;
      lastExit = signal ? `killed by ${signal}` : `exit code ${code}`;
      // Back off when it keeps dying at once, so a broken config does not spin.
      restarts = Date.now() - startedAt > 30_000 ? 0 : restarts + 1;
      const wait = Math.min(30_000, 500 * 2 ** Math.min(restarts, 6));
      say(`${role} (pid ${child.pid}) exited (${signal ?? `code ${code}`}); restarting in ${wait} ms; its log: ${logFile}`);
      void delay(wait).then(() => !stopping() && launch());
    });
  };
  launch();
  return {
    stop: async () => {
      if (current?.pid && current.exitCode === null && current.signalCode === null) await terminate(current.pid, 'SIGTERM', 15_000);
    },
    exits: () => exits,
    lastExit: () => lastExit,
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
