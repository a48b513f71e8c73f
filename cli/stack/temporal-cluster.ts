/**
 * The production-shaped Temporal engine on this machine: the Temporal server
 * itself (all four services in one process, as the `temporalio/server` image
 * runs them) on PostgreSQL, without Docker. The alternative to the embedded
 * dev server (cli/stack/temporal-dev-server.ts, SQLite) for the benchmarks
 * and the tests that need what a deployment has: real persistence and
 * visibility stores, history shards, matching across several workers.
 *
 * Given a PostgreSQL superuser (or any role that may create roles and
 * databases), every start, each step idempotent:
 *
 *   1. a `temporal` login role (password in `<dataDir>/secrets/temporal-postgres-password`)
 *      owning the `temporal` and `temporal_visibility` databases;
 *   2. their schema, created and migrated by `temporal-sql-tool` from the
 *      pinned module's versioned schema (setup-schema only on an empty database,
 *      update-schema always: a no-op when current), as the schema job of
 *      docker-compose.yml does;
 *   3. the server, configured as the `temporalio/server` image is: by Temporal's
 *      own embedded config template, filled from environment variables (DB,
 *      POSTGRES_SEEDS, ports…). So there is no config template of ours to drift
 *      from Temporal's; what the server ran with is written to
 *      `<dataDir>/temporal-cluster/server.env` (no password in it) for the operator;
 *   4. the namespace, registered unless it exists, then awaited until the
 *      frontend serves it (its namespace cache refreshes every few seconds).
 *
 * The ports (frontend gRPC and HTTP, and each service's gRPC and membership
 * port) are chosen free on the first start and kept in
 * `<dataDir>/temporal-cluster/ports.json`, so a second start on the same data
 * listens where the first did (workers reconnect; the cluster metadata
 * stored in the database names the frontend's address).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { Client } from 'pg';
import { freePort } from './processes';
import { requireTemporalServer, type TemporalServerBinaries } from './temporal-server-build';
import { NoPointWaiting, waitFor } from './wait-for';

export interface TemporalClusterOptions {
  dataDir: string;
  /** A PostgreSQL role that may create roles and databases (the embedded server's superuser). */
  adminUrl: string;
  namespace: string;
  /** The frontend's gRPC port; default: the one of the last start on this data dir, else a free one. */
  port?: number;
  /** How long closed workflows' histories are kept; default 30 days (an auditor replays closed cases). */
  retentionDays?: number;
  log?: (line: string) => void;
}

export interface RunningTemporalCluster {
  address: string;
  process: ChildProcess;
  /** The server's log file. */
  logFile: string;
  stop(): Promise<void>;
}

export const TEMPORAL_ROLE = 'temporal';
export const TEMPORAL_DATABASES = { default: 'temporal', visibility: 'temporal_visibility' } as const;

/** The ports the embedded config template takes, by the environment variable that sets each. */
const PORT_VARIABLES = [
  'FRONTEND_GRPC_PORT',
  'FRONTEND_HTTP_PORT',
  'FRONTEND_MEMBERSHIP_PORT',
  'HISTORY_GRPC_PORT',
  'HISTORY_MEMBERSHIP_PORT',
  'MATCHING_GRPC_PORT',
  'MATCHING_MEMBERSHIP_PORT',
  'WORKER_GRPC_PORT',
  'WORKER_MEMBERSHIP_PORT',
] as const;
type Ports = Record<(typeof PORT_VARIABLES)[number], number>;

