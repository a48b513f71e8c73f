/**
 * The audit log: append-only and hash-chained.
 *
 * Each row's hash is sha256(prev_hash || "\n" || canonical JSON of its
 * fields), prev_hash being the hash of the row before it (64 zeros for the
 * first). Changing, removing or reordering a row therefore breaks the chain
 * at or just after it, and `verifyAuditChain` names the first broken link.
 * The database refuses UPDATE, DELETE and TRUNCATE (migration 003; the
 * application's role has no such privilege either, migration 008); the chain
 * catches what someone who disables those triggers does, and the signed
 * anchors (db/audit-anchor.ts) catch a chain rebuilt after tampering.
 *
 * Appends serialise on the one row of `audit_chain_head` (SELECT … FOR
 * UPDATE), which also hands out seq, so concurrent appends form one chain
 * with no gaps.
 */
import type { Pool, PoolClient } from 'pg';
import type { Actor } from '../domain/identity/actor';
import { auditHash, GENESIS_HASH, type HashedAuditFields, type Json } from './audit-hash';
import { inTransaction } from './pool';

// The hash itself is pure (db/audit-hash.ts), so an offline verifier needs no database driver.
export { GENESIS_HASH, auditHash, canonicalJson, type Json } from './audit-hash';

export interface AuditEntry {
  /** Who did it: an account, `public`, or `system:<component>` for workflow steps. */
  actor: Pick<Actor, 'id' | 'role'>;
  /** On whose behalf: `party:C1`, `organisation:<id>`, an account id… */
  onBehalfOf?: string;
  /** What, as `<area>.<verb>`: `auth.login`, `account.suspend`, `case.read`, `sct.hearing-fixed`… */
  action: string;
  /** What it was done to: `account:<id>`, `case:SCTC-2026-000001`… */
  target?: string;
  /** The state before and after (JSON; never secrets). */
  before?: unknown;
  after?: unknown;
  requestId?: string;
  /** When; defaults to now. */
  at?: Date;
}

/** A stored row: the fields its hash covers, and the chain's two hashes. */
export interface AuditRecord extends HashedAuditFields {
  prevHash: string;
  hash: string;
}

export interface AppendedAudit {
  seq: number;
  at: Date;
  hash: string;
}

export type AuditVerification =
  | { ok: true; count: number; lastSeq: number; lastHash: string }
  | { ok: false; brokenAt: number; reason: string; checked: number };

/** Plain JSON, with `undefined` and non-JSON values gone, exactly as jsonb gives it back. */
function toJson(value: unknown): Json | null {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as Json);
}

