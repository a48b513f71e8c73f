/** The stored first answers of requests sent with an Idempotency-Key. */
import type { Pool } from 'pg';

export interface IdempotentRequest {
  method: string;
  path: string;
  requestHash: string;
  status: number;
  response: unknown;
}

export async function findIdempotentRequest(pool: Pool, accountId: string, key: string): Promise<IdempotentRequest | undefined> {
  const { rows } = await pool.query<{ method: string; path: string; request_hash: string; status: number; response: unknown }>(
    'SELECT method, path, request_hash, status, response FROM idempotent_requests WHERE account_id = $1 AND key = $2',
    [accountId, key],
  );
  const row = rows[0];
  return row && { method: row.method, path: row.path, requestHash: row.request_hash, status: row.status, response: row.response };
}

/** Keeps the first answer: a concurrent duplicate that finishes second stores nothing. */
export async function saveIdempotentRequest(pool: Pool, accountId: string, key: string, request: IdempotentRequest): Promise<void> {
  await pool.query(
    `INSERT INTO idempotent_requests (account_id, key, method, path, request_hash, status, response)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (account_id, key) DO NOTHING`,
    [accountId, key, request.method, request.path, request.requestHash, request.status, JSON.stringify(request.response)],
  );
}
