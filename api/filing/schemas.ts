/** The filing routes' request and response schemas: the single source of their types and OpenAPI entries. */
import { z } from 'zod';
import { deadlineAlerts } from '../alerts/schemas';
import type { FilingPayloads } from '../../domain/filing';
import { COURT_LEVELS, DEFECT_REASONS, DOCUMENT_LANGUAGES, DOCUMENT_TYPES, FILING_PURPOSES, RECEIVING_OFFICES, type CourtLevel, type DefectReason, type DocumentLanguage, type DocumentType, type FilingPurpose, type ReceivingOffice } from '../../domain/inbox/terms';

const keys = <T extends string>(o: Record<T, unknown>) => Object.keys(o) as [T, ...T[]];

const partyId = z.string().regex(/^[A-Z]{1,3}\d{1,4}$/, 'must be a party id such as C1, P1 or D2');
const documentId = z.string().regex(/^D\d{1,3}$/, 'must be a document of the filing, such as D1');
const uploadId = z.string().min(1).max(100).describe('The id of your upload (POST /api/v1/documents)');
const text = (max: number) => z.string().trim().min(1, 'must not be blank').max(max);

export const openFilingBody = z
  .strictObject({
    caseNo: z.string().trim().min(1).max(40).describe('The existing case the documents are filed on'),
    courtLevel: z.enum(keys<CourtLevel>(COURT_LEVELS)).default('small-claims-tribunal'),
    receivingOffice: z.enum(keys<ReceivingOffice>(RECEIVING_OFFICES)).default('small-claims-tribunal-registry').describe('Preselected from the court level; changeable'),
    taxation: z.boolean().default(false).describe('Related to taxation of costs? (default no)'),
    judgeApplication: z.boolean().default(false).describe('Related to an application before a judge? (default no)'),
    legalAidCertificateNo: z
      .string()
      .trim()
      .regex(/^[A-Z0-9][A-Z0-9/ -]{2,39}$/, 'must be a legal aid certificate number (letters, digits, / and -)')
      .optional()
      .describe('For a legally aided filer: the certificate number. The filing then has no payment step.'),
  })
  .meta({ id: 'OpenFiling' });

const defect = z.union([
  z.strictObject({ reason: z.enum(keys<DefectReason>(DEFECT_REASONS)).exclude(['other']), note: text(1000).optional() }),
  z.strictObject({ reason: z.literal('other'), note: text(1000).describe("The registry's own words") }),
]);

export const FILING_STEP_SCHEMAS = {
  addDocument: z.strictObject({
    uploadId,
    type: z.enum(keys<DocumentType>(DOCUMENT_TYPES)),
    purpose: z.enum(keys<FilingPurpose>(FILING_PURPOSES)),
    language: z.enum(keys<DocumentLanguage>(DOCUMENT_LANGUAGES)).describe('The language the document is written in'),
    filingParty: partyId,
    filedAgainst: z.array(partyId).max(50).default([]),
    approvedDraftReferenceNo: z.string().trim().min(1).max(60).optional().describe("For a writ filed for sealing: the approved draft's document reference number"),
  }),
  removeDocument: z.strictObject({ documentId }),
  submit: z.strictObject({}),
  pay: z.strictObject({
    method: z.enum(['prepayment', 'provider']).describe("prepayment: your organisation's prepayment account; provider: the payment service provider's hosted page (its address is in the answer)"),
  }),
  cancel: z.strictObject({ reason: text(500) }),
  beginReview: z.strictObject({}),
  acceptDocument: z.strictObject({
    documentId,
    courtAction: z.enum(['order', 'direction']).optional().describe('For a draft writ: approved by an order (the default) or a direction of the court'),
  }),
  rejectDocument: z.strictObject({ documentId, defects: z.array(defect).min(1, 'name at least one defect').max(20) }),
  resubmitDocument: z.strictObject({ documentId, uploadId }),
} satisfies { [K in keyof FilingPayloads]: z.ZodType<FilingPayloads[K], unknown> };

export const filingParams = z.object({ reference: z.string().regex(/^EF-\d{4}-\d{6}$/, 'must be a filing reference such as EF-2026-000001') });

export const filingView = z
  .object({
    reference: z.string(),
    caseNo: z.string(),
    courtLevel: z.string(),
    receivingOffice: z.string(),
    stage: z.string(),
    submittedAt: z.string().nullable().describe('When the filer submitted it; never changed by a later decision'),
    receivedAt: z.string().nullable().describe('When it counts as received (outside office hours: when the registry next opens)'),
    receivedNote: z.string().nullable(),
    documents: z.array(z.object({ id: z.string(), type: z.string(), purpose: z.string(), status: z.string(), documentReferenceNo: z.string().optional() }).loose()),
    deadlines: z.array(z.object({ key: z.string(), status: z.string(), explanation: z.string() }).loose()),
    deadlineAlerts,
    version: z.number(),
  })
  .loose()
  .meta({ id: 'Filing' });

export const filingList = z.object({ filings: z.array(filingView) }).meta({ id: 'FilingList' });
