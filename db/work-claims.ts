/**
 * Claims on work-queue items (migration 022): who holds an item and until
 * when. A claim is taken, renewed or taken over in one statement, so of two
 * concurrent claims on one item exactly one wins: the second waits for the
 * first's row and then finds it live and someone else's.
 */
import type { Pool, PoolClient } from 'pg';
import type { WorkClaim } from '../domain/work-queue/items';

type Db = Pool | PoolClient;

interface ClaimRow {
  item_id: string;
  claimed_by: string;
  claimed_by_name: string;
  expires_at: Date;
}

const toClaim = (r: ClaimRow): WorkClaim => ({ by: r.claimed_by, byName: r.claimed_by_name, until: r.expires_at.toISOString() });

export interface ClaimRequest {
  itemId: string;
  by: string;
  byName: string;
  /** The time of the request, and until when the claim is to hold (domain/work-queue: `claimUntil`). */
  at: Date;
  until: Date;
}

/**
 * Claims (or renews) the item for `by` unless someone else holds a claim
 * that has not expired at `at`. Returns the holder afterwards: `by` if the
 * claim was taken, else whoever holds it.
 */
export async function claimItem(db: Db, request: ClaimRequest): Promise<WorkClaim> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const taken = await db.query<ClaimRow>(
      `INSERT INTO work_claims (item_id, claimed_by, claimed_by_name, claimed_at, expires_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (item_id) DO UPDATE SET
         claimed_by = EXCLUDED.claimed_by, claimed_by_name = EXCLUDED.claimed_by_name,
         claimed_at = EXCLUDED.claimed_at, expires_at = EXCLUDED.expires_at
       WHERE work_claims.expires_at <= EXCLUDED.claimed_at OR work_claims.claimed_by = EXCLUDED.claimed_by
       RETURNING item_id, claimed_by, claimed_by_name, expires_at`,
      [request.itemId, request.by, request.byName, request.at, request.until],
    );
    if (taken.rows[0]) return toClaim(taken.rows[0]);
    // Someone else holds it: say who. (Released or expired in between: try again.)
    const held = await db.query<ClaimRow>('SELECT item_id, claimed_by, claimed_by_name, expires_at FROM work_claims WHERE item_id = $1 AND expires_at > $2', [request.itemId, request.at]);
    if (held.rows[0]) return toClaim(held.rows[0]);
  }
  throw new Error(`the claim on ${request.itemId} kept changing hands; try again`);
}

/**
 * Lets go of the item if `by` holds it (live or expired); a claim held by
 * someone else is left alone. Returns whether a claim of `by` was released.
 */
export async function releaseItem(db: Db, itemId: string, by: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM work_claims WHERE item_id = $1 AND claimed_by = $2', [itemId, by]);
  return (rowCount ?? 0) > 0;
}

/** The claims on the items named (expired ones included: the domain decides what still holds). */
export async function claimsOf(db: Db, itemIds: readonly string[]): Promise<Map<string, WorkClaim>> {
  if (itemIds.length === 0) return new Map();
  const { rows } = await db.query<ClaimRow>('SELECT item_id, claimed_by, claimed_by_name, expires_at FROM work_claims WHERE item_id = ANY($1::text[])', [itemIds]);
  return new Map(rows.map((r) => [r.item_id, toClaim(r)]));
}
