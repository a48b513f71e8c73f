/**
 * What a hostile or careless caller sends changes nothing it should not:
 * text PostgreSQL cannot store is refused at the door, naming the field;
 * deeply nested JSON and dates beyond the calendar get a clear 4xx, never a
 * 500; an Idempotency-Key belongs to the account that sent it, down to the
 * workflow update ID; party links name only cases and parties that exist.
 */
import { hashPassword } from '../../db/passwords';
import { aClaim } from '../support/claims';
import { eventually, startTestStack, untilNoticeIssued, type SignedIn, type TestStack } from '../support/stack';

let stack: TestStack;
let filer: SignedIn;
let officer: SignedIn;
let secondOfficer: SignedIn;
let caseNo: string;

const json = { 'content-type': 'application/json' };

beforeAll(async () => {
  stack = await startTestStack();
  filer = await stack.newIndividual();
  officer = await stack.officer();
  // A second registry officer (staff accounts are created by the registry's own administration).
  await stack.db.pool.query(`INSERT INTO accounts (username, display_name, role, password_hash) VALUES ('registry.officer.2', 'Officer Ho', 'registry-officer', $1)`, [
    await hashPassword('second-officer-password'),
  ]);
  secondOfficer = await stack.login('registry.officer.2', 'second-officer-password');
  const res = await fetch(`${stack.baseUrl}/api/v1/sct/claims`, { method: 'POST', headers: { ...json, ...filer.headers }, body: JSON.stringify(aClaim()) });
  caseNo = ((await res.json()) as { caseNo: string }).caseNo;
  await untilNoticeIssued(stack, caseNo, (await stack.officer()).headers);
  await eventually(() => fetch(`${stack.baseUrl}/api/v1/sct/claims/${caseNo}`, { headers: officer.headers }), (r) => r.status === 200);
});
afterAll(async () => {
  await stack?.stop();
});

