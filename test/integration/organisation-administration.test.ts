/**
 * Organisation administration through the real API (Temporal dev server,
 * PostgreSQL, the app as `courtflow api` builds it): branch codes up to the
 * maximum and a registry officer raising it; powers delegated to a
 * sub-administrator; cases assigned across branches only with the power;
 * default organisation users; another organisation's resources are 404;
 * every change audited. Then migration 015 over accounts made before it.
 */
import { insertAccount, insertOrganisation } from '../../db/accounts';
import { readAuditLog, verifyAuditChain } from '../../db/audit-log';
import { migrate } from '../../db/migrate';
import { migrations } from '../../db/migrations';
import { createPool, inTransaction } from '../../db/pool';
import { insertFiling } from '../../db/sct-filings';
import { createCalendar } from '../../domain/calendar';
import { aClaim } from '../support/claims';
import { startTestStack, type SignedIn, type TestStack } from '../support/stack';

type Json = Record<string, unknown>;
let stack: TestStack;
let officer: SignedIn;
let seq = 0;
const unique = (name: string) => `${name}-${++seq}-${Date.now().toString(36)}`;
const PASSWORD = 'member-password-1';

beforeAll(async () => {
  stack = await startTestStack();
  officer = await stack.officer();
});
afterAll(async () => {
  await stack?.stop();
});

async function call(method: string, path: string, who: SignedIn, body?: unknown) {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: { ...who.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: (text ? JSON.parse(text) : {}) as Json };
}

interface Organisation {
  id: string;
  principal: SignedIn;
}

async function registerOrganisation(name = 'Wong & Partners'): Promise<Organisation> {
  const username = unique('principal');
  const res = await call('POST', '/api/v1/organisations', officer, { name, principalAdmin: { username, displayName: 'Wong', password: 'principal-password-1' } });
  expect(res.status).toBe(201);
  return { id: String((res.body.organisation as Json).id), principal: await stack.login(username, 'principal-password-1') };
}

async function createMember(org: Organisation, by: SignedIn, role: 'org-user' | 'org-sub-admin', extra: Json = {}): Promise<SignedIn> {
  const username = unique(role);
  const res = await call('POST', `/api/v1/organisations/${org.id}/accounts`, by, { username, displayName: role, role, password: PASSWORD, ...extra });
  expect([res.status, res.body.detail]).toEqual([201, undefined]);
  return stack.login(username, PASSWORD);
}

const firstError = (body: Json) => ((body.errors as Json[] | undefined) ?? [])[0] ?? {};

