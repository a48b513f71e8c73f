/**
 * `courtflow start --training` as staff use it: a stack of its own on the
 * time-skipping test server, whose court clock an officer moves on. A claim
 * filed today reaches its hearing, sixty days on, when the clock is moved to
 * the next event; its papers say they are training; a second start is a
 * fresh court; and a training start never runs on a real data dir.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../cli/stack/processes';
import { TRAINING_MARKER } from '../../cli/training';
import { projectRoot } from '../../config/project-root';
import { addDays } from '../../domain/calendar';
import { hkDateOf } from '../../domain/time/hong-kong-time';
import { aClaim } from '../support/claims';
import { pdfText } from '../support/pdf-reading';
import { eventually } from '../support/stack';

const root = mkdtempSync(path.join(tmpdir(), 'courtflow-training-e2e-'));
// The training data dir sits inside: the postgres OS user (when run as root) must be able to pass through.
chmodSync(root, 0o711);
const dataDir = path.join(root, 'training');
const CLI = path.join(projectRoot(), 'dist/cli/main.js');
const OFFICER_PASSWORD = 'officer-password-for-training';
let env: NodeJS.ProcessEnv;
let baseUrl: string;
let stack: ChildProcess | undefined;
let output = '';

async function startTraining(): Promise<ChildProcess> {
  output = '';
  const child = spawn(process.execPath, [CLI, 'start', '--training'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await eventually(
    async () => output,
    (text) => {
      if (child.exitCode !== null) throw new Error(`courtflow start --training exited early:\n${text}`);
      // The addresses are printed after "ready": the whole banner is in once its last line is.
      return text.includes('Ctrl-C (or SIGTERM');
    },
    120_000,
  );
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

const call = async <T>(method: string, route: string, headers: Record<string, string> = {}, body?: unknown): Promise<{ status: number; body: T }> => {
  const res = await fetch(`${baseUrl}${route}`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, body: (await res.json()) as T };
};

async function login(username: string, password: string): Promise<Record<string, string>> {
  const res = await call<{ accessToken: string }>('POST', '/api/v1/auth/login', {}, { username, password });
  expect(res.status).toBe(200);
  return { authorization: `Bearer ${res.body.accessToken}` };
}

interface CourtTime {
  training: boolean;
  now: string;
  today: string;
  nextEvent: { kind: string; caseNo: string; at: string } | null;
}

beforeAll(async () => {
  const ports = await Promise.all(Array.from({ length: 8 }, () => freePort()));
  const [port, temporalPort, uiPort, pgPort, metricsPort, pspPort, mailPort, mailHttpPort] = ports.map(String);
  baseUrl = `http://127.0.0.1:${port}`;
  env = {
    ...process.env,
    PORT: port, TEMPORAL_PORT: temporalPort, TEMPORAL_UI_PORT: uiPort, POSTGRES_PORT: pgPort, WORKER_METRICS_PORT: metricsPort,
    PSP_SANDBOX_PORT: pspPort, MAIL_SINK_PORT: mailPort, MAIL_SINK_HTTP_PORT: mailHttpPort,
    COURTFLOW_TRAINING_DATA_DIR: dataDir,
    COURTFLOW_SEED_OFFICER_PASSWORD: OFFICER_PASSWORD,
  };
  for (const name of ['TEMPORAL_ADDRESS', 'DATABASE_URL', 'MIGRATION_DATABASE_URL', 'PSP_URL', 'SMTP_URL', 'COURTFLOW_DATA_DIR', 'COURTFLOW_TOKEN_SECRET']) delete env[name];
});

afterAll(async () => {
  if (stack && stack.exitCode === null) await stop(stack);
  rmSync(root, { recursive: true, force: true });
});

describe('courtflow start --training', () => {
  let caseNo: string;

  it('when started, then it says it is training, runs on its own data dir, and its clock is the simulated one', async () => {
    stack = await startTraining();
    expect(output).toContain('****  TRAINING  ****');
    expect(output).toContain(`Data           ${dataDir}`);
    expect(existsSync(path.join(dataDir, TRAINING_MARKER))).toBe(true);
    const clock = await call<CourtTime>('GET', '/api/v1/court-clock');
    expect(clock.body).toMatchObject({ training: true, nextEvent: null });
  });

  it('when a claim is filed and the officer moves the clock to the next event, then the case is at its hearing, sixty days on, and its papers say training', async () => {
    const officer = await login('registry.officer', OFFICER_PASSWORD);
    const made = await call('POST', '/api/v1/accounts', officer, { username: 'trainee.filer', displayName: 'Chan Tai Man', password: 'trainee-password-1' });
    expect(made.status).toBe(201);
    const filer = await login('trainee.filer', 'trainee-password-1');
    const filed = await call<{ caseNo: string; filedOn: string }>('POST', '/api/v1/sct/claims', filer, aClaim());
    expect(filed.status).toBe(201);
    caseNo = filed.body.caseNo;

    const before = await eventually(() => call<CourtTime>('GET', '/api/v1/court-clock'), (c) => c.body.nextEvent?.kind === 'hearing');
    const hearingAt = before.body.nextEvent!.at;
    expect(hkDateOf(Date.parse(hearingAt)) <= addDays(filed.body.filedOn, 60)).toBe(true);

    // A litigant cannot move the court's clock.
    expect((await call('POST', '/api/v1/court-clock/advance', filer, { to: 'next-event' })).status).toBe(403);
    const moved = await call<CourtTime & { reached: { kind: string; caseNo: string } }>('POST', '/api/v1/court-clock/advance', officer, { to: 'next-event' });
    expect(moved.status).toBe(200);
    expect(moved.body.reached).toMatchObject({ kind: 'hearing', caseNo });
    expect(Date.parse(moved.body.now)).toBeGreaterThan(Date.parse(hearingAt));
    // Today, for the API too, is the hearing day.
    expect((await call<CourtTime>('GET', '/api/v1/court-clock')).body.today).toBe(hkDateOf(Date.parse(hearingAt)));

    // The hearing has begun: the case waits for the tribunal's outcome.
    const view = await eventually(
      () => call<{ stage: string; papersIssued?: { kind: string; documentReferenceNo: string }[] }>('GET', `/api/v1/sct/claims/${caseNo}`, filer),
      (v) => v.body.stage === 'awaiting-outcome' && (v.body.papersIssued ?? []).length > 0,
      30_000,
    );
    const notice = view.body.papersIssued!.find((p) => p.kind === 'notice-of-hearing')!;
    const pdf = await fetch(`${baseUrl}/api/v1/cases/${caseNo}/documents/${notice.documentReferenceNo}/content`, { headers: filer });
    expect(pdf.status).toBe(200);
    expect(pdfText(new Uint8Array(await pdf.arrayBuffer())).replace(/\s+/g, ' ')).toContain('TRAINING — NOT A COURT DOCUMENT');
  });

  it('when it is stopped and started again, then it is a fresh court: the case is gone and the clock is today', async () => {
    expect(stack?.exitCode).toBeNull();
    await stop(stack!);
    stack = await startTraining();
    const officer = await login('registry.officer', OFFICER_PASSWORD);
    expect((await call('GET', `/api/v1/sct/claims/${caseNo}`, officer)).status).toBe(404);
    const clock = await call<CourtTime>('GET', '/api/v1/court-clock');
    expect(clock.body.today).toBe(hkDateOf(Date.now()));
    await stop(stack);
  });

  it('when its data dir holds something that is not training, or a real database is named, then it refuses to start and touches nothing', () => {
    const real = path.join(root, 'real');
    mkdirSync(path.join(real, 'postgres'), { recursive: true });
    writeFileSync(path.join(real, 'postgres', 'PG_VERSION'), '17\n');
    const refused = spawnSync(process.execPath, [CLI, 'start', '--training'], { env: { ...env, COURTFLOW_TRAINING_DATA_DIR: real }, encoding: 'utf8', timeout: 60_000 });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('is not a training data dir');
    expect(readFileSync(path.join(real, 'postgres', 'PG_VERSION'), 'utf8')).toBe('17\n');

    const external = spawnSync(process.execPath, [CLI, 'start', '--training'], { env: { ...env, DATABASE_URL: 'postgres://court@db/courtflow' }, encoding: 'utf8', timeout: 60_000 });
    expect(external.status).toBe(1);
    expect(external.stderr).toContain('unset DATABASE_URL');
  });
});
