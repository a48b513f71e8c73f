/**
 * `GET /api/v1/sct/claims`: the cases a caller works on, on a real Temporal
 * dev server and PostgreSQL. Claims are filed through the API by two
 * litigants, an organisation is linked to a defendant and assigns the case to
 * one of its users, and an older case is projected straight into the read
 * model; then each kind of caller lists.
 */
import { createSctProjectionActivities } from '../../activities/sct-projection';
import { SCT_VENUE } from '../../domain/sct/tribunal';
import type { SmallClaimView } from '../../workflows/sct/contract';
import type { SmallClaim } from '../../domain/sct/claim';
import { aClaim } from '../support/claims';
import { eventually, SEEDED, startTestStack, type SignedIn, type TestStack } from '../support/stack';

interface Summary {
  caseNo: string;
  stage: string;
  filedOn: string;
  actingAs: { partyId: string; side: string | null; name: string | null } | null;
  claimants: string[];
  defendants: string[];
  nextHearing: { date: string; time: string; startsAt: string; venue: unknown } | null;
  links: { self: string };
}
interface Page {
  claims: Summary[];
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
let alice: SignedIn;
let bob: SignedIn;
let carol: SignedIn;
let orgAdmin: SignedIn;
let clerk: SignedIn;
let otherClerk: SignedIn;
const cases = { aliceFirst: '', aliceSecond: '', bob: '' };
let filedOn: string;
const OLD_CASE = 'SCTC-2025-000042';

async function call(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

async function file(who: SignedIn, claim: SmallClaim): Promise<string> {
  const res = await call('POST', '/api/v1/sct/claims', who.headers, claim);
  if (res.status !== 201) throw new Error(`filing failed: ${res.status} ${JSON.stringify(res.body)}`);
  filedOn = String(res.body.filedOn);
  return String(res.body.caseNo);
}

async function list(query: string, headers: Record<string, string>): Promise<{ status: number; body: Page & ProblemJson }> {
  const res = await fetch(`${stack.baseUrl}/api/v1/sct/claims${query}`, { headers });
  return { status: res.status, body: (await res.json()) as Page & ProblemJson };
}

const caseNos = (page: Page) => page.claims.map((c) => c.caseNo);

/** Every page of a listing, following `nextCursor`. */
async function allPages(query: string, headers: Record<string, string>): Promise<{ caseNos: string[]; pages: number }> {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = query ? '&' : '?';
    const res: { status: number; body: Page } = await list(`${query}${cursor ? `${sep}cursor=${cursor}` : ''}`, headers);
    expect(res.status).toBe(200);
    seen.push(...caseNos(res.body));
    cursor = res.body.nextCursor;
    pages += 1;
  } while (cursor !== null && pages < 20);
  return { caseNos: seen, pages };
}

beforeAll(async () => {
  stack = await startTestStack();
  officer = await stack.officer();
  auditor = await stack.login(SEEDED.auditor.username, SEEDED.auditor.password);
  adjudicator = await stack.login(SEEDED.adjudicator.username, SEEDED.adjudicator.password);
  alice = await stack.newIndividual('Chan Tai Man');
  bob = await stack.newIndividual('Lee Siu Wah');
  carol = await stack.newIndividual('Ho Ka Ming');

  cases.aliceFirst = await file(alice, aClaim());
  cases.aliceSecond = await file(alice, aClaim({ defendants: [{ name: 'Kwok Hing Company Limited', address: { lines: ['Unit 5, 3/F', '9 Argyle Street'] } }] }));
  cases.bob = await file(bob, aClaim({ claimants: [{ name: 'Lee Siu Wah', address: { lines: ['Flat C, 8/F', '3 Shanghai Street'] }, amountCents: 800_000, signed: true }] }));

  // An organisation acts for the defendant of Alice's second case and assigns it to one of its two users.
  const stamp = Date.now().toString(36);
  const org = await call('POST', '/api/v1/organisations', officer.headers, {
    name: 'Kwok Hing Company Limited',
    principalAdmin: { username: `kwok-admin-${stamp}`, displayName: 'Kwok Admin', password: 'principal-password-1' },
  });
  expect(org.status).toBe(201);
  const organisationId = String((org.body.organisation as Record<string, unknown>).id);
  orgAdmin = await stack.login(`kwok-admin-${stamp}`, 'principal-password-1');
  const clerkIds: string[] = [];
  for (const name of [`kwok-clerk-${stamp}`, `kwok-other-${stamp}`]) {
    const user = await call('POST', `/api/v1/organisations/${organisationId}/accounts`, orgAdmin.headers, {
      username: name,
      displayName: name,
      role: 'org-user',
      password: 'member-password-1',
    });
    expect(user.status).toBe(201);
    clerkIds.push(String((user.body.account as Record<string, unknown>).id));
  }
  expect((await call('POST', `/api/v1/cases/${cases.aliceSecond}/parties/D1/links`, officer.headers, { organisationId })).status).toBe(201);
  expect(
    (await call('POST', `/api/v1/organisations/${organisationId}/case-assignments`, orgAdmin.headers, { caseNo: cases.aliceSecond, accountId: clerkIds[0] })).status,
  ).toBe(200);
  clerk = await stack.login(`kwok-clerk-${stamp}`, 'member-password-1');
  otherClerk = await stack.login(`kwok-other-${stamp}`, 'member-password-1');

  // Each filed case projected with its hearing fixed.
  await eventually(
    () => list('?limit=100', officer.headers),
    (r) => [cases.aliceFirst, cases.aliceSecond, cases.bob].every((no) => r.body.claims?.some((c) => c.caseNo === no && c.nextHearing !== null)),
  );

  // A case filed last year and closed since, nobody's to list: straight into the read model.
  const { rows } = await stack.db.pool.query<{ snapshot: SmallClaimView }>('SELECT snapshot FROM sct_cases WHERE case_no = $1', [cases.bob]);
  const { projectSmallClaim } = createSctProjectionActivities({ pool: stack.db.pool });
  await projectSmallClaim({ ...rows[0]!.snapshot, caseNo: OLD_CASE, filedOn: '2025-06-02', stage: 'closed', hearing: null, version: 1 });
});
afterAll(async () => {
  await stack?.stop();
});

describe('GET /api/v1/sct/claims as a litigant', () => {
  it('when an individual user lists, then exactly their own cases are there, newest first, with the party they act as, the names, the next hearing and a link', async () => {
    const { status, body } = await list('', alice.headers);
    expect(status).toBe(200);
    expect(caseNos(body)).toEqual([cases.aliceSecond, cases.aliceFirst]);
    expect(body.nextCursor).toBeNull();
    const first = body.claims[1]!;
    expect(first).toEqual({
      caseNo: cases.aliceFirst,
      stage: 'awaiting-hearing',
      filedOn,
      actingAs: { partyId: 'C1', side: 'claimant', name: 'Chan Tai Man' },
      claimants: ['Chan Tai Man'],
      defendants: ['Wong Siu Ming'],
      nextHearing: { date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), time: '09:30', startsAt: expect.any(String), venue: SCT_VENUE },
      links: { self: `/api/v1/sct/claims/${cases.aliceFirst}` },
    });
    expect(first.nextHearing!.startsAt).toBe(`${first.nextHearing!.date}T09:30:00+08:00`);
    expect(body.claims[0]!.defendants).toEqual(['Kwok Hing Company Limited']);
    // The link opens the case, and its hearing is the one listed.
    const opened = await call('GET', first.links.self, alice.headers);
    expect(opened.status).toBe(200);
    expect((opened.body.hearing as { date: string }).date).toBe(first.nextHearing!.date);
  });

  it("when another individual user lists, then they see their own case and none of the first litigant's", async () => {
    const { status, body } = await list('?limit=100', bob.headers);
    expect(status).toBe(200);
    expect(caseNos(body)).toEqual([cases.bob]);
    expect(body.claims[0]!.actingAs).toEqual({ partyId: 'C1', side: 'claimant', name: 'Lee Siu Wah' });
    expect((await list('?limit=100', carol.headers)).body).toEqual({ claims: [], nextCursor: null });
  });

  it('when an organisation user lists, then they see the case assigned to them, acting for the defendant; a colleague not assigned sees none', async () => {
    const { status, body } = await list('', clerk.headers);
    expect(status).toBe(200);
    expect(caseNos(body)).toEqual([cases.aliceSecond]);
    expect(body.claims[0]!.actingAs).toEqual({ partyId: 'D1', side: 'defendant', name: 'Kwok Hing Company Limited' });
    expect((await list('', otherClerk.headers)).body.claims).toEqual([]);
  });

  it("when a litigant filters, then the filters narrow their own cases only, never reaching another's", async () => {
    expect(caseNos((await list('?party=kwok%20HING', alice.headers)).body)).toEqual([cases.aliceSecond]);
    expect(caseNos((await list('?party=lee%20siu', alice.headers)).body)).toEqual([]);
    expect(caseNos((await list('?stage=closed', alice.headers)).body)).toEqual([]);
    expect(caseNos((await list('?limit=1', alice.headers)).body)).toEqual([cases.aliceSecond]);
  });
});

