/**
 * Credentials that end when they should, and sign-in throttling that cannot
 * be turned against the owner, over HTTP on a real PostgreSQL: the app is
 * built with `createApp` as the API builds it (no Temporal: identity needs
 * none, so the Temporal client refuses every use).
 *
 * Clients connect from distinct loopback addresses (127.0.0.2, 127.0.0.3…,
 * all of 127.0.0.0/8 is this machine), so "another address" is a real other
 * peer, not a header. One app trusts no proxy (the default); the other trusts
 * 127.0.0.1 as its reverse proxy (COURTFLOW_TRUSTED_PROXIES=127.0.0.1).
 */
import { randomBytes } from 'node:crypto';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import pino from 'pino';
import { createApp } from '../../api/app';
import { LoginThrottle } from '../../api/middleware/rate-limit';
import { createTokenService, type TokenService } from '../../api/identity/tokens';
import { currentCalendar } from '../../db/court-calendar';
import { ensureSeedAccounts } from '../../db/seed-accounts';
import { startTestDatabase, type TestDatabase } from '../support/postgres';

const OFFICER_PASSWORD = 'officer-password-for-tests';
const ATTACKER = '127.0.0.2';
const OWNER = '127.0.0.3';
const PROXY = '127.0.0.1';

const untouchable = <T extends object>(name: string): T =>
  new Proxy({} as T, {
    get(_target, property) {
      throw new Error(`identity used ${name}.${String(property)}`);
    },
  });

interface RunningApp {
  port: number;
  server: Server;
}

let db: TestDatabase;
let tokens: TokenService;
let direct: RunningApp;
let behindProxy: RunningApp;

async function start(trustedProxies?: string[]): Promise<RunningApp> {
  const app = createApp({
    pool: db.pool,
    temporal: untouchable<Client>('the Temporal client'),
    logger: pino({ level: 'silent' }),
    calendar: () => currentCalendar(db.pool),
    version: 'test',
    tokens,
    rateLimit: { capacity: 10_000, refillPerSecond: 1_000 },
    // The sign-in throttle on the test's own clock: waits pass when the test says, not when a loaded machine is slow.
    loginLimiter: new LoginThrottle({ now: () => clock.ms }),
    ...(trustedProxies ? { trustedProxies } : {}),
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { server, port: (server.address() as AddressInfo).port };
}

beforeAll(async () => {
  db = await startTestDatabase();
  await ensureSeedAccounts(db.pool, { COURTFLOW_SEED_OFFICER_PASSWORD: OFFICER_PASSWORD }, () => undefined);
  tokens = createTokenService({ secret: randomBytes(32) });
  direct = await start();
  behindProxy = await start([PROXY]);
});
afterAll(async () => {
  for (const app of [direct, behindProxy]) if (app) await new Promise((resolve) => app.server.close(resolve));
  await db?.stop();
});

type Json = Record<string, unknown>;
interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Json;
}

interface CallOptions {
  /** The client's own address (the TCP peer the API sees). Default 127.0.0.1. */
  from?: string;
  app?: RunningApp;
  token?: string;
  apiKey?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One HTTP request, sent from the `from` address. */
function call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const app = options.app ?? direct;
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...options.headers };
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.apiKey) headers['x-api-key'] = options.apiKey;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: app.port, method, path, headers, localAddress: options.from ?? '127.0.0.1', agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: (text ? JSON.parse(text) : {}) as Json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const login = (username: string, password: string, options: CallOptions = {}) => call('POST', '/api/v1/auth/login', { ...options, body: { username, password } });

async function signIn(username: string, password: string, options: CallOptions = {}): Promise<string> {
  const res = await login(username, password, options);
  expect(res.status).toBe(200);
  return String(res.body.accessToken);
}

let seq = 0;
async function newIndividual(): Promise<{ id: string; username: string; password: string }> {
  const officer = await signIn('registry.officer', OFFICER_PASSWORD);
  const username = `credentials-${++seq}-${Date.now().toString(36)}`;
  const password = 'first-password-123';
  const res = await call('POST', '/api/v1/accounts', { token: officer, body: { username, displayName: 'Chan Tai Man', password } });
  expect(res.status).toBe(201);
  return { id: String((res.body.account as Json).id), username, password };
}

