/**
 * Every paper courtflow makes, by kind: what it is made from, its file name,
 * and the version of the renderer that made it. A message's attachment names
 * a paper here; a new paper is one more kind.
 */
import type { ApprovedDraftFacts, SealedWritFacts } from '../domain/filing/writ-papers';
import type { FilingAcknowledgedFacts } from '../domain/inbox/messages';
import type { ReceiptFacts } from '../domain/payments/receipt';
import { ACKNOWLEDGEMENT_VERSION, acknowledgementFileName, renderAcknowledgement } from './acknowledgement';
import {
  APPROVED_DRAFT_VERSION,
  SEALED_WRIT_VERSION,
  approvedDraftFileName,
  renderApprovedDraft,
  renderSealedWrit,
  sealedWritFileName,
} from './endorsed-writ';
import { RECEIPT_VERSION, receiptFileName, renderReceipt } from './receipt';

/**
 * What a paper is made from. An endorsed writ is made from the file as filed
 * too (`original`, its bytes, whose SHA-256 the facts state): those bytes are
 * not JSON, so such a request is made where the file is read (in an
 * activity), not carried through a workflow's history.
 */
export type PaperRequest =
  | { kind: 'filing-acknowledgement'; facts: FilingAcknowledgedFacts }
  | { kind: 'payment-receipt'; facts: ReceiptFacts }
  | { kind: 'approved-draft'; facts: ApprovedDraftFacts; original: Uint8Array }
  | { kind: 'sealed-writ'; facts: SealedWritFacts; original: Uint8Array };
export type PaperKind = PaperRequest['kind'];

export interface Paper {
  kind: PaperKind;
  /** The renderer's version for this kind: a re-rendering by the same version gives the same bytes. */
  version: string;
  fileName: string;
  contentType: 'application/pdf';
  bytes: Buffer;
}

export async function makePaper(request: PaperRequest): Promise<Paper> {
  switch (request.kind) {
    case 'filing-acknowledgement':
      return {
        kind: request.kind,
        version: ACKNOWLEDGEMENT_VERSION,
        fileName: acknowledgementFileName(request.facts.filingReference),
        contentType: 'application/pdf',
        bytes: await renderAcknowledgement(request.facts),
      };
    case 'payment-receipt':
      return {
        kind: request.kind,
        version: RECEIPT_VERSION,
        fileName: receiptFileName(request.facts.receiptNo),
        contentType: 'application/pdf',
        bytes: await renderReceipt(request.facts),
      };
    case 'approved-draft':
      return {
        kind: request.kind,
        version: APPROVED_DRAFT_VERSION,
        fileName: approvedDraftFileName(request.facts.writ.documentReferenceNo),
        contentType: 'application/pdf',
        bytes: await renderApprovedDraft(request.original, request.facts),
      };
    case 'sealed-writ':
      return {
        kind: request.kind,
        version: SEALED_WRIT_VERSION,
        fileName: sealedWritFileName(request.facts.writ.documentReferenceNo),
        contentType: 'application/pdf',
        bytes: await renderSealedWrit(request.original, request.facts),
      };
  }
}
