/**
 * Enforcing an unpaid small-claim award by writ of execution (Cap. 338
 * s.32), and the payments that need time to pass: a callback that never
 * comes, a payer who never pays, a filing cancelled after its fees were
 * paid. The time-skipping server lets the 60 days to the hearing, the date
 * for payment and the payment page's expiry pass in seconds; PostgreSQL,
 * the API and the sandbox payment provider are real.
 */
import { addDays } from '../../domain/calendar';
import { hkDateOf } from '../../domain/time/hong-kong-time';
import { aClaim } from '../support/claims';
import { pdfText } from '../support/pdf-reading';
import { SEEDED, eventually, startTestStack, type SignedIn, type TestStack } from '../support/stack';
import { payOnPage, writFilings, type WritFiling as Filing } from '../support/writ-filing';

let stack: TestStack;
let officer: SignedIn;
let adjudicator: SignedIn;
let claimant: SignedIn;
let caseNo: string;
let writs: ReturnType<typeof writFilings>;

interface CaseView {
  stage: string;
  hearing: { startsAt: string } | null;
  enforcement: { reference: string; stage: string; writs: { purpose: string; status: string; documentReferenceNo: string | null }[] }[];
  detail?: string;
}

async function call<T = Filing>(method: string, url: string, who: SignedIn | null, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(url.startsWith('http') ? url : `${stack.baseUrl}${url}`, {
    method,
    headers: { ...(who?.headers ?? {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, body: (type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer())) as T };
}
const step = (who: SignedIn, reference: string, name: string, body: unknown = {}) => call('POST', `/api/v1/filings/${reference}/steps/${name}`, who, body);
const caseStep = async (who: SignedIn, name: string, body: unknown) => {
  const res = await call<CaseView>('POST', `/api/v1/sct/claims/${caseNo}/steps/${name}`, who, body);
  if (res.status !== 200) throw new Error(`${name}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const theCase = () => call<CaseView>('GET', `/api/v1/sct/claims/${caseNo}`, claimant).then((r) => r.body);
const until = (reference: string, accept: (f: Filing) => boolean) => eventually(() => call('GET', `/api/v1/filings/${reference}`, claimant), (r) => accept(r.body), 20_000).then((r) => r.body);
const today = async () => hkDateOf(await stack.env.currentTimeMs());

async function pay(pageUrl: string, card: string): Promise<void> {
  expect((await payOnPage(pageUrl, card)).status).toBe(303);
}

/** Lets 21 minutes of workflow time pass: past the payment page and its grace period. */
const pastThePage = () => stack.env.sleep(21 * 60_000);

beforeAll(async () => {
  stack = await startTestStack({ timeSkipping: true, payments: true });
  officer = await stack.officer();
  adjudicator = await stack.login(SEEDED.adjudicator.username, SEEDED.adjudicator.password);
  claimant = await stack.newIndividual('Chan Tai Man');
  const filed = await call<{ caseNo: string }>('POST', '/api/v1/sct/claims', claimant, aClaim());
  caseNo = filed.body.caseNo;
  await eventually(theCase, (v) => v.stage === 'awaiting-hearing', 20_000);
  writs = writFilings(stack.baseUrl, caseNo, claimant, officer);
});
afterAll(async () => {
  await stack?.stop();
});

describe('enforcing a small-claim award (s.32)', () => {
  it('when the award is unpaid after its date, then the claimant begins a writ in the District Court from the case and takes it to a sealed writ; the case shows its progress', async () => {
    // Before there is an award, there is nothing to enforce.
    const early = await call('POST', `/api/v1/sct/claims/${caseNo}/enforcement`, claimant);
    expect([early.status, early.body.detail]).toEqual([409, expect.stringMatching(/awaiting-hearing/)]);

    await caseStep(officer, 'record-service', { partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'post', servedOn: await today() });
    const fixed = await theCase();
    await stack.env.sleep(Date.parse(fixed.hearing!.startsAt) + 60_000 - (await stack.env.currentTimeMs()));
    await eventually(theCase, (v) => v.stage === 'awaiting-outcome', 30_000);
    const hearingDay = await today();
    await caseStep(adjudicator, 'enter-default-judgment', { summary: 'Judgment for the claimant in default', oral: false, amountCents: 1_250_000, against: ['D1'], affidavitFiled: true, payBy: addDays(hearingDay, 14) });
    await stack.env.sleep(Date.parse(`${addDays(hearingDay, 16)}T00:00:00+08:00`) - (await stack.env.currentTimeMs()));
    await eventually(theCase, (v) => v.stage === 'enforceable', 30_000);

    const begun = await call('POST', `/api/v1/sct/claims/${caseNo}/enforcement`, claimant);
    expect([begun.status, begun.body.detail]).toEqual([201, undefined]);
    const stageA = begun.body;
    expect(stageA.enforces).toMatchObject({ caseNo, awardDocument: expect.stringMatching(/-AWD-/) });
    expect(stageA.enforces!.owedCents).toBeGreaterThanOrEqual(1_250_000);
    expect(stageA.documents).toEqual([expect.objectContaining({ type: 'judgment', purpose: 'for-filing' })]);
    // Begun twice: the first is still going.
    expect((await call('POST', `/api/v1/sct/claims/${caseNo}/enforcement`, claimant)).body.detail).toMatch(new RegExp(`${stageA.reference} already enforces`));

    const approvedNo = await writs.approvedDraftOn(stageA.reference);
    const sealing = await writs.forSealing(approvedNo);
    const attempt = await writs.openPage(sealing.reference);
    await pay(attempt.pageUrl!, '4242424242424242');
    await until(sealing.reference, (f) => f.stage === 'submitted');
    const writ = sealing.documents.find((d) => d.purpose === 'for-sealing')!;
    expect((await step(officer, sealing.reference, 'accept-document', { documentId: writ.id })).status).toBe(200);

    const view = await eventually(theCase, (v) => v.enforcement.some((f) => f.writs.some((w) => w.purpose === 'for-sealing' && w.status === 'accepted')), 20_000);
    expect(view.enforcement.map((f) => f.reference)).toEqual([stageA.reference, sealing.reference]);
    expect(view.enforcement[0]!.writs[0]).toMatchObject({ purpose: 'for-approval-of-draft', status: 'accepted', documentReferenceNo: approvedNo });
    const inbox = await eventually(
      () => call<{ messages: { kind: string; attachments: { links: { self: string } }[] }[] }>('GET', '/api/v1/inbox?limit=100', claimant),
      (r) => r.body.messages.some((m) => m.kind === 'document-sealed'),
      20_000,
    );
    const sealed = inbox.body.messages.find((m) => m.kind === 'document-sealed')!;
    const pdf = pdfText((await call<Buffer>('GET', sealed.attachments[0]!.links.self, claimant)).body);
    expect(pdf).toContain(approvedNo);
    expect(pdf).toMatch(/SEALED/);
  });
});

describe('payments that need time to pass', () => {
  it('when the provider takes the money but its callback never comes, then the page is reconciled by a query and the filing is paid', async () => {
    const sealing = await writs.newSealingFiling();
    const attempt = await writs.openPage(sealing.reference);
    await pay(attempt.pageUrl!, '4000000000000341');
    await pastThePage();
    const paid = await until(sealing.reference, (f) => f.payment?.status === 'paid');
    expect(paid.stage).toBe('submitted');
    expect(paid.history.find((e) => e.event === 'paid')?.detail).toMatch(/\(query\)/);
  });

  it('when the payer never pays, then the page is stopped at the provider once its time is up, and the filing may be paid again', async () => {
    const sealing = await writs.newSealingFiling();
    const attempt = await writs.openPage(sealing.reference);
    await pastThePage();
    const expired = await until(sealing.reference, (f) => f.payment?.attempts[0]?.status === 'expired');
    expect(expired.stage).toBe('awaiting-payment');
    // The page no longer takes payment.
    const late = await fetch(attempt.pageUrl!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'card=4242424242424242', redirect: 'manual' });
    expect(late.status).not.toBe(303);
    const again = await writs.openPage(sealing.reference);
    expect(again.id).toBe(`${sealing.reference}-P2`);
  });

  it('when a filing is cancelled after its fees were paid, then the payment is refunded through the provider, once', async () => {
    const sealing = await writs.newSealingFiling();
    const attempt = await writs.openPage(sealing.reference);
    await pay(attempt.pageUrl!, '4242424242424242');
    await until(sealing.reference, (f) => f.stage === 'submitted');
    expect((await step(claimant, sealing.reference, 'cancel', { reason: 'the debtor paid' })).status).toBe(200);
    const refunded = await until(sealing.reference, (f) => f.payment?.status === 'refunded');
    expect(refunded.payment!.attempts.map((a) => a.status)).toEqual(['refunded']);
    expect(refunded.history.filter((e) => e.event === 'refunded')).toHaveLength(1);
  });
});
