/**
 * A case's history through the API, read from its Temporal event history on
 * a real dev server: the records with who, for whom, the step and its
 * provision, and the periods set; paged; a party reads their own case's, an
 * unrelated user gets 404, as for the case itself.
 */
import { aClaim } from '../support/claims';
import { SEEDED, eventually, startTestStack, type SignedIn, type TestStack } from '../support/stack';

let stack: TestStack;
let officer: SignedIn;
let auditor: SignedIn;
let claimant: SignedIn;
let caseNo: string;

interface Entry {
  n: number;
  event: string;
  actor: { id: string; role: string } | null;
  onBehalfOf: string | null;
  step: string | null;
  basis: string | null;
  deadlines: { set: { key: string }[]; moved: unknown[]; closed: { key: string; status: string }[] };
}
interface Page {
  reference: string;
  runs: number;
  entries: Entry[];
  nextCursor: string | null;
}

const get = async (who: SignedIn, url: string) => {
  const res = await fetch(`${stack.baseUrl}${url}`, { headers: who.headers });
  return { status: res.status, body: (await res.json()) as Page & { detail?: string } };
};

beforeAll(async () => {
  stack = await startTestStack();
  officer = await stack.officer();
  auditor = await stack.login(SEEDED.auditor.username, SEEDED.auditor.password);
  claimant = await stack.newIndividual('Chan Tai Man');
  const filed = await fetch(`${stack.baseUrl}/api/v1/sct/claims`, { method: 'POST', headers: { 'content-type': 'application/json', ...claimant.headers }, body: JSON.stringify(aClaim()) });
  expect(filed.status).toBe(201);
  caseNo = ((await filed.json()) as { caseNo: string }).caseNo;
  const served = await fetch(`${stack.baseUrl}/api/v1/sct/claims/${caseNo}/steps/record-service`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...officer.headers },
    body: JSON.stringify({ partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'post', servedOn: new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Hong_Kong' }) }),
  });
  expect(served.status).toBe(200);
});
afterAll(async () => {
  await stack?.stop();
});

describe('a case history', () => {
  it('when an auditor reads it, then each record is there with who, the step and its provision, and the periods it set', async () => {
    const { status, body } = await eventually(() => get(auditor, `/api/v1/cases/${caseNo}/history?limit=100`), (r) => r.body.entries?.some((e) => e.event === 'service-recorded'));
    expect(status).toBe(200);
    expect(body).toMatchObject({ reference: caseNo, runs: 1, nextCursor: null });
    expect(body.entries.slice(0, 2).map((e) => e.event)).toEqual(['claim-filed', 'hearing-fixed']);
    const served = body.entries.find((e) => e.event === 'service-recorded')!;
    expect(served).toMatchObject({ actor: { id: officer.id, role: 'registry-officer' }, step: 'recordService', basis: expect.stringMatching(/^Cap\. 338/) });
    // Filing fixed the hearing within s.14's 60 days at once: that period is met the day it opened.
    expect(body.entries.flatMap((e) => e.deadlines.closed)).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'hearing', status: 'met' })]));
  });

  it('when read a page at a time, then every entry comes once, in order', async () => {
    const all: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: Page } = await get(officer, `/api/v1/cases/${caseNo}/history?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      all.push(...page.body.entries.map((e) => e.n));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(all).toEqual(all.map((_, i) => i + 1));
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect((await get(officer, `/api/v1/cases/${caseNo}/history?cursor=bogus`)).status).toBe(400);
  });

  it('when a party reads their own case it is there; an unrelated user, or a case that does not exist, is not found', async () => {
    // The claimant filed it, so the claimant's account acts for C1.
    expect((await get(claimant, `/api/v1/cases/${caseNo}/history`)).status).toBe(200);
    const stranger = await stack.newIndividual('Lee Siu Fung');
    expect((await get(stranger, `/api/v1/cases/${caseNo}/history`)).status).toBe(404);
    expect((await get(auditor, '/api/v1/cases/SCTC-2099-000999/history')).status).toBe(404);
  });
});