const post = (path: string, body: unknown, as: SignedIn, headers: Record<string, string> = {}) =>
  fetch(`${stack.baseUrl}${path}`, { method: 'POST', headers: { ...json, ...as.headers, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

const caseVersion = async () => ((await (await fetch(`${stack.baseUrl}/api/v1/sct/claims/${caseNo}`, { headers: officer.headers })).json()) as { version: number; hearing: { date: string } });

describe('text PostgreSQL cannot store', () => {
  it.each([
    ['a NUL character', 'Wong\u0000 Siu Ming'],
    ['a lone high surrogate', 'Wong \uD83D Siu Ming'],
    ['a lone low surrogate', 'Wong \uDE00 Siu Ming'],
  ])('when a claim carries %s in a party name, then 400 names the field and nothing is filed', async (_what, name) => {
    const before = Number((await stack.db.pool.query('SELECT count(*) AS n FROM sct_filings')).rows[0].n);
    const claim = aClaim();
    claim.defendants[0]!.name = name;
    const res = await post('/api/v1/sct/claims', claim, filer);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { field: string; rule: string }[] };
    expect(body.errors).toEqual([expect.objectContaining({ field: 'defendants[0].name', rule: 'storable-text' })]);
    expect(Number((await stack.db.pool.query('SELECT count(*) AS n FROM sct_filings')).rows[0].n)).toBe(before);
  });

  it('when a step carries a NUL in its reason, then 400 names the field and the case does not move', async () => {
    const { version } = await caseVersion();
    const res = await post(`/api/v1/sct/claims/${caseNo}/steps/fix-hearing`, { date: '2099-01-01', reason: 'list\u0000ing' }, officer);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('reason');
    expect((await caseVersion()).version).toBe(version);
  });

  it('when a search or a path carries a NUL, then 400, not a database error', async () => {
    const search = await fetch(`${stack.baseUrl}/api/v1/cause-book?party=${encodeURIComponent('wo\u0000ng')}`);
    expect(search.status).toBe(400);
    expect(((await search.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('party');
    const revoke = await fetch(`${stack.baseUrl}/api/v1/auth/api-keys/${encodeURIComponent('a\u0000b')}`, { method: 'DELETE', headers: officer.headers });
    expect(revoke.status).toBe(400);
  });

  it('when a JSON key itself is unstorable, then 400', async () => {
    const res = await post('/api/v1/sct/claims', `{"subjectMatter":"contract","x\\u0000":1}`, filer);
    expect(res.status).toBe(400);
  });
});

describe('input no handler should ever answer with a 500', () => {
  it('when the body nests thousands of levels deep, then 400 too-deep before anything walks it', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const res = await post('/api/v1/sct/claims', `{"claimants":${deep}}`, filer, { 'Idempotency-Key': 'deep' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { type: string }).type).toBe('urn:courtflow:problem:too-deep');
  });

  it('when a step names a date beyond the court calendar, then 422 naming the coverage, and the case does not move', async () => {
    const { version } = await caseVersion();
    const res = await post(`/api/v1/sct/claims/${caseNo}/steps/fix-hearing`, { date: '2031-03-03', reason: 'far away' }, officer);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { coverage: { from: string; to: string }; detail: string; reason: string };
    expect(body.reason).toBe('outside-calendar');
    expect(body.coverage.to).toMatch(/^\d{4}-12-31$/);
    expect(body.detail).toContain('outside the court calendar');
    expect((await caseVersion()).version).toBe(version);
  });
});

describe('an Idempotency-Key belongs to its caller', () => {
  it('when two officers send the same key for the same step, then each is applied on its own and neither is handed the other\'s answer', async () => {
    const { hearing } = await caseVersion();
    const days = [1, 2].map((n) => {
      const d = new Date(`${hearing.date}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() - 7 * n);
      while ([0, 6].includes(d.getUTCDay())) d.setUTCDate(d.getUTCDate() - 1);
      return d.toISOString().slice(0, 10);
    });
    const first = await post(`/api/v1/sct/claims/${caseNo}/steps/fix-hearing`, { date: days[0], reason: 'first officer' }, officer, { 'Idempotency-Key': 'same-key' });
    const second = await post(`/api/v1/sct/claims/${caseNo}/steps/fix-hearing`, { date: days[1], reason: 'second officer' }, secondOfficer, { 'Idempotency-Key': 'same-key' });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    const secondView = (await second.json()) as { hearing: { date: string }; history: { by: { id: string } | null }[] };
    expect(secondView.hearing.date).toBe(days[1]);
    expect(secondView.history.at(-1)?.by?.id).toBe(secondOfficer.id);
    // And the first officer's retry still gets the first officer's answer.
    const retry = await post(`/api/v1/sct/claims/${caseNo}/steps/fix-hearing`, { date: days[0], reason: 'first officer' }, officer, { 'Idempotency-Key': 'same-key' });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
  });
});

describe('party links', () => {
  it('when an officer links an account to a party the case does not have, or to a case never filed, then 404 and nothing is linked', async () => {
    const stranger = await stack.newIndividual('Lee Ka Yan');
    const noParty = await post(`/api/v1/cases/${caseNo}/parties/ZZ99/links`, { accountId: stranger.id }, officer);
    expect(noParty.status).toBe(404);
    const noParty2 = await post(`/api/v1/cases/${caseNo}/parties/D9/links`, { accountId: stranger.id }, officer);
    expect(noParty2.status).toBe(404);
    expect(((await noParty2.json()) as { detail: string }).detail).toContain('its parties are C1, D1');
    const future = await post('/api/v1/cases/SCTC-2099-999999/parties/C1/links', { accountId: stranger.id }, officer);
    expect(future.status).toBe(404);
    const links = await stack.db.pool.query('SELECT count(*) AS n FROM case_party_links WHERE account_id = $1', [stranger.id]);
    expect(Number(links.rows[0].n)).toBe(0);
  });
});
