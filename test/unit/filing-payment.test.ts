/**
 * What a payment means for a filing (domain/filing/payment.ts and the
 * filing's step table): confirm, then pay, then the submission completes;
 * legal aid skips the payment; money taken is owed back when the filing is
 * cancelled or wholly rejected. And the writs of revision 2: the approved
 * draft and the sealed writ each sent to the filer.
 *
 * Driven through the step kit (`checkStep`, then `applyStep`, as the
 * workflow's update validator and handler do) and the saga's reports as the
 * workflow applies them (`applyPaymentReport` with `completeSubmission`).
 */
import { addDays, createCalendar } from '../../domain/calendar';
import { applyPaymentReport, completeSubmission, FILING, fireDueFilingTimers, isFinished, nextFilingTimerAt, openFiling, type Filing, type FilingPayloads, type OpenFilingInput } from '../../domain/filing';
import type { Actor } from '../../domain/identity/actor';
import { pageOpened, paymentUnsettled, paymentWork, type PaymentAttempt, type PaymentReport } from '../../domain/payments/saga';
import { applyStep, checkStep, type StepRefusal } from '../../domain/steps/step-kit';
import { hkInstant } from '../../domain/time/hong-kong-time';
import { momentAt, type Moment } from '../../domain/time/moment';

const REF = 'EF-2026-000321';
const CASE_NO = 'DCCJ 1234/2026';
/** Monday 2 November 2026, in office hours. */
const MONDAY = '2026-11-02';
const at = (date: string, hour: number, minute = 0): Moment => momentAt(hkInstant(date, hour, minute));
const AT = at(MONDAY, 10);

const FILER: Actor = { id: 'u-chan', role: 'individual-user', name: 'Chan Tai Man', partyId: 'C1' };
const ORG_FILER: Actor = { id: 'u-wong', role: 'org-user', name: 'Wong Siu Ming', organisationId: 'org-lee', partyId: 'C1' };
const OFFICER: Actor = { id: 'ro-1', role: 'registry-officer', name: 'Registry Officer Lee' };
const JUDGE: Actor = { id: 'j-1', role: 'adjudicator', name: 'Deputy District Judge Ho' };

function open(overrides: Partial<OpenFilingInput> & { by?: Actor } = {}): Filing {
  const { by = FILER, ...rest } = overrides;
  return openFiling(
    {
      reference: REF,
      caseNo: CASE_NO,
      courtLevel: 'district-court',
      receivingOffice: 'district-court-registry',
      taxation: false,
      judgeApplication: false,
      caseParties: ['C1', 'D1'],
      filer: {
        accountId: by.id,
        name: by.name,
        role: by.role,
        partyId: 'C1',
        ...(by.organisationId ? { organisationId: by.organisationId, organisationName: 'Lee & Partners' } : {}),
      },
      calendar: createCalendar(),
      procedureRevision: 2,
      ...rest,
    },
    AT,
  );
}

type StepName = keyof FilingPayloads & string;

/** The step as the workflow takes it: checked by the validator, then applied (and what follows by itself). */
function take<K extends StepName>(state: Filing, name: K, actor: Actor, payload: FilingPayloads[K], moment: Moment = AT): void {
  expect(checkStep(FILING, state, name, { actor, payload }, moment)).toBeNull();
  applyStep(FILING, state, name, { actor, payload }, moment);
}

function refusal<K extends StepName>(state: Filing, name: K, actor: Actor, payload: FilingPayloads[K], moment: Moment = AT): StepRefusal<K> {
  const before = JSON.stringify(state);
  const refused = checkStep(FILING, state, name, { actor, payload }, moment);
  expect(refused).not.toBeNull();
  expect(JSON.stringify(state)).toBe(before);
  return refused as StepRefusal<K>;
}

const fileOf = (uploadId: string, sha: string) => ({ uploadId, fileName: `${uploadId}.pdf`, sha256: sha.repeat(64), bytes: 12_345, pages: 3 });

const APPROVED = `EF-2026-000100-D1`;

