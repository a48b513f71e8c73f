/**
 * Filing documents on an existing case (seed 003, "submit documents for an
 * existing case"), as a table of steps for the step kit:
 *
 *   the filer      add-document, remove-document (preview and delete), submit,
 *                  cancel (until the registry begins its review),
 *                  resubmit-document (a rejected document, corrected)
 *   the registry   begin-review, accept-document, reject-document (coded
 *                  reasons, so a filing may be partly accepted)
 *
 * A submission is acknowledged at once (the acknowledgement and its PDF go to
 * the filer's inbox); each decision is the registry's, document by document;
 * when none is left to decide the filing is accepted, partly accepted or
 * rejected, and the filer is told.
 */
import type { IsoDate } from '../calendar';
import { closeDeadline, openDeadline, trackDeadline, windowRefusal } from '../deadlines';
import type { Defect } from '../inbox/messages';
import type { DocumentLanguage, DocumentType, FilingPurpose } from '../inbox/terms';
import type { Procedure, StepContext, StepTable } from '../steps/step-kit';
import { record } from './history';
import { receiptOf } from './received-at';
import type { Moment } from '../time/moment';
import { acknowledgementOf, confirmationOf, defectsOf } from './messages';
import type { ApprovedDraftSeen, Filing, FilingStage, UploadedFile } from './state';
import { chargesFees, confirmForPayment, payRefusal, requestPayment, refundOnClosing, type PaymentChoice } from './payment';
import { WRITS, approvalOf, isDraftWrit, isWritForSealing, sealingOf } from './writ';

/** A filing holds at most this many documents (each a separate file). */
export const MAX_DOCUMENTS = 20;


export const filingKeys = {
  registryReview: () => 'registry-review',
  correction: (documentId: string) => `correction:${documentId}`,
} as const;

export interface FilingPayloads {
  addDocument: {
    /** The upload the filer picks (upload first, then pick it: the large-file path). */
    uploadId: string;
    type: DocumentType;
    purpose: FilingPurpose;
    language: DocumentLanguage;
    filingParty: string;
    filedAgainst: string[];
    approvedDraftReferenceNo?: string;
    /** Filled in by the system from the filer's upload `uploadId`, never taken from the request. */
    file?: UploadedFile;
    /** Filled in by the system from `approvedDraftReferenceNo` once it is checked and held for this filing. */
    approvedDraft?: ApprovedDraftSeen;
  };
  removeDocument: { documentId: string };
  submit: Record<string, never>;
  pay: PaymentChoice;
  cancel: { reason: string };
  beginReview: Record<string, never>;
  /** For a draft writ, the court's order or direction that approves it (an officer's or a judge's). */
  acceptDocument: { documentId: string; courtAction?: 'order' | 'direction' };
  rejectDocument: { documentId: string; defects: Defect[] };
  resubmitDocument: { documentId: string; uploadId: string; file?: UploadedFile };
}

const iso = (at: Moment) => new Date(at.now).toISOString();

export { record } from './history';

const documentOf = (state: Filing, id: string) => state.documents.find((d) => d.id === id);

/** The filer's own account, or a user of the same organisation acting for the same party. */
function filerRefusal(state: Filing, ctx: StepContext): string | null {
  const { actor } = ctx;
  if (actor.id === state.filer.accountId) return null;
  const sameOrganisation = state.filer.organisationId !== undefined && actor.organisationId === state.filer.organisationId && actor.partyId === state.filer.partyId;
  return sameOrganisation ? null : `${state.reference} was made by ${state.filer.name}; only they (or a user of their organisation assigned to the case) may act on it`;
}

const partyRefusal = (state: Filing, id: string, what: string) => (state.caseParties.includes(id) ? null : `${what} ${id} is not a party of ${state.caseNo} (${state.caseParties.join(', ')})`);

/** The upload must be the filer's own, found and checked by the system (it fills in `file`). */
const uploadRefusal = (p: { uploadId: string; file?: UploadedFile }) => (p.file?.uploadId === p.uploadId ? null : `no upload ${p.uploadId} among your documents ready to file`);

