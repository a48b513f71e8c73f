/**
 * One filing of documents on an existing case, from draft to decision (iCMS,
 * seed 003). The rules live in domain/filing; this workflow makes them
 * durable: each step of the filer and the registry is an update, the
 * registry's review time and each correction window are durable timers, and
 * every message the filing owes (acknowledgement, receipt, defects,
 * confirmation, the approved draft, the sealed writ) is delivered once,
 * however often the worker restarts.
 *
 * Fees are paid as a saga (domain/payments/saga.ts): each attempt's side
 * effect (a prepayment debit, the provider's hosted page, a query, a refund)
 * is an activity idempotent by the payment id, and its outcome is recorded
 * before anything else happens; a provider's page nobody reports on is
 * queried, and stopped, when its time is up.
 */
import { ActivityFailure, ApplicationFailure, allHandlersFinished, condition, continueAsNew, patched, proxyActivities, setHandler, workflowInfo, type RetryPolicy } from '@temporalio/workflow';
import {
  FILING,
  applyFilingCalendarChange,
  applyPaymentReport,
  refundBlocked,
  completeSubmission,
  fireDueFilingTimers,
  filingView,
  isFinished,
  nextFilingTimerAt,
  openFiling,
  type Filing,
} from '../../domain/filing';
import { INBOX_DELIVERY_REFUSED } from '../../domain/inbox/messages';
import { nextReconcileAt, pageOpened, paymentUnsettled, paymentWork, postponeReconcile, type PaymentReport, type PaymentWork } from '../../domain/payments/saga';
import { registerSteps } from '../steps/register-steps';
import { owedAlerts } from '../../domain/alerts/deadline-alerts';
import { deliverOwedAlerts, keepAlerting } from '../alerts/deliver-alerts';
import { now, workflowNow } from '../workflow-time';
import {
  FILING_UPDATES,
  INSUFFICIENT_FUNDS,
  PAYMENT_PROVIDER_REFUSED,
  filingCalendarSignal,
  filingQuery,
  paymentReportSignal,
  type FilingActivities,
  type FilingInput,
  type FilingPaymentActivities,
} from './contract';

// Projections and deliveries are short database work, retried until the
// database answers; a delivery the inbox refuses outright is not retried.
const { projectFiling, deliverFilingMessage } = proxyActivities<FilingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: [INBOX_DELIVERY_REFUSED] },
});

// Money moved in the court's own database (a prepayment debit or credit) is
// retried until the database answers; insufficient funds is final.
const ledger = proxyActivities<FilingPaymentActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: [INSUFFICIENT_FUNDS] },
});

