/**
 * Paying a filing's court fees (seed 003, Stage B step 7: "confirm, then
 * pay"), as a saga whose every step is recorded in the filing's state, so
 * that no payment is ever left in doubt:
 *
 *   requested       the filer chose a method; the workflow acts next
 *   awaiting-payer  the provider's hosted page is open (provider only)
 *   succeeded       the money was taken: the submission completes
 *   declined        the provider or the prepayment account said no, or the
 *                   provider refused or failed to open its page (permanent)
 *   expired         the payer did not pay in time; the provider was told to stop
 *   refund-due      money taken that the court must not keep (a late success
 *                   after the attempt was given up, a second success, a
 *                   filing cancelled or rejected after payment)
 *   refunded        returned, once
 *
 * Each report (a signed callback, a query, the payer's return) is applied by
 * `reportOutcome`, whatever order they come in and however often: a report
 * already applied changes nothing. A page nobody pays is reconciled by a
 * query when its time is up, and a payment still pending then is cancelled
 * at the provider: nothing stays pending past `reconcileAt`.
 *
 * Pure: the workflow runs the side effects and reports back here.
 */
import type { FeeQuote } from '../fees';
import type { PaymentMethod, ReceiptFacts } from './receipt';

/** A payment the prepayment account cannot cover: permanent, never retried. */
export const INSUFFICIENT_FUNDS = 'INSUFFICIENT_FUNDS';
/** The provider refused the request outright, or none is configured: permanent, never retried. */
export const PAYMENT_PROVIDER_REFUSED = 'PAYMENT_PROVIDER_REFUSED';

/** The provider's hosted page for an attempt. */
export interface ProviderPage {
  providerRef: string;
  pageUrl: string;
  expiresAt: string;
}

export type AttemptStatus = 'requested' | 'awaiting-payer' | 'succeeded' | 'declined' | 'expired' | 'refund-due' | 'refunded';

/** How long the payer has on the provider's hosted page. */
export const PAYMENT_PAGE_MINUTES = 15;
/** How long after the page expires the workflow waits for a report before asking the provider itself. */
export const RECONCILE_GRACE_MINUTES = 5;

export interface PaymentAttempt {
  /** `EF-2026-000001-P1`: the provider's merchant reference and the prepayment ledger's key. */
  id: string;
  method: PaymentMethod;
  amountCents: number;
  status: AttemptStatus;
  requestedAt: string;
  requestedBy: string;
  /** For a prepayment debit: the organisation whose account pays. */
  organisationId?: string;
  /** For the provider: its reference, the hosted page, and when the page expires. */
  providerRef?: string;
  pageUrl?: string;
  expiresAt?: string;
  /** When the workflow asks the provider if no report has come (page expiry plus a grace period). */
  reconcileAt?: string;
  settledAt?: string;
  /** Why it was declined, failed, expired or is being refunded, in words. */
  reason?: string;
  /** Provider reports already applied, by their event id: a duplicate changes nothing. */
  reports: string[];
  refundedAt?: string;
  /** The provider refused the refund: the registry's accounts office must return the money by hand. */
  refundBlocked?: string;
}

export type PaymentStatus =
  /** Nothing to pay: the documents carry no fee. */
  | 'none-due'
  /** A legally aided party: no payment step. */
  | 'waived'
  | 'awaiting-payment'
  | 'paid'
  /** Paid, then returned: the filing was cancelled or rejected. */
  | 'refunded';

export interface FilingPayment {
  status: PaymentStatus;
  /** The quote as it stood when the filer confirmed the filing: what is charged. */
  quote: FeeQuote;
  attempts: PaymentAttempt[];
  /** The receipt, fixed once when the payment succeeded. */
  receipt: ReceiptFacts | null;
}

