/**
 * The real stack in-process for integration tests: a Temporal dev server (or
 * the time-skipping test server), a migrated PostgreSQL, a worker and the API
 * on a free port.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import pino from 'pino';
import { trainingClock } from '../../services/training/court-clock';
import { createApp, type AppDeps } from '../../api/app';
import { createTokenService } from '../../api/identity/tokens';
import { answerMalformedRequests } from '../../api/malformed-requests';
import { currentCalendar } from '../../db/court-calendar';
import { documentsDir } from '../../db/document-store/configured';
import { localDiskStore } from '../../db/document-store/local-disk';
import { createPool } from '../../db/pool';
import { ensureSeedAccounts } from '../../db/seed-accounts';
import { createWorker, type CourtflowWorker } from '../../workers/worker';
import type { PaymentProvider } from '../../db/payment-provider/provider';
import { createSandboxPaymentProvider } from '../../db/payment-provider/sandbox-adapter';
import { createSandboxProvider, type SandboxProvider } from '../../sandbox/payment-provider/server';
import { createMailSink, type MailSink, type MailSummary } from '../../sandbox/mail-sink/server';
import type { DeliveryRetry } from '../../domain/notifications/deliveries';
import { startTestDatabase, type TestDatabase } from './postgres';
import { devServerEnvironment, timeSkippingEnvironment, workflowBundle } from './temporal';

/** The seed accounts' passwords in tests (set as the COURTFLOW_SEED_*_PASSWORD variables would). */
export const SEED_PASSWORDS = {
  COURTFLOW_SEED_OFFICER_PASSWORD: 'officer-password-for-tests',
  COURTFLOW_SEED_AUDITOR_PASSWORD: 'auditor-password-for-tests',
  COURTFLOW_SEED_ADJUDICATOR_PASSWORD: 'adjudicator-password-for-tests',
};
export const SEEDED = {
  officer: { username: 'registry.officer', password: SEED_PASSWORDS.COURTFLOW_SEED_OFFICER_PASSWORD },
  auditor: { username: 'auditor', password: SEED_PASSWORDS.COURTFLOW_SEED_AUDITOR_PASSWORD },
  adjudicator: { username: 'adjudicator', password: SEED_PASSWORDS.COURTFLOW_SEED_ADJUDICATOR_PASSWORD },
};

export interface SignedIn {
  id: string;
  username: string;
  token: string;
  /** `{ authorization: 'Bearer …' }`, to spread into fetch headers. */
  headers: Record<string, string>;
}

