/**
 * The fees of a filing (seed 003, Stage B steps 7 and 8): on confirmation
 * the fees are quoted as they stand that day and fixed; a legally aided
 * filer, or a filing whose documents carry no fee, goes straight on to the
 * acknowledgement; anyone else pays first, from their organisation's
 * prepayment account or through the payment service provider, and the
 * submission completes when the payment succeeds, with a receipt issued
 * once. The payment itself is a saga (domain/payments/saga.ts); this module
 * is what each of its outcomes means for the filing.
 */
import { quoteFees } from '../fees';
import type { NoticeFacts } from '../inbox/messages';
import { formatHkd } from '../money';
import { newAttempt, reconcileNow, refundPaid, reportOutcome, type FilingPayment, type PaymentAttempt, type PaymentReport, type ReportEffect } from '../payments/saga';
import { receiptNoOf, type PaymentMethod, type ReceiptFacts } from '../payments/receipt';
import type { StepContext } from '../steps/step-kit';
import type { Moment } from '../time/moment';
import { record } from './history';
import type { Filing } from './state';

export interface PaymentChoice {
  /** `prepayment`: the organisation's prepayment account; `provider`: the payment service provider's hosted page. */
  method: PaymentMethod;
}

const iso = (at: Moment) => new Date(at.now).toISOString();

/** Attempts a filing may make before the registry must look at it (payment ids run to `-P999`). */
export const MAX_ATTEMPTS = 20;

/** Filings opened since fees are charged (procedure revision 2). */
export const chargesFees = (state: Filing) => (state.procedureRevision ?? 1) >= 2;

/**
 * Fixes the fees at confirmation. True when the filing now waits for
 * payment; false when it goes straight on (legal aid, or nothing payable).
 */
export function confirmForPayment(state: Filing, ctx: StepContext): boolean {
  const quote = quoteFees({
    courtLevel: state.courtLevel,
    documents: state.documents.map((d) => ({ type: d.type, purpose: d.purpose })),
    on: ctx.today,
    legallyAided: state.legalAid !== null,
  });
  state.confirmedAt = iso(ctx);
  const due = quote.payableCents > 0;
  state.payment = { status: state.legalAid ? 'waived' : due ? 'awaiting-payment' : 'none-due', quote, attempts: [], receipt: null };
  if (state.legalAid) {
    record(state, ctx, 'fees-waived', `Legally aided (certificate ${state.legalAid.certificateNo}): no payment step. ${quote.explanation}`, ctx);
    return false;
  }
  if (!due) {
    record(state, ctx, 'no-fees', `Nothing to pay on confirmation. ${quote.explanation}`, ctx);
    return false;
  }
  state.stage = 'awaiting-payment';
  record(state, ctx, 'confirmed', `Confirmed; ${formatHkd(quote.payableCents)} in fees to be paid before the filing is submitted. ${quote.explanation}`, ctx);
  return true;
}

/** Why this payment cannot be started now, or null. */
export function payRefusal(state: Filing, choice: PaymentChoice): string | null {
  const payment = state.payment;
  if (!payment || payment.status !== 'awaiting-payment') return `${state.reference} has nothing to pay`;
  if (payment.attempts.some((a) => a.status === 'requested')) return 'a payment is being started; wait for its answer';
  if (payment.attempts.length >= MAX_ATTEMPTS) return `${state.reference} has had ${MAX_ATTEMPTS} payment attempts; ask the registry`;
  if (choice.method === 'prepayment' && !state.filer.organisationId) {
    return 'a prepayment account belongs to an organisation account; an individual user pays through the payment service provider (method "provider")';
  }
  return null;
}

/** Starts an attempt; a page still open from an earlier attempt is asked about (and stopped) at once, so two are never both paid and kept. */
export function requestPayment(state: Filing, choice: PaymentChoice, ctx: StepContext): void {
  const payment = state.payment;
  if (!payment) return;
  reconcileNow(payment, iso(ctx));
  const attempt = newAttempt(payment, state.reference, choice.method, ctx.actor.id, iso(ctx), choice.method === 'prepayment' ? state.filer.organisationId : undefined);
  const how = choice.method === 'prepayment' ? `from the prepayment account of ${state.filer.organisationName ?? state.filer.organisationId ?? ''}` : 'through the payment service provider';
  record(state, ctx, 'payment-requested', `Payment ${attempt.id} of ${formatHkd(attempt.amountCents)} requested ${how}.`, ctx);
}

function receiptOf(state: Filing, payment: FilingPayment, attemptId: string, at: Moment): ReceiptFacts {
  const attempt = payment.attempts.find((a) => a.id === attemptId);
  return {
    receiptNo: receiptNoOf(state.reference),
    paymentId: attemptId,
    filingReference: state.reference,
    caseNo: state.caseNo,
    courtLevel: state.courtLevel,
    paidAt: iso(at),
    method: attempt?.method ?? 'provider',
    ...(attempt?.method === 'provider' && attempt.providerRef ? { providerRef: attempt.providerRef } : {}),
    ...(attempt?.method === 'prepayment' ? { prepaymentAccount: state.filer.organisationName ?? state.filer.organisationId ?? '' } : {}),
    payer: { name: state.filer.name, ...(state.filer.organisationName ? { organisation: state.filer.organisationName } : {}) },
    lines: payment.quote.lines.flatMap((l) => (l.recorded && l.netCents > 0 ? [{ document: l.document, amountCents: l.amountCents, reductionCents: l.reductionCents, netCents: l.netCents, rule: l.rule }] : [])),
    totalCents: payment.quote.payableCents,
  };
}

