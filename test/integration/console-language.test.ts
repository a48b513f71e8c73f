/**
 * The web console's language kept per account (GET and PUT
 * /api/v1/me/console-language) on a real PostgreSQL: null until chosen; each
 * account keeps its own; a change is audited with the language before and
 * after; a bad value is refused naming the field and changes nothing; the
 * language of the account's messages is a separate choice, left untouched.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import pino from 'pino';
import { createApp } from '../../api/app';
import { createTokenService } from '../../api/identity/tokens';
import { currentCalendar } from '../../db/court-calendar';
import { ensureSeedAccounts } from '../../db/seed-accounts';
import { startTestDatabase, type TestDatabase } from '../support/postgres';
import { apiAccounts, SEED_PASSWORDS, type SignedIn } from '../support/stack';

let db: TestDatabase;
let server: Server;
let baseUrl: string;
let alice: SignedIn;
let bob: SignedIn;

beforeAll(async () => {
  db = await startTestDatabase();
  await ensureSeedAccounts(db.pool, SEED_PASSWORDS, () => undefined);
  const app = createApp({
    pool: db.pool,
    temporal: new Proxy({} as Client, {
      get: (_target, property) => {
        throw new Error(`the console language used the Temporal client (${String(property)})`);
      },
    }),
    logger: pino({ level: 'silent' }),
    calendar: () => currentCalendar(db.pool),
    version: 'test',
    tokens: createTokenService({ secret: randomBytes(32) }),
    rateLimit: { capacity: 10_000, refillPerSecond: 1_000 },
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = apiAccounts(baseUrl);
  alice = await accounts.newIndividual('陳大文');
  bob = await accounts.newIndividual('Wong Siu Ming');
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await db?.stop();
});

async function call(method: 'GET' | 'PUT', path: string, who: SignedIn | null, body?: unknown) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(who ? who.headers : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

it('is null until chosen, kept per account, audited, and apart from the language of messages', async () => {
  expect(await call('GET', '/api/v1/me/console-language', alice)).toEqual({ status: 200, body: { language: null } });
  expect(await call('PUT', '/api/v1/me/console-language', alice, { language: 'zh-Hans' })).toEqual({ status: 200, body: { language: 'zh-Hans' } });
  expect((await call('GET', '/api/v1/me/console-language', alice)).body).toEqual({ language: 'zh-Hans' });
  // Bob's is his own; Alice's messages keep their language.
  expect((await call('GET', '/api/v1/me/console-language', bob)).body).toEqual({ language: null });
  expect((await call('GET', '/api/v1/me/language', alice)).body).toEqual({ language: 'en' });

  expect((await call('PUT', '/api/v1/me/console-language', alice, { language: 'zh-Hant' })).status).toBe(200);
  const { rows } = await db.pool.query<{ before: unknown; after: unknown }>(
    "SELECT before, after FROM audit_log WHERE action = 'account.console-language-set' AND target = $1 ORDER BY seq",
    [`account:${alice.id}`],
  );
  expect(rows).toEqual([
    { before: { language: null }, after: { language: 'zh-Hans' } },
    { before: { language: 'zh-Hans' }, after: { language: 'zh-Hant' } },
  ]);
});

it('refuses a language it does not speak, naming the field and changing nothing, and refuses the public', async () => {
  await call('PUT', '/api/v1/me/console-language', bob, { language: 'en' });
  for (const body of [{ language: 'zh-CN' }, { language: '' }, {}]) {
    const refused = await call('PUT', '/api/v1/me/console-language', bob, body);
    expect(refused.status).toBe(400);
    expect((refused.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['language']);
  }
  expect((await call('PUT', '/api/v1/me/console-language', bob, { language: 'zh-Hans', extra: 1 })).status).toBe(400);
  expect((await call('PUT', '/api/v1/me/console-language', bob, '"zh-Hans"')).status).toBe(400);
  expect((await call('GET', '/api/v1/me/console-language', bob)).body).toEqual({ language: 'en' });
  expect((await call('GET', '/api/v1/me/console-language', null)).status).toBe(401);
  expect((await call('PUT', '/api/v1/me/console-language', null, { language: 'en' })).status).toBe(401);
});
