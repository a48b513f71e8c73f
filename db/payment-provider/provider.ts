/**
 * An external payment service provider, as courtflow sees it: the adapter
 * every provider is reached through (the sandbox provider of `npm start` and
 * the tests is one; a real one is another). courtflow's payment id is the
 * provider's merchant reference, so every call is idempotent by it: a
 * retried create finds the payment the first call made, a retried refund
 * refunds once.
 *
 * Errors: a network failure or a 5xx is thrown as a plain Error (worth
 * retrying); a refusal that will not change on retry is a
 * `PaymentProviderRefusal`.
 */

export type ProviderStatus = 'pending' | 'succeeded' | 'declined' | 'expired' | 'refunded';

export interface ProviderPayment {
  /** The provider's own id for the payment. */
  providerRef: string;
  /** courtflow's payment id (`EF-2026-000001-P1`). */
  merchantRef: string;
  status: ProviderStatus;
  amountCents: number;
  /** The hosted payment page the payer is sent to. */
  paymentPageUrl: string;
  /** ISO instant after which the provider no longer takes payment on it. */
  expiresAt: string;
  paidAt?: string;
  /** Why it was declined, in the provider's words. */
  declineReason?: string;
  refundedCents?: number;
}

export interface CreatePayment {
  merchantRef: string;
  amountCents: number;
  description: string;
  /** Where the payer's browser is sent back to after paying (or failing to). */
  returnUrl: string;
  /** Where the provider posts its signed server-to-server report. */
  callbackUrl: string;
  /** How long the payer has on the hosted page. */
  expiresInSeconds: number;
}

/** A verified server-to-server report from the provider. */
export interface ProviderCallback {
  /** The provider's id for this report: the same report delivered twice has the same id. */
  eventId: string;
  merchantRef: string;
  providerRef: string;
  status: ProviderStatus;
  amountCents: number;
  /** ISO instant the provider says the report was made. */
  at: string;
}

export type CallbackVerdict = { ok: true; callback: ProviderCallback } | { ok: false; reason: string };

export interface PaymentProvider {
  /** A name for records and receipts (`sandbox`). */
  readonly name: string;
  /** Starts a payment, or returns the one already started under this merchant reference. */
  createPayment(request: CreatePayment): Promise<ProviderPayment>;
  /** The payment as the provider now holds it, or null if it never heard of it. */
  getPayment(merchantRef: string): Promise<ProviderPayment | null>;
  /** Stops a pending payment from being paid (it becomes `expired`); one already settled is returned as it is. */
  cancelPayment(merchantRef: string): Promise<ProviderPayment>;
  /** Refunds a succeeded payment in full, once (`refundKey` makes a retry a no-op). */
  refundPayment(merchantRef: string, refundKey: string): Promise<ProviderPayment>;
  /**
   * Checks a callback's signature and freshness over the exact bytes
   * received (constant-time comparison; a timestamp outside the tolerance is
   * refused as a possible replay).
   */
  verifyCallback(rawBody: Buffer, headers: Readonly<Record<string, string | string[] | undefined>>, now: Date): CallbackVerdict;
}

/** A permanent refusal by the provider (a bad request, an unknown payment): not retried. */
export class PaymentProviderRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PaymentProviderRefusal';
  }
}