/** A notice to the filer about their payment, in both languages. */
function paymentNotice(state: Filing, noticeId: string, subject: NoticeFacts['subject'], body: NoticeFacts['body']): void {
  if (state.messages.some((m) => m.key === noticeId)) return;
  state.messages.push({ key: noticeId, accountId: state.filer.accountId, message: { kind: 'notice', facts: { noticeId, subject, body, caseNo: state.caseNo } }, deliveredAt: null });
}

/**
 * Applies what the provider, the prepayment account or a query reported.
 * `complete` finishes the submission once the payment succeeds (the
 * procedure's own step, passed in to keep this module below it).
 */
export function applyPaymentReport(state: Filing, report: PaymentReport, at: Moment, complete: (state: Filing, at: Moment) => void): ReportEffect {
  const payment = state.payment;
  if (!payment) return { effect: 'none' };
  const accepting = state.stage === 'awaiting-payment' && payment.status === 'awaiting-payment';
  const effect = reportOutcome(payment, report, accepting, iso(at));
  const amount = (cents: number) => formatHkd(cents);
  switch (effect.effect) {
    case 'none':
      return effect;
    case 'paid': {
      payment.status = 'paid';
      payment.receipt = receiptOf(state, payment, effect.attempt.id, at);
      record(state, at, 'paid', `Payment ${effect.attempt.id} of ${amount(effect.attempt.amountCents)} succeeded (${report.source}); receipt ${payment.receipt.receiptNo} issued.`);
      state.messages.push({
        key: `payment-received:${payment.receipt.receiptNo}`,
        accountId: state.filer.accountId,
        message: { kind: 'payment-received', facts: payment.receipt },
        paper: { kind: 'payment-receipt' },
        deliveredAt: null,
      });
      complete(state, at);
      return effect;
    }
    case 'refund-due':
      record(state, at, 'refund-due', `Payment ${effect.attempt.id} of ${amount(effect.attempt.amountCents)} is to be refunded: ${effect.why}.`);
      return effect;
    case 'refunded':
      if (payment.status === 'paid' && !payment.attempts.some((a) => a.status === 'succeeded')) payment.status = 'refunded';
      record(state, at, 'refunded', `Payment ${effect.attempt.id} of ${amount(effect.attempt.amountCents)} refunded.`);
      paymentNotice(
        state,
        `payment-refunded:${effect.attempt.id}`,
        { en: `Fees refunded: ${state.reference}`, 'zh-Hant': `費用已退還：${state.reference}` },
        {
          en: `Payment ${effect.attempt.id} of ${amount(effect.attempt.amountCents)} for filing ${state.reference} on case ${state.caseNo} has been refunded. Reason: ${effect.attempt.reason ?? 'not kept by the court'}.`,
          'zh-Hant': `就案件 ${state.caseNo} 存檔 ${state.reference} 所付的款項 ${effect.attempt.id}（${amount(effect.attempt.amountCents)}）已經退還。原因（英文）：${effect.attempt.reason ?? 'not kept by the court'}。`,
        },
      );
      return effect;
    case 'declined':
    case 'expired':
      record(state, at, `payment-${effect.effect}`, `Payment ${effect.attempt.id} ${effect.effect}: ${effect.attempt.reason ?? ''}. The fees are still to be paid; another method may be chosen.`);
      paymentNotice(
        state,
        `payment-${effect.effect}:${effect.attempt.id}`,
        { en: `Payment not made: ${state.reference}`, 'zh-Hant': `未能付款：${state.reference}` },
        {
          en: `Payment ${effect.attempt.id} of ${amount(effect.attempt.amountCents)} for filing ${state.reference} was not made (${effect.effect}: ${effect.attempt.reason ?? ''}). The filing is not submitted until the fees are paid; you may pay again.`,
          'zh-Hant': `存檔 ${state.reference} 的款項 ${effect.attempt.id}（${amount(effect.attempt.amountCents)}）未能完成（原因（英文）：${effect.attempt.reason ?? ''}）。費用付清之前，存檔不會提交；你可再次付款。`,
        },
      );
      return effect;
  }
}

/** A filing closing with money taken (cancelled, rejected, abandoned): the payment is refunded and any open page stopped. */
export function refundOnClosing(state: Filing, why: string, at: Moment): void {
  const payment = state.payment ?? null;
  reconcileNow(payment, iso(at));
  const refund = refundPaid(payment, why);
  if (refund) record(state, at, 'refund-due', `Payment ${refund.id} of ${formatHkd(refund.amountCents)} is to be refunded: ${why}.`);
}

/** The provider refused a refund: the registry is told, to return the money another way. */
export function refundBlocked(state: Filing, attempt: PaymentAttempt, why: string, at: Moment): void {
  attempt.refundBlocked = why;
  state.alerts.push({
    id: `A${state.alerts.length + 1}`,
    at: iso(at),
    to: 'registry',
    rule: 'iCMS payment: refund',
    message: `${state.reference} (${state.caseNo}): payment ${attempt.id} of ${formatHkd(attempt.amountCents)} must be refunded (${attempt.reason ?? ''}) but the payment service provider refused: ${why}. Refund it by hand.`,
    resolvedOn: null,
  });
  record(state, at, 'refund-blocked', `The refund of ${attempt.id} was refused by the payment service provider (${why}); the registry is told to refund it by hand.`);
}
