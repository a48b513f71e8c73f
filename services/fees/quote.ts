/**
 * Quoting the court fees of a filing before it is submitted: what each
 * document costs on the filing date (today in Hong Kong unless another date
 * is given), the iCMS concession, and whether there is a payment step. Reads
 * nothing and changes nothing: the fee rules are data (domain/fees).
 */
import type { IsoDate } from '../../domain/calendar';
import { quoteFees, type FeeQuote, type FeeQuoteRequest } from '../../domain/fees';
import { hkDateOf } from '../../domain/time/hong-kong-time';

export interface FeeQuoteDeps {
  /** Today's Hong Kong date; defaults to the wall clock's. */
  today?: () => IsoDate;
}

export type FilingFeeQuestion = Omit<FeeQuoteRequest, 'on' | 'legallyAided'> & {
  /** The filing date; today in Hong Kong when not given. */
  on?: IsoDate | undefined;
  /** Whether the filing party is legally aided; not unless said. */
  legallyAided?: boolean | undefined;
};

export function quoteFilingFees(deps: FeeQuoteDeps, question: FilingFeeQuestion): FeeQuote {
  const on = question.on ?? (deps.today ? deps.today() : hkDateOf(Date.now()));
  return quoteFees({ courtLevel: question.courtLevel, documents: question.documents, on, legallyAided: question.legallyAided ?? false });
}