/** The sign-in throttle's clock (milliseconds): it stands still unless a test lets time pass. */
const clock = { ms: Date.now() };
const sleep = (seconds: number) => {
  clock.ms += seconds * 1000 + 50;
};

describe('a password change', () => {
  it('when the password is changed, then every token issued before it is refused at once and cannot mint an API key; the new password signs in', async () => {
    const user = await newIndividual();
    const stolen = await signIn(user.username, user.password);
    const mine = await signIn(user.username, user.password);
    expect((await call('GET', '/api/v1/me', { token: stolen })).status).toBe(200);

    const changed = await call('POST', '/api/v1/me/password', { token: mine, body: { currentPassword: user.password, newPassword: 'second-password-456' } });
    expect(changed.status).toBe(204);

    for (const token of [stolen, mine]) {
      const me = await call('GET', '/api/v1/me', { token });
      expect(me.status).toBe(401);
      expect(me.body.detail).toMatch(/revoked/);
    }
    expect((await call('POST', '/api/v1/auth/api-keys', { token: stolen, body: { label: 'backdoor' } })).status).toBe(401);
    const { rows } = await db.pool.query('SELECT 1 FROM api_keys WHERE account_id = $1', [user.id]);
    expect(rows).toEqual([]);

    expect((await login(user.username, user.password)).status).toBe(401);
    const fresh = await signIn(user.username, 'second-password-456');
    expect((await call('GET', '/api/v1/me', { token: fresh })).status).toBe(200);
  });

  it('when a token is issued in the same millisecond as the change, then which side of it the token was issued on decides, not the clock', async () => {
    const user = await newIndividual();
    const token = await signIn(user.username, user.password);
    const instant = new Date();
    // Both issued at the very instant; one of the generation before the change, one of the generation after.
    const before = tokens.issue(user.id, instant, 0).token;
    expect((await call('POST', '/api/v1/me/password', { token, body: { currentPassword: user.password, newPassword: 'second-password-456' } })).status).toBe(204);
    const after = tokens.issue(user.id, instant, 1).token;
    expect((await call('GET', '/api/v1/me', { token: before })).status).toBe(401);
    expect((await call('GET', '/api/v1/me', { token: after })).status).toBe(200);
  });

  it('when the current password is wrong, then nothing changes and the tokens still work', async () => {
    const user = await newIndividual();
    const token = await signIn(user.username, user.password);
    const res = await call('POST', '/api/v1/me/password', { token, body: { currentPassword: 'not-the-password', newPassword: 'second-password-456' } });
    expect(res.status).toBe(403);
    expect((await call('GET', '/api/v1/me', { token })).status).toBe(200);
  });
});

