/**
 * Approved drafts of writs, as the filing read model records them, and who
 * holds each for sealing (migration 021). A draft is held by the filing that
 * quotes it from the moment its writ is added; the hold is let go when the
 * writ is removed, or the filing ends without the writ being sealed.
 */
import type { Pool, PoolClient } from 'pg';

type Db = Pool | PoolClient;

export interface ApprovedDraftRecord {
  referenceNo: string;
  filingReference: string;
  caseNo: string;
  type: string;
  purpose: string;
  status: string;
  filerAccountId: string;
  filerOrganisationId: string | null;
  filerPartyId: string;
  /** The filing that holds it for sealing, if any. */
  heldBy: string | null;
}

/** The document under this reference number, with its filing's filer and any hold; undefined if there is none. */
export async function findApprovedDraft(db: Db, referenceNo: string): Promise<ApprovedDraftRecord | undefined> {
  const { rows } = await db.query(
    `SELECT d.document_reference_no, d.filing_reference, d.case_no, d.type, d.purpose, d.status,
            f.filer_account_id, f.filer_organisation_id, f.filer_party_id, u.filing_reference AS held_by
       FROM filed_documents d JOIN filings f ON f.reference = d.filing_reference
       LEFT JOIN approved_draft_uses u ON u.approved_draft_reference_no = d.document_reference_no
      WHERE d.document_reference_no = $1`,
    [referenceNo],
  );
  const r = rows[0] as Record<string, string | null> | undefined;
  if (!r) return undefined;
  return {
    referenceNo: r.document_reference_no ?? referenceNo,
    filingReference: r.filing_reference ?? '',
    caseNo: r.case_no ?? '',
    type: r.type ?? '',
    purpose: r.purpose ?? '',
    status: r.status ?? '',
    filerAccountId: r.filer_account_id ?? '',
    filerOrganisationId: r.filer_organisation_id ?? null,
    filerPartyId: r.filer_party_id ?? '',
    heldBy: r.held_by ?? null,
  };
}

/** Holds the draft for a filing; returns the filing that holds it afterwards (this one, or another that got there first). */
export async function holdApprovedDraft(tx: PoolClient, referenceNo: string, filingReference: string): Promise<string> {
  await tx.query('INSERT INTO approved_draft_uses (approved_draft_reference_no, filing_reference) VALUES ($1, $2) ON CONFLICT DO NOTHING', [referenceNo, filingReference]);
  const { rows } = await tx.query<{ filing_reference: string }>('SELECT filing_reference FROM approved_draft_uses WHERE approved_draft_reference_no = $1', [referenceNo]);
  return rows[0]?.filing_reference ?? filingReference;
}

/** Lets go of drafts this filing holds, other than those in `keep`. */
export async function releaseApprovedDrafts(tx: PoolClient, filingReference: string, keep: readonly string[]): Promise<void> {
  await tx.query('DELETE FROM approved_draft_uses WHERE filing_reference = $1 AND NOT (approved_draft_reference_no = ANY($2::text[]))', [filingReference, keep]);
}