function documentRefusal(state: Filing, p: FilingPayloads['addDocument']): string | null {
  if (state.documents.length >= MAX_DOCUMENTS) return `a filing holds at most ${MAX_DOCUMENTS} documents`;
  if (state.documents.some((d) => d.file.uploadId === p.uploadId)) return `upload ${p.uploadId} is already in this filing`;
  const parties = partyRefusal(state, p.filingParty, 'the filing party') ?? p.filedAgainst.map((id) => partyRefusal(state, id, 'the party filed against')).find((r) => r !== null) ?? null;
  if (parties) return parties;
  if (p.filedAgainst.includes(p.filingParty)) return `a party does not file against itself (${p.filingParty})`;
  if (p.purpose === 'for-sealing' && WRITS.includes(p.type) && !p.approvedDraftReferenceNo) {
    return "a writ filed for sealing quotes the approved draft's document reference number (approvedDraftReferenceNo)";
  }
  if (p.approvedDraftReferenceNo && p.purpose !== 'for-sealing') return 'only a document filed for sealing quotes an approved draft';
  if (p.approvedDraftReferenceNo && p.approvedDraft?.referenceNo !== p.approvedDraftReferenceNo) return `no approved draft ${p.approvedDraftReferenceNo} that you may quote`;
  if (p.approvedDraft && p.approvedDraft.type !== p.type) return `${p.approvedDraft.referenceNo} is an approved draft of a different writ (${p.approvedDraft.type})`;
  if (p.approvedDraft && state.documents.some((d) => d.approvedDraftReferenceNo === p.approvedDraftReferenceNo)) return `${p.approvedDraftReferenceNo} is already quoted in this filing`;
  return null;
}