describe('logout', () => {
  it('when a session logs out, then that token is refused at once (204) and other sessions go on; the row is kept until the token would expire', async () => {
    const user = await newIndividual();
    const phone = await signIn(user.username, user.password);
    const laptop = await signIn(user.username, user.password);
    const out = await call('POST', '/api/v1/auth/logout', { token: phone });
    expect(out.status).toBe(204);
    const refused = await call('GET', '/api/v1/me', { token: phone });
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toMatch(/signed out/);
    expect((await call('POST', '/api/v1/auth/logout', { token: phone })).status).toBe(401);
    expect((await call('GET', '/api/v1/me', { token: laptop })).status).toBe(200);

    const check = tokens.check(phone);
    if (!check.ok) throw new Error('the token should still check out by itself');
    const { rows } = await db.pool.query<{ expires_at: Date }>('SELECT expires_at FROM revoked_tokens WHERE jti = $1', [check.claims.jti]);
    expect(rows[0]?.expires_at.getTime()).toBe(check.claims.exp * 1000);
    const { rows: audit } = await db.pool.query("SELECT actor_id, action, target FROM audit_log WHERE action = 'auth.logout' AND actor_id = $1", [user.id]);
    expect(audit).toEqual([{ actor_id: user.id, action: 'auth.logout', target: `account:${user.id}` }]);
  });

  it('when a token logs out, then rows of tokens already expired are pruned', async () => {
    const user = await newIndividual();
    await db.pool.query("INSERT INTO revoked_tokens (jti, account_id, expires_at) VALUES ('long-gone', $1, now() - interval '1 hour')", [user.id]);
    expect((await call('POST', '/api/v1/auth/logout', { token: await signIn(user.username, user.password) })).status).toBe(204);
    expect((await db.pool.query("SELECT 1 FROM revoked_tokens WHERE jti = 'long-gone'")).rows).toEqual([]);
  });

  it('when a session logs out everywhere, then every token of the account ends', async () => {
    const user = await newIndividual();
    const one = await signIn(user.username, user.password);
    const two = await signIn(user.username, user.password);
    expect((await call('POST', '/api/v1/auth/logout', { token: one, body: { everywhere: true } })).status).toBe(204);
    expect((await call('GET', '/api/v1/me', { token: one })).status).toBe(401);
    expect((await call('GET', '/api/v1/me', { token: two })).status).toBe(401);
    expect((await call('GET', '/api/v1/me', { token: await signIn(user.username, user.password) })).status).toBe(200);
  });

  it('when an API key tries to log out, then 403; when a body says nothing, then 400; and neither signs anything out', async () => {
    const user = await newIndividual();
    const token = await signIn(user.username, user.password);
    const key = String((await call('POST', '/api/v1/auth/api-keys', { token, body: { label: 'integration' } })).body.key);
    const byKey = await call('POST', '/api/v1/auth/logout', { apiKey: key });
    expect(byKey.status).toBe(403);
    expect((await call('POST', '/api/v1/auth/logout', { token, body: {} })).status).toBe(400);
    expect((await call('GET', '/api/v1/me', { token })).status).toBe(200);
    expect((await call('GET', '/api/v1/me', { apiKey: key })).status).toBe(200);
    expect((await call('POST', '/api/v1/auth/logout', {})).status).toBe(401);
  });
});

describe('API keys: when last used', () => {
  it('when a key is used, then the list shows when, written at most once a minute', async () => {
    const user = await newIndividual();
    const token = await signIn(user.username, user.password);
    const created = await call('POST', '/api/v1/auth/api-keys', { token, body: { label: 'case system' } });
    expect(created.body.lastUsedAt).toBeNull();
    const key = String(created.body.key);
    const lastUsed = async () => {
      const list = await call('GET', '/api/v1/auth/api-keys', { token });
      return ((list.body.apiKeys as Json[]).find((k) => k.id === created.body.id) ?? {}).lastUsedAt;
    };
    expect(await lastUsed()).toBeNull();

    const before = Date.now();
    expect((await call('GET', '/api/v1/me', { apiKey: key })).status).toBe(200);
    const first = await lastUsed();
    expect(typeof first).toBe('string');
    expect(Date.parse(String(first))).toBeGreaterThanOrEqual(before - 1000);

    // Used again within the minute: no write.
    expect((await call('GET', '/api/v1/me', { apiKey: key })).status).toBe(200);
    expect(await lastUsed()).toBe(first);

    // Last written two minutes ago: the next use writes again.
    await db.pool.query("UPDATE api_keys SET last_used_at = now() - interval '2 minutes' WHERE id = $1", [created.body.id]);
    const stale = await lastUsed();
    expect((await call('GET', '/api/v1/me', { apiKey: key })).status).toBe(200);
    expect(Date.parse(String(await lastUsed()))).toBeGreaterThan(Date.parse(String(stale)) + 60_000);
  });
});

describe('suspension', () => {
  it('when an account is suspended, then its token is refused at once, as before', async () => {
    const user = await newIndividual();
    const token = await signIn(user.username, user.password);
    const officer = await signIn('registry.officer', OFFICER_PASSWORD);
    expect((await call('POST', `/api/v1/accounts/${user.id}/suspend`, { token: officer, body: {} })).status).toBe(200);
    expect((await call('GET', '/api/v1/me', { token })).status).toBe(401);
    // Reactivated, the account signs in afresh: the tokens it had before the suspension stay dead.
    expect((await call('POST', `/api/v1/accounts/${user.id}/reactivate`, { token: officer, body: {} })).status).toBe(200);
    expect((await call('GET', '/api/v1/me', { token })).status).toBe(401);
    expect((await call('GET', '/api/v1/me', { token: await signIn(user.username, user.password) })).status).toBe(200);
  });
});