/** The sandbox payment provider of a stack started with `payments: true`. */
export interface TestSandbox {
  url: string;
  /** Stops it (its state stays on disk) and starts it again on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The mail sink of a stack started with `mail: true`: the worker's SMTP server. */
export interface TestMailSink {
  smtpUrl: string;
  viewerUrl: string;
  /** Every message received so far, oldest first. */
  messages(): Promise<MailSummary[]>;
}

export interface TestStack {
  env: TestWorkflowEnvironment;
  /** Present when started with `payments: true`. */
  sandbox?: TestSandbox;
  /** Present when started with `mail: true`. */
  mail?: TestMailSink;
  db: TestDatabase;
  baseUrl: string;
  /** Signs in through the API. */
  login(username: string, password: string): Promise<SignedIn>;
  /** The seeded registry officer, signed in. */
  officer(): Promise<SignedIn>;
  /** A new individual user, registered by the registry officer and signed in. */
  newIndividual(displayName?: string): Promise<SignedIn>;
  stop(): Promise<void>;
}

let accounts = 0;

export interface TestStackOptions extends Partial<Pick<AppDeps, 'rateLimit' | 'loginLimiter' | 'corsOrigins' | 'admitNewWork'>> {
  /** Run on the time-skipping test server instead of the dev server, so a test can let weeks pass. */
  timeSkipping?: boolean;
  /** With `timeSkipping`: a training stack, the API's court clock that server's (as `courtflow start --training`). */
  training?: boolean;
  /** More arguments for the dev server (`--dynamic-config-value limit.historyCount.suggestContinueAsNew=20` makes cases continue as new soon). */
  temporalArgs?: readonly string[];
  /** Run the sandbox payment provider (a real HTTP server) and pay through it. */
  payments?: boolean;
  /** Run a mail sink (a real SMTP server, in-process) and send notice emails to it. */
  mail?: boolean;
  /** How notice deliveries are retried; by default quickly (3 attempts, 0.2 s then 0.4 s apart), so a dead letter comes in seconds. */
  notificationRetry?: DeliveryRetry;
}

/** Retries in tests: a dead letter within a second or two, not 21 minutes. */
export const TEST_NOTIFICATION_RETRY: DeliveryRetry = { initialIntervalMs: 200, backoffCoefficient: 2, maximumIntervalMs: 1_000, maximumAttempts: 3 };

const SANDBOX_KEY = 'sandbox-api-key-for-tests-0123456789';
const SANDBOX_SECRET = 'sandbox-signing-secret-for-tests-0123456789';

async function startSandbox(): Promise<TestSandbox & { provider: PaymentProvider }> {
  const stateDir = mkdtempSync(path.join(tmpdir(), 'courtflow-psp-'));
  const stateFile = path.join(stateDir, 'state.json');
  let running: SandboxProvider = await createSandboxProvider({ port: 0, stateFile, apiKey: SANDBOX_KEY, signingSecret: SANDBOX_SECRET, callbackRetry: { attempts: 3, firstDelayMs: 200 } });
  const url = running.url;
  const port = Number(new URL(url).port);
  return {
    url,
    provider: createSandboxPaymentProvider({ baseUrl: url, apiKey: SANDBOX_KEY, signingSecret: SANDBOX_SECRET, timeoutMs: 5_000 }),
    async restart() {
      await running.close();
      running = await createSandboxProvider({ port, stateFile, apiKey: SANDBOX_KEY, signingSecret: SANDBOX_SECRET, callbackRetry: { attempts: 3, firstDelayMs: 200 } });
    },
    async stop() {
      await running.close();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

export async function startTestStack({
  timeSkipping = false,
  training = false,
  temporalArgs = [],
  payments = false,
  mail = false,
  notificationRetry = TEST_NOTIFICATION_RETRY,
  ...options
}: TestStackOptions = {}): Promise<TestStack> {
  // Both at once; if one fails to start, the other is stopped, so a failed start leaves no server behind.
  const [temporal, database] = await Promise.allSettled([timeSkipping ? timeSkippingEnvironment() : devServerEnvironment(temporalArgs), startTestDatabase()]);
  if (temporal.status === 'rejected' || database.status === 'rejected') {
    if (temporal.status === 'fulfilled') await temporal.value.teardown().catch(() => undefined);
    if (database.status === 'fulfilled') await database.value.stop().catch(() => undefined);
    throw temporal.status === 'rejected' ? temporal.reason : (database as PromiseRejectedResult).reason;
  }
  const [env, db] = [temporal.value, database.value];
  await ensureSeedAccounts(db.pool, SEED_PASSWORDS, () => undefined);
  // The worker and the API connect as the application's role, as in production:
  // a grant they lack fails here, not first on a real server. Tests set up and
  // inspect through `db.pool` (the superuser).
  const appPool = createPool(db.appUrl);
  // Throwaway folders this stack makes, removed when it stops.
  const scratch: string[] = [];
  const scratchDir = (prefix: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    scratch.push(dir);
    return dir;
  };
  // Documents (uploads and the papers cases issue) go to a data dir of this test file's own.
  const ownDataDir = process.env.COURTFLOW_DATA_DIR === undefined;
  process.env.COURTFLOW_DATA_DIR ??= scratchDir('courtflow-test-data-');
  const sandbox = payments ? await startSandbox() : undefined;
  const mailSink: MailSink | undefined = mail ? await createMailSink({ dir: scratchDir('courtflow-mail-') }) : undefined;
  const clock = training ? await trainingClock(env.address) : undefined;
  const app = createApp({
    ...(clock ? { clock } : {}),
    pool: appPool,
    temporal: env.client,
    logger: pino({ level: process.env.COURTFLOW_TEST_LOG ?? 'silent' }),
    calendar: () => currentCalendar(appPool),
    version: 'test',
    tokens: createTokenService({ secret: randomBytes(32) }),
    rateLimit: { capacity: 10_000, refillPerSecond: 1_000 },
    ...(sandbox ? { paymentProvider: sandbox.provider } : {}),
    notificationRetry,
    ...options,
  });
  const server: Server = await new Promise((resolve) => {
    const s = answerMalformedRequests(app.listen(0, '127.0.0.1', () => resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  // The worker after the API: payers and the provider's callbacks are sent back to the API's address.
  const worker: CourtflowWorker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    pool: appPool,
    documents: localDiskStore(documentsDir(process.env.COURTFLOW_DATA_DIR)),
    workflowBundle: await workflowBundle(),
    ...(sandbox ? { payments: { provider: sandbox.provider, publicBaseUrl: baseUrl } } : {}),
    // Notices' deliveries are started by activities; webhooks go to receivers the tests run on loopback.
    client: env.client,
    notifications: { ...(mailSink ? { smtpUrl: mailSink.smtpUrl } : {}), retry: notificationRetry, allowPrivateAddresses: true },
  });
  const running = worker.run();
  const { login, officer, newIndividual } = apiAccounts(baseUrl);
  return {
    env,
    ...(sandbox ? { sandbox } : {}),
    ...(mailSink ? { mail: { smtpUrl: mailSink.smtpUrl, viewerUrl: mailSink.viewerUrl, messages: () => Promise.resolve(mailSink.messages()) } } : {}),
    db,
    baseUrl,
    login,
    officer,
    newIndividual,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await clock?.close();
      worker.shutdown();
      await running;
      await env.teardown();
      await sandbox?.stop();
      await mailSink?.close();
      await appPool.end();
      await db.stop();
      for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
      if (ownDataDir) delete process.env.COURTFLOW_DATA_DIR;
    },
  };
}

/** Signing in, and registering individual users as the seeded registry officer, through the API at `baseUrl`. */
export function apiAccounts(baseUrl: string): Pick<TestStack, 'login' | 'officer' | 'newIndividual'> {
  const login = async (username: string, password: string): Promise<SignedIn> => {
    const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`sign-in as ${username} failed: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { accessToken: string; account: { id: string } };
    return { id: body.account.id, username, token: body.accessToken, headers: { authorization: `Bearer ${body.accessToken}` } };
  };
  const officer = () => login(SEEDED.officer.username, SEEDED.officer.password);
  const newIndividual = async (displayName = 'Chan Tai Man'): Promise<SignedIn> => {
    const username = `individual-${++accounts}-${Date.now().toString(36)}`;
    const password = 'individual-password-1';
    const res = await fetch(`${baseUrl}/api/v1/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await officer()).headers },
      body: JSON.stringify({ username, displayName, password }),
    });
    if (res.status !== 201) throw new Error(`registering ${username} failed: ${res.status} ${await res.text()}`);
    return login(username, password);
  };
  return { login, officer, newIndividual };
}

/** Polls `read` until `accept` holds (a projection catching up), failing after `timeoutMs`. */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  do {
    last = await read();
    if (accept(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  } while (Date.now() < deadline);
  throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
}

/**
 * Waits until the case has issued its notice of hearing (which it does beside
 * its steps, as a version of its own), so a test that counts versions counts
 * only its own steps.
 */
export async function untilNoticeIssued(stack: TestStack, caseNo: string, headers: Record<string, string>): Promise<void> {
  await eventually(
    async () => (await (await fetch(`${stack.baseUrl}/api/v1/sct/claims/${caseNo}`, { headers })).json()) as { papersIssued?: unknown[] },
    (view) => (view.papersIssued ?? []).length > 0,
  );
}