describe('branch codes up to the maximum, and a registry officer raising it', () => {
  let firm: Organisation;
  let requestId: string;

  beforeAll(async () => {
    firm = await registerOrganisation();
  });

  it('when an organisation is registered, then it has the branch MAIN, its principal administrator in it, and the default maximums', async () => {
    const branches = await call('GET', `/api/v1/organisations/${firm.id}/branches`, firm.principal);
    expect(branches.body.branches).toEqual([expect.objectContaining({ code: 'MAIN', name: 'Main office', active: true })]);
    const members = await call('GET', `/api/v1/organisations/${firm.id}/members`, firm.principal);
    expect(members.body.members).toEqual([expect.objectContaining({ role: 'org-principal-admin', branchCode: 'MAIN', powers: expect.arrayContaining(['manage-branch-codes']) as unknown })]);
    const quotas = await call('GET', `/api/v1/organisations/${firm.id}/quotas`, firm.principal);
    expect(quotas.body.quotas).toEqual([
      { kind: 'sub-admin-accounts', maximum: 5, used: 0, default: 5, pendingRequest: null },
      { kind: 'org-user-accounts', maximum: 50, used: 0, default: 50, pendingRequest: null },
      { kind: 'branch-codes', maximum: 10, used: 1, default: 10, pendingRequest: null },
    ]);
  });

  it('when the principal administrator creates branch codes up to the maximum, then each is created and the next refused naming the maximum and how to ask', async () => {
    for (let i = 1; i <= 9; i++) {
      const res = await call('POST', `/api/v1/organisations/${firm.id}/branches`, firm.principal, { code: `b-${i}`, name: `Branch ${i}` });
      expect([i, res.status, res.body.code]).toEqual([i, 201, `B-${i}`]);
    }
    const refused = await call('POST', `/api/v1/organisations/${firm.id}/branches`, firm.principal, { code: 'B-10', name: 'One too many' });
    expect(refused.status).toBe(409);
    expect(refused.contentType).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ type: 'urn:courtflow:problem:quota-reached', quota: { kind: 'branch-codes', maximum: 10, used: 10 } });
    expect(refused.body.detail).toMatch(/has 10 branch codes, its maximum \(10\).*quota-change request of kind branch-codes/);
    expect(firstError(refused.body)).toMatchObject({ field: '(body)', code: 'quota-reached', rule: expect.stringContaining('maximum number of branch codes (10)') as string });
  });

  it('when a code is used again, then 409 naming it; a bad code is a 400 naming the field and the rule', async () => {
    // Deactivated codes keep their place: renaming and deactivating change nothing of the count.
    expect((await call('PATCH', `/api/v1/organisations/${firm.id}/branches/B-9`, firm.principal, { name: 'Sha Tin office', active: false })).body).toMatchObject({
      code: 'B-9',
      name: 'Sha Tin office',
      active: false,
    });
    const bad = await call('POST', `/api/v1/organisations/${firm.id}/branches`, firm.principal, { code: 'no spaces allowed', name: 'x' });
    expect(bad.status).toBe(400);
    expect(firstError(bad.body)).toMatchObject({ field: 'code', rule: 'invalid_format' });
  });

  it('when the principal administrator asks for a higher maximum, then the request waits for the registry, one of a kind at a time', async () => {
    const notHigher = await call('POST', `/api/v1/organisations/${firm.id}/quota-requests`, firm.principal, { kind: 'branch-codes', requestedMaximum: 10, reason: 'More offices' });
    expect(notHigher.status).toBe(422);
    expect(firstError(notHigher.body)).toMatchObject({ field: 'requestedMaximum', code: 'maximum-not-raised' });

    const created = await call('POST', `/api/v1/organisations/${firm.id}/quota-requests`, firm.principal, {
      kind: 'branch-codes',
      requestedMaximum: 12,
      reason: 'Two new offices in Sha Tin and Tsuen Wan',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'branch-codes', currentMaximum: 10, requestedMaximum: 12, status: 'pending', decidedAt: null });
    requestId = String(created.body.id);

    const again = await call('POST', `/api/v1/organisations/${firm.id}/quota-requests`, firm.principal, { kind: 'branch-codes', requestedMaximum: 20, reason: 'Even more' });
    expect(again.status).toBe(409);
    expect(firstError(again.body)).toMatchObject({ field: 'kind', code: 'quota-request-pending' });
    const quotas = await call('GET', `/api/v1/organisations/${firm.id}/quotas`, firm.principal);
    expect((quotas.body.quotas as Json[]).find((q) => q.kind === 'branch-codes')).toMatchObject({ pendingRequest: { id: requestId, requestedMaximum: 12 } });
  });

  it('when a registry officer approves it with a new maximum, then the next branch code is created, and the one after is refused again', async () => {
    expect((await call('GET', '/api/v1/quota-requests', firm.principal)).status).toBe(403);
    const pending = await call('GET', '/api/v1/quota-requests?status=pending', officer);
    expect((pending.body.quotaRequests as Json[]).map((r) => r.id)).toContain(requestId);

    const tooLow = await call('POST', `/api/v1/quota-requests/${requestId}/decision`, officer, { decision: 'approve', maximum: 10 });
    expect(tooLow.status).toBe(422);
    expect(firstError(tooLow.body)).toMatchObject({ field: 'maximum', code: 'maximum-not-raised' });

    const approved = await call('POST', `/api/v1/quota-requests/${requestId}/decision`, officer, { decision: 'approve', maximum: 11 });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', approvedMaximum: 11, decidedBy: officer.id });
    expect((await call('POST', `/api/v1/quota-requests/${requestId}/decision`, officer, { decision: 'refuse', reasons: ['late'] })).status).toBe(409);

    expect((await call('POST', `/api/v1/organisations/${firm.id}/branches`, firm.principal, { code: 'B-10', name: 'Tsuen Wan office' })).status).toBe(201);
    const full = await call('POST', `/api/v1/organisations/${firm.id}/branches`, firm.principal, { code: 'B-11', name: 'One too many' });
    expect(full.status).toBe(409);
    expect(full.body.detail).toMatch(/its maximum \(11\)/);
    const quotas = await call('GET', `/api/v1/organisations/${firm.id}/quotas`, officer);
    expect((quotas.body.quotas as Json[]).find((q) => q.kind === 'branch-codes')).toEqual({ kind: 'branch-codes', maximum: 11, used: 11, default: 10, pendingRequest: null });
  });

  it('when a registry officer refuses a request, then with reasons, and the maximum stays', async () => {
    const created = await call('POST', `/api/v1/organisations/${firm.id}/quota-requests`, firm.principal, { kind: 'org-user-accounts', requestedMaximum: 80, reason: 'Trainees' });
    const refused = await call('POST', `/api/v1/quota-requests/${String(created.body.id)}/decision`, officer, { decision: 'refuse', reasons: ['Trainees may share a supervised account'] });
    expect(refused.body).toMatchObject({ status: 'refused', refusalReasons: ['Trainees may share a supervised account'], approvedMaximum: null });
    const noReasons = await call('POST', `/api/v1/quota-requests/${String(created.body.id)}/decision`, officer, { decision: 'refuse', reasons: [] });
    expect(noReasons.status).toBe(400);
    expect(firstError(noReasons.body)).toMatchObject({ field: 'reasons', rule: 'too_small' });
    const listed = await call('GET', `/api/v1/organisations/${firm.id}/quota-requests`, firm.principal);
    expect((listed.body.quotaRequests as Json[]).map((r) => [r.kind, r.status])).toEqual([
      ['org-user-accounts', 'refused'],
      ['branch-codes', 'approved'],
    ]);
  });

  it("when another organisation's administrator reaches for this organisation's administration, then 404 everywhere", async () => {
    const other = await registerOrganisation('Chan & Co');
    for (const [method, path, body] of [
      ['GET', 'branches'],
      ['POST', 'branches', { code: 'X', name: 'x' }],
      ['PATCH', 'branches/MAIN', { name: 'x' }],
      ['GET', 'members'],
      ['GET', 'default-users'],
      ['PUT', 'default-users', { accountId: null }],
      ['GET', 'quotas'],
      ['POST', 'quota-requests', { kind: 'branch-codes', requestedMaximum: 50, reason: 'x' }],
      ['GET', 'quota-requests'],
      ['PUT', `accounts/${firm.principal.id}/branch`, { branchCode: 'MAIN' }],
      ['PUT', `accounts/${firm.principal.id}/powers`, { powers: [] }],
    ] as [string, string, unknown?][]) {
      const res = await call(method, `/api/v1/organisations/${firm.id}/${path}`, other.principal, body);
      expect([method, path, res.status]).toEqual([method, path, 404]);
    }
    expect((await call('POST', `/api/v1/organisations/${firm.id}/branches`, other.principal, { code: 'X', name: 'x' })).body.detail).toBe(`Organisation ${firm.id} was not found`);
  });
});

