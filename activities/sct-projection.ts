/**
 * Projects small-claim workflow state into PostgreSQL, where the API reads
 * it: the case row (with its full snapshot) and its normalised parties,
 * hearings, deadlines, alerts and payments, in one transaction. Idempotent
 * and order-proof: the rows are only replaced by a newer version, so a
 * retried or late activity can never move the read model backwards.
 */
import type { Pool } from 'pg';
import { inTransaction } from '../db/pool';
import { projectCaseReadModel } from '../db/sct-read-model';
import type { SmallClaimView } from '../domain/sct/case';

export interface SctProjectionDeps {
  pool: Pool;
}

export function createSctProjectionActivities({ pool }: SctProjectionDeps) {
  return {
    async projectSmallClaim(state: SmallClaimView): Promise<void> {
      await inTransaction(pool, (tx) => projectCaseReadModel(tx, state));
    },
  };
}

export type SmallClaimActivities = ReturnType<typeof createSctProjectionActivities>;
