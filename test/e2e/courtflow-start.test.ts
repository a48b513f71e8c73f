/**
 * `courtflow start` as an operator runs it: the whole stack from the built
 * CLI, on free ports and a throwaway data dir. Kills the worker, stops and
 * restarts the stack, kills the supervisor itself, and checks that cases,
 * their timers and their read model survive each; then reads every log of
 * the run for the secrets it handled.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { freePort, isAlive } from '../../cli/stack/processes';
import { projectRoot } from '../../config/project-root';
import { stateQuery } from '../../workflows/sct/contract';
import { aClaim } from '../support/claims';
import { eventually } from '../support/stack';

interface RunFile {
  supervisor: number;
  children: { pid: number; role: string }[];
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'courtflow-e2e-'));
const runFilePath = path.join(dataDir, 'courtflow.pids.json');
let env: NodeJS.ProcessEnv;
let baseUrl: string;
let temporalAddress: string;
let stack: ChildProcess | undefined;
let output = '';
/** Everything every start printed, kept for the secrets test (`output` is cleared between starts). */
let allOutput = '';
/** Every secret the run handled, by what it is: none may be in a log. */
const secretsUsed = new Map<string, string>();
let workerMetrics: string;

async function startStack(): Promise<ChildProcess> {
  // Only this start's own "ready" counts: the output of an earlier run is kept for the assertions that span both.
  const from = output.length;
  const child = spawn(process.execPath, [path.join(projectRoot(), 'dist/cli/main.js'), 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    allOutput += chunk.toString();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  await eventually(
    async () => output,
    (text) => {
      if (child.exitCode !== null) throw new Error(`courtflow start exited early:\n${text}`);
      return text.slice(from).includes('courtflow: ready');
    },
    120_000,
  );
  // The API is a child of its own; it is up once /readyz answers.
  await eventually(() => fetch(`${baseUrl}/readyz`).then((r) => r.status, () => 0), (s) => s === 200, 30_000);
  return child;
}

async function stopStack(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill(signal);
  return exited;
}

const runFile = () => JSON.parse(readFileSync(runFilePath, 'utf8')) as RunFile;
const pidOf = (role: string) => runFile().children.find((c) => c.role === role)?.pid;

const OFFICER_PASSWORD = 'officer-password-for-e2e';
/** The filer's bearer header: an individual user the seeded registry officer registers through the API. */
let filer: Record<string, string> = {};

async function postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

async function login(username: string, password: string): Promise<Record<string, string>> {
  const res = await postJson('/api/v1/auth/login', { username, password });
  expect(res.status).toBe(200);
  return { authorization: `Bearer ${((await res.json()) as { accessToken: string }).accessToken}` };
}

async function fileClaim(): Promise<string> {
  const res = await postJson('/api/v1/sct/claims', aClaim(), filer);
  expect(res.status).toBe(201);
  return ((await res.json()) as { caseNo: string }).caseNo;
}

const stageOf = async (caseNo: string) =>
  ((await (await fetch(`${baseUrl}/api/v1/sct/claims/${caseNo}`, { headers: filer })).json()) as { stage?: string }).stage;

beforeAll(async () => {
  const [port, temporalPort, uiPort, pgPort, metricsPort, pspPort, mailPort, mailHttpPort] = [
    await freePort(), await freePort(), await freePort(), await freePort(), await freePort(), await freePort(), await freePort(), await freePort(),
  ];
  workerMetrics = `http://127.0.0.1:${metricsPort}/metrics`;
  baseUrl = `http://127.0.0.1:${port}`;
  temporalAddress = `127.0.0.1:${temporalPort}`;
  env = {
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
    // The most the API and worker log: the secrets test below reads it all.
    LOG_LEVEL: 'debug',
    // Not the default, so the worker's log shows the setting reached it.
    WORKER_MAX_CACHED_WORKFLOWS: '250',
    WORKER_MAX_CONCURRENT_ACTIVITIES: '7',
    COURTFLOW_SEED_OFFICER_PASSWORD: OFFICER_PASSWORD,
  };
  delete env.COURTFLOW_SEED_AUDITOR_PASSWORD;
  delete env.COURTFLOW_SEED_ADJUDICATOR_PASSWORD;
  delete env.COURTFLOW_TOKEN_SECRET;
  delete env.TEMPORAL_ADDRESS;
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
});

afterAll(async () => {
  if (stack && stack.exitCode === null) await stopStack(stack);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('courtflow start', () => {
  let caseNo: string;

  it('when started on an empty data dir, then it serves the API, docs, console and Temporal UI and files a claim end to end', async () => {
    stack = await startStack();
    expect(output).toContain(`API            ${baseUrl}/api/v1`);
    expect(output).toContain(`API docs       ${baseUrl}/docs`);
    // The web console is served by the built stack, its bundle with it.
    expect(output).toContain(`Console        ${baseUrl}/console/`);
    const consolePage = await fetch(`${baseUrl}/console/`);
    expect(consolePage.status).toBe(200);
    const script = (await consolePage.text()).match(/<script type="module" src="([^"]+)"/)?.[1];
    expect(script).toBe('/console/assets/app.js');
    expect((await fetch(`${baseUrl}${script!}`)).status).toBe(200);
    const ui = output.match(/Temporal UI\s+(\S+)/)?.[1];
    expect(ui).toBeDefined();
    expect((await fetch(ui!)).status).toBe(200);
    // The mail sink runs beside the stack (no SMTP_URL): its viewer answers, empty on a new data dir.
    const sink = output.match(/Mail\s+sink (\S+)/)?.[1];
    expect(sink).toBeDefined();
    expect(await (await fetch(`${sink!}/messages`)).json()).toEqual({ messages: [] });
    // The first staff accounts are made once; a generated password is printed once, on the console.
    expect(output).toContain('created the first registry-officer account: username registry.officer, password from COURTFLOW_SEED_OFFICER_PASSWORD');
    expect(output).toMatch(/created the first auditor account: username auditor, password \S+ \(shown only this once/);
    const officer = await login('registry.officer', OFFICER_PASSWORD);
    const registered = await postJson('/api/v1/accounts', { username: 'chan.tai.man', displayName: 'Chan Tai Man', password: 'filer-password-1' }, officer);
    expect(registered.status).toBe(201);
    filer = await login('chan.tai.man', 'filer-password-1');
    // Without credentials: no filing, and the case is not shown.
    expect((await postJson('/api/v1/sct/claims', aClaim())).status).toBe(401);
    caseNo = await fileClaim();
    await eventually(() => stageOf(caseNo), (s) => s === 'awaiting-hearing');
    // The worker exports the Temporal SDK's metrics for Prometheus.
    const metrics = await eventually(() => fetch(workerMetrics).then((r) => r.text(), () => ''), (text) => text.includes('temporal_'));
    expect(metrics).toMatch(/temporal_workflow_completed|temporal_request|temporal_workflow_task/);
  });

  it('when secrets are used (a wrong password, a password changed, an API key made and used, a webhook made), then each works', async () => {
    secretsUsed.set('officer password', OFFICER_PASSWORD).set('filer password', 'filer-password-1');
    secretsUsed.set("filer's access token", filer.authorization!.slice('Bearer '.length));
    const wrong = 'not-the-password-4f1c9e';
    secretsUsed.set('a wrong password', wrong);
    expect((await postJson('/api/v1/auth/login', { username: 'chan.tai.man', password: wrong })).status).toBe(401);
    const newPassword = 'filer-password-2-b7d3';
    secretsUsed.set("filer's new password", newPassword);
    expect((await postJson('/api/v1/me/password', { currentPassword: 'filer-password-1', newPassword }, filer)).status).toBe(204);
    filer = await login('chan.tai.man', newPassword);
    secretsUsed.set("filer's second access token", filer.authorization!.slice('Bearer '.length));
    const key = await postJson('/api/v1/auth/api-keys', { label: 'bulk filing' }, filer);
    expect(key.status).toBe(201);
    const apiKey = ((await key.json()) as { key: string }).key;
    secretsUsed.set('an API key', apiKey);
    expect((await fetch(`${baseUrl}/api/v1/sct/claims`, { headers: { 'x-api-key': apiKey } })).status).toBe(200);
    const hook = await postJson('/api/v1/me/webhooks', { url: 'https://receiver.example/courtflow' }, filer);
    expect(hook.status).toBe(201);
    secretsUsed.set("a webhook's signing secret", ((await hook.json()) as { secret: string }).secret);
    // The generated passwords of the other first accounts, printed once on the console by design.
    for (const [, role, password] of allOutput.matchAll(/created the first (\S+) account: username \S+, password (\S+) \(shown only this once/g)) {
      secretsUsed.set(`the generated ${role} password`, password!);
    }
    expect(secretsUsed.has('the generated auditor password')).toBe(true);
  });

  it('when running, then the data dir is its owner\'s alone, the worker and the API hold only the app role, /metrics is closed, and audit verify --anchor works', async () => {
    const mode = (file: string) => statSync(path.join(dataDir, file)).mode & 0o777;
    // As root the postgres OS user's group may pass through (0710); otherwise 0700.
    expect(mode('.')).toBe(process.getuid?.() === 0 ? 0o710 : 0o700);
    for (const file of ['temporal/temporal.sqlite', 'temporal/server.log', 'logs/api.log', 'logs/worker.log', 'secrets/postgres-app-password', 'secrets/postgres-owner-password']) {
      expect([file, mode(file)]).toEqual([file, 0o600]);
    }
    for (const dir of ['temporal', 'logs', 'secrets', 'postgres']) expect([dir, mode(dir)]).toEqual([dir, 0o700]);
    for (const role of ['api', 'worker']) {
      const environ = readFileSync(`/proc/${pidOf(role)}/environ`, 'utf8').split('\0');
      expect(environ.find((v) => v.startsWith('DATABASE_URL='))).toMatch(/^DATABASE_URL=postgres:\/\/courtflow_app:/);
      expect(environ.some((v) => v.startsWith('MIGRATION_DATABASE_URL='))).toBe(false);
    }
    expect((await fetch(`${baseUrl}/metrics`)).status).toBe(401);
    const verify = spawnSync(process.execPath, [path.join(projectRoot(), 'dist/cli/main.js'), 'audit', 'verify', '--anchor'], { env, encoding: 'utf8' });
    expect(verify.stdout).toMatch(/^audit log intact: \d+ entries/);
    expect(verify.stdout).toMatch(/anchored: seq \d+|not anchored: the head/);
    expect(verify.status).toBe(0);
    expect(mode('secrets/audit-signing-key')).toBe(0o600);
  });

  it('when WORKER_MAX_CACHED_WORKFLOWS and WORKER_MAX_CONCURRENT_ACTIVITIES are set, then the worker caches and runs at most that many', () => {
    const log = readFileSync(path.join(dataDir, 'logs', 'worker.log'), 'utf8');
    expect(log).toMatch(/worker polling \S+ namespace default, caching up to 250 workflows, running up to 7 activities at once/);
  });

  it('when the worker is killed with SIGKILL, then it is restarted and new and open cases carry on', async () => {
    const worker = pidOf('worker')!;
    process.kill(worker, 'SIGKILL');
    const restarted = await eventually(async () => pidOf('worker'), (pid) => pid !== undefined && pid !== worker && isAlive(pid), 30_000);
    expect(restarted).not.toBe(worker);
    const next = await fileClaim();
    await eventually(() => stageOf(next), (s) => s === 'awaiting-hearing', 30_000);
  });

  it('when stopped with SIGTERM, then it exits cleanly and leaves no process behind', async () => {
    const pids = [runFile().supervisor, ...runFile().children.map((c) => c.pid)];
    expect(await stopStack(stack!)).toBe(0);
    expect(pids.filter(isAlive)).toEqual([]);
    expect(existsSync(runFilePath)).toBe(false);
  });

  it('when started again, then every case and its pending hearing timer is still there', async () => {
    stack = await startStack();
    // Seeded once only; the token signed before the restart is still good (the secret is kept in the data dir).
    expect(output.match(/created the first registry-officer account/g)).toHaveLength(1);
    expect(await stageOf(caseNo)).toBe('awaiting-hearing');
    const connection = await Connection.connect({ address: temporalAddress });
    try {
      const handle = new Client({ connection }).workflow.getHandle(caseNo);
      expect((await handle.describe()).status.name).toBe('RUNNING');
      // The worker replays the history to answer: the case is alive, not just its row.
      expect((await handle.query(stateQuery)).stage).toBe('awaiting-hearing');
      // The hearing-day timer is (or, once the worker has caught up, becomes) pending, and has not fired.
      const events = await eventually(
        async () => (await handle.fetchHistory()).events ?? [],
        (history) => history.some((e) => e.timerStartedEventAttributes),
      );
      expect(events.some((e) => e.timerFiredEventAttributes)).toBe(false);
    } finally {
      await connection.close();
    }
  });

  it('when the supervisor itself is killed with SIGKILL, then the next start clears what it left and serves the same cases', async () => {
    const orphans = runFile().children.map((c) => c.pid);
    await stopStack(stack!, 'SIGKILL');
    output = '';
    stack = await startStack();
    expect(output).toContain('stopping processes left by an earlier run');
    expect(orphans.filter(isAlive)).toEqual([]);
    expect(await stageOf(caseNo)).toBe('awaiting-hearing');
    expect(await stopStack(stack)).toBe(0);
  });

  it('when every log of the run is read (debug level, across kills and restarts), then no secret is in any, and the console shows a generated password only on its one line', () => {
    // The installation's own secrets, each as a whole and, for a PEM key, each line of its body.
    const secretsDir = path.join(dataDir, 'secrets');
    for (const name of readdirSync(secretsDir).filter((n) => !n.endsWith('.pub'))) {
      const text = readFileSync(path.join(secretsDir, name), 'utf8').trim();
      const lines = text.includes('-----BEGIN') ? text.split('\n').filter((l) => !l.startsWith('-----') && l.length >= 16) : [text];
      lines.forEach((line, i) => secretsUsed.set(`secrets/${name}${lines.length > 1 ? ` line ${i + 1}` : ''}`, line));
    }
    expect(secretsUsed.size).toBeGreaterThanOrEqual(12);
    const logsDir = path.join(dataDir, 'logs');
    const logs = readdirSync(logsDir).map((name) => ({ name, text: readFileSync(path.join(logsDir, name), 'utf8') }));
    expect(logs.map((l) => l.name)).toEqual(expect.arrayContaining(['api.log', 'worker.log']));
    // Debug logging was on: the logs are not empty, so finding nothing means something.
    expect(logs.find((l) => l.name === 'api.log')!.text.length).toBeGreaterThan(1000);
    const leaks = [...secretsUsed].flatMap(([what, secret]) => logs.filter((l) => l.text.includes(secret)).map((l) => `${what} in logs/${l.name}`));
    expect(leaks).toEqual([]);
    const printed = [...secretsUsed].filter(([what]) => !what.startsWith('the generated')).filter(([, secret]) => allOutput.includes(secret));
    expect(printed.map(([what]) => what)).toEqual([]);
    for (const [what, secret] of secretsUsed) {
      if (!what.startsWith('the generated')) continue;
      const lines = allOutput.split('\n').filter((line) => line.includes(secret));
      expect(lines).toEqual([expect.stringMatching(/^courtflow: created the first \S+ account: username \S+, password \S+ \(shown only this once/)]);
    }
  });
});

