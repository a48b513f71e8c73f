/**
 * An application to register for iCMS (seed 000): an individual user, or an
 * organisation with its principal administrator, from the online form to an
 * active account (or a rejection, or a lapse). Plain JSON; no password ever
 * enters it (the hash waits in the database for activation).
 */
import type { CourtCalendar, IsoDate } from '../calendar';
import type { Role } from '../identity/actor';

export type RegistrationKind = 'individual' | 'organisation';

/**
 * The supporting documents each kind needs (seed 000, "registration"):
 * an individual, a court document bearing the case number; a principal
 * administrator, the authorisation letter or resolution, a court document
 * showing the organisation is a party to e-proceedings, and its business,
 * company or society registration documents.
 */
export type SupportingDocumentKind = 'court-document' | 'authorisation' | 'party-evidence' | 'registration-certificate';

export type RegistrationStage =
  /** Filling in: supporting documents being attached. */
  | 'awaiting-documents'
  /** Submitted; the applicant must prove their identity in person at the Support Centre. */
  | 'awaiting-verification'
  /** Identity verified in person; the registry activates or rejects. */
  | 'verified'
  | 'activated'
  | 'rejected'
  /** Not verified in time. */
  | 'lapsed'
  | 'withdrawn';

export interface SupportingDocument {
  kind: SupportingDocumentKind;
  uploadId: string;
  fileName: string;
  sha256: string;
  pages: number;
  attachedAt: string;
}

export interface Registration {
  reference: string;
  kind: RegistrationKind;
  /** The account to be: who applies, under which username, in which language. */
  applicant: { name: string; username: string; email: string | null; language: 'en' | 'zh-Hant' };
  organisation: { name: string; registrationNo: string } | null;
  /** The case number on the court document the applicant relies on. */
  caseNo: string;
  stage: RegistrationStage;
  createdAt: string;
  submittedAt: string | null;
  /** The last day identity may be verified; after it the application lapses. */
  verifyBy: IsoDate | null;
  verifyWithinDays: number;
  documents: SupportingDocument[];
  verification: { at: string; by: string; identityDocument: string } | null;
  decision: { at: string; by: string; outcome: 'activated' | 'rejected'; reasons: string[]; accountId?: string; partyId?: string } | null;
  /** Reminders given to the applicant (shown when they look at the application). */
  reminders: { at: string; message: string }[];
  calendar: CourtCalendar;
  firedTimers: string[];
  history: { at: string; event: string; detail: string; by: { id: string; role: Role; name: string } | null }[];
  version: number;
}
