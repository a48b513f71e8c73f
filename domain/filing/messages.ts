/** The messages a filing sends its filer (seed 003): acknowledgement, what is wrong, confirmation. */
import type { FilingAcknowledgedFacts, FiledDocument } from '../inbox/messages';
import type { Filing, FilingDocument, OwedMessage } from './state';

type Owed = Omit<OwedMessage, 'deliveredAt' | 'attachAcknowledgement'>;

const asFiled = (d: FilingDocument): FiledDocument => ({
  type: d.type,
  purpose: d.purpose,
  language: d.language,
  fileName: d.file.fileName,
  pages: d.file.pages,
  sha256: d.file.sha256,
  ...(d.approvedDraftReferenceNo ? { approvedDraftReferenceNo: d.approvedDraftReferenceNo } : {}),
});

/** The acknowledgement's facts: what was received, when, from whom. The PDF is rendered from exactly these. */
export function acknowledgementFacts(state: Filing): FilingAcknowledgedFacts {
  return {
    filingReference: state.reference,
    caseNo: state.caseNo,
    courtLevel: state.courtLevel,
    receivingOffice: state.receivingOffice,
    submittedAt: state.submittedAt ?? state.createdAt,
    ...(state.receivedAt && state.receivedAt !== state.submittedAt ? { treatedAsReceivedAt: state.receivedAt } : {}),
    filer: { name: state.filer.name, ...(state.filer.organisationName ? { organisation: state.filer.organisationName } : {}) },
    documents: state.documents.map(asFiled),
  };
}

export const acknowledgementOf = (state: Filing): Owed => ({
  key: `filing-acknowledged:${state.reference}`,
  accountId: state.filer.accountId,
  message: { kind: 'filing-acknowledged', facts: acknowledgementFacts(state) },
});

/** One message per rejection: a document rejected again after correction is a new message. */
export const defectsOf = (state: Filing, doc: FilingDocument, at: string): Owed => ({
  key: `document-rejected:${state.reference}:${doc.id}:${doc.versions.length + 1}`,
  accountId: state.filer.accountId,
  message: {
    kind: 'document-rejected',
    facts: {
      filingReference: state.reference,
      caseNo: state.caseNo,
      courtLevel: state.courtLevel,
      receivingOffice: state.receivingOffice,
      rejectedAt: at,
      documents: [{ type: doc.type, fileName: doc.file.fileName, defects: doc.decision?.defects ?? [] }],
    },
  },
});

export const confirmationOf = (state: Filing, accepted: readonly FilingDocument[], at: string): Owed => ({
  key: `filing-confirmed:${state.reference}`,
  accountId: state.filer.accountId,
  message: {
    kind: 'filing-confirmed',
    facts: {
      filingReference: state.reference,
      caseNo: state.caseNo,
      courtLevel: state.courtLevel,
      receivingOffice: state.receivingOffice,
      confirmedAt: at,
      documents: accepted.map((d) => ({ type: d.type, fileName: d.file.fileName, documentReferenceNo: d.documentReferenceNo ?? '' })),
    },
  },
});