describe('GET /api/v1/sct/claims as court staff', () => {
  it('when a registry officer lists, then every case is there, newest filed first, with no party of their own', async () => {
    const { status, body } = await list('?limit=100', officer.headers);
    expect(status).toBe(200);
    expect(caseNos(body)).toEqual([cases.bob, cases.aliceSecond, cases.aliceFirst, OLD_CASE]);
    expect(body.claims.every((c) => c.actingAs === null)).toBe(true);
    expect(body.claims[3]).toMatchObject({ caseNo: OLD_CASE, stage: 'closed', filedOn: '2025-06-02', nextHearing: null, claimants: ['Lee Siu Wah'] });
  });

  it('when paged one at a time, then the pages together are the whole list in order, with no duplicates or gaps; a filter pages the same way', async () => {
    const whole = caseNos((await list('?limit=100', officer.headers)).body);
    const paged = await allPages('?limit=1', officer.headers);
    expect(paged.pages).toBe(4);
    expect(paged.caseNos).toEqual(whole);
    expect(new Set(paged.caseNos).size).toBe(paged.caseNos.length);
    const byThree = await allPages('?limit=3', officer.headers);
    expect(byThree).toEqual({ caseNos: whole, pages: 2 });
    const filtered = await allPages(`?filedFrom=${filedOn}&limit=2`, officer.headers);
    expect(filtered.caseNos).toEqual([cases.bob, cases.aliceSecond, cases.aliceFirst]);
  });

  it('when filtered by stage, party and filing dates, then only the matching cases are listed', async () => {
    expect(caseNos((await list('?stage=closed', officer.headers)).body)).toEqual([OLD_CASE]);
    expect(caseNos((await list('?stage=awaiting-hearing', officer.headers)).body)).toEqual([cases.bob, cases.aliceSecond, cases.aliceFirst]);
    expect(caseNos((await list('?party=LEE%20siu', officer.headers)).body)).toEqual([cases.bob, OLD_CASE]);
    expect(caseNos((await list('?filedTo=2025-12-31', officer.headers)).body)).toEqual([OLD_CASE]);
    expect(caseNos((await list('?filedFrom=2025-06-02&filedTo=2025-06-02', officer.headers)).body)).toEqual([OLD_CASE]);
    expect(caseNos((await list(`?filedFrom=${filedOn}&party=wong`, officer.headers)).body)).toEqual([cases.bob, cases.aliceFirst]);
    for (const party of ['%%', '__', 'a%', "' OR 1=1 --"]) expect([party, caseNos((await list(`?party=${encodeURIComponent(party)}`, officer.headers)).body)]).toEqual([party, []]);
  });

  it('when an auditor or an adjudicator lists, then they see every case too', async () => {
    const all = (await list('?limit=100', officer.headers)).body;
    for (const who of [auditor, adjudicator]) {
      const res = await list('?limit=100', who.headers);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(all);
    }
  });
});