/** What a report says happened at the provider (or the prepayment account). */
export interface PaymentReport {
  paymentId: string;
  status: 'pending' | 'succeeded' | 'declined' | 'expired' | 'refunded';
  amountCents: number;
  providerRef?: string;
  /** The provider's event id, for a callback. */
  eventId?: string;
  reason?: string;
  /** Where the report came from: the signed callback, a query, the payer's return. */
  source: 'callback' | 'query' | 'return' | 'prepayment';
}

/** What the workflow must do next about a payment, each an idempotent side effect. */
export type PaymentWork =
  | { kind: 'debit-prepayment'; attempt: PaymentAttempt }
  | { kind: 'open-provider-page'; attempt: PaymentAttempt }
  | { kind: 'reconcile'; attempt: PaymentAttempt }
  | { kind: 'refund'; attempt: PaymentAttempt };

const attemptOf = (payment: FilingPayment | null, id: string) => payment?.attempts.find((a) => a.id === id);

/** An attempt still in the air: requested, or on the provider's page. */
const isOpenAttempt = (a: PaymentAttempt) => a.status === 'requested' || a.status === 'awaiting-payer';

export const paymentIdOf = (filingReference: string, n: number) => `${filingReference}-P${n}`;

/** The filing reference a payment id belongs to (`EF-2026-000001-P2` → `EF-2026-000001`), or null. */
export function filingOfPayment(paymentId: string): string | null {
  const m = /^(EF-\d{4}-\d{6})-P\d{1,3}$/.exec(paymentId);
  return m ? (m[1] ?? null) : null;
}

export function newAttempt(payment: FilingPayment, reference: string, method: PaymentMethod, by: string, at: string, organisationId?: string): PaymentAttempt {
  const attempt: PaymentAttempt = {
    id: paymentIdOf(reference, payment.attempts.length + 1),
    method,
    amountCents: payment.quote.payableCents,
    status: 'requested',
    requestedAt: at,
    requestedBy: by,
    ...(organisationId ? { organisationId } : {}),
    reports: [],
  };
  payment.attempts.push(attempt);
  return attempt;
}

/** The work due at `now` (ms): requested attempts, pages past their reconcile time, refunds owed. */
export function paymentWork(payment: FilingPayment | null, now: number): PaymentWork[] {
  if (!payment) return [];
  const work: PaymentWork[] = [];
  for (const attempt of payment.attempts) {
    if (attempt.status === 'requested') work.push({ kind: attempt.method === 'prepayment' ? 'debit-prepayment' : 'open-provider-page', attempt });
    else if (attempt.status === 'awaiting-payer' && attempt.reconcileAt && Date.parse(attempt.reconcileAt) <= now) work.push({ kind: 'reconcile', attempt });
    else if (attempt.status === 'refund-due' && !attempt.refundBlocked) work.push({ kind: 'refund', attempt });
  }
  return work;
}

/** The next instant (ms) a page must be reconciled, or null. */
export function nextReconcileAt(payment: FilingPayment | null): number | null {
  const times = (payment?.attempts ?? []).filter((a) => a.status === 'awaiting-payer' && a.reconcileAt).map((a) => Date.parse(a.reconcileAt ?? ''));
  return times.length ? Math.min(...times) : null;
}

/** True while the saga has anything left to do: an attempt in the air, or a refund owed. */
export const paymentUnsettled = (payment: FilingPayment | null) => (payment?.attempts ?? []).some((a) => isOpenAttempt(a) || (a.status === 'refund-due' && !a.refundBlocked));

/**
 * The provider opened its hosted page for the attempt. The time to ask the
 * provider is counted on courtflow's own clock from now (the page's time
 * plus a grace period), not from the provider's `expiresAt`, so a provider
 * whose clock runs behind cannot make courtflow give up early.
 */
export function pageOpened(attempt: PaymentAttempt, page: ProviderPage, now: number): void {
  if (attempt.status !== 'requested') return;
  attempt.status = 'awaiting-payer';
  attempt.providerRef = page.providerRef;
  attempt.pageUrl = page.pageUrl;
  attempt.expiresAt = page.expiresAt;
  attempt.reconcileAt = new Date(now + (PAYMENT_PAGE_MINUTES + RECONCILE_GRACE_MINUTES) * 60_000).toISOString();
}