describe('sign-in throttling', () => {
  /** Wrong passwords until refused; returns the 429. */
  async function throttle(username: string, options: CallOptions): Promise<Answer> {
    for (let i = 0; i < 20; i += 1) {
      const res = await login(username, `wrong-guess-${i}`, options);
      if (res.status === 429) return res;
      expect(res.status).toBe(401);
    }
    throw new Error('never throttled');
  }

  it('when an attacker at one address is throttled on a username, then its owner signs in from another address at once', async () => {
    const user = await newIndividual();
    const refused = await throttle(user.username, { from: ATTACKER });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body).toMatchObject({ status: 429, type: 'urn:courtflow:problem:rate-limited' });
    // Even the right password is not tried from the attacker's address while it waits.
    expect((await login(user.username, user.password, { from: ATTACKER })).status).toBe(429);
    for (let i = 0; i < 3; i += 1) expect((await login(user.username, user.password, { from: OWNER })).status).toBe(200);
    expect((await login(user.username, 'wrong-guess', { from: ATTACKER })).status).toBe(429);
  });

  it('when the attacker sends a spoofed X-Forwarded-For and no proxy is trusted, then it does not escape the throttle', async () => {
    const user = await newIndividual();
    await throttle(user.username, { from: ATTACKER });
    for (const forwarded of ['198.51.100.77', OWNER, '198.51.100.78, 198.51.100.79']) {
      expect((await login(user.username, 'wrong-again', { from: ATTACKER, headers: { 'x-forwarded-for': forwarded } })).status).toBe(429);
    }
  });

  it('when a proxy is trusted, then its X-Forwarded-For names the client, and only its: a spoof from elsewhere is still throttled', async () => {
    const user = await newIndividual();
    // Through the proxy: clients told apart by the address it forwards.
    await throttle(user.username, { app: behindProxy, from: PROXY, headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect((await login(user.username, user.password, { app: behindProxy, from: PROXY, headers: { 'x-forwarded-for': '203.0.113.7' } })).status).toBe(429);
    expect((await login(user.username, user.password, { app: behindProxy, from: PROXY, headers: { 'x-forwarded-for': '198.51.100.20' } })).status).toBe(200);

    // Straight from a client that is not the proxy: its header is not believed.
    await throttle(user.username, { app: behindProxy, from: ATTACKER });
    expect((await login(user.username, 'wrong', { app: behindProxy, from: ATTACKER, headers: { 'x-forwarded-for': '198.51.100.20' } })).status).toBe(429);
  });

  it('when the attacker keeps failing, then the wait grows: 1 s, then 2 s, then 4 s', async () => {
    const user = await newIndividual();
    const waits = [Number((await throttle(user.username, { from: ATTACKER })).headers['retry-after'])];
    for (let i = 0; i < 2; i += 1) {
      sleep(waits[waits.length - 1] ?? 1);
      expect((await login(user.username, 'another-wrong-guess', { from: ATTACKER })).status).toBe(401);
      const refused = await login(user.username, 'too-soon', { from: ATTACKER });
      expect(refused.status).toBe(429);
      waits.push(Number(refused.headers['retry-after']));
    }
    expect(waits).toEqual([1, 2, 4]);
  });

  it('when the pair signs in successfully, then its failures are forgotten: the free attempts start again', async () => {
    const user = await newIndividual();
    await throttle(user.username, { from: OWNER });
    sleep(1);
    expect((await login(user.username, user.password, { from: OWNER })).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await login(user.username, `typo-${i}`, { from: OWNER })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('when a stolen token guesses the current password, then it is throttled like sign-in (429 with Retry-After)', async () => {
    const user = await newIndividual();
    const token = await signIn(user.username, user.password, { from: ATTACKER });
    const statuses: number[] = [];
    let last: Answer | undefined;
    for (let i = 0; i < 6; i += 1) {
      last = await call('POST', '/api/v1/me/password', { from: ATTACKER, token, body: { currentPassword: `guess-${i}-long`, newPassword: 'second-password-456' } });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([403, 403, 403, 403, 403, 429]);
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login(user.username, user.password, { from: OWNER })).status).toBe(200);
  });
});
