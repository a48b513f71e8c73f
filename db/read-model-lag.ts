/** Cases whose read model is behind their workflow, and why (migration 009). */
import type { Pool, PoolClient } from 'pg';
import type { SmallClaimView } from '../domain/sct/case';

export type LagKind = 'data' | 'unavailable';

export interface ReadModelLag {
  caseNo: string;
  /** The version the workflow holds, which the read model does not. */
  workflowVersion: number;
  since: Date;
  kind: LagKind;
  reason: string;
}

/** Records (or moves forward) that the read model of `caseNo` lacks `workflowVersion`. */
export async function recordLag(db: Pool | PoolClient, lag: Omit<ReadModelLag, 'since'>): Promise<void> {
  await db.query(
    `INSERT INTO read_model_lag (case_no, workflow_version, since, kind, reason) VALUES ($1, $2, now(), $3, $4)
     ON CONFLICT (case_no) DO UPDATE SET workflow_version = GREATEST(read_model_lag.workflow_version, EXCLUDED.workflow_version),
       kind = EXCLUDED.kind, reason = EXCLUDED.reason`,
    [lag.caseNo, lag.workflowVersion, lag.kind, lag.reason.slice(0, 2000)],
  );
}

/** Called in the projection's transaction: a version that landed clears any lag up to it. */
export async function clearLagUpTo(tx: PoolClient, caseNo: string, version: number): Promise<void> {
  await tx.query('DELETE FROM read_model_lag WHERE case_no = $1 AND workflow_version <= $2', [caseNo, version]);
}

/** A case's stored view and, if the read model is behind the workflow, the lag: one indexed read. */
export async function findCaseWithLag(db: Pool | PoolClient, caseNo: string): Promise<{ view?: SmallClaimView; lag?: ReadModelLag }> {
  const { rows } = await db.query<{ snapshot: SmallClaimView | null; workflow_version: number | null; since: Date | null; kind: LagKind | null; reason: string | null }>(
    `SELECT c.snapshot, l.workflow_version, l.since, l.kind, l.reason
       FROM (SELECT $1::text AS case_no) k
       LEFT JOIN sct_cases c ON c.case_no = k.case_no
       LEFT JOIN read_model_lag l ON l.case_no = k.case_no`,
    [caseNo],
  );
  const row = rows[0];
  if (!row) return {};
  const lag: ReadModelLag | undefined =
    row.workflow_version !== null && row.since !== null && row.kind !== null && row.reason !== null
      ? { caseNo, workflowVersion: row.workflow_version, since: row.since, kind: row.kind, reason: row.reason }
      : undefined;
  return { ...(row.snapshot ? { view: row.snapshot } : {}), ...(lag ? { lag } : {}) };
}