describe('powers delegated to a sub-administrator', () => {
  let firm: Organisation;
  let sub: SignedIn;

  beforeAll(async () => {
    firm = await registerOrganisation();
    sub = await createMember(firm, firm.principal, 'org-sub-admin');
  });

  it('when a sub-administrator is created as before, then the default powers: users and case assignment', async () => {
    const members = await call('GET', `/api/v1/organisations/${firm.id}/members`, sub);
    expect((members.body.members as Json[]).find((m) => m.accountId === sub.id)).toMatchObject({ role: 'org-sub-admin', branchCode: 'MAIN', powers: ['manage-org-users', 'assign-cases'] });
  });

  it('when a sub-administrator without the power acts, then 403 naming the power; once delegated, it succeeds', async () => {
    const refused = await call('POST', `/api/v1/organisations/${firm.id}/branches`, sub, { code: 'KLN', name: 'Kowloon office' });
    expect(refused.status).toBe(403);
    expect(firstError(refused.body)).toMatchObject({ code: 'power-not-delegated', rule: expect.stringContaining('manage-branch-codes') as string });
    expect((await call('POST', `/api/v1/organisations/${firm.id}/quota-requests`, sub, { kind: 'branch-codes', requestedMaximum: 20, reason: 'x' })).status).toBe(403);

    // Only the principal administrator delegates.
    const bySub = await call('PUT', `/api/v1/organisations/${firm.id}/accounts/${sub.id}/powers`, sub, { powers: ['manage-branch-codes'] });
    expect(bySub.status).toBe(403);
    expect(bySub.body.requiredRoles).toEqual(['org-principal-admin']);
    const delegated = await call('PUT', `/api/v1/organisations/${firm.id}/accounts/${sub.id}/powers`, firm.principal, {
      powers: ['manage-org-users', 'assign-cases', 'manage-branch-codes'],
    });
    expect(delegated.status).toBe(200);
    expect(delegated.body).toMatchObject({ accountId: sub.id, powers: ['manage-org-users', 'assign-cases', 'manage-branch-codes'] });

    expect((await call('POST', `/api/v1/organisations/${firm.id}/branches`, sub, { code: 'KLN', name: 'Kowloon office' })).status).toBe(201);
  });

  it('when powers are withdrawn, then what they allowed is refused again', async () => {
    await call('PUT', `/api/v1/organisations/${firm.id}/accounts/${sub.id}/powers`, firm.principal, { powers: ['assign-cases'] });
    const refused = await call('POST', `/api/v1/organisations/${firm.id}/accounts`, sub, { username: unique('user'), displayName: 'x', role: 'org-user', password: PASSWORD });
    expect(refused.status).toBe(403);
    await call('PUT', `/api/v1/organisations/${firm.id}/accounts/${sub.id}/powers`, firm.principal, { powers: ['manage-org-users', 'assign-cases'] });
  });

  it('when powers are delegated to an organisation user, then 422; canManageSubAdmins still means manage-sub-admins', async () => {
    const user = await createMember(firm, firm.principal, 'org-user');
    const toUser = await call('PUT', `/api/v1/organisations/${firm.id}/accounts/${user.id}/powers`, firm.principal, { powers: ['assign-cases'] });
    expect(toUser.status).toBe(422);
    expect(firstError(toUser.body)).toMatchObject({ field: 'accountId', code: 'powers-for-sub-admins-only' });

    const username = unique('delegated');
    const created = await call('POST', `/api/v1/organisations/${firm.id}/accounts`, firm.principal, {
      username,
      displayName: 'Team lead',
      role: 'org-sub-admin',
      password: PASSWORD,
      canManageSubAdmins: true,
    });
    expect(created.body.account).toMatchObject({ canManageSubAdmins: true });
    const members = await call('GET', `/api/v1/organisations/${firm.id}/members`, firm.principal);
    expect((members.body.members as Json[]).find((m) => m.username === username)).toMatchObject({ powers: ['manage-org-users', 'manage-sub-admins', 'assign-cases'] });
  });

  it('when sub-administrators are created up to their maximum, then the next is refused naming it', async () => {
    const quotas = await call('GET', `/api/v1/organisations/${firm.id}/quotas`, firm.principal);
    const { used, maximum } = (quotas.body.quotas as Json[]).find((q) => q.kind === 'sub-admin-accounts') as { used: number; maximum: number };
    for (let i = used; i < maximum; i++) await createMember(firm, firm.principal, 'org-sub-admin');
    const refused = await call('POST', `/api/v1/organisations/${firm.id}/accounts`, firm.principal, { username: unique('sub'), displayName: 'x', role: 'org-sub-admin', password: PASSWORD });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ type: 'urn:courtflow:problem:quota-reached', quota: { kind: 'sub-admin-accounts', maximum: 5, used: 5 } });
  });
});

