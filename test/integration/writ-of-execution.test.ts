/**
 * A writ of execution in its two stages (seed 003), through the API, on the
 * time-skipping Temporal test server, PostgreSQL, and the sandbox payment
 * provider as a real HTTP server: an organisation user takes a writ from a
 * draft for approval to a sealed writ, once paying through the provider's
 * hosted page and once from the organisation's prepayment account; and
 * everything that can go wrong on the way is refused or put right (a
 * rejected draft, a reference that may not be quoted, a declined card, a
 * duplicated callback, too little in the prepayment account, a double
 * submission, a legally aided filer, the provider restarted mid-payment).
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { aClaim } from '../support/claims';
import { saveHistory } from '../support/histories';
import { pdfText as pdfToText } from '../support/pdf-reading';
import { SEEDED, eventually, startTestStack, type SignedIn, type TestStack } from '../support/stack';

let stack: TestStack;
let officer: SignedIn;
let clerk: SignedIn;
let colleague: SignedIn;
let organisationId: string;
let caseNo: string;
let otherCaseNo: string;
/** The claimant (C1) of both cases: another filer than the organisation acting for D1. */
let claimant: SignedIn;

interface Attempt {
  id: string;
  method: string;
  status: string;
  pageUrl?: string;
  reason?: string;
}
interface Filing {
  reference: string;
  stage: string;
  submittedAt: string | null;
  documents: { id: string; type: string; purpose: string; status: string; documentReferenceNo?: string }[];
  payment: { status: string; quote: { payableCents: number }; attempts: Attempt[]; receipt: { receiptNo: string; totalCents: number } | null } | null;
  messages: { key: string; deliveredAt: string | null }[];
  history: { event: string; detail: string }[];
  notices: { id: string; text: { en: string; 'zh-Hant': string } }[];
  detail?: string;
}
interface InboxMessage {
  kind: string;
  subject: string;
  body: string;
  attachments: { name: string; links: { self: string } }[];
}

