/**
 * A writ of execution in its two stages (seed 003): filed first as a draft
 * for approval, which the court approves by an order or direction and
 * returns with a document reference number; then filed for sealing, quoting
 * that number, and returned sealed. These are the messages (with the
 * endorsed writ attached) each decision sends the filer.
 */
import type { DocumentType } from '../inbox/terms';
import type { StepContext } from '../steps/step-kit';
import type { Filing, FilingDocument, OwedMessage } from './state';
import type { EndorsedWritFacts } from './writ-papers';

/** The writs of execution iCMS takes in two stages. */
export const WRITS: readonly DocumentType[] = ['writ-of-possession', 'writ-of-fieri-facias', 'writ-of-delivery'];

export const isDraftWrit = (d: Pick<FilingDocument, 'type' | 'purpose'>) => WRITS.includes(d.type) && d.purpose === 'for-approval-of-draft';
export const isWritForSealing = (d: Pick<FilingDocument, 'type' | 'purpose'>) => WRITS.includes(d.type) && d.purpose === 'for-sealing';

type Owed = Omit<OwedMessage, 'deliveredAt' | 'attachAcknowledgement'>;

const iso = (ctx: StepContext) => new Date(ctx.now).toISOString();

/** What both endorsements state: the writ, the file endorsed, and who decided. */
const endorsement = (state: Filing, doc: FilingDocument, ctx: StepContext): EndorsedWritFacts => ({
  filingReference: state.reference,
  caseNo: state.caseNo,
  courtLevel: state.courtLevel,
  writ: { type: doc.type, documentReferenceNo: doc.documentReferenceNo ?? '' },
  sourceSha256: doc.file.sha256,
  by: ctx.actor.name,
});

/** 作出命令／指示及草擬本已獲批准: the approved draft, endorsed, with its number. */
export function approvalOf(state: Filing, doc: FilingDocument, ctx: StepContext): Owed {
  const documentReferenceNo = doc.documentReferenceNo ?? '';
  const courtAction = doc.courtAction ?? 'order';
  return {
    key: `draft-approved:${documentReferenceNo}`,
    accountId: state.filer.accountId,
    message: {
      kind: 'draft-approved',
      facts: { filingReference: state.reference, caseNo: state.caseNo, courtLevel: state.courtLevel, approvedAt: iso(ctx), courtAction, draft: { type: doc.type, documentReferenceNo } },
    },
    paper: {
      kind: 'approved-draft',
      uploadId: doc.file.uploadId,
      facts: { ...endorsement(state, doc, ctx), approvedAt: iso(ctx), courtAction },
    },
  };
}

/** 已發出蓋章文件: the writ, sealed. */
export function sealingOf(state: Filing, doc: FilingDocument, ctx: StepContext): Owed {
  const documentReferenceNo = doc.documentReferenceNo ?? '';
  return {
    key: `document-sealed:${state.reference}:${doc.id}`,
    accountId: state.filer.accountId,
    message: {
      kind: 'document-sealed',
      facts: { filingReference: state.reference, caseNo: state.caseNo, courtLevel: state.courtLevel, sealedAt: iso(ctx), documents: [{ type: doc.type, documentReferenceNo }] },
    },
    paper: {
      kind: 'sealed-writ',
      uploadId: doc.file.uploadId,
      facts: { ...endorsement(state, doc, ctx), sealedAt: iso(ctx), approvedDraftReferenceNo: doc.approvedDraftReferenceNo ?? '' },
    },
  };
}