/** When to ask the provider again, if it still says pending after being told to stop. */
export function postponeReconcile(attempt: PaymentAttempt, at: number): void {
  attempt.reconcileAt = new Date(at).toISOString();
}

/** Ask the provider now rather than at the page's expiry (the filing was cancelled while the page was open). */
export function reconcileNow(payment: FilingPayment | null, at: string): void {
  for (const a of payment?.attempts ?? []) if (a.status === 'awaiting-payer') a.reconcileAt = at;
}

/** The outcome of applying a report: what changed, for the filing's history. */
export type ReportEffect =
  | { effect: 'none' }
  | { effect: 'paid'; attempt: PaymentAttempt }
  | { effect: 'refund-due'; attempt: PaymentAttempt; why: string }
  | { effect: 'declined' | 'expired'; attempt: PaymentAttempt }
  | { effect: 'refunded'; attempt: PaymentAttempt };

/**
 * Applies a report to its attempt. `accepting` says whether the filing still
 * takes this payment (it is awaiting payment); a success it no longer takes
 * becomes a refund owed.
 */
export function reportOutcome(payment: FilingPayment, report: PaymentReport, accepting: boolean, at: string): ReportEffect {
  const attempt = attemptOf(payment, report.paymentId);
  if (!attempt) return { effect: 'none' };
  if (report.eventId) {
    if (attempt.reports.includes(report.eventId)) return { effect: 'none' };
    attempt.reports.push(report.eventId);
  }
  if (report.status === 'pending') return { effect: 'none' };
  if (report.status === 'refunded') {
    // Only money courtflow owes back is refunded; a provider saying otherwise of a kept payment changes nothing here.
    if (attempt.status !== 'refund-due') return { effect: 'none' };
    attempt.status = 'refunded';
    attempt.refundedAt = at;
    return { effect: 'refunded', attempt };
  }
  if (report.status === 'succeeded') {
    if (attempt.status === 'succeeded' || attempt.status === 'refund-due' || attempt.status === 'refunded') return { effect: 'none' };
    if (report.providerRef) attempt.providerRef = report.providerRef;
    if (report.amountCents !== attempt.amountCents) {
      attempt.settledAt = at;
      attempt.status = 'refund-due';
      attempt.reason = `the provider took ${report.amountCents} cents where ${attempt.amountCents} were due`;
      return { effect: 'refund-due', attempt, why: attempt.reason };
    }
    if (report.providerRef) attempt.providerRef = report.providerRef;
    attempt.settledAt = at;
    if (!accepting || !isOpenAttempt(attempt)) {
      const why = accepting ? `it succeeded after the attempt had ended (${attempt.status})` : 'the filing no longer takes a payment (it was paid another way, cancelled or closed)';
      attempt.status = 'refund-due';
      attempt.reason = why;
      return { effect: 'refund-due', attempt, why };
    }
    attempt.status = 'succeeded';
    return { effect: 'paid', attempt };
  }
  // declined or expired: only an attempt still in the air ends so.
  if (!isOpenAttempt(attempt)) return { effect: 'none' };
  attempt.status = report.status;
  attempt.settledAt = at;
  attempt.reason = report.reason ?? (report.status === 'expired' ? 'the payment page expired before anything was paid' : 'declined by the provider');
  return { effect: report.status, attempt };
}

/** Money taken that the court must return: the filing was cancelled or rejected after payment. */
export function refundPaid(payment: FilingPayment | null, why: string): PaymentAttempt | null {
  const paid = payment?.attempts.find((a) => a.status === 'succeeded');
  if (!paid) return null;
  paid.status = 'refund-due';
  paid.reason = why;
  return paid;
}