describe('cases assigned across branches, branches maintained, and the default organisation user', () => {
  let firm: Organisation;
  let sub: SignedIn;
  let inMain: SignedIn;
  let inKowloon: SignedIn;
  const caseNo = `SCTC-2026-${String((Date.now() + 7) % 1_000_000).padStart(6, '0')}`;

  beforeAll(async () => {
    firm = await registerOrganisation();
    expect((await call('POST', `/api/v1/organisations/${firm.id}/branches`, firm.principal, { code: 'KLN', name: 'Kowloon office' })).status).toBe(201);
    sub = await createMember(firm, firm.principal, 'org-sub-admin');
    inMain = await createMember(firm, sub, 'org-user');
    inKowloon = await createMember(firm, firm.principal, 'org-user', { branchCode: 'kln' });
    await inTransaction(stack.db.pool, (tx) =>
      insertFiling(tx, { caseNo, idempotencyKey: null, requestHash: 'test', input: { caseNo, filedAt: new Date().toISOString(), filedOn: '2026-11-02', claim: aClaim(), calendar: createCalendar() } }),
    );
    expect((await call('POST', `/api/v1/cases/${caseNo}/parties/D1/links`, officer, { organisationId: firm.id })).status).toBe(201);
  });

  it('when a sub-administrator assigns a case within their branch, then it is assigned; across branches, 403 until authorised', async () => {
    const assign = (who: SignedIn, accountId: string) => call('POST', `/api/v1/organisations/${firm.id}/case-assignments`, who, { caseNo, accountId });
    expect((await assign(sub, inMain.id)).status).toBe(200);
    const across = await assign(sub, inKowloon.id);
    expect(across.status).toBe(403);
    expect(across.body.type).toBe('urn:courtflow:problem:cross-branch-not-authorised');
    expect(firstError(across.body)).toMatchObject({ field: 'accountId', rule: expect.stringContaining('note 1(ii)') as string });
    expect((await assign(firm.principal, inKowloon.id)).status).toBe(200);

    await call('PUT', `/api/v1/organisations/${firm.id}/accounts/${sub.id}/powers`, firm.principal, { powers: ['manage-org-users', 'assign-cases', 'assign-across-branches'] });
    expect((await assign(sub, inKowloon.id)).body).toMatchObject({ caseNo, accountId: inKowloon.id, partyId: 'D1' });
  });

  it('when the default organisation user is set, then it is read back, per organisation and per branch', async () => {
    const withoutPower = await call('PUT', `/api/v1/organisations/${firm.id}/default-users`, sub, { accountId: inMain.id });
    expect(withoutPower.status).toBe(403);
    expect(firstError(withoutPower.body)).toMatchObject({ code: 'power-not-delegated', rule: expect.stringContaining('maintain-default-users') as string });

    expect((await call('PUT', `/api/v1/organisations/${firm.id}/default-users`, firm.principal, { accountId: inMain.id })).status).toBe(200);
    const wrongBranch = await call('PUT', `/api/v1/organisations/${firm.id}/default-users`, firm.principal, { branchCode: 'KLN', accountId: inMain.id });
    expect(wrongBranch.status).toBe(422);
    expect(firstError(wrongBranch.body)).toMatchObject({ field: 'accountId', code: 'not-in-branch' });
    const unknown = await call('PUT', `/api/v1/organisations/${firm.id}/default-users`, firm.principal, { branchCode: 'NT', accountId: inMain.id });
    expect(firstError(unknown.body)).toMatchObject({ field: 'branchCode', code: 'unknown-branch' });
    expect((await call('PUT', `/api/v1/organisations/${firm.id}/default-users`, firm.principal, { accountId: sub.id })).status).toBe(404);

    await call('PUT', `/api/v1/organisations/${firm.id}/accounts/${sub.id}/powers`, firm.principal, { powers: ['manage-org-users', 'assign-cases', 'maintain-default-users'] });
    expect((await call('PUT', `/api/v1/organisations/${firm.id}/default-users`, sub, { branchCode: 'KLN', accountId: inKowloon.id })).status).toBe(200);

    for (const reader of [firm.principal, sub, officer]) {
      const read = await call('GET', `/api/v1/organisations/${firm.id}/default-users`, reader);
      expect(read.body.defaultUsers).toEqual([
        expect.objectContaining({ branchCode: null, accountId: inMain.id, setBy: firm.principal.id }),
        expect.objectContaining({ branchCode: 'KLN', accountId: inKowloon.id, setBy: sub.id }),
      ]);
    }
  });

  it('when a branch with active accounts is deactivated, then 409; once they are moved, it is deactivated and takes no new account', async () => {
    const busy = await call('PATCH', `/api/v1/organisations/${firm.id}/branches/KLN`, firm.principal, { active: false });
    expect(busy.status).toBe(409);
    expect(firstError(busy.body)).toMatchObject({ field: 'active', code: 'branch-in-use' });

    // The branch's default stays in it until another is named.
    const isDefault = await call('PUT', `/api/v1/organisations/${firm.id}/accounts/${inKowloon.id}/branch`, firm.principal, { branchCode: 'MAIN' });
    expect(isDefault.status).toBe(409);
    await call('PUT', `/api/v1/organisations/${firm.id}/default-users`, firm.principal, { branchCode: 'KLN', accountId: null });
    const moved = await call('PUT', `/api/v1/organisations/${firm.id}/accounts/${inKowloon.id}/branch`, firm.principal, { branchCode: 'MAIN' });
    expect(moved.body).toMatchObject({ id: inKowloon.id, status: 'active' });

    expect((await call('PATCH', `/api/v1/organisations/${firm.id}/branches/kln`, firm.principal, { name: 'Kowloon Bay office' })).body).toMatchObject({ code: 'KLN', name: 'Kowloon Bay office', active: true });
    expect((await call('PATCH', `/api/v1/organisations/${firm.id}/branches/KLN`, firm.principal, { active: false })).body).toMatchObject({ active: false });
    const intoClosed = await call('POST', `/api/v1/organisations/${firm.id}/accounts`, firm.principal, { username: unique('user'), displayName: 'x', role: 'org-user', password: PASSWORD, branchCode: 'KLN' });
    expect(intoClosed.status).toBe(422);
    expect(firstError(intoClosed.body)).toMatchObject({ field: 'branchCode', code: 'branch-inactive' });
    expect((await call('PATCH', `/api/v1/organisations/${firm.id}/branches/NOPE`, firm.principal, { active: true })).status).toBe(404);
  });

  it('when all of it has happened, then every change is in the audit log, and the chain is intact', async () => {
    const log = await readAuditLog(stack.db.pool, { limit: 10_000 });
    const actions = new Set(log.map((r) => r.action));
    for (const action of [
      'branch.create',
      'branch.rename',
      'branch.deactivate',
      'account.powers',
      'account.branch',
      'default-user.set',
      'default-user.clear',
      'quota.request',
      'quota.request.approve',
      'quota.request.refuse',
      'case.assign',
    ]) {
      expect([action, actions.has(action)]).toEqual([action, true]);
    }
    const powers = log.filter((r) => r.action === 'account.powers' && r.target === `account:${sub.id}`);
    expect(powers.at(-1)).toMatchObject({ actorId: firm.principal.id, onBehalfOf: `organisation:${firm.id}`, after: { powers: ['manage-org-users', 'assign-cases', 'maintain-default-users'] } });
    expect(await verifyAuditChain(stack.db.pool)).toMatchObject({ ok: true });
  });
});

