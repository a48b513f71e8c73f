/**
 * The payment saga's side effects, each idempotent by the payment id: a
 * debit or refund of the organisation's prepayment account (its ledger key is
 * the payment id, so a retried debit finds the first), and the payment
 * service provider's hosted page, query, stop and refund (its merchant
 * reference is the payment id). Permanent refusals (insufficient funds, a
 * provider's refusal, no provider configured) are non-retryable failures;
 * anything else is retried by the workflow's policy.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import { formatHkd } from '../domain/money';
import { debitPrepayment, refundPrepayment } from '../db/prepayment';
import { inTransaction } from '../db/pool';
import { PaymentProviderRefusal, type PaymentProvider, type ProviderPayment } from '../db/payment-provider/provider';
import { INSUFFICIENT_FUNDS, PAYMENT_PAGE_MINUTES, PAYMENT_PROVIDER_REFUSED, type PaymentReport, type ProviderPage } from '../domain/payments/saga';

export interface PaymentDeps {
  pool: Pool;
  /** The payment service provider, and the address it sends payers and callbacks back to. */
  payments?: { provider: PaymentProvider; publicBaseUrl: string };
}

const SYSTEM = 'system:payments';

const refused = (message: string) => ApplicationFailure.create({ type: PAYMENT_PROVIDER_REFUSED, message, nonRetryable: true });

/** A provider refusal becomes permanent; anything else (network, 5xx, timeout) is thrown as it is, to be retried. */
async function atProvider<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof PaymentProviderRefusal) throw refused(`the payment service provider refused: ${err.message} (${err.code})`);
    throw err;
  }
}

const asReport = (p: ProviderPayment, source: PaymentReport['source']): PaymentReport => ({
  paymentId: p.merchantRef,
  status: p.status,
  amountCents: p.amountCents,
  providerRef: p.providerRef,
  ...(p.declineReason ? { reason: p.declineReason } : {}),
  source,
});

export function createFilingPaymentActivities(deps: PaymentDeps) {
  const provider = () => {
    if (!deps.payments) throw refused('no payment service provider is configured (PSP_URL); pay from a prepayment account');
    return deps.payments;
  };
  return {
    async debitPrepayment({ paymentId, organisationId, amountCents, filingReference }: { paymentId: string; organisationId: string; amountCents: number; filingReference: string }): Promise<PaymentReport> {
      const outcome = await inTransaction(deps.pool, (tx) => debitPrepayment(tx, { organisationId, entryKey: paymentId, amountCents, reference: filingReference, recordedBy: SYSTEM }));
      if (outcome.outcome === 'insufficient') {
        throw ApplicationFailure.create({
          type: INSUFFICIENT_FUNDS,
          message: `insufficient funds in the prepayment account: the balance is ${formatHkd(outcome.balanceCents)} and the fees are ${formatHkd(amountCents)}; top the account up, or pay through the payment service provider`,
          nonRetryable: true,
        });
      }
      return { paymentId, status: 'succeeded', amountCents, source: 'prepayment' } satisfies PaymentReport;
    },

    async openProviderPage({ paymentId, amountCents, description }: { paymentId: string; amountCents: number; description: string }): Promise<ProviderPage> {
      const { provider: psp, publicBaseUrl } = provider();
      const page = await atProvider(() =>
        psp.createPayment({
          merchantRef: paymentId,
          amountCents,
          description,
          returnUrl: `${publicBaseUrl}/api/v1/payments/${encodeURIComponent(paymentId)}/return`,
          callbackUrl: `${publicBaseUrl}/api/v1/payments/callback`,
          expiresInSeconds: PAYMENT_PAGE_MINUTES * 60,
        }),
      );
      return { providerRef: page.providerRef, pageUrl: page.paymentPageUrl, expiresAt: page.expiresAt };
    },

    async queryProviderPayment(paymentId: string): Promise<PaymentReport> {
      const seen = await atProvider(() => provider().provider.getPayment(paymentId));
      // A payment the provider never heard of was never opened: nothing was taken.
      return seen ? asReport(seen, 'query') : { paymentId, status: 'expired', amountCents: 0, reason: 'the payment service provider has no such payment', source: 'query' };
    },

    async stopProviderPayment(paymentId: string): Promise<PaymentReport> {
      return asReport(await atProvider(() => provider().provider.cancelPayment(paymentId)), 'query');
    },

    async refundPayment({ paymentId, method, organisationId, amountCents, reason }: { paymentId: string; method: 'prepayment' | 'provider'; organisationId?: string; amountCents: number; reason: string }): Promise<PaymentReport> {
      if (method === 'prepayment') {
        if (!organisationId) throw ApplicationFailure.create({ type: PAYMENT_PROVIDER_REFUSED, message: `${paymentId}: a prepayment refund names its organisation`, nonRetryable: true });
        await inTransaction(deps.pool, (tx) => refundPrepayment(tx, { organisationId, entryKey: `refund:${paymentId}`, amountCents, reference: reason, recordedBy: SYSTEM }));
        return { paymentId, status: 'refunded', amountCents, source: 'prepayment' };
      }
      return asReport(await atProvider(() => provider().provider.refundPayment(paymentId, `refund:${paymentId}`)), 'query');
    },
  };
}
