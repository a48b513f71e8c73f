/**
 * Projects small-claim workflow state into PostgreSQL, where the API reads
 * it. Idempotent and order-proof: a row is only replaced by a newer version,
 * so a retried or late activity can never move the read model backwards.
 */
import type { Pool } from 'pg';
import type { SmallClaimView } from '../workflows/sct/contract';

export interface SctProjectionDeps {
  pool: Pool;
}

export function createSctProjectionActivities({ pool }: SctProjectionDeps) {
  return {
    async projectSmallClaim(state: SmallClaimView): Promise<void> {
      await pool.query(
        `INSERT INTO sct_cases
           (case_no, stage, filed_on, latest_hearing_date, hearing_date, claimed_cents, snapshot, version, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
         ON CONFLICT (case_no) DO UPDATE SET
           stage = EXCLUDED.stage,
           latest_hearing_date = EXCLUDED.latest_hearing_date,
           hearing_date = EXCLUDED.hearing_date,
           claimed_cents = EXCLUDED.claimed_cents,
           snapshot = EXCLUDED.snapshot,
           version = EXCLUDED.version,
           updated_at = now()
         WHERE sct_cases.version < EXCLUDED.version`,
        [
          state.caseNo,
          state.stage,
          state.filedOn,
          state.latestHearing.unextendedDue,
          state.hearing?.date ?? null,
          state.claimedCents,
          JSON.stringify(state),
          state.version,
        ],
      );
    },
  };
}

export type SmallClaimActivities = ReturnType<typeof createSctProjectionActivities>;
