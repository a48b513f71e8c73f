/**
 * How the stack stops when whatever started it goes away: `npm start` sent
 * SIGTERM (the npm process only, as a process manager or `kill <pid>`
 * would), the supervisor's parent killed outright, SIGHUP (a closed
 * terminal), and a start whose API keeps dying. Each run has its own data dir and free ports; each checks that
 * every process of the stack (everything in the pid file, the supervisor,
 * and every descendant of the supervisor, PostgreSQL's backends included) is
 * gone within a bounded wait and that every port is free again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertPortFree, freePort, isAlive } from '../../cli/stack/processes';
import { projectRoot } from '../../config/project-root';
import { eventually } from '../support/stack';

interface RunFile {
  supervisor: number;
  children: { pid: number; role: string }[];
}

interface Run {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  ports: number[];
  baseUrl: string;
  child?: ChildProcess;
  output: string;
}

const root = projectRoot();
const runs: Run[] = [];

async function newRun(extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'courtflow-e2e-stop-'));
  const [port, temporalPort, uiPort, pgPort, metricsPort, pspPort, mailPort, mailHttpPort] = [
    await freePort(), await freePort(), await freePort(), await freePort(), await freePort(), await freePort(), await freePort(), await freePort(),
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    TEMPORAL_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(uiPort),
    POSTGRES_PORT: String(pgPort),
    WORKER_METRICS_PORT: String(metricsPort),
    PSP_SANDBOX_PORT: String(pspPort),
    MAIL_SINK_PORT: String(mailPort),
    MAIL_SINK_HTTP_PORT: String(mailHttpPort),
    COURTFLOW_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    COURTFLOW_SEED_OFFICER_PASSWORD: 'officer-password-for-e2e',
    COURTFLOW_SEED_AUDITOR_PASSWORD: 'auditor-password-for-e2e',
    COURTFLOW_SEED_ADJUDICATOR_PASSWORD: 'adjudicator-password-for-e2e',
    ...extraEnv,
  };
  delete env.TEMPORAL_ADDRESS;
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  // Run under jest, npm would otherwise pass on jest's own lifecycle variables.
  for (const name of Object.keys(env)) if (name.startsWith('npm_')) delete env[name];
  const run: Run = { dataDir, env, ports: [port, temporalPort, uiPort, pgPort, metricsPort, pspPort, mailPort, mailHttpPort], baseUrl: `http://127.0.0.1:${port}`, output: '' };
  runs.push(run);
  return run;
}

function launch(run: Run, command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, { cwd: root, env: run.env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk: Buffer) => (run.output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (run.output += chunk.toString()));
  run.child = child;
  return child;
}

const exitOf = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });

async function untilReady(run: Run, timeoutMs: number): Promise<void> {
  await eventually(
    async () => run.output,
    (text) => {
      if (run.child!.exitCode !== null) throw new Error(`the stack exited early:\n${text}`);
      return text.includes('courtflow: ready');
    },
    timeoutMs,
  );
}

const runFileOf = (run: Run) => JSON.parse(readFileSync(path.join(run.dataDir, 'courtflow.pids.json'), 'utf8')) as RunFile;

function parentOf(pid: number): number | undefined {
  try {
    // The command name is in parentheses and may hold spaces; the fields after it are plain.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** Every live process below `pid` (children, their children, ...). */