/** A writ of fieri facias for sealing, as the service passes it on: the upload and the approved draft filled in by the system. */
const writForSealing = (): FilingPayloads['addDocument'] => ({
  uploadId: 'up-writ',
  type: 'writ-of-fieri-facias',
  purpose: 'for-sealing',
  language: 'en',
  filingParty: 'C1',
  filedAgainst: ['D1'],
  approvedDraftReferenceNo: APPROVED,
  file: fileOf('up-writ', 'a'),
  approvedDraft: { referenceNo: APPROVED, filingReference: 'EF-2026-000100', caseNo: CASE_NO, type: 'writ-of-fieri-facias' },
});

const draftWrit = (): FilingPayloads['addDocument'] => ({
  uploadId: 'up-draft',
  type: 'writ-of-fieri-facias',
  purpose: 'for-approval-of-draft',
  language: 'en',
  filingParty: 'C1',
  filedAgainst: ['D1'],
  file: fileOf('up-draft', 'c'),
});

const praecipe = (): FilingPayloads['addDocument'] => ({
  uploadId: 'up-praecipe',
  type: 'praecipe',
  purpose: 'for-filing',
  language: 'en',
  filingParty: 'C1',
  filedAgainst: ['D1'],
  file: fileOf('up-praecipe', 'b'),
});

/** Stage B of a writ of execution: the writ for sealing and a praecipe, submitted. */
function stageB(overrides: Parameters<typeof open>[0] = {}): Filing {
  const state = open(overrides);
  const by = overrides.by ?? FILER;
  take(state, 'addDocument', by, writForSealing());
  take(state, 'addDocument', by, praecipe());
  take(state, 'submit', by, {});
  return state;
}

const keys = (state: Filing) => state.messages.map((m) => m.key);
const attempt = (state: Filing, n: number) => state.payment?.attempts[n - 1] as PaymentAttempt;
const payableOf = (state: Filing) => state.payment?.quote.payableCents ?? NaN;

const report = (a: PaymentAttempt, status: PaymentReport['status'], extra: Partial<PaymentReport> = {}): PaymentReport => ({
  paymentId: a.id,
  status,
  amountCents: a.amountCents,
  source: 'callback',
  ...extra,
});

/** The provider's page opened for the newest attempt, as the workflow does for `open-provider-page`. */
function openPage(state: Filing, moment: Moment = AT): PaymentAttempt {
  const work = paymentWork(state.payment, moment.now);
  const open = work.find((w) => w.kind === 'open-provider-page');
  expect(open).toBeDefined();
  const a = (open as { attempt: PaymentAttempt }).attempt;
  pageOpened(a, { providerRef: `PSP-${a.id}`, pageUrl: `https://psp.example/${a.id}`, expiresAt: new Date(moment.now + 15 * 60_000).toISOString() }, moment.now);
  return a;
}

/** Stage B, paid through the provider (callback `evt-paid`). */
function paidStageB(): Filing {
  const state = stageB();
  take(state, 'pay', FILER, { method: 'provider' });
  const a = openPage(state);
  expect(applyPaymentReport(state, report(a, 'succeeded', { eventId: 'evt-paid', providerRef: 'PSP-777' }), at(MONDAY, 10, 5), completeSubmission).effect).toBe('paid');
  return state;
}

