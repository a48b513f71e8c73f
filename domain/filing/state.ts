/**
 * A filing of documents on an existing case through iCMS (seed 003): the
 * state its workflow holds and its read model shows. Plain JSON throughout.
 */
import type { RaisedAlert } from '../alerts/deadline-alerts';
import type { CourtCalendar } from '../calendar';
import type { TrackedDeadline } from '../deadlines';
import type { Role } from '../identity/actor';
import type { Defect, InboxMessage } from '../inbox/messages';
import type { CourtLevel, DocumentLanguage, DocumentType, FilingPurpose, ReceivingOffice } from '../inbox/terms';
import type { FilingPayment } from '../payments/saga';
import type { ApprovedDraftFacts, SealedWritFacts } from './writ-papers';

export type FilingStage =
  /** Being prepared: documents added, previewed and deleted; nothing sent to the court yet. */
  | 'draft'
  /** Confirmed by the filer; the fees are to be paid before it counts as submitted (seed 003, Stage B step 7). */
  | 'awaiting-payment'
  /** Submitted and acknowledged; the registry has not begun its review, so the filer may still cancel. */
  | 'submitted'
  /** The registry is reviewing the documents, one by one. */
  | 'under-review'
  /** Every document reviewed; a rejected one may be corrected and re-submitted. */
  | 'awaiting-correction'
  /** Decided: every document accepted, some, or none. */
  | 'accepted'
  | 'partly-accepted'
  | 'rejected'
  /** Withdrawn by the filer before review began. */
  | 'cancelled'
  /** A draft never submitted within its time. */
  | 'abandoned';

/** An uploaded file as the document store holds it (the API fills this in from the upload). */
export interface UploadedFile {
  /** The upload's id in the document store. */
  uploadId: string;
  fileName: string;
  sha256: string;
  bytes: number;
  pages: number;
}

export type DocumentStatus = 'draft' | 'pending-review' | 'accepted' | 'rejected';

export interface FilingDocument {
  /** `D1`, `D2`… in the filing, never reused. */
  id: string;
  type: DocumentType;
  purpose: FilingPurpose;
  language: DocumentLanguage;
  /** The party of the case filing it, and those it is filed against (`C1`, `D1`…). */
  filingParty: string;
  filedAgainst: string[];
  /** For a writ filed for sealing: the approved draft's document reference number. */
  approvedDraftReferenceNo?: string;
  /** The court's order or direction approving a draft (Stage A). */
  courtAction?: 'order' | 'direction';
  /** The file as it now stands; earlier versions (before a correction) in `versions`. */
  file: UploadedFile;
  versions: { file: UploadedFile; submittedAt: string; rejected: Defect[] }[];
  status: DocumentStatus;
  /** Given on acceptance: the number the document is known by (and verified by) from then on. */
  documentReferenceNo?: string;
  decision?: { at: string; by: string; accepted: boolean; defects: Defect[] };
}

/** A message the filing owes someone; the workflow delivers each once (its key is the inbox's dedupe key). */
export interface OwedMessage {
  key: string;
  accountId: string;
  message: InboxMessage;
  /** Attach the acknowledgement paper (rendered from the message's own facts). */
  attachAcknowledgement?: boolean;
  /** Attach another paper: the receipt, or the filer's writ endorsed by the court (its file is read from the document store). */
  paper?: OwedPaper;
  deliveredAt: string | null;
}

export type OwedPaper =
  | { kind: 'payment-receipt' }
  | { kind: 'approved-draft'; uploadId: string; facts: ApprovedDraftFacts }
  | { kind: 'sealed-writ'; uploadId: string; facts: SealedWritFacts };

/** A writ quoting an approved draft: the draft as the system found it (never taken from the request). */
export interface ApprovedDraftSeen {
  referenceNo: string;
  filingReference: string;
  caseNo: string;
  type: DocumentType;
}

/** The small-claim award a writ enforces (Cap. 338 s.32), when the filing began from the small claim. */
export interface EnforcedAward {
  caseNo: string;
  /** The written award's document reference, attached to the filing. */
  awardDocument: string;
  awardedCents: number;
  owedCents: number;
  payableBy: string | null;
}

export interface FilingEvent {
  at: string;
  event: string;
  detail: string;
  by: { id: string; role: Role; name: string } | null;
}

export interface Filer {
  accountId: string;
  name: string;
  role: Role;
  organisationId?: string;
  organisationName?: string;
  /** The party of the case the filer acts for. */
  partyId: string;
}

export interface Filing {
  reference: string;
  caseNo: string;
  courtLevel: CourtLevel;
  receivingOffice: ReceivingOffice;
  /** Seed 003 step 1: related to taxation of costs? to an application before a judge? */
  taxation: boolean;
  judgeApplication: boolean;
  /** The parties of the case, as the filer may name them (`C1`, `D1`…). */
  caseParties: string[];
  filer: Filer;
  /**
   * 2 for filings opened since fees are charged and writs endorsed (see the
   * workflow's `icms-fees-and-writs` patch); absent on those opened before,
   * which keep the procedure they began under.
   */
  procedureRevision?: number;
  /** A legally aided filer's certificate: the filing has no payment step. */
  legalAid: { certificateNo: string } | null;
  /** Set when the filing began from a small claim to enforce its award (Cap. 338 s.32). */
  enforces: EnforcedAward | null;
  stage: FilingStage;
  createdAt: string;
  documents: FilingDocument[];
  /** When the filer confirmed it (for a filing with fees, before paying). */
  confirmedAt: string | null;
  /** The fees and their payment, from confirmation on; null before, or for a filing opened before fees were charged. */
  payment: FilingPayment | null;
  /** When the filer submitted it; recorded once, apart from every later decision. */
  submittedAt: string | null;
  /** When it counts as received (after office hours: when the registry next opens), and why. */
  receivedAt: string | null;
  receivedNote: string | null;
  reviewStartedAt: string | null;
  decidedAt: string | null;
  calendar: CourtCalendar;
  deadlines: TrackedDeadline[];
  messages: OwedMessage[];
  /** Work the registry is told about (an overdue review). */
  alerts: { id: string; at: string; to: 'registry'; message: string; rule: string; resolvedOn: string | null }[];
  firedTimers: string[];
  /** The revision of deadline alerting the filing follows (domain/alerts); absent on filings from before alerts. */
  alertRevision?: number;
  /** The deadline alerts raised (to the filer, the registry), each delivered once. */
  deadlineAlerts?: RaisedAlert[];
  history: FilingEvent[];
  version: number;
}
