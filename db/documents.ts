/**
 * The uploaded documents (migration 012): what each is, who uploaded it,
 * where its bytes are kept, and whether a filing has used it.
 */
import type { Pool, PoolClient } from 'pg';
import type { DocumentStatus } from '../domain/documents/upload-rules';

export interface DocumentRecord {
  id: string;
  sha256: string;
  bytes: number;
  pages: number;
  filename: string;
  contentType: 'application/pdf';
  /** The uploader's account; null for an applicant to register, who has none yet (see `forRegistration`). */
  uploadedBy: string | null;
  /** The application to register a supporting document belongs to (migration 019). */
  forRegistration: string | null;
  uploadedAt: Date;
  status: DocumentStatus;
  usedAt: Date | null;
  usedIn: string | null;
  store: 'local' | 's3';
  storeKey: string;
}

export type NewDocument = Pick<DocumentRecord, 'id' | 'sha256' | 'bytes' | 'pages' | 'filename' | 'uploadedBy' | 'store' | 'storeKey'> & { forRegistration?: string | null };

interface DocumentRow {
  id: string;
  sha256: string;
  bytes: string;
  pages: number;
  filename: string;
  content_type: 'application/pdf';
  uploaded_by: string | null;
  for_registration: string | null;
  uploaded_at: Date;
  status: DocumentStatus;
  used_at: Date | null;
  used_in: string | null;
  store: 'local' | 's3';
  store_key: string;
}

const COLUMNS = 'id, sha256, bytes, pages, filename, content_type, uploaded_by, for_registration, uploaded_at, status, used_at, used_in, store, store_key';

const fromRow = (row: DocumentRow): DocumentRecord => ({
  id: row.id,
  sha256: row.sha256,
  // bigint arrives as text; a document is at most a gigabyte, far inside a safe integer.
  bytes: Number(row.bytes),
  pages: row.pages,
  filename: row.filename,
  contentType: row.content_type,
  uploadedBy: row.uploaded_by,
  forRegistration: row.for_registration,
  uploadedAt: row.uploaded_at,
  status: row.status,
  usedAt: row.used_at,
  usedIn: row.used_in,
  store: row.store,
  storeKey: row.store_key,
});

/** Records an uploaded document; returns undefined (and records nothing) if its id is taken. */
export async function insertDocument(db: Pool | PoolClient, doc: NewDocument): Promise<DocumentRecord | undefined> {
  const { rows } = await db.query<DocumentRow>(
    `INSERT INTO documents (id, sha256, bytes, pages, filename, uploaded_by, store, store_key, for_registration)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (id) DO NOTHING
     RETURNING ${COLUMNS}`,
    [doc.id, doc.sha256, doc.bytes, doc.pages, doc.filename, doc.uploadedBy, doc.store, doc.storeKey, doc.forRegistration ?? null],
  );
  return rows[0] ? fromRow(rows[0]) : undefined;
}

export async function findDocument(db: Pool | PoolClient, id: string): Promise<DocumentRecord | undefined> {
  const { rows } = await db.query<DocumentRow>(`SELECT ${COLUMNS} FROM documents WHERE id = $1`, [id]);
  return rows[0] ? fromRow(rows[0]) : undefined;
}

/**
 * Marks the uploader's documents as used by a filing, in the filing's
 * transaction: the large-file path ends here (upload first, then pick the
 * document in a filing). Returns the ids it marked; a document that is not
 * the uploader's, or already used, is not marked, and the caller refuses the
 * filing if any id is missing from the answer.
 */
export async function markDocumentsUsed(tx: PoolClient, ids: readonly string[], uploadedBy: string, usedIn: string): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    `UPDATE documents SET status = 'used', used_at = now(), used_in = $3
     WHERE id = ANY($1::text[]) AND uploaded_by = $2 AND status = 'uploaded'
     RETURNING id`,
    [ids, uploadedBy, usedIn],
  );
  return rows.map((r) => r.id);
}

/** How many rows refer to these bytes (a stored object is removed only when none does). */
export async function countDocumentsWithContent(db: Pool | PoolClient, sha256: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM documents WHERE sha256 = $1', [sha256]);
  return Number(rows[0]?.n ?? 0);
}
