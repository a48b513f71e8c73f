/**
 * Identity over HTTP on a real PostgreSQL (no Temporal): seed accounts,
 * sign-in, tokens, API keys, suspension, organisation administration, case
 * access per role, and the audit entries all of it leaves.
 */
import { canSeeCase, enterCase, partyIdFor } from '../../services/case-access';
import { actorFromAccount } from '../../api/identity/authenticate';
import { TokenBuckets } from '../../api/middleware/rate-limit';
import { findAccount } from '../../db/accounts';
import { inTransaction } from '../../db/pool';
import { insertFiling } from '../../db/sct-filings';
import { createCalendar } from '../../domain/calendar';
import { aClaim } from '../support/claims';
import { readAuditLog, verifyAuditChain } from '../../db/audit-log';
import { ensureSeedAccounts } from '../../db/seed-accounts';
import type { Actor } from '../../domain/identity/actor';
import { startIdentityApp, type IdentityApp } from '../support/identity-app';
import { startTestDatabase, type TestDatabase } from '../support/postgres';

let db: TestDatabase;
let app: IdentityApp;
const OFFICER_PASSWORD = 'officer-password-for-tests';
const seedLog: string[] = [];

beforeAll(async () => {
  db = await startTestDatabase();
  await ensureSeedAccounts(db.pool, { COURTFLOW_SEED_OFFICER_PASSWORD: OFFICER_PASSWORD }, (line) => seedLog.push(line));
  app = await startIdentityApp(db.pool, { loginLimiter: new TokenBuckets({ capacity: 5, refillPerSecond: 0.01 }) });
});
afterAll(async () => {
  await app?.stop();
  await db?.stop();
});

