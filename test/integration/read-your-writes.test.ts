/**
 * After a step answers with version N, the same caller's GET shows version N
 * or later, every time: the workflow writes the read model before it
 * answers. The ETag is only ever the case's version: on a step, on a read,
 * on a replayed step, and never on an error.
 */
import { addDays, createCalendar, isOpenDay } from '../../domain/calendar';
import { hkDateOf } from '../../domain/time/hong-kong-time';
import { aClaim } from '../support/claims';
import { eventually, startTestStack, type SignedIn, type TestStack } from '../support/stack';

let stack: TestStack;
let filer: SignedIn;
let officer: SignedIn;

beforeAll(async () => {
  stack = await startTestStack();
  filer = await stack.newIndividual();
  officer = await stack.officer();
});
afterAll(async () => {
  await stack?.stop();
});

const json = { 'content-type': 'application/json' };

async function fileClaim(): Promise<string> {
  const res = await fetch(`${stack.baseUrl}/api/v1/sct/claims`, { method: 'POST', headers: { ...json, ...filer.headers }, body: JSON.stringify(aClaim()) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { caseNo: string }).caseNo;
}

const read = (caseNo: string, as: SignedIn) => fetch(`${stack.baseUrl}/api/v1/sct/claims/${caseNo}`, { headers: as.headers });

function sittingDays(from: string, count: number): string[] {
  const days: string[] = [];
  for (let day = addDays(from, 3); days.length < count; day = addDays(day, 1)) if (isOpenDay(createCalendar(), day, 'registry')) days.push(day);
  return days;
}

describe('read your own writes', () => {
  it('when a step answers with version N, then a GET straight after it shows version N or later, for each of twelve steps', async () => {
    const caseNo = await fileClaim();
    const filed = await eventually(() => read(caseNo, officer), (r) => r.status === 200);
    const { filedOn } = (await filed.json()) as { filedOn: string };
    for (const date of sittingDays(filedOn, 12)) {
      const step = await fetch(`${stack.baseUrl}/api/v1/sct/claims/${caseNo}/steps/fix-hearing`, {
        method: 'POST',
        headers: { ...json, ...officer.headers },
        body: JSON.stringify({ date, reason: 'relisted' }),
      });
      expect(step.status).toBe(200);
      const answered = (await step.json()) as { version: number };
      expect(step.headers.get('etag')).toBe(`"v${answered.version}"`);

      const after = await read(caseNo, officer);
      const seen = (await after.json()) as { version: number; hearing: { date: string } };
      expect(seen.version).toBeGreaterThanOrEqual(answered.version);
      expect(seen.hearing.date).toBe(date);
      expect(after.headers.get('etag')).toBe(`"v${seen.version}"`);
    }
  });

  it('when a step is replayed under its Idempotency-Key, then it carries the same version ETag; an error carries none', async () => {
    const caseNo = await fileClaim();
    await eventually(() => read(caseNo, officer), (r) => r.status === 200);
    const send = () =>
      fetch(`${stack.baseUrl}/api/v1/sct/claims/${caseNo}/steps/record-service`, {
        method: 'POST',
        headers: { ...json, ...officer.headers, 'Idempotency-Key': 'serve-d1-once' },
        body: JSON.stringify({ partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'post', servedOn: hkDateOf(Date.now()) }),
      });
    const first = await send();
    const again = await send();
    expect(first.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(first.headers.get('etag')).toMatch(/^"v\d+"$/);

    const missing = await read('SCTC-1999-000001', officer);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('etag')).toBeNull();
    const docs = await fetch(`${stack.baseUrl}/openapi.json`);
    expect(docs.headers.get('etag')).toBeNull();
  });
});
