/**
 * The filing workflow's contract (iCMS: documents filed on an existing case):
 * task queue, input, the view its query returns, one update per step, and
 * the activities it calls. The workflow ID is the filing reference.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { CourtCalendar } from '../../domain/calendar';
import { FILING_STEPS, type Filing, type FilingPayloads, type FilingView, type OpenFilingInput, type OwedMessage } from '../../domain/filing';
import type { PaymentReport, ProviderPage } from '../../domain/payments/saga';
import { stepNames, type StepTable } from '../../domain/steps/step-kit';
import { defineStepUpdates } from '../steps/contract';

export { STEP_REFUSED } from '../steps/contract';
export type { FilingView } from '../../domain/filing';

/** The worker's one task queue (named when it served small claims only). */
export const FILING_TASK_QUEUE = 'courtflow-sct';

export const FILING_WORKFLOW = 'filingWorkflow';

export interface FilingInput extends OpenFilingInput {
  /** Set only by continue-as-new. */
  resume?: Filing;
}

export const filingQuery = defineQuery<FilingView>('filing');

/** The court calendar changed: the same `calendarChanged` signal the closure broadcast sends every open case; a filing reads its calendar. */
export const filingCalendarSignal = defineSignal<[{ calendar: CourtCalendar }]>('calendarChanged');

/** What the payment service provider reported (a verified callback, or the payer's return, checked by a query). */
export const paymentReportSignal = defineSignal<[PaymentReport]>('paymentReported');

export const FILING_STEP_NAMES = stepNames(FILING_STEPS as StepTable<never, FilingPayloads, string>);
export const FILING_UPDATES = defineStepUpdates<FilingPayloads, FilingView>(FILING_STEP_NAMES);

export { INSUFFICIENT_FUNDS, PAYMENT_PROVIDER_REFUSED } from '../../domain/payments/saga';

/** The payment saga's side effects, each idempotent by the payment id. */
export interface FilingPaymentActivities {
  /** Debits the organisation's prepayment account once (throws `INSUFFICIENT_FUNDS`, non-retryable, when it cannot). */
  debitPrepayment(request: { paymentId: string; organisationId: string; amountCents: number; filingReference: string }): Promise<PaymentReport>;
  /** Opens (or finds) the provider's hosted page for the payment. */
  openProviderPage(request: { paymentId: string; amountCents: number; description: string }): Promise<ProviderPage>;
  /** Asks the provider how the payment stands. */
  queryProviderPayment(paymentId: string): Promise<PaymentReport>;
  /** Stops a pending payment at the provider; reports how it then stands (it may turn out paid). */
  stopProviderPayment(paymentId: string): Promise<PaymentReport>;
  /** Returns the money once: a credit to the prepayment account, or a refund through the provider. */
  refundPayment(request: { paymentId: string; method: 'prepayment' | 'provider'; organisationId?: string; amountCents: number; reason: string }): Promise<PaymentReport>;
}

export interface FilingActivities {
  /** Writes the filing and its documents to the read model, if newer than what is there. */
  projectFiling(view: FilingView): Promise<void>;
  /** Delivers one owed message to the filer's inbox, once (its key is the inbox's dedupe key). */
  deliverFilingMessage(owed: Omit<OwedMessage, 'deliveredAt'>): Promise<void>;
}
