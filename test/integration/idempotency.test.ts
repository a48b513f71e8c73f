/**
 * Idempotency-Key on the POSTs that advance a workflow: a retried step is
 * applied once and answered the same; the key on another request is refused.
 */
import { aClaim } from '../support/claims';
import { eventually, startTestStack, untilNoticeIssued, type SignedIn, type TestStack } from '../support/stack';

let stack: TestStack;
let officer: SignedIn;
let caseNo: string;

beforeAll(async () => {
  stack = await startTestStack();
  officer = await stack.officer();
  const claimant = await stack.newIndividual();
  const res = await fetch(`${stack.baseUrl}/api/v1/sct/claims`, { method: 'POST', headers: { 'content-type': 'application/json', ...claimant.headers }, body: JSON.stringify(aClaim()) });
  caseNo = ((await res.json()) as { caseNo: string }).caseNo;
  await untilNoticeIssued(stack, caseNo, officer.headers);
});
afterAll(async () => {
  await stack?.stop();
});

const serve = (key: string, manner: string) =>
  fetch(`${stack.baseUrl}/api/v1/sct/claims/${caseNo}/steps/record-service`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'Idempotency-Key': key, ...officer.headers },
    body: JSON.stringify({ partyId: 'D1', document: 'claim-and-notice-of-hearing', manner, servedOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10) }),
  });

const serviceCount = async () => {
  const res = await fetch(`${stack.baseUrl}/api/v1/sct/claims/${caseNo}`, { headers: officer.headers });
  return ((await res.json()) as { service: unknown[]; version: number });
};

describe('Idempotency-Key on a step', () => {
  it('when a step is retried with the same key and body, then it is applied once and the first answer is replayed', async () => {
    const first = await serve('serve-d1', 'post');
    expect(first.status).toBe(200);
    const firstBody = (await first.json()) as { version: number };
    const again = await serve('serve-d1', 'post');
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { version: number }).version).toBe(firstBody.version);
    const view = await eventually(serviceCount, (v) => v.version === firstBody.version);
    expect(view.service).toHaveLength(1);
  });

  it('when the same key comes with a different body, then 422 names the reuse and nothing changes', async () => {
    const before = await serviceCount();
    const res = await serve('serve-d1', 'personal-delivery');
    expect(res.status).toBe(422);
    expect(((await res.json()) as { type: string }).type).toBe('urn:courtflow:problem:idempotency-key-reused');
    const after = await serviceCount();
    expect(after.version).toBe(before.version);
    expect(after.service).toHaveLength(1);
  });
});