export const FILING_STEPS: StepTable<Filing, FilingPayloads, FilingStage> = {
  addDocument: {
    section: 'iCMS guide, submitting documents for an existing case, step 2',
    who: ['parties'],
    stages: ['draft'],
    check: (state, p, ctx) => filerRefusal(state, ctx) ?? uploadRefusal(p) ?? documentRefusal(state, p),
    apply: (state, p, ctx) => {
      const id = `D${state.documents.length + state.history.filter((e) => e.event === 'document-removed').length + 1}`;
      const { file, uploadId: _upload, approvedDraft: _seen, ...described } = p;
      if (!file) return;
      state.documents.push({ id, ...described, file, versions: [], status: 'draft' });
      record(state, ctx, 'document-added', `${id}: ${p.type} ${p.purpose} (${file.fileName}, ${file.pages} pages, SHA-256 ${file.sha256}).`, ctx);
    },
  },

  removeDocument: {
    section: 'iCMS guide, submitting documents for an existing case, step 2',
    who: ['parties'],
    stages: ['draft'],
    check: (state, p, ctx) => filerRefusal(state, ctx) ?? (documentOf(state, p.documentId) ? null : `no document ${p.documentId} in ${state.reference}`),
    apply: (state, p, ctx) => {
      state.documents = state.documents.filter((d) => d.id !== p.documentId);
      record(state, ctx, 'document-removed', `${p.documentId} removed before submission.`, ctx);
    },
  },

  submit: {
    section: 'iCMS guide, submitting documents for an existing case, steps 3 and 4',
    who: ['parties'],
    stages: ['draft'],
    check: (state, _p, ctx) => filerRefusal(state, ctx) ?? (state.documents.length === 0 ? 'add at least one document before submitting' : null),
    apply: (state, _p, ctx) => {
      if (chargesFees(state) && confirmForPayment(state, ctx)) return;
      completeSubmission(state, ctx, ctx);
    },
  },

  pay: {
    section: 'iCMS guide, filing a writ of execution, Stage B step 7 (confirm, then pay)',
    who: ['parties'],
    stages: ['awaiting-payment'],
    check: (state, p, ctx) => filerRefusal(state, ctx) ?? payRefusal(state, p),
    apply: (state, p, ctx) => requestPayment(state, p, ctx),
  },

  cancel: {
    section: 'iCMS guide, submitting documents for an existing case',
    who: ['parties'],
    stages: ['draft', 'awaiting-payment', 'submitted'],
    check: (state, _p, ctx) => filerRefusal(state, ctx),
    apply: (state, { reason }, ctx) => {
      state.stage = 'cancelled';
      refundOnClosing(state, `the filing was cancelled by the filer: ${reason}`, ctx);
      closeDeadline(state.deadlines, filingKeys.registryReview(), 'superseded', `cancelled by the filer: ${reason}`, ctx);
      record(state, ctx, 'cancelled', `Cancelled by the filer before the registry's review began: ${reason}.`, ctx);
    },
  },

  beginReview: {
    section: 'iCMS guide: registry internal process',
    who: ['registry-officer'],
    stages: ['submitted'],
    apply: (state, _p, ctx) => beginReview(state, ctx),
  },

  acceptDocument: {
    section: 'iCMS guide: registry internal process (a draft writ: the court makes an order or direction and approves it)',
    who: ['registry-officer', 'adjudicator'],
    stages: ['submitted', 'under-review'],
    check: (state, p, ctx) => pendingRefusal(state, p.documentId) ?? approvalRefusal(state, p, ctx),
    apply: (state, p, ctx) => {
      beginReview(state, ctx);
      const doc = documentOf(state, p.documentId);
      if (!doc) return;
      doc.status = 'accepted';
      doc.documentReferenceNo = `${state.reference}-${doc.id}`;
      doc.decision = { at: iso(ctx), by: ctx.actor.id, accepted: true, defects: [] };
      if (writsIssued(state) && isDraftWrit(doc)) {
        doc.courtAction = p.courtAction ?? 'order';
        oweMessage(state, approvalOf(state, doc, ctx));
        record(state, ctx, 'draft-approved', `${doc.id} (${doc.type}) approved by ${doc.courtAction} of the court; document reference number ${doc.documentReferenceNo}. The approved draft is sent to the filer.`, ctx);
        return;
      }
      if (writsIssued(state) && isWritForSealing(doc)) {
        oweMessage(state, sealingOf(state, doc, ctx));
        record(state, ctx, 'writ-sealed', `${doc.id} (${doc.type}) sealed and issued; document reference number ${doc.documentReferenceNo} (approved draft ${doc.approvedDraftReferenceNo ?? ''}). The sealed writ is sent to the filer.`, ctx);
        return;
      }
      record(state, ctx, 'document-accepted', `${doc.id} (${doc.type}) accepted; document reference number ${doc.documentReferenceNo}.`, ctx);
    },
  },

  rejectDocument: {
    section: 'iCMS guide: registry internal process',
    who: ['registry-officer'],
    stages: ['submitted', 'under-review'],
    check: (state, p) => pendingRefusal(state, p.documentId) ?? (p.defects.length === 0 ? 'name at least one defect (a coded reason)' : null),
    apply: (state, p, ctx) => {
      beginReview(state, ctx);
      const doc = documentOf(state, p.documentId);
      if (!doc) return;
      doc.status = 'rejected';
      doc.decision = { at: iso(ctx), by: ctx.actor.id, accepted: false, defects: p.defects };
      state.deadlines = trackDeadline(state.deadlines, filingKeys.correction(doc.id), 'icms.correction', ctx.today, state.filer.partyId, { calendar: state.calendar }).deadlines;
      oweMessage(state, defectsOf(state, doc, iso(ctx)));
      record(state, ctx, 'document-rejected', `${doc.id} (${doc.type}) rejected: ${p.defects.map((d) => d.reason + (d.note ? ` (${d.note})` : '')).join('; ')}.`, ctx);
    },
  },

  resubmitDocument: {
    section: 'iCMS guide: correcting a document the registry found defective',
    who: ['parties'],
    stages: ['under-review', 'awaiting-correction'],
    window: { label: 'correction of a rejected document', key: (_s, p) => filingKeys.correction(p.documentId) },
    check: (state, p, ctx) => {
      const doc = documentOf(state, p.documentId);
      if (!doc) return `no document ${p.documentId} in ${state.reference}`;
      if (doc.status !== 'rejected') return `${doc.id} is ${doc.status}; only a rejected document is corrected and re-submitted`;
      return filerRefusal(state, ctx) ?? uploadRefusal(p) ?? (p.file?.sha256 === doc.file.sha256 ? `the re-submitted file is identical to the one rejected (SHA-256 ${doc.file.sha256})` : null);
    },
    apply: (state, p, ctx) => {
      const doc = documentOf(state, p.documentId);
      if (!doc || !p.file) return;
      doc.versions.push({ file: doc.file, submittedAt: doc.decision?.at ?? iso(ctx), rejected: doc.decision?.defects ?? [] });
      doc.file = p.file;
      doc.status = 'pending-review';
      delete doc.decision;
      closeDeadline(state.deadlines, filingKeys.correction(doc.id), 'met', `corrected and re-submitted on ${ctx.today}`, ctx);
      state.stage = 'under-review';
      record(state, ctx, 'document-resubmitted', `${doc.id} corrected and re-submitted (${p.file.fileName}, SHA-256 ${p.file.sha256}).`, ctx);
    },
  },
};

/** Only the registry accepts an ordinary document; a judge (adjudicator) acts only on a draft writ, by order or direction. */
function approvalRefusal(state: Filing, p: FilingPayloads['acceptDocument'], ctx: StepContext): string | null {
  const doc = documentOf(state, p.documentId);
  const draft = doc !== undefined && writsIssued(state) && isDraftWrit(doc);
  if (ctx.actor.role === 'adjudicator' && !draft) return `${p.documentId} is not a draft writ for approval; the registry accepts it`;
  if (p.courtAction && !draft) return `${p.documentId} is not a draft writ for approval: only a draft is approved by an order or direction`;
  return null;
}

