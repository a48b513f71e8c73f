/**
 * Drill: the payment provider's callback lost, and delivered twice.
 *
 * A claimant pays a writ's sealing fee on the sandbox provider's hosted page
 * (a real HTTP server) and closes the browser instead of coming back, so
 * only the provider's callback can tell courtflow, and:
 *
 * - with the lost-callback card, none ever comes: the filing's workflow asks
 *   the provider itself when the page's time (and a grace period) is up,
 *   and the payment is settled by that query;
 * - with the duplicate card, the same signed callback arrives twice: it is
 *   applied once.
 *
 * Either way: paid once, one receipt, one entry of the payment in the
 * filing's record, one receipt message in the filer's inbox, nothing in the
 * prepayment ledger. The time-skipping server lets the page's 20 minutes
 * pass in seconds; PostgreSQL, the API, the worker and the provider are real.
 */
import { paymentReportSignal } from '../../workflows/filing/contract';
import type { PaymentReport } from '../../domain/payments/saga';
import { requestJson } from '../support/api-call';
import { aClaim } from '../support/claims';
import { eventually, startTestStack, type SignedIn, type TestStack } from '../support/stack';
import { historyOf, signalsIn } from '../support/workflow-history';
import { payOnPage, writFilings, type WritFiling } from '../support/writ-filing';

const LOST_CALLBACK_CARD = '4000000000000341';
const DUPLICATE_CALLBACK_CARD = '4000000000000259';

let stack: TestStack;
let claimant: SignedIn;
let writs: ReturnType<typeof writFilings>;

beforeAll(async () => {
  stack = await startTestStack({ timeSkipping: true, payments: true });
  const officer = await stack.officer();
  claimant = await stack.newIndividual('Chan Tai Man');
  const filed = await requestJson<{ caseNo: string }>(stack.baseUrl, 'POST', '/api/v1/sct/claims', claimant, aClaim());
  const { caseNo } = filed.body;
  // In the read model, with its parties: a filing names them.
  await eventually(() => requestJson<{ readModel?: { source: string } }>(stack.baseUrl, 'GET', `/api/v1/sct/claims/${caseNo}`, claimant), (r) => r.body.readModel?.source === 'read-model', 30_000);
  writs = writFilings(stack.baseUrl, caseNo, claimant, officer);
});

afterAll(async () => {
  await stack?.stop();
});

const paid = (reference: string) => eventually(() => writs.read(reference), (f) => f.payment?.status === 'paid' && f.stage === 'submitted', 30_000);
const callbacksTo = async (reference: string) => signalsIn<PaymentReport>(await historyOf(stack.env.client, reference), paymentReportSignal.name).filter((r) => r.source === 'callback');

/** Paid once: one attempt succeeded, one receipt, one `paid` entry in the filing's record, one receipt in the inbox, nothing in the prepayment ledger. */
async function expectPaidOnce(filing: WritFiling, paymentId: string, by: 'query' | 'callback'): Promise<void> {
  expect(filing.payment!.attempts.map((a) => [a.id, a.status])).toEqual([[paymentId, 'succeeded']]);
  expect(filing.payment!.receipt).toMatchObject({ receiptNo: `R-${filing.reference}` });
  expect(filing.history.filter((e) => e.event === 'paid').map((e) => e.detail)).toEqual([expect.stringContaining(`succeeded (${by})`)]);
  const receipts = await eventually(
    async () => (await requestJson<{ messages: { kind: string; subject: string; attachments: unknown[] }[] }>(stack.baseUrl, 'GET', '/api/v1/inbox?limit=100', claimant)).body.messages,
    (messages) => messages.some((m) => m.kind === 'payment-received' && m.subject.includes(filing.payment!.receipt!.receiptNo)),
    30_000,
  );
  expect(receipts.filter((m) => m.kind === 'payment-received' && m.subject.includes(filing.payment!.receipt!.receiptNo)).map((m) => m.attachments.length)).toEqual([1]);
  const ledger = await stack.db.pool.query('SELECT 1 FROM prepayment_ledger WHERE entry_key LIKE $1', [`%${paymentId}%`]);
  expect(ledger.rowCount).toBe(0);
}

describe('drill: a payment callback lost, and one delivered twice', () => {
  it('when the provider took the money but its callback never comes, then the payment is settled by the query when the page is reconciled, once', async () => {
    const sealing = await writs.newSealingFiling();
    const attempt = await writs.openPage(sealing.reference);
    expect((await payOnPage(attempt.pageUrl!, LOST_CALLBACK_CARD)).status).toBe(303);
    // Nobody has told courtflow: the payment is still awaited.
    expect((await writs.read(sealing.reference)).payment).toMatchObject({ status: 'awaiting-payment', attempts: [{ id: attempt.id, status: 'awaiting-payer' }] });

    // Past the page's 15 minutes and the 5 of grace: the workflow asks the provider.
    await stack.env.sleep(21 * 60_000);
    const filing = await paid(sealing.reference);
    await expectPaidOnce(filing, attempt.id, 'query');
    expect(await callbacksTo(sealing.reference)).toEqual([]);
  });

  it('when the same signed callback is delivered twice, then the payment is applied once', async () => {
    const sealing = await writs.newSealingFiling();
    const attempt = await writs.openPage(sealing.reference);
    expect((await payOnPage(attempt.pageUrl!, DUPLICATE_CALLBACK_CARD)).status).toBe(303);

    // Both deliveries reached the filing, with one event id between them.
    const callbacks = await eventually(() => callbacksTo(sealing.reference), (c) => c.length === 2, 30_000);
    expect(new Set(callbacks.map((c) => c.eventId)).size).toBe(1);
    expect(callbacks.map((c) => [c.paymentId, c.status])).toEqual([
      [attempt.id, 'succeeded'],
      [attempt.id, 'succeeded'],
    ]);
    const filing = await paid(sealing.reference);
    await expectPaidOnce(filing, attempt.id, 'callback');
    expect(filing.payment!.attempts[0]!.reports).toEqual([callbacks[0]!.eventId]);
  });
});