describe('GET /api/v1/sct/claims in /openapi.json', () => {
  it('when the document is read, then the list is there with its roles, its filters and the hearing in Hong Kong time', async () => {
    const doc = (await (await fetch(`${stack.baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { operationId: string; 'x-roles'?: string[]; parameters?: { name: string }[] }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const op = doc.paths['/api/v1/sct/claims']!.get!;
    expect(op.operationId).toBe('listSmallClaims');
    expect([...op['x-roles']!].sort()).toEqual(['adjudicator', 'auditor', 'individual-user', 'org-user', 'registry-officer']);
    expect(op.parameters!.map((p) => p.name).sort()).toEqual(['cursor', 'filedFrom', 'filedTo', 'limit', 'party', 'stage']);
    expect(doc.paths['/api/v1/sct/claims']!.post!.operationId).toBe('fileSmallClaim');
    expect(Object.keys(doc.components.schemas.ListedHearing!.properties!).sort()).toEqual(['date', 'startsAt', 'time', 'venue']);
  });
});

describe('GET /api/v1/sct/claims refused', () => {
  it('when an organisation administrator lists, then 403 (administrators do not file); the public gets 401', async () => {
    const admin = await list('', orgAdmin.headers);
    expect(admin.status).toBe(403);
    const anonymous = await list('', {});
    expect(anonymous.status).toBe(401);
  });

  it.each([
    ['?limit=0', 'limit'],
    ['?limit=101', 'limit'],
    ['?stage=pending', 'stage'],
    ['?party=x', 'party'],
    ['?filedFrom=2026-13-01', 'filedFrom'],
    ['?filedFrom=2026-05-02&filedTo=2026-05-01', 'filedTo'],
    ['?cursor=not!a!cursor', 'cursor'],
    [`?cursor=${Buffer.from('{"f":"2026-01-01","c":"x"}').toString('base64url')}`, 'cursor'],
    ['?sort=caseNo', 'sort'],
  ])('when the query is %s, then 400 names %s', async (query, field) => {
    const { status, body } = await list(query, alice.headers);
    expect(status).toBe(400);
    expect(body.errors?.map((e) => e.field)).toEqual([field]);
  });
});