/** Filings opened under the procedure that issues approved drafts and sealed writs (see the workflow's patch). */
const writsIssued = (state: Filing) => (state.procedureRevision ?? 1) >= 2;

/** The submission completes (at once, or once the fees are paid): received, acknowledged, and the registry's review time starts. */
export function completeSubmission(state: Filing, at: Moment, ctx?: StepContext): void {
  const receipt = receiptOf(at.now, state.calendar);
  state.submittedAt = iso(at);
  state.receivedAt = new Date(receipt.receivedAt).toISOString();
  state.receivedNote = receipt.deferredBecause ? `${receipt.deferredBecause}: counts as received ${state.receivedAt} (${receipt.rule})` : null;
  state.stage = 'submitted';
  for (const d of state.documents) d.status = 'pending-review';
  state.deadlines = trackDeadline(state.deadlines, filingKeys.registryReview(), 'icms.registry-review', at.today, 'registry-officer', { calendar: state.calendar }).deadlines;
  oweMessage(state, acknowledgementOf(state), true);
  record(state, at, 'submitted', `Submitted ${state.documents.length} document(s) at ${state.submittedAt}${state.receivedNote ? `; ${state.receivedNote}` : ''}. Acknowledgement sent.`, ctx);
}

function pendingRefusal(state: Filing, documentId: string): string | null {
  const doc = documentOf(state, documentId);
  if (!doc) return `no document ${documentId} in ${state.reference}`;
  return doc.status === 'pending-review' ? null : `${doc.id} is ${doc.status}, not awaiting review`;
}

function beginReview(state: Filing, ctx: StepContext): void {
  if (state.stage !== 'submitted') return;
  state.stage = 'under-review';
  state.reviewStartedAt = iso(ctx);
  record(state, ctx, 'review-begun', 'The registry began reviewing the documents; the filing can no longer be cancelled.', ctx);
}

export function oweMessage(state: Filing, owed: Omit<Filing['messages'][number], 'deliveredAt' | 'attachAcknowledgement'>, attachAcknowledgement = false): void {
  if (state.messages.some((m) => m.key === owed.key)) return;
  state.messages.push({ ...owed, ...(attachAcknowledgement ? { attachAcknowledgement } : {}), deliveredAt: null });
}

/**
 * What follows by itself: when no document awaits review, a filing whose
 * rejected documents may still be corrected waits for them; otherwise it is
 * decided, and the filer is told which documents were accepted.
 */
export function settle(state: Filing, at: Moment): void {
  if (state.stage !== 'under-review' && state.stage !== 'awaiting-correction' && state.stage !== 'submitted') return;
  if (state.documents.some((d) => d.status === 'pending-review')) return;
  closeDeadline(state.deadlines, filingKeys.registryReview(), 'met', `every document reviewed by ${at.today}`, at);
  for (const alert of state.alerts) alert.resolvedOn ??= at.today;
  const correctable = state.documents.filter((d) => d.status === 'rejected' && openDeadline(state.deadlines, filingKeys.correction(d.id)));
  if (correctable.length) {
    if (state.stage !== 'awaiting-correction') {
      state.stage = 'awaiting-correction';
      record(state, at, 'awaiting-correction', `Every document reviewed; ${correctable.map((d) => d.id).join(', ')} may be corrected and re-submitted.`);
    }
    return;
  }
  const accepted = state.documents.filter((d) => d.status === 'accepted');
  state.stage = accepted.length === state.documents.length ? 'accepted' : accepted.length ? 'partly-accepted' : 'rejected';
  state.decidedAt = iso(at);
  if (state.stage === 'rejected') refundOnClosing(state, 'no document of the filing was accepted', at);
  if (accepted.length) oweMessage(state, confirmationOf(state, accepted, iso(at)));
  record(state, at, 'decided', `Filing ${state.stage.replace('-', ' ')}: ${accepted.length} of ${state.documents.length} document(s) accepted.`);
}

export const FILING: Procedure<Filing, FilingPayloads, FilingStage> = {
  noun: 'filing',
  steps: FILING_STEPS,
  reference: (state) => state.reference,
  stage: (state) => state.stage,
  version: (state) => state.version,
  hasParty: (state, partyId) => state.caseParties.includes(partyId),
  windowRefusal: (state, key, label, today: IsoDate) => windowRefusal(state.deadlines, key, label, today, state.reference),
  consequences: settle,
};
