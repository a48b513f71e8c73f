/**
 * `GET /api/v1/accounts?q=…`: finding accounts by a part of the username or
 * display name, on a real PostgreSQL behind the API. Registry officers and
 * auditors search every account; an organisation administrator only their
 * own organisation's; no one else may search; no answer carries a password
 * hash; `%` and `_` in `q` are plain characters.
 */
import { SEEDED, startTestStack, type SignedIn, type TestStack } from '../support/stack';

interface AccountJson {
  id: string;
  username: string;
  displayName: string;
  role: string;
  organisationId: string | null;
}
interface Page {
  accounts: AccountJson[];
  nextCursor: string | null;
}
interface ProblemJson {
  status: number;
  errors?: { field: string; rule: string }[];
}

let stack: TestStack;
let officer: SignedIn;
let auditor: SignedIn;
let adjudicator: SignedIn;
let individual: SignedIn;
let alphaAdmin: SignedIn;
let betaAdmin: SignedIn;
let alphaClerk: SignedIn;
const stamp = Date.now().toString(36);
const names = {
  tsang: `tsang.mei-${stamp}`,
  lau: `lau-${stamp}`,
  zeta: `zeta.x-${stamp}`,
  alphaAdmin: `alpha-admin-${stamp}`,
  alphaClerk: `alpha-clerk-${stamp}`,
  alphaOther: `alpha-other-${stamp}`,
  betaAdmin: `beta-admin-${stamp}`,
  betaClerk: `beta-clerk-${stamp}`,
};
const orgs = { alpha: '', beta: '' };

async function call(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, text, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

async function search(query: string, headers: Record<string, string>): Promise<{ status: number; text: string; body: Page & ProblemJson }> {
  const res = await fetch(`${stack.baseUrl}/api/v1/accounts${query}`, { headers });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as Page & ProblemJson };
}

const usernames = (page: Page) => page.accounts.map((a) => a.username);
const q = (text: string) => `?q=${encodeURIComponent(text)}`;

/** Every page, following `nextCursor`. */
async function allPages(query: string, headers: Record<string, string>): Promise<{ usernames: string[]; pages: number }> {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res: { status: number; body: Page } = await search(`${query}${cursor ? `&cursor=${cursor}` : ''}`, headers);
    expect(res.status).toBe(200);
    seen.push(...usernames(res.body));
    cursor = res.body.nextCursor;
    pages += 1;
  } while (cursor !== null && pages < 50);
  return { usernames: seen, pages };
}

async function organisation(name: string, admin: string): Promise<{ id: string; admin: SignedIn }> {
  const res = await call('POST', '/api/v1/organisations', officer.headers, {
    name,
    principalAdmin: { username: admin, displayName: `${name} Administrator`, password: 'principal-password-1' },
  });
  expect(res.status).toBe(201);
  return { id: String((res.body.organisation as Record<string, unknown>).id), admin: await stack.login(admin, 'principal-password-1') };
}

async function orgUser(organisationId: string, admin: SignedIn, username: string, displayName: string): Promise<void> {
  const res = await call('POST', `/api/v1/organisations/${organisationId}/accounts`, admin.headers, { username, displayName, role: 'org-user', password: 'member-password-1' });
  expect(res.status).toBe(201);
}

beforeAll(async () => {
  stack = await startTestStack();
  officer = await stack.officer();
  auditor = await stack.login(SEEDED.auditor.username, SEEDED.auditor.password);
  adjudicator = await stack.login(SEEDED.adjudicator.username, SEEDED.adjudicator.password);
  for (const [username, displayName] of [
    [names.tsang, 'Tsang Mei Fung'],
    [names.lau, '100% Renovation Lau'],
    [names.zeta, 'Zeta Ex'],
  ] as const) {
    const res = await call('POST', '/api/v1/accounts', officer.headers, { username, displayName, password: 'individual-password-1' });
    expect(res.status).toBe(201);
  }
  individual = await stack.login(names.tsang, 'individual-password-1');
  const alpha = await organisation('Alpha Law Firm', names.alphaAdmin);
  const beta = await organisation('Beta Solicitors', names.betaAdmin);
  orgs.alpha = alpha.id;
  orgs.beta = beta.id;
  alphaAdmin = alpha.admin;
  betaAdmin = beta.admin;
  await orgUser(alpha.id, alphaAdmin, names.alphaClerk, 'Wing Clerk of Alpha');
  await orgUser(alpha.id, alphaAdmin, names.alphaOther, 'Someone Else');
  await orgUser(beta.id, betaAdmin, names.betaClerk, 'Wing Clerk of Beta');
  alphaClerk = await stack.login(names.alphaClerk, 'member-password-1');
});
afterAll(async () => {
  await stack?.stop();
});

