/**
 * The facts of the two papers the court issues on a writ of execution (seed
 * 003): the approved draft (Stage A, 「草擬本已獲批准」), returned with its
 * document reference number, and the sealed writ (Stage B, 「已發出蓋章文件」).
 * Each paper is the filer's own PDF as filed, with the court's endorsement
 * added; these are the words of that endorsement. Plain JSON.
 */
import type { CourtAction, CourtLevel, DocumentType } from '../inbox/terms';

export interface EndorsedWritFacts {
  filingReference: string;
  caseNo: string;
  courtLevel: CourtLevel;
  writ: { type: DocumentType; documentReferenceNo: string };
  /** SHA-256 of the file as filed: the endorsement says which file it endorses. */
  sourceSha256: string;
  /** Who made the decision, as the paper names them (an officer or a judge). */
  by: string;
}

export interface ApprovedDraftFacts extends EndorsedWritFacts {
  approvedAt: string;
  courtAction: CourtAction;
}

export interface SealedWritFacts extends EndorsedWritFacts {
  sealedAt: string;
  /** The approved draft the sealed writ follows. */
  approvedDraftReferenceNo: string;
}