async function appendLocked(tx: PoolClient, entry: AuditEntry): Promise<AppendedAudit> {
  const head = await tx.query<{ last_seq: string; last_hash: string }>(
    'SELECT last_seq, last_hash FROM audit_chain_head WHERE singleton FOR UPDATE',
  );
  const last = head.rows[0];
  if (!last) throw new Error('audit_chain_head is missing its row; run the migrations');
  const row: HashedAuditFields = {
    seq: Number(last.last_seq) + 1,
    at: entry.at ?? new Date(),
    actorId: entry.actor.id,
    actorRole: entry.actor.role,
    onBehalfOf: entry.onBehalfOf ?? null,
    action: entry.action,
    target: entry.target ?? null,
    before: toJson(entry.before),
    after: toJson(entry.after),
    requestId: entry.requestId ?? null,
  };
  const hash = auditHash(last.last_hash, row);
  await tx.query(
    `INSERT INTO audit_log (seq, at, actor_id, actor_role, on_behalf_of, action, target, before, after, request_id, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      row.seq,
      row.at.toISOString(),
      row.actorId,
      row.actorRole,
      row.onBehalfOf,
      row.action,
      row.target,
      row.before === null ? null : JSON.stringify(row.before),
      row.after === null ? null : JSON.stringify(row.after),
      row.requestId,
      last.last_hash,
      hash,
    ],
  );
  await tx.query('UPDATE audit_chain_head SET last_seq = $1, last_hash = $2 WHERE singleton', [row.seq, hash]);
  return { seq: row.seq, at: row.at, hash };
}

/**
 * Appends one entry. Given the pool, it commits on its own. Given a client,
 * it joins the caller's transaction (and fails if there is none), so the
 * entry commits or rolls back with the change it records; the chain's lock
 * is then held until that transaction ends, so append last.
 */
export async function appendAudit(db: Pool | PoolClient, entry: AuditEntry): Promise<AppendedAudit> {
  if (!('release' in db)) return inTransaction(db, (tx) => appendLocked(tx, entry));
  // SAVEPOINT is an error outside a transaction block: the lock would otherwise not hold.
  await db.query('SAVEPOINT courtflow_audit_append');
  try {
    const appended = await appendLocked(db, entry);
    await db.query('RELEASE SAVEPOINT courtflow_audit_append');
    return appended;
  } catch (err) {
    await db.query('ROLLBACK TO SAVEPOINT courtflow_audit_append').catch(() => undefined);
    throw err;
  }
}

/** An `audit_log` row as PostgreSQL gives it back. */
export interface RawAudit {
  seq: string;
  at: Date;
  actor_id: string;
  actor_role: string;
  on_behalf_of: string | null;
  action: string;
  target: string | null;
  before: Json | null;
  after: Json | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export const toRecord = (r: RawAudit): AuditRecord => ({
  seq: Number(r.seq),
  at: r.at,
  actorId: r.actor_id,
  actorRole: r.actor_role,
  onBehalfOf: r.on_behalf_of,
  action: r.action,
  target: r.target,
  before: r.before,
  after: r.after,
  requestId: r.request_id,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** Entries in seq order, optionally for one target, after a seq (for paging). */
export async function readAuditLog(
  db: Pool | PoolClient,
  options: { target?: string; afterSeq?: number; limit?: number } = {},
): Promise<AuditRecord[]> {
  const { rows } = await db.query<RawAudit>(
    `SELECT * FROM audit_log WHERE seq > $1 AND ($2::text IS NULL OR target = $2) ORDER BY seq LIMIT $3`,
    [options.afterSeq ?? 0, options.target ?? null, options.limit ?? 100],
  );
  return rows.map(toRecord);
}

/**
 * Walks the whole chain in one snapshot and names the first broken link:
 * a missing seq (a deleted row), a prev_hash that is not the previous row's
 * hash, a row whose contents no longer give its hash, or a chain that does
 * not end where its head says.
 */
export async function verifyAuditChain(pool: Pool, options: { batchSize?: number } = {}): Promise<AuditVerification> {
  return inSnapshot(pool, (client) => walkAuditChain(client, options));
}

/** Runs `work` in one read-only REPEATABLE READ transaction: every query sees the same snapshot. */
export async function inSnapshot<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      return await work(client);
    } finally {
      await client.query('COMMIT').catch(() => undefined);
    }
  } finally {
    client.release();
  }
}

export interface WalkOptions {
  batchSize?: number;
  /**
   * Start after this row, taken as good (a verified anchor): the walk checks
   * that the row still has that hash, then every row after it. Default: the
   * genesis.
   */
  from?: { seq: number; hash: string };
  /** Called with each row whose link and hash check out, in seq order. */
  onRow?: (row: AuditRecord) => void;
}

/** The chain walk of `verifyAuditChain`, on a client the caller holds (in a snapshot, to be exact). */
export async function walkAuditChain(client: PoolClient, options: WalkOptions = {}): Promise<AuditVerification> {
  const batchSize = options.batchSize ?? 1000;
  let prevSeq = options.from?.seq ?? 0;
  let prevHash = options.from?.hash ?? GENESIS_HASH;
  let checked = 0;
  const broken = (brokenAt: number, reason: string): AuditVerification => ({ ok: false, brokenAt, reason, checked });
  if (options.from && options.from.seq > 0) {
    const start = await client.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = $1', [options.from.seq]);
    if (start.rows[0]?.hash !== options.from.hash) {
      return broken(options.from.seq, start.rows[0] ? `seq ${options.from.seq} no longer has the hash it was anchored with` : `seq ${options.from.seq} is missing`);
    }
  }
  for (;;) {
    const { rows } = await client.query<RawAudit>('SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2', [prevSeq, batchSize]);
    for (const raw of rows) {
      const row = toRecord(raw);
      if (row.seq !== prevSeq + 1) {
        const missing = row.seq === prevSeq + 2 ? `seq ${prevSeq + 1} is` : `seqs ${prevSeq + 1} to ${row.seq - 1} are`;
        return broken(prevSeq + 1, `${missing} missing: deleted from the log (the next row is seq ${row.seq})`);
      }
      if (row.prevHash !== prevHash) {
        const before = prevSeq === 0 ? 'the genesis hash' : `the hash of seq ${prevSeq}`;
        return broken(row.seq, `prev_hash is not ${before}: that row or this row's link was rewritten`);
      }
      if (auditHash(prevHash, row) !== row.hash) {
        return broken(row.seq, 'the row no longer matches its hash: its contents were changed after it was written');
      }
      options.onRow?.(row);
      prevSeq = row.seq;
      prevHash = row.hash;
      checked += 1;
    }
    if (rows.length < batchSize) break;
  }
  const head = (await client.query<{ last_seq: string; last_hash: string }>('SELECT last_seq, last_hash FROM audit_chain_head WHERE singleton'))
    .rows[0];
  if (!head) return broken(prevSeq + 1, 'the chain head row is missing');
  const headSeq = Number(head.last_seq);
  if (headSeq > prevSeq) {
    const missing = headSeq === prevSeq + 1 ? `seq ${headSeq} is` : `seqs ${prevSeq + 1} to ${headSeq} are`;
    return broken(prevSeq + 1, `${missing} missing: the log ends at seq ${prevSeq} but its head records seq ${headSeq}`);
  }
  if (headSeq < prevSeq) return broken(headSeq + 1, `rows after seq ${headSeq}, where the head says the log ends, were added outside appendAudit`);
  if (head.last_hash !== prevHash) return broken(prevSeq, `the head's hash is not the hash of seq ${prevSeq}`);
  return { ok: true, count: checked, lastSeq: prevSeq, lastHash: prevHash };
}