export async function startTemporalCluster(options: TemporalClusterOptions): Promise<RunningTemporalCluster> {
  const binaries = requireTemporalServer();
  const log = options.log ?? (() => undefined);
  const dir = path.join(options.dataDir, 'temporal-cluster');
  mkdirSync(dir, { recursive: true, mode: 0o700 });

  const admin = new URL(options.adminUrl);
  const database = { host: admin.hostname, port: Number(admin.port || 5432) };
  const password = readOrCreateSecret(path.join(options.dataDir, 'secrets', 'temporal-postgres-password'));
  await provisionDatabases(options.adminUrl, password);
  for (const [store, name] of [['temporal', TEMPORAL_DATABASES.default], ['visibility', TEMPORAL_DATABASES.visibility]] as const) {
    await updateSchema(binaries, { ...database, name, password }, store, options.adminUrl, log);
  }

  const ports = await choosePorts(path.join(dir, 'ports.json'), options.port);
  const dynamicConfig = path.join(dir, 'dynamicconfig.yaml');
  // Temporal's defaults throughout; the file is there so an operator can change a setting on a running server (read every 60 s).
  writeFileSync(dynamicConfig, "# Temporal dynamic config: nothing overridden; see docs.temporal.io/references/dynamic-configuration\n{}\n", { mode: 0o600 });
  const settings: Record<string, string> = {
    DB: 'postgres12',
    POSTGRES_SEEDS: database.host,
    DB_PORT: String(database.port),
    POSTGRES_USER: TEMPORAL_ROLE,
    DBNAME: TEMPORAL_DATABASES.default,
    VISIBILITY_DBNAME: TEMPORAL_DATABASES.visibility,
    BIND_ON_IP: '127.0.0.1',
    DYNAMIC_CONFIG_FILE_PATH: dynamicConfig,
    LOG_LEVEL: 'warn',
    ...Object.fromEntries(PORT_VARIABLES.map((name) => [name, String(ports[name])])),
  };
  writeFileSync(
    path.join(dir, 'server.env'),
    `# The environment the Temporal server ${binaries.server} last ran with on this data dir (plus POSTGRES_PWD),\n` +
      '# read by the server\'s embedded config template, as the temporalio/server image reads its own.\n' +
      Object.entries(settings).map(([k, v]) => `${k}=${v}\n`).join(''),
    { mode: 0o600 },
  );

  const logFile = path.join(dir, 'server.log');
  const out = openSync(logFile, 'a');
  const child = spawn(binaries.server, ['--allow-no-auth', 'start'], {
    // Only what the server needs: nothing of the caller's environment reaches its config template by accident.
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? dir, ...settings, POSTGRES_PWD: password },
    cwd: dir,
    stdio: ['ignore', out, out],
    // Its own process group: a Ctrl-C reaches the supervisor, which stops the server in order.
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const address = `127.0.0.1:${ports.FRONTEND_GRPC_PORT}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // SIGTERM: the server leaves the membership ring and flushes its shards before it exits.
    child.kill('SIGTERM');
    const timeout = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timeout);
  };

  try {
    const dead = () => {
      if (child.exitCode !== null || child.signalCode !== null) throw new NoPointWaiting(`the Temporal server exited (${child.exitCode ?? child.signalCode}); see ${logFile}`);
    };
    await waitFor(`the Temporal server's frontend on ${address} (log: ${logFile})`, 120_000, async () => {
      dead();
      await withConnection(address, async (connection) => {
        const { status } = await connection.healthService.check({ service: 'temporal.api.workflowservice.v1.WorkflowService' });
        if (status !== 1) throw new Error(`health status ${status}`);
      });
    });
    await withConnection(address, (connection) => registerNamespace(connection, options.namespace, options.retentionDays ?? 30, log));
    // The frontend answers for a namespace once its cache holds it: a worker polling before then is refused.
    await waitFor(`namespace ${options.namespace} served by ${address}`, 60_000, async () => {
      dead();
      await withConnection(address, (connection) =>
        connection.workflowService.describeTaskQueue({ namespace: options.namespace, taskQueue: { name: 'courtflow-namespace-probe' } }),
      );
    });
  } catch (err) {
    await stop();
    throw err;
  }
  log(`Temporal server on ${address} (PostgreSQL ${database.host}:${database.port}, databases ${TEMPORAL_DATABASES.default} and ${TEMPORAL_DATABASES.visibility}; log ${logFile})`);
  return { address, process: child, logFile, stop };
}

async function withConnection<T>(address: string, use: (connection: Connection) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address, connectTimeout: 2000 });
  try {
    return await use(connection);
  } finally {
    await connection.close();
  }
}

/** gRPC ALREADY_EXISTS: the namespace was registered by an earlier start. */
const ALREADY_EXISTS = 6;

async function registerNamespace(connection: Connection, namespace: string, retentionDays: number, log: (line: string) => void): Promise<void> {
  try {
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs(`${retentionDays} days`),
      description: 'courtflow',
    });
    log(`registered namespace ${namespace} (retention ${retentionDays} days)`);
  } catch (err) {
    if ((err as { code?: number }).code !== ALREADY_EXISTS) throw err;
  }
}

