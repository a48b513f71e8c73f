/**
 * The read model of filings (iCMS): each filing's row and its documents,
 * replaced as a whole by a newer version (never an older one), and the
 * queries people read them by.
 */
import type { Pool, PoolClient } from 'pg';
import { OPEN_TO_PUBLIC_INSPECTION } from '../domain/documents/public-inspection';
import { isDraftWrit, isFinished, isWritForSealing, type FilingView } from '../domain/filing';
import { releaseApprovedDrafts } from './approved-drafts';

type Db = Pool | PoolClient;

/** Writes `view` if it is newer than what is stored; false when it was not. */
export async function projectFilingReadModel(tx: PoolClient, view: FilingView): Promise<boolean> {
  const review = view.deadlines.find((d) => d.key === 'registry-review');
  const upsert = await tx.query(
    `INSERT INTO filings (reference, case_no, court_level, receiving_office, filer_account_id, filer_organisation_id, filer_party_id,
                          stage, submitted_at, received_at, decided_at, review_due, snapshot, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (reference) DO UPDATE SET
       stage = EXCLUDED.stage, submitted_at = EXCLUDED.submitted_at, received_at = EXCLUDED.received_at,
       decided_at = EXCLUDED.decided_at, review_due = EXCLUDED.review_due, snapshot = EXCLUDED.snapshot,
       version = EXCLUDED.version, updated_at = now()
     WHERE filings.version < EXCLUDED.version`,
    [
      view.reference,
      view.caseNo,
      view.courtLevel,
      view.receivingOffice,
      view.filer.accountId,
      view.filer.organisationId ?? null,
      view.filer.partyId,
      view.stage,
      view.submittedAt,
      view.receivedAt,
      view.decidedAt,
      review && review.status === 'open' ? review.computation.due : null,
      JSON.stringify(view),
      view.version,
    ],
  );
  if (upsert.rowCount !== 1) return false;
  await tx.query('DELETE FROM filed_documents WHERE filing_reference = $1', [view.reference]);
  for (const d of view.documents) {
    await tx.query(
      `INSERT INTO filed_documents (filing_reference, document_id, case_no, type, purpose, language, filing_party, upload_id, sha256,
                                    file_name, pages, status, document_reference_no, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [view.reference, d.id, view.caseNo, d.type, d.purpose, d.language, d.filingParty, d.file.uploadId, d.file.sha256, d.file.fileName, d.file.pages, d.status, d.documentReferenceNo ?? null, view.submittedAt],
    );
  }
  // A filing that has ended lets go of every approved draft it quoted except those whose writ it sealed.
  if (isFinished(view)) {
    const sealed = view.documents.filter((d) => d.status === 'accepted' && d.approvedDraftReferenceNo).map((d) => d.approvedDraftReferenceNo ?? '');
    await releaseApprovedDrafts(tx, view.reference, sealed);
  }
  return true;
}

export interface FilingRow {
  reference: string;
  caseNo: string;
  filerAccountId: string;
  filerOrganisationId: string | null;
  stage: string;
  snapshot: FilingView;
  version: number;
}

const toRow = (r: { reference: string; case_no: string; filer_account_id: string; filer_organisation_id: string | null; stage: string; snapshot: FilingView; version: number }): FilingRow => ({
  reference: r.reference,
  caseNo: r.case_no,
  filerAccountId: r.filer_account_id,
  filerOrganisationId: r.filer_organisation_id,
  stage: r.stage,
  snapshot: r.snapshot,
  version: r.version,
});

export async function findFilingRow(db: Db, reference: string): Promise<FilingRow | undefined> {
  const { rows } = await db.query('SELECT reference, case_no, filer_account_id, filer_organisation_id, stage, snapshot, version FROM filings WHERE reference = $1', [reference]);
  return rows[0] ? toRow(rows[0]) : undefined;
}

/** Filings the registry must review, oldest due first (overdue ones first of all). */
export async function filingsAwaitingReview(db: Db, limit: number): Promise<FilingRow[]> {
  const { rows } = await db.query(
    `SELECT reference, case_no, filer_account_id, filer_organisation_id, stage, snapshot, version FROM filings
      WHERE stage IN ('submitted', 'under-review') ORDER BY review_due NULLS LAST, reference LIMIT $1`,
    [limit],
  );
  return rows.map(toRow);
}

/** A filer's own filings (or their organisation's), newest first. */
export async function filingsOf(db: Db, accountId: string, organisationId: string | null, limit: number): Promise<FilingRow[]> {
  const { rows } = await db.query(
    `SELECT reference, case_no, filer_account_id, filer_organisation_id, stage, snapshot, version FROM filings
      WHERE filer_account_id = $1 OR ($2::text IS NOT NULL AND filer_organisation_id = $2)
      ORDER BY reference DESC LIMIT $3`,
    [accountId, organisationId, limit],
  );
  return rows.map(toRow);
}

export interface FiledDocumentRow {
  filingReference: string;
  documentId: string;
  caseNo: string;
  type: string;
  purpose: string;
  language: string;
  filingParty: string;
  uploadId: string;
  sha256: string;
  fileName: string;
  pages: number;
  status: string;
  documentReferenceNo: string | null;
  submittedAt: Date | null;
}

const toDocument = (r: Record<string, unknown>): FiledDocumentRow => ({
  filingReference: r.filing_reference as string,
  documentId: r.document_id as string,
  caseNo: r.case_no as string,
  type: r.type as string,
  purpose: r.purpose as string,
  language: r.language as string,
  filingParty: r.filing_party as string,
  uploadId: r.upload_id as string,
  sha256: r.sha256 as string,
  fileName: r.file_name as string,
  pages: r.pages as number,
  status: r.status as string,
  documentReferenceNo: (r.document_reference_no as string | null) ?? null,
  submittedAt: (r.submitted_at as Date | null) ?? null,
});

/** The accepted documents filed on a case (e-inspection). */
export async function acceptedDocumentsOfCase(db: Db, caseNo: string): Promise<FiledDocumentRow[]> {
  const { rows } = await db.query(`SELECT * FROM filed_documents WHERE case_no = $1 AND status = 'accepted' ORDER BY submitted_at, filing_reference, document_id`, [caseNo]);
  return rows.map(toDocument);
}

export async function documentByReferenceNo(db: Db, documentReferenceNo: string): Promise<FiledDocumentRow | undefined> {
  const { rows } = await db.query(`SELECT * FROM filed_documents WHERE document_reference_no = $1`, [documentReferenceNo]);
  return rows[0] ? toDocument(rows[0]) : undefined;
}

/** The parties of a case a filer may name: a small claim's from its read model, any case's from its party links. */
export async function partiesOfCase(db: Db, caseNo: string): Promise<string[]> {
  const { rows } = await db.query<{ party_id: string }>(
    `SELECT party_id FROM sct_parties WHERE case_no = $1 AND NOT struck_out
     UNION SELECT party_id FROM case_party_links WHERE case_no = $1
     ORDER BY 1`,
    [caseNo],
  );
  return rows.map((r) => r.party_id);
}

/** Accepted documents of a case of the types open to public inspection. */
export async function publicDocumentsOfCase(db: Db, caseNo: string): Promise<FiledDocumentRow[]> {
  const { rows } = await db.query(
    `SELECT * FROM filed_documents WHERE case_no = $1 AND status = 'accepted' AND type = ANY($2::text[]) ORDER BY submitted_at, filing_reference, document_id`,
    [caseNo, OPEN_TO_PUBLIC_INSPECTION],
  );
  return rows.map(toDocument);
}

/** A writ filing in the District Court on a small claim (Cap. 338 s.32), as the small claim shows it. */
export interface EnforcementFiling {
  reference: string;
  stage: string;
  finished: boolean;
  filerPartyId: string;
  /** Set on the filing begun from the small claim (Stage A). */
  enforces: FilingView['enforces'];
  openedAt: string;
  payment: string | null;
  writs: { documentId: string; type: string; purpose: string; status: string; documentReferenceNo: string | null; approvedDraftReferenceNo: string | null }[];
}

/** Every District Court filing on the case, oldest first: the writs enforcing its award and how far each has got. */
export async function enforcementFilingsOf(db: Db, caseNo: string): Promise<EnforcementFiling[]> {
  const { rows } = await db.query<{ snapshot: FilingView }>(`SELECT snapshot FROM filings WHERE case_no = $1 AND court_level = 'district-court' ORDER BY reference`, [caseNo]);
  return rows.map(({ snapshot: f }) => ({
    reference: f.reference,
    stage: f.stage,
    finished: isFinished(f),
    filerPartyId: f.filer.partyId,
    enforces: f.enforces ?? null,
    openedAt: f.createdAt,
    payment: f.payment?.status ?? null,
    writs: f.documents
      .filter((d) => isDraftWrit(d) || isWritForSealing(d))
      .map((d) => ({ documentId: d.id, type: d.type, purpose: d.purpose, status: d.status, documentReferenceNo: d.documentReferenceNo ?? null, approvedDraftReferenceNo: d.approvedDraftReferenceNo ?? null })),
  }));
}
