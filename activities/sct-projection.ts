/**
 * Projects small-claim workflow state into PostgreSQL, where the API reads
 * it: the case row (with its full snapshot) and its normalised parties,
 * hearings, deadlines, alerts and payments, in one transaction. Idempotent
 * and order-proof: the rows are only replaced by a newer version, so a
 * retried or late activity can never move the read model backwards.
 *
 * A view the database refuses as data (a value it cannot store or a broken
 * constraint) will be refused on every retry: that is a non-retryable
 * `ProjectionDataError`, so the workflow hears of it at once and says so,
 * instead of retrying forever while the read model stays behind.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import { PROJECTION_DATA_ERROR } from '../domain/read-model';
import type { SmallClaimView } from '../domain/sct/case';
import { inTransaction } from '../db/pool';
import { recordLag } from '../db/read-model-lag';
import type { ProjectionTrouble } from '../domain/read-model';
import { projectCaseReadModel } from '../db/sct-read-model';

export interface SctProjectionDeps {
  pool: Pool;
}


/** SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation): the same data fails every time. */
const isDataError = (err: unknown) => /^2[23]/.test(String((err as { code?: unknown }).code ?? ''));

export function createSctProjectionActivities({ pool }: SctProjectionDeps) {
  return {
    async projectSmallClaim(view: SmallClaimView): Promise<void> {
      try {
        await inTransaction(pool, (tx) => projectCaseReadModel(tx, view));
      } catch (err) {
        if (!isDataError(err)) throw err;
        const detail = err instanceof Error ? err.message : String(err);
        throw ApplicationFailure.create({ type: PROJECTION_DATA_ERROR, message: `the read model refused version ${view.version} of ${view.caseNo}: ${detail}`, nonRetryable: true });
      }
    },

    /** Records that the read model of `caseNo` lacks `version`, so readers are told. One small upsert: safe to retry. */
    async markReadModelBehind(caseNo: string, version: number, kind: ProjectionTrouble, reason: string): Promise<void> {
      await recordLag(pool, { caseNo, workflowVersion: version, kind, reason });
    },
  };
}