type Json = Record<string, unknown>;
async function call(method: string, path: string, options: { token?: string; apiKey?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.apiKey) headers['x-api-key'] = options.apiKey;
  const res = await fetch(`${app.baseUrl}${path}`, { method, headers, ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: (text ? JSON.parse(text) : {}) as Json };
}
const post = (path: string, body: unknown, token?: string) => call('POST', path, { body, ...(token ? { token } : {}) });

async function login(username: string, password: string): Promise<string> {
  const res = await post('/api/v1/auth/login', { username, password });
  expect(res.status).toBe(200);
  return String(res.body.accessToken);
}

let officer: string;
let seq = 0;
const unique = (name: string) => `${name}-${++seq}-${Date.now().toString(36)}`;

async function createIndividual(): Promise<{ id: string; username: string; password: string; token: string }> {
  const username = unique('individual');
  const res = await post('/api/v1/accounts', { username, displayName: 'Chan Tai Man' }, officer);
  expect(res.status).toBe(201);
  const password = String(res.body.initialPassword);
  return { id: String((res.body.account as Json).id), username, password, token: await login(username, password) };
}

async function createOrganisation(): Promise<{ id: string; adminToken: string; adminId: string }> {
  const username = unique('principal');
  const res = await post('/api/v1/organisations', { name: 'Wong & Partners', principalAdmin: { username, displayName: 'Wong', password: 'principal-password-1' } }, officer);
  expect(res.status).toBe(201);
  expect(res.body.initialPassword).toBeUndefined();
  return {
    id: String((res.body.organisation as Json).id),
    adminId: String((res.body.principalAdmin as Json).id),
    adminToken: await login(username, 'principal-password-1'),
  };
}

async function createOrgAccount(orgId: string, adminToken: string, role: 'org-user' | 'org-sub-admin', extra: Json = {}) {
  const username = unique(role);
  const res = await post(`/api/v1/organisations/${orgId}/accounts`, { username, displayName: role, role, password: 'member-password-1', ...extra }, adminToken);
  return { res, username, id: String(((res.body.account ?? {}) as Json).id), token: res.status === 201 ? await login(username, 'member-password-1') : '' };
}

beforeAll(async () => {
  officer = await login('registry.officer', OFFICER_PASSWORD);
});

describe('seed accounts', () => {
  it('when a new install starts, then an officer (env password), an auditor and an adjudicator (printed once) exist', async () => {
    expect(seedLog).toHaveLength(3);
    expect(seedLog[0]).toBe('courtflow: created the first registry-officer account: username registry.officer, password from COURTFLOW_SEED_OFFICER_PASSWORD');
    expect(seedLog.join('\n')).not.toContain(OFFICER_PASSWORD);
    const auditorPassword = /username auditor, password (\S+) /.exec(seedLog[1] ?? '')?.[1];
    expect(auditorPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    await login('auditor', auditorPassword ?? '');
  });

  it('when it runs again, then nothing is created and nothing printed', async () => {
    const again: string[] = [];
    expect(await ensureSeedAccounts(db.pool, {}, (l) => again.push(l))).toEqual([]);
    expect(again).toEqual([]);
  });

  it('when a seed password variable is too short, then the error names it', async () => {
    await expect(ensureSeedAccounts(db.pool, { COURTFLOW_SEED_AUDITOR_PASSWORD: 'short' }, () => undefined)).rejects.toThrow(/COURTFLOW_SEED_AUDITOR_PASSWORD/);
  });
});

describe('sign-in and tokens', () => {
  it('when the password is right, then a Bearer token for 15 minutes, and /me says who', async () => {
    const res = await post('/api/v1/auth/login', { username: 'Registry.Officer', password: OFFICER_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, account: { username: 'registry.officer', role: 'registry-officer' } });
    expect(res.text).not.toMatch(/argon2|password/i);
    const me = await call('GET', '/api/v1/me', { token: String(res.body.accessToken) });
    expect(me.body).toMatchObject({ credential: 'token', account: { role: 'registry-officer' } });
  });

  it('when the password is wrong or the user unknown, then the same 401, naming neither', async () => {
    const wrong = await post('/api/v1/auth/login', { username: 'registry.officer', password: 'not the password' });
    const unknown = await post('/api/v1/auth/login', { username: 'nobody-here', password: 'not the password' });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ type: 'urn:courtflow:problem:invalid-credentials', detail: 'The username or password is incorrect' });
    }
    expect(Object.keys(wrong.body).sort()).toEqual(Object.keys(unknown.body).sort());
  });

  it('when the token has expired or was tampered with, then 401 and never the public', async () => {
    const { id } = await findAccountByUsername('registry.officer');
    const expired = app.tokens.issue(id, new Date(Date.now() - 16 * 60_000)).token;
    const res = await call('GET', '/api/v1/me', { token: expired });
    expect(res.status).toBe(401);
    expect(res.body.detail).toMatch(/expired/);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const tampered = officer.slice(0, -3) + (officer.endsWith('aaa') ? 'bbb' : 'aaa');
    expect((await call('GET', '/api/v1/me', { token: tampered })).status).toBe(401);
    expect((await call('GET', '/api/v1/organisations/00000000-0000-4000-8000-000000000000/accounts', { token: tampered })).status).toBe(401);
  });

  it('when no credentials are sent, then the caller is the public: 401 where a role is needed, naming the roles', async () => {
    const res = await call('GET', '/api/v1/me');
    expect(res.status).toBe(401);
    const forOrg = await call('GET', '/api/v1/organisations/00000000-0000-4000-8000-000000000000/accounts');
    expect(forOrg.body.requiredRoles).toEqual(['registry-officer', 'auditor', 'org-principal-admin', 'org-sub-admin']);
  });

  it('when a username is tried too often, then 429 with Retry-After', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof post>> | undefined;
    for (let i = 0; i < 6; i += 1) {
      last = await post('/api/v1/auth/login', { username: 'target-of-guessing', password: `guess-${i}` });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('API keys', () => {
  it('when a key is created, then it is shown once, authenticates as its account, cannot make keys, and stops when revoked', async () => {
    const user = await createIndividual();
    const created = await post('/api/v1/auth/api-keys', { label: 'case system' }, user.token);
    expect(created.status).toBe(201);
    const key = String(created.body.key);
    expect(key).toMatch(/^cf_[0-9a-f]{12}_/);
    const stored = await db.pool.query<{ secret_hash: string }>('SELECT secret_hash FROM api_keys WHERE id = $1', [created.body.id]);
    expect(stored.rows[0]?.secret_hash).not.toContain(key.slice(16));

    const me = await call('GET', '/api/v1/me', { apiKey: key });
    expect(me.body).toMatchObject({ credential: 'api-key', account: { id: user.id, role: 'individual-user' } });
    const listed = await call('GET', '/api/v1/auth/api-keys', { apiKey: key });
    expect(JSON.stringify(listed.body)).not.toContain(key);

    expect((await call('POST', '/api/v1/auth/api-keys', { apiKey: key, body: {} })).status).toBe(403);
    expect((await call('GET', '/api/v1/me', { apiKey: key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A') })).status).toBe(401);

    expect((await call('DELETE', `/api/v1/auth/api-keys/${String(created.body.id)}`, { token: user.token })).status).toBe(200);
    const revoked = await call('GET', '/api/v1/me', { apiKey: key });
    expect(revoked.status).toBe(401);
    expect(revoked.body.detail).toMatch(/revoked/);
  });
});

describe('suspension', () => {
  it('when an account is suspended, then its token and keys stop at once and it cannot sign in; reactivated, it can', async () => {
    const user = await createIndividual();
    const key = String((await post('/api/v1/auth/api-keys', {}, user.token)).body.key);
    expect((await post(`/api/v1/accounts/${user.id}/suspend`, {}, officer)).body).toMatchObject({ status: 'suspended' });
    expect((await call('GET', '/api/v1/me', { token: user.token })).status).toBe(401);
    expect((await call('GET', '/api/v1/me', { apiKey: key })).status).toBe(401);
    const refused = await post('/api/v1/auth/login', { username: user.username, password: user.password });
    expect(refused.status).toBe(403);
    expect(refused.body.type).toBe('urn:courtflow:problem:account-suspended');
    expect((await post(`/api/v1/accounts/${user.id}/reactivate`, {}, officer)).body).toMatchObject({ status: 'active' });
    await login(user.username, user.password);
  });
});

describe('organisation administration', () => {
  it('when a principal administrator creates users, then only in their own organisation', async () => {
    const a = await createOrganisation();
    const b = await createOrganisation();
    expect((await createOrgAccount(a.id, a.adminToken, 'org-user')).res.status).toBe(201);
    expect((await createOrgAccount(a.id, a.adminToken, 'org-sub-admin')).res.status).toBe(201);
    const elsewhere = await createOrgAccount(b.id, a.adminToken, 'org-user');
    expect(elsewhere.res.status).toBe(403);
    expect(elsewhere.res.body.detail).toBe('You administer only your own organisation');
    const bUser = await createOrgAccount(b.id, b.adminToken, 'org-user');
    expect((await post(`/api/v1/accounts/${bUser.id}/suspend`, {}, a.adminToken)).status).toBe(403);
    expect((await call('GET', `/api/v1/organisations/${b.id}/accounts`, { token: a.adminToken })).status).toBe(403);
    const listed = await call('GET', `/api/v1/organisations/${a.id}/accounts`, { token: a.adminToken });
    expect((listed.body.accounts as Json[]).map((x) => x.role).sort()).toEqual(['org-principal-admin', 'org-sub-admin', 'org-user']);
  });

  it('when a sub-administrator administers, then organisation users; sub-administrators only when authorised', async () => {
    const org = await createOrganisation();
    const sub = await createOrgAccount(org.id, org.adminToken, 'org-sub-admin');
    const user = await createOrgAccount(org.id, sub.token, 'org-user');
    expect(user.res.status).toBe(201);
    expect((await createOrgAccount(org.id, sub.token, 'org-sub-admin')).res.status).toBe(403);
    expect((await createOrgAccount(org.id, sub.token, 'org-sub-admin', { canManageSubAdmins: true })).res.status).toBe(403);
    const delegated = await createOrgAccount(org.id, org.adminToken, 'org-sub-admin', { canManageSubAdmins: true });
    expect(delegated.res.body.account).toMatchObject({ canManageSubAdmins: true });
    expect((await createOrgAccount(org.id, delegated.token, 'org-sub-admin')).res.status).toBe(201);
    expect((await post(`/api/v1/accounts/${user.id}/suspend`, {}, sub.token)).status).toBe(200);
    expect((await post(`/api/v1/accounts/${org.adminId}/suspend`, {}, delegated.token)).status).toBe(403);
    // An organisation user administers nothing.
    const byUser = await createOrgAccount(org.id, (await createOrgAccount(org.id, org.adminToken, 'org-user')).token, 'org-user');
    expect(byUser.res.status).toBe(403);
    expect(byUser.res.body.requiredRoles).toEqual(['org-principal-admin', 'org-sub-admin']);
  });

  it('when a username is taken, then 409', async () => {
    const org = await createOrganisation();
    const first = await createOrgAccount(org.id, org.adminToken, 'org-user');
    const again = await post(`/api/v1/organisations/${org.id}/accounts`, { username: first.username.toUpperCase(), displayName: 'x', role: 'org-user' }, org.adminToken);
    expect(again.status).toBe(409);
  });
});

describe('case access', () => {
  const caseNo = `SCTC-2026-${String(Date.now() % 1_000_000).padStart(6, '0')}`;
  const actor = async (token: string): Promise<Actor> => {
    const me = await call('GET', '/api/v1/me', { token });
    const account = await findAccount(db.pool, String((me.body.account as Json).id));
    if (!account) throw new Error('no account');
    return actorFromAccount(account);
  };

  it('when parties are linked and cases assigned, then each role sees what the rules say', async () => {
    // The registry links only to a case that was filed, and to parties its claim names (C1, C2, D1 here).
    const claim = aClaim({ kind: 'joint', claimants: [aClaim().claimants[0]!, { ...aClaim().claimants[0]!, name: 'Chan Siu Wah' }] });
    await inTransaction(db.pool, (tx) =>
      insertFiling(tx, { caseNo, idempotencyKey: null, requestHash: 'test', input: { caseNo, filedAt: new Date().toISOString(), filedOn: '2026-11-02', claim, calendar: createCalendar() } }),
    );
    const claimant = await createIndividual();
    const stranger = await createIndividual();
    const firm = await createOrganisation();
    const assigned = await createOrgAccount(firm.id, firm.adminToken, 'org-user');
    const unassigned = await createOrgAccount(firm.id, firm.adminToken, 'org-user');

    // Before the firm is linked to a party, it cannot assign the case.
    const early = await post(`/api/v1/organisations/${firm.id}/case-assignments`, { caseNo, accountId: assigned.id }, firm.adminToken);
    expect(early.status).toBe(409);

    expect((await post(`/api/v1/cases/${caseNo}/parties/C1/links`, { accountId: claimant.id }, officer)).status).toBe(201);
    expect((await post(`/api/v1/cases/${caseNo}/parties/C1/links`, { accountId: claimant.id }, officer)).status).toBe(200);
    expect((await post(`/api/v1/cases/${caseNo}/parties/C2/links`, { accountId: claimant.id }, officer)).status).toBe(409);
    expect((await post(`/api/v1/cases/${caseNo}/parties/D1/links`, { organisationId: firm.id }, officer)).status).toBe(201);
    expect((await post(`/api/v1/cases/${caseNo}/parties/D1/links`, { organisationId: firm.id }, firm.adminToken)).status).toBe(403);

    const assignment = await post(`/api/v1/organisations/${firm.id}/case-assignments`, { caseNo, accountId: assigned.id }, firm.adminToken);
    expect(assignment.status).toBe(200);
    expect(assignment.body).toMatchObject({ caseNo, partyId: 'D1' });
    expect((await post(`/api/v1/organisations/${firm.id}/case-assignments`, { caseNo, accountId: assigned.id, partyId: 'C1' }, firm.adminToken)).status).toBe(422);

    const auditorToken = app.tokens.issue((await findAccountByUsername('auditor')).id).token;
    const adjudicatorToken = app.tokens.issue((await findAccountByUsername('adjudicator')).id).token;
    const cases = {
      claimant: await actor(claimant.token),
      stranger: await actor(stranger.token),
      assigned: await actor(assigned.token),
      unassigned: await actor(unassigned.token),
      principalAdmin: await actor(firm.adminToken),
      officer: await actor(officer),
      adjudicator: await actor(adjudicatorToken),
      auditor: await actor(auditorToken),
      public: { id: 'public', role: 'public', name: 'Public' } as Actor,
    };
    const seen: Record<string, boolean> = {};
    const parties: Record<string, string | undefined> = {};
    for (const [who, a] of Object.entries(cases)) {
      seen[who] = await canSeeCase(db.pool, a, caseNo);
      parties[who] = await partyIdFor(db.pool, a, caseNo);
    }
    expect(seen).toEqual({
      claimant: true,
      stranger: false,
      assigned: true,
      unassigned: false,
      principalAdmin: false,
      officer: true,
      adjudicator: true,
      auditor: true,
      public: false,
    });
    expect(parties).toMatchObject({ claimant: 'C1', assigned: 'D1', officer: undefined, unassigned: undefined });
    expect(await canSeeCase(db.pool, cases.claimant, 'SCTC-2026-999999')).toBe(false);

    // Entering the case records the access; refusal is "not found".
    expect(await enterCase(db.pool, { actor: cases.assigned, requestId: 'req-open' }, caseNo, 'case.read')).toMatchObject({ partyId: 'D1' });
    await expect(enterCase(db.pool, { actor: cases.stranger }, caseNo, 'case.read')).rejects.toMatchObject({ kind: 'not-found' });
    const reads = (await readAuditLog(db.pool, { target: `case:${caseNo}`, limit: 100 })).filter((r) => r.action === 'case.read');
    expect(reads).toEqual([expect.objectContaining({ actorId: cases.assigned.id, onBehalfOf: 'party:D1', requestId: 'req-open' })]);

    // An assignment alone is no access once the registry removes the firm's link to the party.
    await db.pool.query('DELETE FROM case_party_links WHERE case_no = $1 AND organisation_id = $2', [caseNo, firm.id]);
    expect(await canSeeCase(db.pool, cases.assigned, caseNo)).toBe(false);
  });
});

async function findAccountByUsername(username: string): Promise<{ id: string }> {
  const { rows } = await db.pool.query<{ id: string }>('SELECT id FROM accounts WHERE username = $1', [username]);
  if (!rows[0]) throw new Error(`no ${username}`);
  return rows[0];
}

describe('audit and metrics', () => {
  it('when all of the above has happened, then every change is in an intact chain, with no secret in it', async () => {
    const log = await readAuditLog(db.pool, { limit: 10_000 });
    const actions = new Set(log.map((r) => r.action));
    for (const action of ['account.create', 'organisation.create', 'auth.login', 'auth.login-refused', 'api-key.create', 'api-key.revoke', 'account.suspend', 'account.reactivate', 'case.link-party', 'case.assign']) {
      expect(actions).toContain(action);
    }
    const text = JSON.stringify(log);
    expect(text).not.toContain(OFFICER_PASSWORD);
    expect(text).not.toContain('principal-password-1');
    expect(text).not.toMatch(/argon2|cf_[0-9a-f]{12}_/);
    const creation = log.find((r) => r.action === 'account.create' && r.actorRole === 'registry-officer');
    expect(creation).toMatchObject({ requestId: expect.any(String), target: expect.stringMatching(/^account:/) });
    expect(await verifyAuditChain(db.pool)).toMatchObject({ ok: true, count: log.length });
  });

  it('when /metrics is read, then requests are counted by route pattern and status', async () => {
    const res = await fetch(`${app.baseUrl}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/http_requests_total\{method="POST",route="\/api\/v1\/auth\/login",status="401",service="courtflow-test"\} \d+/);
    expect(text).toMatch(/http_requests_total\{method="POST",route="\/api\/v1\/accounts\/:accountId\/suspend",status="200"/);
    expect(text).toContain('http_request_duration_seconds_bucket');
  });
});