describe('GET /api/v1/accounts as a registry officer', () => {
  it('when q is a part of a username, in any case, then that account is found', async () => {
    for (const text of ['tsang.me', 'TSANG.MEI', `mei-${stamp}`]) {
      const { status, body } = await search(q(text), officer.headers);
      expect([text, status, usernames(body)]).toEqual([text, 200, [names.tsang]]);
    }
    const [account] = (await search(q('tsang.me'), officer.headers)).body.accounts;
    expect(account).toMatchObject({ username: names.tsang, displayName: 'Tsang Mei Fung', role: 'individual-user', organisationId: null, status: 'active' });
  });

  it('when q is a part of a display name, in any case, then the accounts bearing it are found, by username, across organisations', async () => {
    expect(usernames((await search(q('mei FUNG'), officer.headers)).body)).toEqual([names.tsang]);
    expect(usernames((await search(q('wing clerk'), officer.headers)).body)).toEqual([names.alphaClerk, names.betaClerk]);
  });

  it('when filtered by role, then only accounts with that role are listed', async () => {
    expect(usernames((await search('?role=org-principal-admin', officer.headers)).body)).toEqual([names.alphaAdmin, names.betaAdmin]);
    expect(usernames((await search('?role=registry-officer', officer.headers)).body)).toEqual(['registry.officer']);
    expect(usernames((await search(`${q('clerk')}&role=org-user`, officer.headers)).body)).toEqual([names.alphaClerk, names.betaClerk]);
    expect(usernames((await search(`${q('clerk')}&role=individual-user`, officer.headers)).body)).toEqual([]);
  });

  it('when paged two at a time, then the pages together are every account by username, with no duplicates or gaps; a search pages the same way', async () => {
    const whole = usernames((await search('?limit=100', officer.headers)).body);
    // Three seeded staff, three individuals, two administrators, three organisation users.
    expect(whole).toHaveLength(11);
    expect(whole).toEqual([...whole].sort());
    const paged = await allPages('?limit=2', officer.headers);
    expect(paged.pages).toBe(6);
    expect(paged.usernames).toEqual(whole);
    expect(new Set(paged.usernames).size).toBe(whole.length);
    const searched = await allPages(`${q(stamp)}&limit=3`, officer.headers);
    expect(searched.usernames).toEqual(Object.values(names).sort());
    expect(searched.pages).toBe(3);
  });

  it('when q holds % or _, then they match only themselves', async () => {
    expect(usernames((await search(q('0% ren'), officer.headers)).body)).toEqual([names.lau]);
    expect(usernames((await search(q('zeta.x'), officer.headers)).body)).toEqual([names.zeta]);
    // Were they wildcards, these would find zeta.x-… (and %% everyone).
    for (const text of ['zeta%x', 'zeta_x', '%%', '__', 'a%', '\\\\', "' OR 1=1 --"]) {
      const { status, body } = await search(q(text), officer.headers);
      expect([text, status, usernames(body)]).toEqual([text, 200, []]);
    }
  });

  it('when accounts are returned, then no password hash (nor any field beyond the account view) is in the answer', async () => {
    const { text, body } = await search('?limit=100', officer.headers);
    expect(text).not.toMatch(/argon2|password/i);
    for (const account of body.accounts) {
      expect(Object.keys(account).sort()).toEqual(['canManageSubAdmins', 'createdAt', 'displayName', 'id', 'organisationId', 'role', 'status', 'username']);
    }
  });
});

describe('GET /api/v1/accounts as others', () => {
  it('when an auditor searches, then every account is searched, as for an officer', async () => {
    const { status, body } = await search('?limit=100', auditor.headers);
    expect(status).toBe(200);
    expect(body).toEqual((await search('?limit=100', officer.headers)).body);
    expect(usernames((await search(q('wing clerk'), auditor.headers)).body)).toEqual([names.alphaClerk, names.betaClerk]);
  });

  it("when an organisation administrator searches, then only their own organisation's accounts are found", async () => {
    const own = await search('?limit=100', alphaAdmin.headers);
    expect(own.status).toBe(200);
    expect(usernames(own.body)).toEqual([names.alphaAdmin, names.alphaClerk, names.alphaOther].sort());
    expect(own.body.accounts.every((a) => a.organisationId === orgs.alpha)).toBe(true);
    expect(usernames((await search(q('wing clerk'), alphaAdmin.headers)).body)).toEqual([names.alphaClerk]);
    expect(usernames((await search(q('beta'), alphaAdmin.headers)).body)).toEqual([]);
    expect(usernames((await search(q('tsang'), alphaAdmin.headers)).body)).toEqual([]);
    expect(usernames((await search(q('wing clerk'), betaAdmin.headers)).body)).toEqual([names.betaClerk]);
    const paged = await allPages('?limit=1', alphaAdmin.headers);
    expect(paged.usernames).toEqual(usernames(own.body));
  });

  it('when an individual user, an organisation user or an adjudicator searches, then 403; the public gets 401', async () => {
    for (const who of [individual, alphaClerk, adjudicator]) expect((await search(q('wing'), who.headers)).status).toBe(403);
    expect((await search(q('wing'), {})).status).toBe(401);
  });

  it('when /openapi.json is read, then the search is there with its roles and query, beside account creation on the same path', async () => {
    const doc = (await (await fetch(`${stack.baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { operationId: string; 'x-roles'?: string[]; parameters?: { name: string }[] }>>;
    };
    const op = doc.paths['/api/v1/accounts']!.get!;
    expect(op.operationId).toBe('searchAccounts');
    expect([...op['x-roles']!].sort()).toEqual(['auditor', 'org-principal-admin', 'org-sub-admin', 'registry-officer']);
    expect(op.parameters!.map((p) => p.name).sort()).toEqual(['cursor', 'limit', 'q', 'role']);
    expect(doc.paths['/api/v1/accounts']!.post!.operationId).toBe('createIndividualAccount');
  });

  it.each([
    ['?q=a', 'q'],
    [`?q=${'x'.repeat(101)}`, 'q'],
    ['?q=%20%20a%20', 'q'],
    ['?role=public', 'role'],
    ['?role=boss', 'role'],
    ['?limit=0', 'limit'],
    ['?limit=101', 'limit'],
    ['?cursor=not!a!cursor', 'cursor'],
    [`?cursor=${Buffer.from('{"u":"NOT VALID"}').toString('base64url')}`, 'cursor'],
    ['?organisationId=x', 'organisationId'],
  ])('when the query is %s, then 400 names %s', async (query, field) => {
    const { status, body } = await search(query, officer.headers);
    expect(status).toBe(400);
    expect(body.errors?.map((e) => e.field)).toEqual([field]);
  });
});
