/** The fee quote: what a filing will cost before it is submitted. */
import type { Role } from '../../domain/identity/actor';
import { quoteFilingFees, type FeeQuoteDeps } from '../../services/fees/quote';
import type { Operation } from '../operations';
import { parse } from '../validate';
import { feeQuoteBody, feeQuoteView } from './schemas';

/** Those who file (and their administrators, who pay for their organisation) and the registry, who answers questions about fees. */
const QUOTERS: readonly Role[] = ['individual-user', 'org-user', 'org-principal-admin', 'org-sub-admin', 'registry-officer'];

export function feeOperations(deps: FeeQuoteDeps = {}): Operation[] {
  return [
    {
      method: 'post',
      path: '/api/v1/fees/quote',
      operationId: 'quoteFees',
      summary: 'Quote the court fees of a filing before submitting it',
      description:
        'For each document (type and purpose) in the court level: the fee in force on the filing date with the rule and item it comes from, ' +
        "the iCMS concession (80% payable during the court's concessionary period), what is left, and whether each figure is confirmed; then " +
        'the total and whether there is a payment step (never for a legally aided party). A document with no recorded fee is a line saying so, ' +
        'never a zero. Changes nothing.',
      tags: ['Fees'],
      auth: QUOTERS,
      body: feeQuoteBody,
      responses: { 200: { description: 'The quote', schema: feeQuoteView } },
      handler: (req, res) => {
        res.json(feeQuoteView.parse(quoteFilingFees(deps, parse(feeQuoteBody, 'body', req))));
      },
    },
  ];
}