describe('confirming a filing with fees (revision 2)', () => {
  it('when Stage B is submitted, then it waits for payment with the quote fixed, and nothing is acknowledged yet', () => {
    const state = stageB();
    expect(state.stage).toBe('awaiting-payment');
    expect(state.confirmedAt).toBe(new Date(AT.now).toISOString());
    expect(state.payment?.status).toBe('awaiting-payment');
    expect(state.payment?.attempts).toEqual([]);
    expect(state.payment?.receipt).toBeNull();
    const quote = state.payment?.quote;
    expect(quote?.courtLevel).toBe('district-court');
    expect(quote?.on).toBe(MONDAY);
    expect(quote?.payableCents).toBeGreaterThan(0);
    expect(quote?.payableCents).toBe(quote?.totalCents);
    // The writ carries the fee; the praecipe filed beside it none.
    expect(quote?.lines.map((l) => [l.document.type, l.netCents === null ? null : l.netCents > 0])).toEqual([
      ['writ-of-fieri-facias', true],
      ['praecipe', false],
    ]);
    // Not submitted: no acknowledgement, no received time, no review clock, documents still drafts.
    expect(state.messages).toEqual([]);
    expect(state.submittedAt).toBeNull();
    expect(state.receivedAt).toBeNull();
    expect(state.deadlines).toEqual([]);
    expect(state.documents.map((d) => d.status)).toEqual(['draft', 'draft']);
    expect(state.history.map((e) => e.event)).toContain('confirmed');
    expect(paymentUnsettled(state.payment)).toBe(false);
  });

  it('when a legally aided filer submits, then the filing is submitted at once with the fees waived', () => {
    const state = stageB({ legalAid: { certificateNo: 'LA-2026-0042' } });
    expect(state.stage).toBe('submitted');
    expect(state.payment?.status).toBe('waived');
    expect(state.payment?.quote.payableCents).toBe(0);
    expect(state.payment?.attempts).toEqual([]);
    expect(keys(state)).toEqual([`filing-acknowledged:${REF}`]);
    expect(state.messages[0]?.attachAcknowledgement).toBe(true);
    expect(state.history.map((e) => e.event)).toEqual(expect.arrayContaining(['fees-waived', 'submitted']));
    expect(refusal(state, 'pay', FILER, { method: 'provider' }).code).toBe('wrong-stage');
  });

  it('when nothing in the filing carries a fee, then it is submitted at once with nothing due', () => {
    const state = open();
    take(state, 'addDocument', FILER, praecipe());
    take(state, 'submit', FILER, {});
    expect(state.stage).toBe('submitted');
    expect(state.payment?.status).toBe('none-due');
    expect(keys(state)).toEqual([`filing-acknowledged:${REF}`]);
  });

  it('when a filing was opened before fees were charged (no revision), then it has no payment at all', () => {
    const state = open({ procedureRevision: undefined });
    take(state, 'addDocument', FILER, writForSealing());
    take(state, 'submit', FILER, {});
    expect(state.stage).toBe('submitted');
    expect(state.payment).toBeNull();
  });
});