// The provider is another company's server: each call has a short deadline,
// retried with backoff; a refusal is final. Opening a page gives up after
// two minutes (the filer may try again or pay another way); a query, a stop
// or a refund is retried until the provider answers, because the money's
// fate must be known.
const providerRetry: RetryPolicy = { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', nonRetryableErrorTypes: [PAYMENT_PROVIDER_REFUSED] };
const provider = proxyActivities<FilingPaymentActivities>({ startToCloseTimeout: '15 seconds', retry: providerRetry });
const pageOpener = proxyActivities<FilingPaymentActivities>({ startToCloseTimeout: '15 seconds', scheduleToCloseTimeout: '2 minutes', retry: providerRetry });

const failureType = (err: unknown) => (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause.type : undefined);
const failureMessage = (err: unknown) => (err instanceof ActivityFailure && err.cause ? err.cause.message : String(err));

export async function filingWorkflow(input: FilingInput): Promise<Filing> {
  // The calendar comes with the input, read by the service as it opened the
  // filing. Filings opened since fees and endorsed writs keep that procedure
  // for life; one opened before keeps its own.
  const state = input.resume ?? openFiling({ ...input, ...(patched('icms-fees-and-writs') ? { procedureRevision: 2 } : {}) }, now());
  const revised = (state.procedureRevision ?? 1) >= 2;

  let published = -1;
  const publish = async () => {
    if (state.version === published) return;
    published = state.version;
    await projectFiling(filingView(state));
  };
  const owing = () => state.messages.some((m) => m.deliveredAt === null);
  /** Every message owed and not yet delivered, in the order owed; each marked when the inbox has it. */
  const deliverOwed = async () => {
    for (const owed of state.messages.filter((m) => m.deliveredAt === null)) {
      const { deliveredAt: _unsent, ...message } = owed;
      await deliverFilingMessage(message);
      owed.deliveredAt = new Date(workflowNow()).toISOString();
      state.version += 1;
    }
  };
  const report = (r: PaymentReport) => applyPaymentReport(state, r, now(), completeSubmission);

  /** One piece of the payment saga: the side effect, then its outcome recorded. */
  const perform = async (work: PaymentWork) => {
    const { attempt } = work;
    switch (work.kind) {
      case 'debit-prepayment':
        try {
          report(await ledger.debitPrepayment({ paymentId: attempt.id, organisationId: attempt.organisationId ?? '', amountCents: attempt.amountCents, filingReference: state.reference }));
        } catch (err) {
          if (failureType(err) !== INSUFFICIENT_FUNDS) throw err;
          report({ paymentId: attempt.id, status: 'declined', amountCents: attempt.amountCents, reason: failureMessage(err), source: 'prepayment' });
        }
        return;
      case 'open-provider-page':
        try {
          pageOpened(attempt, await pageOpener.openProviderPage({ paymentId: attempt.id, amountCents: attempt.amountCents, description: `Court fees, filing ${state.reference} (${state.caseNo})` }), workflowNow());
          state.version += 1;
        } catch (err) {
          // Refused, or the provider did not answer in time: this attempt ends; the filer may pay again.
          const reason = failureType(err) === PAYMENT_PROVIDER_REFUSED ? failureMessage(err) : 'the payment service provider did not answer in time';
          report({ paymentId: attempt.id, status: 'declined', amountCents: attempt.amountCents, reason, source: 'query' });
        }
        return;
      case 'reconcile':
        try {
          const seen = await provider.queryProviderPayment(attempt.id);
          report(seen.status === 'pending' ? await provider.stopProviderPayment(attempt.id) : seen);
        } catch (err) {
          if (failureType(err) !== PAYMENT_PROVIDER_REFUSED) throw err;
        }
        // A provider that still says pending after being told to stop (or refuses to say) is asked again later.
        if (attempt.status === 'awaiting-payer') {
          postponeReconcile(attempt, workflowNow() + 10 * 60_000);
          state.version += 1;
        }
        return;
      case 'refund':
        try {
          report(
            await (attempt.method === 'prepayment' ? ledger : provider).refundPayment({
              paymentId: attempt.id,
              method: attempt.method,
              ...(attempt.organisationId ? { organisationId: attempt.organisationId } : {}),
              amountCents: attempt.amountCents,
              reason: attempt.reason ?? 'not kept by the court',
            }),
          );
        } catch (err) {
          if (failureType(err) !== PAYMENT_PROVIDER_REFUSED) throw err;
          refundBlocked(state, attempt, failureMessage(err), now());
        }
        return;
    }
  };
  const settlePayments = async () => {
    for (let work = paymentWork(state.payment, workflowNow()); work.length; work = paymentWork(state.payment, workflowNow())) {
      for (const w of work) await perform(w);
    }
  };
  const startingPayment = () => (state.payment?.attempts ?? []).some((a) => a.status === 'requested');

  setHandler(filingQuery, () => filingView(state));
  setHandler(filingCalendarSignal, ({ calendar }) => applyFilingCalendarChange(state, calendar, now()));
  setHandler(paymentReportSignal, (r) => {
    report(r);
  });
  registerSteps(FILING, state, FILING_UPDATES, async () => {
    // A `pay` answers once the payment is started: the provider's page open (or given up on after two
    // minutes), the debit made or refused. No timer: the answer is the attempt's outcome, never a guess.
    if (startingPayment()) await condition(() => !startingPayment());
    await publish();
    return filingView(state);
  });

  const alertsOwed = () => owedAlerts(state).length > 0;
  const process = { kind: 'filing' as const, caseNo: state.caseNo, reference: state.reference, filer: { accountId: state.filer.accountId, partyId: state.filer.partyId } };

  while (!isFinished(state) || owing() || alertsOwed() || paymentUnsettled(state.payment)) {
    if (!isFinished(state)) keepAlerting(state);
    await publish();
    await deliverOwed();
    await deliverOwedAlerts(state, process);
    await settlePayments();
    await publish();
    // A step taken while this loop awaited its activities (a `pay` arriving during a projection) is not
    // missed: anything owed or due now is done before the loop waits for the next change.
    if (revised && (owing() || alertsOwed() || paymentWork(state.payment, workflowNow()).length > 0)) continue;
    if (isFinished(state) && !paymentUnsettled(state.payment)) continue;
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof filingWorkflow>({ ...input, resume: state });
    }
    const next = earliest(isFinished(state) ? null : nextFilingTimerAt(state), nextReconcileAt(state.payment));
    const version = state.version;
    const changed = () => state.version !== version;
    if (next === null) await condition(changed);
    else if (next > workflowNow()) await condition(changed, next - workflowNow());
    fireDueFilingTimers(state, now());
  }
  await condition(allHandlersFinished);
  await publish();
  return state;
}

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.min(a, b);
}