function descendantsOf(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(Number(entry));
    if (parent !== undefined) parents.set(Number(entry), parent);
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of parents) {
      if (parent === p) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

/** The supervisor, everything its pid file names, and every process below the supervisor. */
function stackProcesses(run: Run): number[] {
  const file = runFileOf(run);
  return [...new Set([file.supervisor, ...file.children.map((c) => c.pid), ...descendantsOf(file.supervisor)])];
}

async function expectAllGone(run: Run, pids: number[]): Promise<void> {
  await eventually(async () => pids.filter(isAlive), (alive) => alive.length === 0, 60_000);
  for (const port of run.ports) await assertPortFree(port, 'a port of the stopped stack', 'test');
  expect(existsSync(path.join(run.dataDir, 'courtflow.pids.json'))).toBe(false);
}

/** The order of the "stopped …" lines. */
const stopOrder = (output: string) => [...output.matchAll(/^courtflow: stopped (.+)$/gm)].map((m) => m[1]);

afterAll(async () => {
  for (const run of runs) {
    // A failed test must not leave a stack running: stop what the pid file names.
    if (existsSync(path.join(run.dataDir, 'courtflow.pids.json'))) {
      const file = runFileOf(run);
      for (const pid of [file.supervisor, ...file.children.map((c) => c.pid)]) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    if (run.child && run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
    rmSync(run.dataDir, { recursive: true, force: true });
  }
});

describe('stopping the stack', () => {
  it('when `npm start` (the npm process alone) gets SIGTERM, then the API, worker, mail sink, payment sandbox, PostgreSQL and Temporal stop in that order and nothing is left', async () => {
    const run = await newRun();
    const npm = launch(run, 'npm', ['start']);
    // `npm start` builds first (about ten seconds), then starts the stack.
    await untilReady(run, 180_000);
    // "ready" is printed only once the API answers.
    expect((await fetch(`${run.baseUrl}/readyz`)).status).toBe(200);
    const supervisor = runFileOf(run).supervisor;
    // The script execs node: the supervisor is npm's own child, with no shell in between to swallow the signal.
    expect(parentOf(supervisor)).toBe(npm.pid);
    const pids = stackProcesses(run);
    expect(runFileOf(run).children.map((c) => c.role).sort()).toEqual(['api', 'mail-sink', 'payment-sandbox', 'postgres', 'temporal', 'worker']);

    const exited = exitOf(npm);
    process.kill(npm.pid!, 'SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    await expectAllGone(run, pids);
    expect(run.output).toContain('courtflow: stopping (SIGTERM)');
    expect(stopOrder(run.output)).toEqual(['the API', 'the worker', 'the mail sink', 'the payment sandbox', 'PostgreSQL', 'Temporal']);
  }, 300_000);

  it('when the process that started the supervisor is killed with SIGKILL, then the supervisor stops the whole stack', async () => {
    const run = await newRun();
    // An intermediate shell that stays (the command is not its last, so it does not exec node).
    const main = path.join(root, 'dist/cli/main.js');
    const shell = launch(run, 'sh', ['-c', `"${process.execPath}" "${main}" start; exit $?`]);
    await untilReady(run, 120_000);
    const supervisor = runFileOf(run).supervisor;
    expect(parentOf(supervisor)).toBe(shell.pid);
    const pids = stackProcesses(run);

    process.kill(shell.pid!, 'SIGKILL');
    await expectAllGone(run, pids);
    expect(run.output).toMatch(new RegExp(`courtflow: stopping \\(parent process ${shell.pid} ended\\)`));
    expect(stopOrder(run.output)).toEqual(['the API', 'the worker', 'the mail sink', 'the payment sandbox', 'PostgreSQL', 'Temporal']);
  }, 180_000);

  it('when the supervisor gets SIGHUP (its terminal was closed), then it stops the stack in order like SIGTERM', async () => {
    const run = await newRun();
    const supervisor = launch(run, process.execPath, [path.join(root, 'dist/cli/main.js'), 'start']);
    await untilReady(run, 120_000);
    const pids = stackProcesses(run);
    const exited = exitOf(supervisor);
    process.kill(supervisor.pid!, 'SIGHUP');
    expect(await exited).toEqual({ code: 0, signal: null });
    await expectAllGone(run, pids);
    expect(run.output).toContain('courtflow: stopping (SIGHUP)');
    expect(stopOrder(run.output)).toEqual(['the API', 'the worker', 'the mail sink', 'the payment sandbox', 'PostgreSQL', 'Temporal']);
  }, 180_000);

  it('when the API keeps dying before it answers /readyz, then start gives up naming the API log, stops everything and exits 1', async () => {
    // A token secret file that holds no secret: the API refuses to start, every time
    // (the supervisor itself does not read it).
    const run = await newRun();
    delete run.env.COURTFLOW_TOKEN_SECRET;
    mkdirSync(path.join(run.dataDir, 'secrets'), { recursive: true });
    writeFileSync(path.join(run.dataDir, 'secrets', 'token-secret'), 'not a secret\n', { mode: 0o600 });
    const supervisor = launch(run, process.execPath, [path.join(root, 'dist/cli/main.js'), 'start']);
    const pids: number[] = [];
    // Collect every process the pid file names while the run lasts.
    const collect = setInterval(() => {
      try {
        for (const pid of stackProcesses(run)) if (!pids.includes(pid)) pids.push(pid);
      } catch {
        // not written yet, or already removed
      }
    }, 100);
    const { code } = await exitOf(supervisor);
    clearInterval(collect);
    expect(code).toBe(1);
    const apiLog = path.join(run.dataDir, 'logs', 'api.log');
    expect(run.output).toContain(`see its log, ${apiLog}`);
    expect(run.output).toMatch(/the API exited \d+ times before it answered/);
    expect(run.output).not.toContain('courtflow: ready');
    expect(readFileSync(apiLog, 'utf8')).toContain('does not hold a token secret');
    expect(pids.length).toBeGreaterThan(3);
    await expectAllGone(run, pids);
  }, 180_000);

  it('when asked for --help, then `courtflow start --help` prints its help, exits 0 and starts nothing', async () => {
    const run = await newRun();
    rmSync(run.dataDir, { recursive: true, force: true });
    const child = launch(run, process.execPath, [path.join(root, 'dist/cli/main.js'), 'start', '--help']);
    expect(await exitOf(child)).toEqual({ code: 0, signal: null });
    expect(run.output).toContain('usage: courtflow start');
    expect(existsSync(run.dataDir)).toBe(false);
  });
});