describe('paying', () => {
  it('when an individual filer asks to pay from a prepayment account, then it is refused naming the organisation rule', () => {
    const state = stageB();
    const refused = refusal(state, 'pay', FILER, { method: 'prepayment' });
    expect(refused.code).toBe('refused');
    expect(refused.message).toMatch(/prepayment account belongs to an organisation account/);
    expect(refused.message).toMatch(/provider/);
    expect(state.payment?.attempts).toEqual([]);
  });

  it('when the filer pays through the provider, then attempt P1 is requested for the amount quoted, and a page is to be opened', () => {
    const state = stageB();
    take(state, 'pay', FILER, { method: 'provider' });
    const a = attempt(state, 1);
    expect(a).toMatchObject({ id: `${REF}-P1`, method: 'provider', amountCents: payableOf(state), status: 'requested', requestedBy: FILER.id });
    expect(a.organisationId).toBeUndefined();
    expect(paymentWork(state.payment, AT.now)).toEqual([{ kind: 'open-provider-page', attempt: a }]);
    expect(paymentUnsettled(state.payment)).toBe(true);
    expect(state.stage).toBe('awaiting-payment');
    // While it is being started, another payment waits.
    expect(refusal(state, 'pay', FILER, { method: 'provider' }).message).toMatch(/being started/);
  });

  it('when an organisation user pays from the prepayment account, then the debit is for their organisation', () => {
    const state = stageB({ by: ORG_FILER });
    take(state, 'pay', ORG_FILER, { method: 'prepayment' });
    const a = attempt(state, 1);
    expect(a).toMatchObject({ method: 'prepayment', organisationId: 'org-lee' });
    expect(paymentWork(state.payment, AT.now)).toEqual([{ kind: 'debit-prepayment', attempt: a }]);
    applyPaymentReport(state, report(a, 'succeeded', { source: 'prepayment' }), AT, completeSubmission);
    expect(state.payment?.receipt).toMatchObject({ method: 'prepayment', prepaymentAccount: 'Lee & Partners', payer: { name: ORG_FILER.name, organisation: 'Lee & Partners' } });
  });

  it('when the provider reports success, then the filing is submitted, the receipt fixed, and the receipt and acknowledgement owed', () => {
    const state = stageB();
    take(state, 'pay', FILER, { method: 'provider' });
    const a = openPage(state);
    const paidAt = at(MONDAY, 10, 5);
    const effect = applyPaymentReport(state, report(a, 'succeeded', { eventId: 'evt-paid', providerRef: 'PSP-777' }), paidAt, completeSubmission);
    expect(effect.effect).toBe('paid');
    expect(state.stage).toBe('submitted');
    expect(state.payment?.status).toBe('paid');
    expect(a.status).toBe('succeeded');
    expect(state.submittedAt).toBe(new Date(paidAt.now).toISOString());
    expect(state.documents.map((d) => d.status)).toEqual(['pending-review', 'pending-review']);
    expect(state.deadlines.map((d) => [d.key, d.status])).toEqual([['registry-review', 'open']]);

    const receipt = state.payment?.receipt;
    expect(receipt).toMatchObject({
      receiptNo: `R-${REF}`,
      paymentId: `${REF}-P1`,
      filingReference: REF,
      caseNo: CASE_NO,
      courtLevel: 'district-court',
      paidAt: new Date(paidAt.now).toISOString(),
      method: 'provider',
      providerRef: 'PSP-777',
      payer: { name: FILER.name },
      totalCents: payableOf(state),
    });
    expect(receipt?.prepaymentAccount).toBeUndefined();
    // Only the line with a fee is on the receipt, and it adds up.
    expect(receipt?.lines.map((l) => l.document.type)).toEqual(['writ-of-fieri-facias']);
    expect(receipt?.lines.reduce((sum, l) => sum + l.netCents, 0)).toBe(receipt?.totalCents);

    expect(keys(state)).toEqual([`payment-received:R-${REF}`, `filing-acknowledged:${REF}`]);
    const [received, acknowledged] = state.messages;
    expect(received).toMatchObject({ accountId: FILER.id, message: { kind: 'payment-received', facts: receipt }, paper: { kind: 'payment-receipt' }, deliveredAt: null });
    expect(acknowledged).toMatchObject({ accountId: FILER.id, message: { kind: 'filing-acknowledged' }, attachAcknowledgement: true, deliveredAt: null });
    expect(paymentUnsettled(state.payment)).toBe(false);
    expect(paymentWork(state.payment, paidAt.now + 3_600_000)).toEqual([]);
  });

  it('when the same success callback comes again (and a query says the same), then nothing more happens: one receipt, one submission', () => {
    const state = paidStageB();
    const before = JSON.stringify(state);
    const a = attempt(state, 1);
    const later = at(MONDAY, 11);
    expect(applyPaymentReport(state, report(a, 'succeeded', { eventId: 'evt-paid', providerRef: 'PSP-777' }), later, completeSubmission)).toEqual({ effect: 'none' });
    expect(JSON.stringify(state)).toBe(before);
    expect(applyPaymentReport(state, report(a, 'succeeded', { source: 'query' }), later, completeSubmission)).toEqual({ effect: 'none' });
    expect(state.stage).toBe('submitted');
    expect(state.messages.filter((m) => m.message.kind === 'payment-received')).toHaveLength(1);
    expect(state.history.filter((e) => e.event === 'submitted')).toHaveLength(1);
    expect(state.payment?.attempts.map((x) => x.status)).toEqual(['succeeded']);
  });

  it('when the payment is declined, then the filer is told and may pay again; a late success of the first is then owed back', () => {
    const state = stageB();
    take(state, 'pay', FILER, { method: 'provider' });
    const p1 = openPage(state);
    applyPaymentReport(state, report(p1, 'declined', { eventId: 'evt-d', reason: 'card declined' }), AT, completeSubmission);
    expect(state.stage).toBe('awaiting-payment');
    expect(keys(state)).toEqual([`payment-declined:${REF}-P1`]);
    take(state, 'pay', FILER, { method: 'provider' });
    const p2 = openPage(state);
    expect(p2.id).toBe(`${REF}-P2`);
    applyPaymentReport(state, report(p2, 'succeeded', { eventId: 'evt-p2' }), AT, completeSubmission);
    expect(state.stage).toBe('submitted');
    expect(applyPaymentReport(state, report(p1, 'succeeded', { eventId: 'evt-p1' }), AT, completeSubmission).effect).toBe('refund-due');
    expect(state.payment?.attempts.map((x) => x.status)).toEqual(['refund-due', 'succeeded']);
    expect(state.payment?.receipt?.paymentId).toBe(p2.id);
  });

  it('when the filer pays again while a page is still open, then the open page is asked about at once; if both are paid only one is kept', () => {
    const state = stageB();
    take(state, 'pay', FILER, { method: 'provider' });
    const p1 = openPage(state);
    const again = at(MONDAY, 10, 3);
    take(state, 'pay', FILER, { method: 'provider' }, again);
    expect(p1.reconcileAt).toBe(new Date(again.now).toISOString());
    expect(paymentWork(state.payment, again.now).map((w) => [w.kind, w.attempt.id])).toEqual([
      ['reconcile', p1.id],
      ['open-provider-page', `${REF}-P2`],
    ]);
    const p2 = openPage(state, again);
    applyPaymentReport(state, report(p1, 'succeeded', { eventId: 'e1' }), again, completeSubmission);
    applyPaymentReport(state, report(p2, 'succeeded', { eventId: 'e2' }), again, completeSubmission);
    expect(state.payment?.attempts.map((x) => x.status)).toEqual(['succeeded', 'refund-due']);
    expect(state.messages.filter((m) => m.message.kind === 'payment-received')).toHaveLength(1);
  });
});

