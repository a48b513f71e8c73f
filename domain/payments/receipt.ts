/**
 * A payment receipt (「付款收據」): what was paid, for which filing, how and
 * when. Its facts are fixed when the payment succeeds and the PDF is
 * rendered from exactly these, so the receipt downloaded later and the one
 * in the inbox are the same paper. Plain JSON.
 */
import type { CourtLevel, DocumentType, FilingPurpose } from '../inbox/terms';

export type PaymentMethod = 'prepayment' | 'provider';

export interface ReceiptLine {
  document: { type: DocumentType; purpose: FilingPurpose };
  /** The fee before and after the iCMS concession, in HK cents. */
  amountCents: number;
  reductionCents: number;
  netCents: number;
  /** The fee rule the figure rests on. */
  rule: string;
}

export interface ReceiptFacts {
  /** `R-EF-2026-000001`: one receipt per filing, issued once. */
  receiptNo: string;
  /** The payment that was taken (`EF-2026-000001-P2`). */
  paymentId: string;
  filingReference: string;
  caseNo: string;
  courtLevel: CourtLevel;
  /** ISO instant the payment succeeded. */
  paidAt: string;
  method: PaymentMethod;
  /** The provider's own reference, for a payment through the payment service provider. */
  providerRef?: string;
  /** The prepayment account's organisation, for a debit. */
  prepaymentAccount?: string;
  payer: { name: string; organisation?: string };
  lines: ReceiptLine[];
  totalCents: number;
}

export const receiptNoOf = (filingReference: string) => `R-${filingReference}`;
