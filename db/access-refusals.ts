/**
 * Refused attempts to reach a case, aggregated (migration 010): one counter
 * row per hour, caller, case and reason; the first refusal of each row is
 * also appended to the audit log, at most `AUDITED_PER_CALLER_HOUR` a caller
 * (all anonymous callers count as one caller), so no flood can grow the log
 * without bound while every attempt is still counted.
 */
import type { Pool } from 'pg';
import { appendAudit, type AuditEntry } from './audit-log';
import { inTransaction } from './pool';

export const AUDITED_PER_CALLER_HOUR = 20;

export interface Refusal {
  /** `account:<id>`, or `public` for every anonymous caller. */
  actorKey: string;
  /** `case:SCTC-2026-000001` */
  target: string;
  /** `not-found`, `forbidden`, `step-wrong-stage`… */
  reason: string;
  /** The audit entry to append if this is the first such refusal this hour and the caller's cap allows. */
  audit: AuditEntry;
}

/** Counts the refusal; returns whether it was also written to the audit log. */
export async function recordRefusal(pool: Pool, refusal: Refusal): Promise<boolean> {
  return inTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ inserted: boolean }>(
      `INSERT INTO access_refusals (hour, actor_key, target, reason) VALUES (date_trunc('hour', now()), $1, $2, $3)
       ON CONFLICT (hour, actor_key, target, reason) DO UPDATE SET attempts = access_refusals.attempts + 1, last_at = now()
       RETURNING (xmax = 0) AS inserted`,
      [refusal.actorKey, refusal.target, refusal.reason],
    );
    if (!rows[0]?.inserted) return false;
    const audited = await tx.query<{ n: string }>(
      `SELECT count(*) AS n FROM access_refusals WHERE hour = date_trunc('hour', now()) AND actor_key = $1 AND audited`,
      [refusal.actorKey],
    );
    if (Number(audited.rows[0]?.n ?? 0) >= AUDITED_PER_CALLER_HOUR) return false;
    await tx.query(`UPDATE access_refusals SET audited = true WHERE hour = date_trunc('hour', now()) AND actor_key = $1 AND target = $2 AND reason = $3`, [
      refusal.actorKey,
      refusal.target,
      refusal.reason,
    ]);
    await appendAudit(tx, refusal.audit);
    return true;
  });
}

/** The counters of one target, newest hour first (for auditors and tests). */
export async function refusalsOf(pool: Pool, target: string): Promise<{ actorKey: string; reason: string; attempts: number; audited: boolean }[]> {
  const { rows } = await pool.query<{ actor_key: string; reason: string; attempts: number; audited: boolean }>(
    'SELECT actor_key, reason, attempts, audited FROM access_refusals WHERE target = $1 ORDER BY hour DESC, actor_key, reason',
    [target],
  );
  return rows.map((r) => ({ actorKey: r.actor_key, reason: r.reason, attempts: r.attempts, audited: r.audited }));
}