describe('an organisation created by another path than the registry', () => {
  it('when the queries are used directly (as self-registration does), then the organisation has MAIN and its principal administrator is in it', async () => {
    const organisation = await inTransaction(stack.db.pool, async (tx) => {
      const created = await insertOrganisation(tx, 'Self-registered Ltd');
      const principal = await insertAccount(tx, { username: unique('self-principal'), displayName: 'P', role: 'org-principal-admin', organisationId: created.id, passwordHash: null });
      expect(principal).toMatchObject({ branchCode: 'MAIN', powers: [] });
      return created;
    });
    const { rows } = await stack.db.pool.query('SELECT code, name, active FROM organisation_branches WHERE organisation_id = $1', [organisation.id]);
    expect(rows).toEqual([{ code: 'MAIN', name: 'Main office', active: true }]);
  });
});

describe('migration 015 over organisations made before it', () => {
  it('when it runs, then each organisation has MAIN with its accounts in it, sub-administrators keep what they could do, and none is over its maximum', async () => {
    await stack.db.pool.query('CREATE DATABASE before_015');
    const url = new URL(stack.db.url);
    url.pathname = '/before_015';
    const pool = createPool(url.href);
    try {
      const upTo014 = migrations.filter((m) => m.id < '015');
      expect(upTo014.at(-1)?.id).toBe('014-party-name-search');
      await migrate(pool, upTo014);
      const { rows } = await pool.query<{ id: string }>("INSERT INTO organisations (name) VALUES ('Big Firm'), ('Small Firm') RETURNING id");
      const [big, small] = rows.map((r) => r.id) as [string, string];
      await pool.query(
        `INSERT INTO accounts (username, display_name, role, organisation_id, can_manage_sub_admins) VALUES
           ('big-principal', 'P', 'org-principal-admin', $1, false),
           ('big-sub', 'S', 'org-sub-admin', $1, false),
           ('big-delegated', 'D', 'org-sub-admin', $1, true),
           ('small-principal', 'P', 'org-principal-admin', $2, false),
           ('lone-individual', 'I', 'individual-user', NULL, false)`,
        [big, small],
      );
      await pool.query(
        `INSERT INTO accounts (username, display_name, role, organisation_id) SELECT 'big-user-' || n, 'U', 'org-user', $1 FROM generate_series(1, 52) AS n`,
        [big],
      );

      expect(await migrate(pool, migrations.filter((m) => m.id < '016'))).toEqual(['015-organisation-administration']);
      const accounts = await pool.query<{ username: string; branch_code: string | null; powers: string[]; can_manage_sub_admins: boolean }>(
        "SELECT username, branch_code, powers, can_manage_sub_admins FROM accounts WHERE username IN ('big-principal', 'big-sub', 'big-delegated', 'lone-individual', 'big-user-1') ORDER BY username",
      );
      expect(accounts.rows).toEqual([
        { username: 'big-delegated', branch_code: 'MAIN', powers: ['manage-org-users', 'manage-sub-admins', 'assign-cases'], can_manage_sub_admins: true },
        { username: 'big-principal', branch_code: 'MAIN', powers: [], can_manage_sub_admins: false },
        { username: 'big-sub', branch_code: 'MAIN', powers: ['manage-org-users', 'assign-cases'], can_manage_sub_admins: false },
        { username: 'big-user-1', branch_code: 'MAIN', powers: [], can_manage_sub_admins: false },
        { username: 'lone-individual', branch_code: null, powers: [], can_manage_sub_admins: false },
      ]);
      const branches = await pool.query('SELECT organisation_id, code FROM organisation_branches ORDER BY organisation_id');
      expect(branches.rows).toHaveLength(2);
      const quotas = await pool.query('SELECT organisation_id, kind, maximum FROM organisation_quotas');
      expect(quotas.rows).toEqual([{ organisation_id: big, kind: 'org-user-accounts', maximum: 52 }]);
      // The flag now follows the powers: it cannot be written apart from them.
      await expect(pool.query("UPDATE accounts SET can_manage_sub_admins = false WHERE username = 'big-delegated'")).rejects.toThrow(/can only be updated to DEFAULT/);
    } finally {
      await pool.end();
    }
  });
});
