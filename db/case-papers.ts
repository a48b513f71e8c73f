/** The small claim's issued papers (migration 018), and who receives them. */
import type { Pool, PoolClient } from 'pg';

type Db = Pool | PoolClient;

export interface CasePaperRow {
  paperKey: string;
  caseNo: string;
  kind: 'notice-of-hearing' | 'written-award';
  documentReferenceNo: string;
  fileName: string;
  sha256: string;
  bytes: number;
  store: string;
  storeKey: string;
  issuedAt: Date;
}

/** Records a paper once; the row already there (same key) wins. */
export async function recordCasePaper(db: Db, row: Omit<CasePaperRow, 'issuedAt'> & { issuedAt: string }): Promise<void> {
  await db.query(
    `INSERT INTO case_papers (paper_key, case_no, kind, document_reference_no, file_name, sha256, bytes, store, store_key, issued_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (paper_key) DO NOTHING`,
    [row.paperKey, row.caseNo, row.kind, row.documentReferenceNo, row.fileName, row.sha256, row.bytes, row.store, row.storeKey, row.issuedAt],
  );
}

const toRow = (r: Record<string, unknown>): CasePaperRow => ({
  paperKey: r.paper_key as string,
  caseNo: r.case_no as string,
  kind: r.kind as CasePaperRow['kind'],
  documentReferenceNo: r.document_reference_no as string,
  fileName: r.file_name as string,
  sha256: r.sha256 as string,
  bytes: Number(r.bytes),
  store: r.store as string,
  storeKey: r.store_key as string,
  issuedAt: r.issued_at as Date,
});

export async function casePapersOf(db: Db, caseNo: string): Promise<CasePaperRow[]> {
  const { rows } = await db.query('SELECT * FROM case_papers WHERE case_no = $1 ORDER BY issued_at, paper_key', [caseNo]);
  return rows.map(toRow);
}

export async function casePaperByReferenceNo(db: Db, documentReferenceNo: string): Promise<CasePaperRow | undefined> {
  const { rows } = await db.query('SELECT * FROM case_papers WHERE document_reference_no = $1', [documentReferenceNo]);
  return rows[0] ? toRow(rows[0]) : undefined;
}

/** The accounts that act in a case: individual users linked to a party, and organisation users the case is assigned to. */
export async function accountsActingInCase(db: Db, caseNo: string): Promise<string[]> {
  const { rows } = await db.query<{ account_id: string }>(
    `SELECT account_id::text FROM case_party_links WHERE case_no = $1 AND account_id IS NOT NULL
     UNION SELECT account_id::text FROM case_assignments WHERE case_no = $1
     ORDER BY 1`,
    [caseNo],
  );
  return rows.map((r) => r.account_id);
}
