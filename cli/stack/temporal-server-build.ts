/**
 * The Temporal server itself (not the CLI's dev server) and its SQL schema
 * tool, pinned to one version, for the production-shaped engine on this
 * machine (cli/stack/temporal-cluster.ts) and for docker-compose.yml, which
 * pins the same version.
 *
 * No package registry ships these binaries, so they are built from the Go
 * module with `go install` (through the Go module proxy) into a cache dir,
 * once per machine: `courtflow setup --temporal-server`. The first build takes
 * several minutes and about 2.6 GB of RAM; afterwards it is found in the
 * cache. The cache dir also gets a copy of the module's PostgreSQL schema, so
 * starting the engine needs neither Go nor the module cache.
 *
 *   <cache dir>/server                         `temporal-server`
 *   <cache dir>/sql                            `temporal-sql-tool`
 *   <cache dir>/schema/postgresql/v12/{temporal,visibility}/versioned
 *
 * The cache dir is `$COURTFLOW_TEMPORAL_SERVER_DIR` if set, else
 * `$XDG_CACHE_HOME` (or `~/.cache`) + `/courtflow/temporal-server-v<version>`.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { isExecutable } from './temporal-binaries';

/** The one Temporal server version courtflow runs (docker-compose.yml pins the same images). */
export const TEMPORAL_SERVER_VERSION = '1.32.0';

const MODULE = 'go.temporal.io/server';
const PACKAGES = { server: `${MODULE}/cmd/server`, sql: `${MODULE}/cmd/tools/sql` } as const;
/** The schema folder of the module, as the server's own tools name it. */
const SCHEMA = path.join('schema', 'postgresql', 'v12');

export interface TemporalServerBinaries {
  dir: string;
  /** `temporal-server` (`server --config-file … start`). */
  server: string;
  /** `temporal-sql-tool`: creates and updates the schema. */
  sqlTool: string;
  /** `<schema>/temporal/versioned` and `<schema>/visibility/versioned`. */
  schemaDir: string;
}

export const SETUP_COMMAND = 'courtflow setup --temporal-server';

export function temporalServerDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.COURTFLOW_TEMPORAL_SERVER_DIR) return path.resolve(env.COURTFLOW_TEMPORAL_SERVER_DIR);
  const cache = env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(cache, 'courtflow', `temporal-server-v${TEMPORAL_SERVER_VERSION}`);
}

export class TemporalServerMissingError extends Error {
  override name = 'TemporalServerMissingError';
  constructor(dir: string, what: string) {
    super(
      `the Temporal server ${TEMPORAL_SERVER_VERSION} is not ready in ${dir} (${what}).\n` +
        `Build it once with \`${SETUP_COMMAND}\` (go install, several minutes; needs Go), ` +
        'or set COURTFLOW_TEMPORAL_SERVER_DIR to a folder that holds it.',
    );
  }
}

const binariesIn = (dir: string): TemporalServerBinaries => ({
  dir,
  server: path.join(dir, 'server'),
  sqlTool: path.join(dir, 'sql'),
  schemaDir: path.join(dir, SCHEMA),
});

/** The version a binary reports (`… version 1.32.0`), or undefined if it does not run. */
function reportedVersion(executable: string): string | undefined {
  const run = spawnSync(executable, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) return undefined;
  return /version\s+(\S+)/.exec(run.stdout)?.[1];
}

/** What is missing or wrong in `dir`, in words; undefined when everything is there at the pinned version. */
function problemIn(found: TemporalServerBinaries): string | undefined {
  for (const executable of [found.server, found.sqlTool]) {
    if (!isExecutable(executable)) return `${path.basename(executable)} is missing`;
    const version = reportedVersion(executable);
    if (version !== TEMPORAL_SERVER_VERSION) return `${path.basename(executable)} reports version ${version ?? '(none: it does not run)'}`;
  }
  for (const store of ['temporal', 'visibility']) {
    if (!existsSync(path.join(found.schemaDir, store, 'versioned'))) return `the ${store} schema is missing`;
  }
  return undefined;
}