describe('money taken on a filing that closes', () => {
  it('when the filer cancels after paying (before review), then the paid attempt is owed back, and refunded once', () => {
    const state = paidStageB();
    const cancelAt = at(MONDAY, 12);
    take(state, 'cancel', FILER, { reason: 'settled with the debtor' }, cancelAt);
    expect(state.stage).toBe('cancelled');
    expect(isFinished(state)).toBe(true);
    const a = attempt(state, 1);
    expect(a.status).toBe('refund-due');
    expect(a.reason).toMatch(/cancelled by the filer: settled with the debtor/);
    expect(paymentWork(state.payment, cancelAt.now)).toEqual([{ kind: 'refund', attempt: a }]);
    expect(paymentUnsettled(state.payment)).toBe(true);
    expect(state.deadlines.find((d) => d.key === 'registry-review')?.status).toBe('superseded');

    expect(applyPaymentReport(state, report(a, 'refunded', { eventId: 'evt-r' }), at(MONDAY, 13), completeSubmission).effect).toBe('refunded');
    expect(applyPaymentReport(state, report(a, 'refunded', { eventId: 'evt-r' }), at(MONDAY, 14), completeSubmission).effect).toBe('none');
    expect(a.status).toBe('refunded');
    expect(keys(state).filter((k) => k.startsWith('payment-refunded:'))).toEqual([`payment-refunded:${a.id}`]);
    expect(paymentUnsettled(state.payment)).toBe(false);
  });

  it('when the review has begun, then the filer may no longer cancel', () => {
    const state = paidStageB();
    take(state, 'beginReview', OFFICER, {});
    expect(refusal(state, 'cancel', FILER, { reason: 'too late' }).code).toBe('wrong-stage');
    expect(attempt(state, 1).status).toBe('succeeded');
  });

  it('when the filer cancels while the page is open, then the page is asked about at once, and a success after that is owed back', () => {
    const state = stageB();
    take(state, 'pay', FILER, { method: 'provider' });
    const a = openPage(state);
    const cancelAt = at(MONDAY, 10, 2);
    take(state, 'cancel', FILER, { reason: 'wrong case' }, cancelAt);
    expect(a.reconcileAt).toBe(new Date(cancelAt.now).toISOString());
    expect(paymentWork(state.payment, cancelAt.now)).toEqual([{ kind: 'reconcile', attempt: a }]);
    const effect = applyPaymentReport(state, report(a, 'succeeded', { source: 'query' }), cancelAt, completeSubmission);
    expect(effect.effect).toBe('refund-due');
    expect(state.stage).toBe('cancelled');
    expect(state.payment?.receipt).toBeNull();
    expect(state.messages.some((m) => m.message.kind === 'payment-received' || m.message.kind === 'filing-acknowledged')).toBe(false);
  });

  it('when the registry rejects every document and the correction time runs out, then the filing is rejected and the fees owed back', () => {
    const state = paidStageB();
    const reviewAt = at('2026-11-03', 10);
    take(state, 'rejectDocument', OFFICER, { documentId: 'D1', defects: [{ reason: 'not-signed' }] }, reviewAt);
    take(state, 'rejectDocument', OFFICER, { documentId: 'D2', defects: [{ reason: 'other', note: 'illegible' }] }, reviewAt);
    expect(state.stage).toBe('awaiting-correction');
    expect(attempt(state, 1).status).toBe('succeeded');

    // The correction windows lapse: fire the filing's timers as the workflow would.
    const windows = state.deadlines.filter((d) => d.key.startsWith('correction:'));
    expect(windows.map((d) => d.status)).toEqual(['open', 'open']);
    const lastDue = windows.map((d) => d.computation.due).sort().at(-1) ?? '';
    const lapsed = at(addDays(lastDue, 1), 1);
    expect(nextFilingTimerAt(state)).toBeLessThanOrEqual(lapsed.now);
    fireDueFilingTimers(state, lapsed);

    expect(state.stage).toBe('rejected');
    const a = attempt(state, 1);
    expect(a.status).toBe('refund-due');
    expect(a.reason).toMatch(/no document of the filing was accepted/);
    expect(paymentWork(state.payment, lapsed.now)).toEqual([{ kind: 'refund', attempt: a }]);
    expect(state.messages.some((m) => m.message.kind === 'filing-confirmed')).toBe(false);
  });

  it('when one document is accepted and the other rejected for good, then the filing is partly accepted and the fees are kept', () => {
    const state = paidStageB();
    const reviewAt = at('2026-11-03', 10);
    take(state, 'acceptDocument', OFFICER, { documentId: 'D1' }, reviewAt);
    take(state, 'rejectDocument', OFFICER, { documentId: 'D2', defects: [{ reason: 'not-signed' }] }, reviewAt);
    const due = state.deadlines.find((d) => d.key === 'correction:D2')?.computation.due ?? '';
    fireDueFilingTimers(state, at(addDays(due, 1), 1));
    expect(state.stage).toBe('partly-accepted');
    expect(attempt(state, 1).status).toBe('succeeded');
    expect(paymentUnsettled(state.payment)).toBe(false);
  });
});

