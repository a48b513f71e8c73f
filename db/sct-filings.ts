/**
 * Typed queries over small-claim filings (the registry's record of each
 * accepted claim) and the case read model.
 */
import type { Pool, PoolClient } from 'pg';
import type { OpenCaseInput as SmallClaimInput } from '../domain/sct/case';

export interface FilingRow {
  caseNo: string;
  idempotencyKey: string | null;
  requestHash: string;
  input: SmallClaimInput;
  startedAt: Date | null;
}

interface RawFiling {
  case_no: string;
  idempotency_key: string | null;
  request_hash: string;
  input: SmallClaimInput;
  started_at: Date | null;
}

const toFiling = (r: RawFiling): FilingRow => ({
  caseNo: r.case_no,
  idempotencyKey: r.idempotency_key,
  requestHash: r.request_hash,
  input: r.input,
  startedAt: r.started_at,
});

export async function findFilingByIdempotencyKey(db: Pool | PoolClient, key: string): Promise<FilingRow | undefined> {
  const { rows } = await db.query<RawFiling>('SELECT * FROM sct_filings WHERE idempotency_key = $1', [key]);
  return rows[0] && toFiling(rows[0]);
}

export async function findFiling(db: Pool | PoolClient, caseNo: string): Promise<FilingRow | undefined> {
  const { rows } = await db.query<RawFiling>('SELECT * FROM sct_filings WHERE case_no = $1', [caseNo]);
  return rows[0] && toFiling(rows[0]);
}

export async function insertFiling(tx: PoolClient, filing: Omit<FilingRow, 'startedAt'>): Promise<void> {
  await tx.query(
    'INSERT INTO sct_filings (case_no, idempotency_key, request_hash, input, filed_at) VALUES ($1, $2, $3, $4, $5)',
    [filing.caseNo, filing.idempotencyKey, filing.requestHash, JSON.stringify(filing.input), filing.input.filedAt],
  );
}

export async function markFilingStarted(db: Pool, caseNo: string): Promise<void> {
  await db.query('UPDATE sct_filings SET started_at = now() WHERE case_no = $1 AND started_at IS NULL', [caseNo]);
}

/** Filings whose workflow may not have started: the API crashed between the two steps. */
export async function unstartedFilings(db: Pool, limit = 100): Promise<FilingRow[]> {
  const { rows } = await db.query<RawFiling>(
    'SELECT * FROM sct_filings WHERE started_at IS NULL ORDER BY filed_at LIMIT $1',
    [limit],
  );
  return rows.map(toFiling);
}