/** The pinned binaries and schema from the cache dir, or a TemporalServerMissingError naming the setup command. */
export function requireTemporalServer(env: NodeJS.ProcessEnv = process.env): TemporalServerBinaries {
  const found = binariesIn(temporalServerDir(env));
  const problem = problemIn(found);
  if (problem) throw new TemporalServerMissingError(found.dir, problem);
  return found;
}

/**
 * Builds whatever of the pinned server, tool and schema the cache dir lacks
 * (nothing when all are there). Throws when Go is missing or a build fails.
 */
export function buildTemporalServer(log: (line: string) => void, env: NodeJS.ProcessEnv = process.env): TemporalServerBinaries {
  const target = binariesIn(temporalServerDir(env));
  if (problemIn(target) === undefined) {
    log(`courtflow setup: Temporal server ${TEMPORAL_SERVER_VERSION} found in ${target.dir}`);
    return target;
  }
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.status !== 0) {
    throw new Error(
      `courtflow setup --temporal-server: Go is needed to build the Temporal server ${TEMPORAL_SERVER_VERSION} (go install ${MODULE}/...), ` +
        'and `go` was not found on PATH. Install Go 1.24 or newer (https://go.dev/dl/), or set COURTFLOW_TEMPORAL_SERVER_DIR ' +
        'to a folder that already holds the server, the sql tool and the schema.',
    );
  }
  mkdirSync(target.dir, { recursive: true });
  for (const [name, pkg] of Object.entries(PACKAGES)) {
    const executable = path.join(target.dir, name);
    if (isExecutable(executable) && reportedVersion(executable) === TEMPORAL_SERVER_VERSION) continue;
    log(`courtflow setup: go install ${pkg}@v${TEMPORAL_SERVER_VERSION} into ${target.dir} (${go.stdout.trim()}; the server takes several minutes the first time)`);
    // GOBIN puts the binary in the cache dir; the build's own cache stays Go's, so a second build is quick.
    const built = spawnSync('go', ['install', `${pkg}@v${TEMPORAL_SERVER_VERSION}`], {
      env: { ...env, GOBIN: target.dir },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (built.status !== 0) throw new Error(`go install ${pkg}@v${TEMPORAL_SERVER_VERSION} failed (exit ${built.status ?? built.signal})`);
  }
  if (!existsSync(path.join(target.schemaDir, 'visibility', 'versioned'))) copySchema(target.schemaDir, env);
  const problem = problemIn(target);
  if (problem) throw new TemporalServerMissingError(target.dir, `after the build: ${problem}`);
  log(`courtflow setup: Temporal server ${TEMPORAL_SERVER_VERSION} built in ${target.dir}`);
  return target;
}

/** Copies the module's PostgreSQL schema (downloaded by `go mod download`, which go install has done already) beside the binaries. */
function copySchema(schemaDir: string, env: NodeJS.ProcessEnv): void {
  const download = spawnSync('go', ['mod', 'download', '-json', `${MODULE}@v${TEMPORAL_SERVER_VERSION}`], { env, encoding: 'utf8' });
  if (download.status !== 0) throw new Error(`go mod download ${MODULE}@v${TEMPORAL_SERVER_VERSION} failed: ${download.stderr || download.stdout}`);
  const { Dir: moduleDir } = JSON.parse(download.stdout) as { Dir?: string };
  if (!moduleDir) throw new Error(`go mod download ${MODULE}@v${TEMPORAL_SERVER_VERSION} did not say where the module is`);
  cpSync(path.join(moduleDir, SCHEMA), schemaDir, { recursive: true });
  // The module cache is read-only; the copy is the operator's, to delete or rebuild.
  makeWritable(schemaDir);
}

function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) makeWritable(file);
    else chmodSync(file, 0o644);
  }
}
