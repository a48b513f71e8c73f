/** The fee quote's request and answer: the single source of its type, its validation and its OpenAPI entry. */
import { z } from 'zod';
import { MAX_DOCUMENTS } from '../../domain/filing';
import { COURT_LEVELS, DOCUMENT_TYPES, FILING_PURPOSES, type CourtLevel, type DocumentType, type FilingPurpose } from '../../domain/inbox/terms';

const keys = <T extends string>(o: Record<T, unknown>) => Object.keys(o) as [T, ...T[]];

const isoDate = z.iso.date({ message: 'must be a calendar date in the form YYYY-MM-DD' });

export const feeQuoteBody = z
  .strictObject({
    courtLevel: z.enum(keys<CourtLevel>(COURT_LEVELS)).describe('The court level the documents are filed in (「法院級別」)'),
    documents: z
      .array(
        z.strictObject({
          type: z.enum(keys<DocumentType>(DOCUMENT_TYPES)).describe('What the document is (「文件名稱」)'),
          purpose: z.enum(keys<FilingPurpose>(FILING_PURPOSES)).describe('Why it is filed (「用途」)'),
        }),
      )
      .min(1, 'name at least one document')
      .max(MAX_DOCUMENTS, `a filing holds at most ${MAX_DOCUMENTS} documents`),
    on: isoDate.optional().describe('The filing date: the fees and the iCMS concession in force on it apply. Today in Hong Kong when not given.'),
    legallyAided: z.boolean().optional().describe('Whether the filing party is legally aided (then nothing is payable and there is no payment step). Not unless said.'),
  })
  .meta({ id: 'FeeQuoteRequest' });

const cents = z.number().int().min(0);

const feeLine = z
  .object({
    document: z.object({ type: z.string(), purpose: z.string() }),
    recorded: z.boolean().describe('False: no fee is recorded for this document; its amounts are null and the total leaves it out'),
    amountCents: cents.nullable().describe('The fee for the item, in HK cents'),
    reductionCents: cents.nullable().describe('Taken off by the iCMS concession'),
    netCents: cents.nullable().describe('The fee for this document after the concession'),
    rule: z.string().nullable().describe('The fee rule and item'),
    source: z.string().nullable().describe('Where the figure comes from, and what is left to check'),
    confirmed: z.boolean().describe('The figure (and any concession applied) has been checked against the rule'),
    concession: z
      .object({ rule: z.string(), from: z.string(), lastDay: z.string(), percentPayable: z.number(), confirmed: z.boolean() })
      .nullable()
      .describe('The iCMS concession, when it reduced this line'),
    explanation: z.string(),
  })
  .meta({ id: 'FeeLine' });

export const feeQuoteView = z
  .object({
    courtLevel: z.string(),
    on: z.string().describe('The filing date the quote is for'),
    legallyAided: z.boolean(),
    lines: z.array(feeLine),
    totalCents: cents.describe('The fees of the recorded lines after any concession'),
    payableCents: cents.describe('What this party pays: the total, or nothing when legally aided'),
    complete: z.boolean().describe('False when a line has no recorded fee'),
    confirmed: z.boolean().describe('Every figure the quote rests on is confirmed'),
    paymentRequired: z.boolean().describe('Whether submitting brings a payment step: never when legally aided; also true when a fee is not recorded'),
    exemption: z
      .object({ rule: z.string(), reason: z.string(), source: z.string(), confirmed: z.boolean() })
      .nullable()
      .describe('Why nothing is payable, for a legally aided party'),
    explanation: z.string().describe('The quote in words, naming each rule'),
  })
  .meta({ id: 'FeeQuote' });