async function call<T = Filing>(method: string, url: string, who: SignedIn | null, body?: unknown): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(url.startsWith('http') ? url : `${stack.baseUrl}${url}`, {
    method,
    headers: { ...(who?.headers ?? {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, headers: res.headers, body: (type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer())) as T };
}

async function upload(who: SignedIn, text: string): Promise<string> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText(text, { x: 50, y: 700, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  const res = await fetch(`${stack.baseUrl}/api/v1/documents`, {
    method: 'POST',
    headers: { ...who.headers, 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${text.replace(/\W+/g, '-')}.pdf"` },
    body: Buffer.from(await doc.save()),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const step = (who: SignedIn, reference: string, name: string, body: unknown = {}) => call('POST', `/api/v1/filings/${reference}/steps/${name}`, who, body);
const read = (who: SignedIn, reference: string) => call('GET', `/api/v1/filings/${reference}`, who);
const until = (who: SignedIn, reference: string, accept: (f: Filing) => boolean) => eventually(() => read(who, reference), (r) => accept(r.body), 20_000).then((r) => r.body);

async function inbox(who: SignedIn): Promise<InboxMessage[]> {
  return (await call<{ messages: InboxMessage[] }>('GET', '/api/v1/inbox?limit=100', who)).body.messages;
}
const inboxHas = (who: SignedIn, accept: (m: InboxMessage[]) => boolean) => eventually(() => inbox(who), accept, 20_000);

const on = (c: string) => ({ caseNo: c, courtLevel: 'district-court', receivingOffice: 'district-court-registry' });

/** Stage A: the draft writ and a praecipe, for approval; returns the filing. */
async function draftForApproval(who: SignedIn, onCase = caseNo): Promise<Filing> {
  const opened = await call('POST', '/api/v1/filings', who, on(onCase));
  expect(opened.status).toBe(201);
  const ref = opened.body.reference;
  const described = { purpose: 'for-approval-of-draft', language: 'en', filingParty: 'D1', filedAgainst: ['C1'] };
  expect((await step(who, ref, 'add-document', { ...described, uploadId: await upload(who, 'Writ of fieri facias (draft)'), type: 'writ-of-fieri-facias' })).status).toBe(200);
  expect((await step(who, ref, 'add-document', { ...described, uploadId: await upload(who, 'Praecipe for approval'), type: 'praecipe' })).status).toBe(200);
  const submitted = await step(who, ref, 'submit');
  expect(submitted.status).toBe(200);
  return submitted.body;
}

/** The court approves the draft (D1) by order and accepts the praecipe; returns the approved draft's number. */
async function approve(reference: string): Promise<string> {
  const approved = await step(officer, reference, 'accept-document', { documentId: 'D1', courtAction: 'order' });
  expect(approved.status).toBe(200);
  expect((await step(officer, reference, 'accept-document', { documentId: 'D2' })).status).toBe(200);
  return approved.body.documents[0]!.documentReferenceNo!;
}

/** Stage B: the writ for sealing quoting `approvedDraft`, a praecipe and the letter enclosing the judgment; confirmed. */
async function forSealing(who: SignedIn, approvedDraft: string, extra: Record<string, unknown> = {}): Promise<Filing> {
  const opened = await call('POST', '/api/v1/filings', who, { ...on(caseNo), ...extra });
  const ref = opened.body.reference;
  const filed = { language: 'en', filingParty: 'D1', filedAgainst: ['C1'] };
  const writ = await step(who, ref, 'add-document', { ...filed, purpose: 'for-sealing', uploadId: await upload(who, 'Writ of fieri facias'), type: 'writ-of-fieri-facias', approvedDraftReferenceNo: approvedDraft });
  expect([writ.status, writ.body.detail]).toEqual([200, undefined]);
  expect((await step(who, ref, 'add-document', { ...filed, purpose: 'for-filing', uploadId: await upload(who, 'Praecipe for filing'), type: 'praecipe' })).status).toBe(200);
  expect((await step(who, ref, 'add-document', { ...filed, purpose: 'for-filing', uploadId: await upload(who, 'Letter enclosing the judgment'), type: 'letter' })).status).toBe(200);
  return (await step(who, ref, 'submit')).body;
}

/** The payer on the provider's hosted page: enters a test card; the browser is sent back to courtflow. */
async function payOnPage(pageUrl: string, card: string): Promise<void> {
  // A browser retries a page whose connection a restart of the provider dropped.
  const page = await fetch(pageUrl).catch(() => fetch(pageUrl));
  expect(page.status).toBe(200);
  expect(await page.text()).toMatch(/HK\$/);
  const paid = await fetch(pageUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `card=${card}`, redirect: 'manual' });
  expect(paid.status).toBe(303);
  const back = paid.headers.get('location')!;
  expect(back.startsWith(`${stack.baseUrl}/api/v1/payments/`)).toBe(true);
  const returned = await fetch(back);
  expect(returned.status).toBe(200);
}

async function openPage(who: SignedIn, reference: string): Promise<Attempt> {
  const res = await step(who, reference, 'pay', { method: 'provider' });
  expect(res.status).toBe(200);
  const attempt = res.body.payment!.attempts.at(-1)!;
  expect(attempt).toMatchObject({ method: 'provider', status: 'awaiting-payer' });
  return attempt;
}

/** A claim filed, and in the read model with its parties (a filing names them). */
async function fileCase(claimant: SignedIn): Promise<string> {
  const res = await call<{ caseNo: string }>('POST', '/api/v1/sct/claims', claimant, aClaim());
  expect(res.status).toBe(201);
  const { caseNo: filed } = res.body;
  await eventually(() => call<{ stage?: string; readModel?: { source: string } }>('GET', `/api/v1/sct/claims/${filed}`, claimant), (r) => r.body.readModel?.source === 'read-model');
  return filed;
}

beforeAll(async () => {
  stack = await startTestStack({ timeSkipping: true, payments: true });
  officer = await stack.officer();
  claimant = await stack.newIndividual('Chan Tai Man');
  caseNo = await fileCase(claimant);
  otherCaseNo = await fileCase(claimant);
  // An organisation acts for the defendant and assigns the case to two of its users.
  const stamp = Date.now().toString(36);
  const org = await call<{ organisation: { id: string } }>('POST', '/api/v1/organisations', officer, {
    name: 'Kwok Hing Company Limited',
    principalAdmin: { username: `kh-admin-${stamp}`, displayName: 'Kwok Admin', password: 'principal-password-1' },
  });
  expect(org.status).toBe(201);
  organisationId = org.body.organisation.id;
  const admin = await stack.login(`kh-admin-${stamp}`, 'principal-password-1');
  const users: SignedIn[] = [];
  for (const name of [`kh-clerk-${stamp}`, `kh-colleague-${stamp}`]) {
    const made = await call<{ account: { id: string } }>('POST', `/api/v1/organisations/${organisationId}/accounts`, admin, { username: name, displayName: name, role: 'org-user', password: 'member-password-1' });
    expect(made.status).toBe(201);
    for (const c of [caseNo, otherCaseNo]) {
      if (users.length === 0) expect((await call('POST', `/api/v1/cases/${c}/parties/D1/links`, officer, { organisationId })).status).toBe(201);
      expect((await call('POST', `/api/v1/organisations/${organisationId}/case-assignments`, admin, { caseNo: c, accountId: made.body.account.id })).status).toBe(200);
    }
    users.push(await stack.login(name, 'member-password-1'));
  }
  [clerk, colleague] = users as [SignedIn, SignedIn];
});
afterAll(async () => {
  await stack?.stop();
});

describe('a writ of execution, draft for approval then for sealing', () => {
  it('when the draft is approved and the writ for sealing is paid through the provider, then the sealed writ, the receipt and every message reach the inbox', async () => {
    const draft = await draftForApproval(clerk);
    // Stage A has nothing to pay: the acknowledgement goes out at once.
    expect(draft).toMatchObject({ stage: 'submitted', payment: { status: 'none-due' } });
    const approvedNo = await approve(draft.reference);
    expect(approvedNo).toBe(`${draft.reference}-D1`);
    const approvedMessages = await inboxHas(clerk, (ms) => ['filing-acknowledged', 'filing-confirmed', 'draft-approved'].every((k) => ms.some((m) => m.kind === k)));
    const approvedDraft = approvedMessages.find((m) => m.kind === 'draft-approved')!;
    expect(approvedDraft.subject).toMatch(/draft approved/i);
    const paper = await call<Buffer>('GET', approvedDraft.attachments[0]!.links.self, clerk);
    expect(pdfToText(paper.body)).toContain(approvedNo);

    const sealing = await forSealing(clerk, approvedNo);
    expect(sealing.stage).toBe('awaiting-payment');
    // The Listing Office's hours, shown before confirming, in both languages.
    expect(sealing.notices).toEqual([expect.objectContaining({ id: 'listing-office-hours', text: { en: expect.stringMatching(/Listing Office/), 'zh-Hant': expect.stringMatching(/排期主任辦事處/) } })]);
    expect(sealing.submittedAt).toBeNull();
    expect(sealing.payment!.quote.payableCents).toBeGreaterThan(0);
    // Confirmed twice: the second is refused and changes nothing.
    const again = await step(clerk, sealing.reference, 'submit');
    expect(again.status).toBe(409);

    // A declined card: the attempt ends, the filer is told, and may pay again.
    const declined = await openPage(clerk, sealing.reference);
    await payOnPage(declined.pageUrl!, '4000000000000002');
    const afterDecline = await until(clerk, sealing.reference, (f) => f.payment!.attempts[0]!.status === 'declined');
    expect(afterDecline.stage).toBe('awaiting-payment');
    expect(afterDecline.payment!.attempts[0]!.reason).toMatch(/declined/);

    // A card whose callback the provider sends twice: paid once, one receipt.
    const attempt = await openPage(clerk, sealing.reference);
    expect(attempt.id).toBe(`${sealing.reference}-P2`);
    await payOnPage(attempt.pageUrl!, '4000000000000259');
    const paid = await until(clerk, sealing.reference, (f) => f.stage === 'submitted' && f.messages.every((m) => m.deliveredAt !== null));
    expect(paid.payment).toMatchObject({ status: 'paid', receipt: { receiptNo: `R-${sealing.reference}` } });
    expect(paid.payment!.attempts.map((a) => a.status)).toEqual(['declined', 'succeeded']);
    expect(paid.history.filter((e) => e.event === 'paid')).toHaveLength(1);
    const receipt = await call<Buffer>('GET', `/api/v1/filings/${sealing.reference}/receipt`, clerk);
    expect(receipt.status).toBe(200);
    expect(pdfToText(receipt.body)).toContain(`R-${sealing.reference}`);

    const sealed = await step(officer, sealing.reference, 'accept-document', { documentId: 'D1' });
    expect(sealed.body.history.some((e) => e.event === 'writ-sealed')).toBe(true);
    for (const id of ['D2', 'D3']) expect((await step(officer, sealing.reference, 'accept-document', { documentId: id })).status).toBe(200);
    const messages = await inboxHas(clerk, (ms) => ms.some((m) => m.kind === 'document-sealed'));
    expect(messages.filter((m) => m.kind === 'payment-received')).toHaveLength(1);
    const sealedWrit = messages.find((m) => m.kind === 'document-sealed')!;
    const sealedPdf = pdfToText((await call<Buffer>('GET', sealedWrit.attachments[0]!.links.self, clerk)).body);
    expect(sealedPdf).toContain(`${sealing.reference}-D1`);
    expect(sealedPdf).toContain(approvedNo);

    if (process.env.RECORD_HISTORIES === '1') await saveHistory('filing-writ-declined-then-paid-and-sealed', stack.env.client.workflow.getHandle(sealing.reference));

    // The approved draft is used: quoting it again is refused.
    const reused = await call('POST', '/api/v1/filings', colleague, on(caseNo));
    const refused = await step(colleague, reused.body.reference, 'add-document', {
      purpose: 'for-sealing', language: 'en', filingParty: 'D1', filedAgainst: ['C1'], type: 'writ-of-fieri-facias',
      uploadId: await upload(colleague, 'Writ again'), approvedDraftReferenceNo: approvedNo,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toMatch(/already been used/);
  });

  it('when the prepayment account holds too little, then the debit is refused as insufficient funds; after a top-up the same filing is paid from it and sealed', async () => {
    const draft = await draftForApproval(clerk);
    const approvedNo = await approve(draft.reference);
    const sealing = await forSealing(clerk, approvedNo);
    const fee = sealing.payment!.quote.payableCents;

    const short = await step(clerk, sealing.reference, 'pay', { method: 'prepayment' });
    expect(short.status).toBe(200);
    expect(short.body.payment!.attempts.at(-1)).toMatchObject({ method: 'prepayment', status: 'declined', reason: expect.stringMatching(/insufficient funds/) });
    expect(short.body.stage).toBe('awaiting-payment');

    // The registry records a bank transfer into the account; the same reference twice is one top-up.
    for (const applied of [true, false]) {
      const topUp = await call<{ applied: boolean; balanceCents: number }>('POST', `/api/v1/organisations/${organisationId}/prepayment/top-ups`, officer, { amountCents: fee + 10_000, reference: 'BANK-TT-0001' });
      expect([topUp.status, topUp.body.applied]).toEqual([200, applied]);
    }
    const paid = await step(clerk, sealing.reference, 'pay', { method: 'prepayment' });
    expect(paid.body.payment).toMatchObject({ status: 'paid', receipt: { totalCents: fee } });
    expect(paid.body.stage).toBe('submitted');
    const account = await call<{ balanceCents: number; entries: { kind: string; amountCents: number }[] }>('GET', `/api/v1/organisations/${organisationId}/prepayment`, clerk);
    expect(account.body.balanceCents).toBe(10_000);
    expect(account.body.entries.map((e) => e.kind)).toEqual(['debit', 'top-up']);

    expect((await step(officer, sealing.reference, 'accept-document', { documentId: 'D1' })).status).toBe(200);
    await inboxHas(clerk, (ms) => ms.filter((m) => m.kind === 'document-sealed').length === 2);
    // An individual user has no prepayment account.
    expect((await call('GET', `/api/v1/organisations/${organisationId}/prepayment`, await stack.newIndividual())).status).toBe(404);
  });

  it('when a draft is rejected, then the filer is told what is wrong and the draft cannot be quoted for sealing', async () => {
    const draft = await draftForApproval(clerk);
    const rejected = await step(officer, draft.reference, 'reject-document', { documentId: 'D1', defects: [{ reason: 'other', note: 'the judgment debtor is misnamed' }] });
    expect(rejected.status).toBe(200);
    await inboxHas(clerk, (ms) => ms.some((m) => m.kind === 'document-rejected'));
    const sealing = await call('POST', '/api/v1/filings', clerk, on(caseNo));
    const quoted = await step(clerk, sealing.body.reference, 'add-document', {
      purpose: 'for-sealing', language: 'en', filingParty: 'D1', filedAgainst: ['C1'], type: 'writ-of-fieri-facias',
      uploadId: await upload(clerk, 'Writ quoting a rejected draft'), approvedDraftReferenceNo: `${draft.reference}-D1`,
    });
    expect(quoted.status).toBe(422);
    expect(quoted.body.detail).toMatch(/no document has the reference number|has not been approved/);
  });

  it("when a writ for sealing quotes another case's draft, another filer's, or a number that is not a draft, then each is refused naming why", async () => {
    // A draft approved on the other case.
    const elsewhere = await draftForApproval(clerk, otherCaseNo);
    const elsewhereNo = await approve(elsewhere.reference);
    // A draft approved on the same case for the claimant, who is not of the organisation.
    const opened = await call('POST', '/api/v1/filings', claimant, on(caseNo));
    const described = { purpose: 'for-approval-of-draft', language: 'en', filingParty: 'C1', filedAgainst: ['D1'] };
    expect(opened.status).toBe(201);
    const added = await step(claimant, opened.body.reference, 'add-document', { ...described, type: 'writ-of-fieri-facias', uploadId: await upload(claimant, 'Their draft') });
    expect([added.status, added.body.detail]).toEqual([200, undefined]);
    expect((await step(claimant, opened.body.reference, 'submit')).status).toBe(200);
    const theirsNo = (await step(officer, opened.body.reference, 'accept-document', { documentId: 'D1' })).body.documents[0]!.documentReferenceNo!;

    const sealing = await call('POST', '/api/v1/filings', clerk, on(caseNo));
    const quote = async (no: string) =>
      step(clerk, sealing.body.reference, 'add-document', {
        purpose: 'for-sealing', language: 'en', filingParty: 'D1', filedAgainst: ['C1'], type: 'writ-of-fieri-facias',
        uploadId: await upload(clerk, `Writ quoting ${no}`), approvedDraftReferenceNo: no,
      });
    expect((await quote(elsewhereNo)).body.detail).toMatch(new RegExp(`approved in ${otherCaseNo}, not in ${caseNo}`));
    expect((await quote(theirsNo)).body.detail).toMatch(/filed by another filer/);
    expect((await quote(`${elsewhere.reference}-D2`)).body.detail).toMatch(/not a draft writ/);
    expect((await quote('EF-2099-999999-D1')).body.detail).toMatch(/no document has the reference number/);
    // Nothing was added, and the other case's draft is still free to be used there.
    expect((await read(clerk, sealing.body.reference)).body.documents).toHaveLength(0);
  });

  it('when the filer is legally aided, then confirming a writ for sealing has no payment step', async () => {
    const draft = await draftForApproval(colleague);
    const approvedNo = await approve(draft.reference);
    const aided = await forSealing(colleague, approvedNo, { legalAidCertificateNo: 'LA-2026-12345' });
    expect(aided).toMatchObject({ stage: 'submitted', payment: { status: 'waived', attempts: [] } });
    expect(aided.history.some((e) => e.event === 'fees-waived' && /LA-2026-12345/.test(e.detail))).toBe(true);
    expect((await step(colleague, aided.reference, 'pay', { method: 'provider' })).status).toBe(409);
  });

  it('when the provider restarts while the payer is on its page, then the payment completes and is recorded once', async () => {
    const draft = await draftForApproval(colleague);
    const approvedNo = await approve(draft.reference);
    const sealing = await forSealing(colleague, approvedNo);
    const attempt = await openPage(colleague, sealing.reference);
    await stack.sandbox!.restart();
    await payOnPage(attempt.pageUrl!, '4242424242424242');
    const paid = await until(colleague, sealing.reference, (f) => f.payment?.status === 'paid');
    expect(paid.payment!.attempts.map((a) => a.status)).toEqual(['succeeded']);
  });

  it('when a callback is forged, replayed or tampered with, then it is refused and changes nothing', async () => {
    const forged = await fetch(`${stack.baseUrl}/api/v1/payments/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sandbox-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` },
      body: JSON.stringify({ eventId: 'evt_x', merchantRef: 'EF-2026-000001-P1', providerRef: 'x', status: 'succeeded', amountCents: 1, at: new Date().toISOString() }),
    });
    expect(forged.status).toBe(403);
    const unsigned = await fetch(`${stack.baseUrl}/api/v1/payments/callback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(unsigned.status).toBe(403);
    expect((await fetch(`${stack.baseUrl}/api/v1/payments/EF-2026-999999-P1/return`)).status).toBe(404);
    expect((await fetch(`${stack.baseUrl}/api/v1/payments/not-a-payment/return`)).status).toBe(400);
  });
});

describe('seen by the registry', () => {
  it('when the adjudicator approves a draft writ, then it is by order or direction; the adjudicator may not accept an ordinary document', async () => {
    const adjudicator = await stack.login(SEEDED.adjudicator.username, SEEDED.adjudicator.password);
    const draft = await draftForApproval(clerk);
    const praecipe = await step(adjudicator, draft.reference, 'accept-document', { documentId: 'D2' });
    expect(praecipe.status).toBe(409);
    const approved = await step(adjudicator, draft.reference, 'accept-document', { documentId: 'D1', courtAction: 'direction' });
    expect(approved.status).toBe(200);
    expect(approved.body.history.find((e) => e.event === 'draft-approved')?.detail).toMatch(/direction/);
  });
});