/** A generated secret in `file` (mode 0600, in a 0700 folder), created once. */
function readOrCreateSecret(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return readFileSync(file, 'utf8').trim();
}

/**
 * As the admin role: the `temporal` role logs in with `password` and is no
 * superuser; both databases exist and belong to it (so the schema tool,
 * running as it, may create tables and the visibility schema's trusted
 * `btree_gin` extension), and only it may connect to them.
 */
async function provisionDatabases(adminUrl: string, password: string): Promise<void> {
  const server = new Client({ connectionString: adminUrl });
  await server.connect();
  try {
    const role = server.escapeIdentifier(TEMPORAL_ROLE);
    const { rowCount } = await server.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [TEMPORAL_ROLE]);
    await server.query(
      `${rowCount ? 'ALTER' : 'CREATE'} ROLE ${role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${server.escapeLiteral(password)}`,
    );
    for (const name of Object.values(TEMPORAL_DATABASES)) {
      const db = server.escapeIdentifier(name);
      const existing = await server.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (!existing.rowCount) await server.query(`CREATE DATABASE ${db} OWNER ${role}`);
      await server.query(`REVOKE ALL ON DATABASE ${db} FROM PUBLIC`);
      await server.query(`GRANT CONNECT ON DATABASE ${db} TO ${role}`);
    }
  } finally {
    await server.end();
  }
}

interface TemporalDatabase {
  host: string;
  port: number;
  name: string;
  password: string;
}

/**
 * `temporal-sql-tool setup-schema -v 0.0` on a database without Temporal's
 * schema table, then `update-schema` to the newest version the pinned module
 * ships. The password goes by SQL_PASSWORD, not on the command line.
 */
async function updateSchema(
  binaries: TemporalServerBinaries,
  db: TemporalDatabase,
  store: 'temporal' | 'visibility',
  adminUrl: string,
  log: (line: string) => void,
): Promise<void> {
  const tool = (...command: string[]) => {
    const args = ['--plugin', 'postgres12', '--ep', db.host, '--port', String(db.port), '--user', TEMPORAL_ROLE, '--db', db.name, ...command];
    const run = spawnSync(binaries.sqlTool, args, { env: { PATH: process.env.PATH, SQL_PASSWORD: db.password }, encoding: 'utf8', timeout: 300_000 });
    if (run.status !== 0) throw new Error(`temporal-sql-tool ${command.join(' ')} on ${db.name} failed (exit ${run.status ?? run.signal}):\n${run.stderr || run.stdout}`);
  };
  const url = new URL(adminUrl);
  url.pathname = `/${db.name}`;
  const inDatabase = new Client({ connectionString: url.toString() });
  await inDatabase.connect();
  let hasSchema: boolean;
  try {
    const { rows } = await inDatabase.query<{ found: string | null }>("SELECT to_regclass('public.schema_version')::text AS found");
    hasSchema = rows[0]?.found != null;
  } finally {
    await inDatabase.end();
  }
  if (!hasSchema) {
    log(`creating Temporal's ${store} schema in ${db.name}`);
    tool('setup-schema', '-v', '0.0');
  }
  tool('update-schema', '-d', path.join(binaries.schemaDir, store, 'versioned'));
}

/** The ports of the last start on this data dir where each is still free, else new free ones; written back. */
async function choosePorts(file: string, frontend: number | undefined): Promise<Ports> {
  const before: Partial<Ports> = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<Ports>) : {};
  const taken = new Set<number>();
  const ports = {} as Ports;
  for (const name of PORT_VARIABLES) {
    if (name === 'FRONTEND_GRPC_PORT' && frontend !== undefined) {
      if (!(await isFree(frontend))) throw new Error(`port ${frontend} (the Temporal frontend) is in use`);
      taken.add(frontend);
      ports[name] = frontend;
      continue;
    }
    const wanted = before[name];
    let port = wanted !== undefined && !taken.has(wanted) && (await isFree(wanted)) ? wanted : await freePort();
    while (taken.has(port)) port = await freePort();
    taken.add(port);
    ports[name] = port;
  }
  writeFileSync(file, JSON.stringify(ports, null, 2) + '\n', { mode: 0o600 });
  return ports;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