describe('writs of execution under revision 2', () => {
  /** Stage A: a draft writ for approval and a praecipe; nothing payable, so submitted at once. */
  function stageA(procedureRevision?: number): Filing {
    const state = open({ procedureRevision });
    take(state, 'addDocument', FILER, draftWrit());
    take(state, 'addDocument', FILER, praecipe());
    take(state, 'submit', FILER, {});
    expect(state.stage).toBe('submitted');
    return state;
  }

  it('when the registry accepts a draft writ, then the approved draft is owed to the filer with its number', () => {
    const state = stageA(2);
    expect(state.payment?.status).toBe('none-due');
    const decidedAt = at('2026-11-03', 11);
    take(state, 'acceptDocument', OFFICER, { documentId: 'D1' }, decidedAt);
    const owed = state.messages.find((m) => m.key === `draft-approved:${REF}-D1`);
    expect(owed).toMatchObject({
      accountId: FILER.id,
      message: { kind: 'draft-approved', facts: { filingReference: REF, caseNo: CASE_NO, courtAction: 'order', draft: { type: 'writ-of-fieri-facias', documentReferenceNo: `${REF}-D1` } } },
      paper: {
        kind: 'approved-draft',
        uploadId: 'up-draft',
        facts: { writ: { type: 'writ-of-fieri-facias', documentReferenceNo: `${REF}-D1` }, sourceSha256: 'c'.repeat(64), by: OFFICER.name, courtAction: 'order', approvedAt: new Date(decidedAt.now).toISOString() },
      },
      deliveredAt: null,
    });
    expect(state.documents[0]).toMatchObject({ status: 'accepted', courtAction: 'order', documentReferenceNo: `${REF}-D1` });
    expect(state.history.at(-1)?.event).not.toBe('document-accepted');
    expect(state.history.map((e) => e.event)).toContain('draft-approved');
  });

  it('when an adjudicator approves the draft writ by direction, then it is accepted so; the praecipe is refused to them', () => {
    const state = stageA(2);
    take(state, 'acceptDocument', JUDGE, { documentId: 'D1', courtAction: 'direction' });
    expect(state.documents[0]?.courtAction).toBe('direction');
    const approved = state.messages.find((m) => m.message.kind === 'draft-approved');
    expect(approved?.paper).toMatchObject({ kind: 'approved-draft', facts: { by: JUDGE.name, courtAction: 'direction' } });

    const refused = refusal(state, 'acceptDocument', JUDGE, { documentId: 'D2' });
    expect(refused.code).toBe('refused');
    expect(refused.message).toMatch(/D2 is not a draft writ for approval; the registry accepts it/);
    // An order or direction is only for a draft, whoever accepts.
    expect(refusal(state, 'acceptDocument', OFFICER, { documentId: 'D2', courtAction: 'order' }).message).toMatch(/not a draft writ/);
    // The registry accepts the praecipe as an ordinary document.
    take(state, 'acceptDocument', OFFICER, { documentId: 'D2' });
    expect(state.messages.filter((m) => m.message.kind === 'draft-approved')).toHaveLength(1);
    expect(state.stage).toBe('accepted');
  });

  it('when a filing opened before revision 2 has a draft writ accepted, then no approved draft is sent and no adjudicator approves it', () => {
    const state = stageA(undefined);
    expect(refusal(state, 'acceptDocument', JUDGE, { documentId: 'D1' }).code).toBe('refused');
    take(state, 'acceptDocument', OFFICER, { documentId: 'D1' });
    expect(state.messages.some((m) => m.message.kind === 'draft-approved')).toBe(false);
    expect(state.documents[0]?.courtAction).toBeUndefined();
  });

  it('when the registry accepts a writ for sealing, then the sealed writ is owed quoting the approved draft; the filing accepted keeps its fees', () => {
    const state = paidStageB();
    expect(refusal(state, 'acceptDocument', JUDGE, { documentId: 'D1' }).code).toBe('refused');
    const sealedAt = at('2026-11-03', 15);
    take(state, 'acceptDocument', OFFICER, { documentId: 'D1' }, sealedAt);
    const sealed = state.messages.find((m) => m.message.kind === 'document-sealed');
    expect(sealed).toMatchObject({
      key: `document-sealed:${REF}:D1`,
      accountId: FILER.id,
      message: { facts: { filingReference: REF, documents: [{ type: 'writ-of-fieri-facias', documentReferenceNo: `${REF}-D1` }], sealedAt: new Date(sealedAt.now).toISOString() } },
      paper: { kind: 'sealed-writ', uploadId: 'up-writ', facts: { approvedDraftReferenceNo: APPROVED, sourceSha256: 'a'.repeat(64), by: OFFICER.name } },
    });
    expect(state.documents[0]?.courtAction).toBeUndefined();
    take(state, 'acceptDocument', OFFICER, { documentId: 'D2' }, sealedAt);
    expect(state.messages.filter((m) => m.message.kind === 'document-sealed')).toHaveLength(1);
    expect(state.stage).toBe('accepted');
    expect(keys(state)).toContain(`filing-confirmed:${REF}`);
    expect(attempt(state, 1).status).toBe('succeeded');
    expect(paymentUnsettled(state.payment)).toBe(false);
  });
});
