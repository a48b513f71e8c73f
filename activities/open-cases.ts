/**
 * Which cases are open: read from the registry's records for broadcasts
 * that must reach every open case (a declared closure day).
 */
import type { Pool } from 'pg';

export interface OpenCaseDeps {
  pool: Pool;
}

/** Projected stages after which a case has nothing left to wait for. */
export const CLOSED_SMALL_CLAIM_STAGES: readonly string[] = ['closed'];

const MAX_PAGE = 1000;

export function createOpenCaseActivities({ pool }: OpenCaseDeps) {
  return {
    /**
     * Up to `limit` case numbers of open small claims after `afterCaseNo` ('' for
     * the first page), in case-number order. A case counts as open unless its
     * projection says it is closed, so a claim accepted but not yet projected
     * (sct_filings only) is included too.
     */
    async listOpenSmallClaims(afterCaseNo: string, limit: number): Promise<string[]> {
      const pageSize = Math.min(Math.max(Math.trunc(limit), 1), MAX_PAGE);
      const { rows } = await pool.query<{ case_no: string }>(
        `SELECT k.case_no FROM (
           SELECT case_no FROM sct_filings WHERE case_no > $1
           UNION
           SELECT case_no FROM sct_cases WHERE case_no > $1
         ) k
         WHERE NOT EXISTS (SELECT 1 FROM sct_cases c WHERE c.case_no = k.case_no AND c.stage = ANY($3::text[]))
         ORDER BY k.case_no
         LIMIT $2`,
        [afterCaseNo, pageSize, CLOSED_SMALL_CLAIM_STAGES],
      );
      return rows.map((r) => r.case_no);
    },

    /** Open small claims and running filings after `afterId`, in workflow-ID order (`EF-…` before `SCTC-…`). */
    async listOpenProcesses(afterId: string, limit: number): Promise<string[]> {
      const pageSize = Math.min(Math.max(Math.trunc(limit), 1), MAX_PAGE);
      const { rows } = await pool.query<{ id: string }>(
        `SELECT id FROM (
           SELECT case_no AS id FROM sct_filings WHERE case_no > $1
           UNION
           SELECT case_no FROM sct_cases WHERE case_no > $1
           UNION
           SELECT reference FROM filings WHERE reference > $1 AND stage = ANY($4::text[])
         ) k
         WHERE NOT EXISTS (SELECT 1 FROM sct_cases c WHERE c.case_no = k.id AND c.stage = ANY($3::text[]))
         ORDER BY id
         LIMIT $2`,
        [afterId, pageSize, CLOSED_SMALL_CLAIM_STAGES, RUNNING_FILING_STAGES],
      );
      return rows.map((r) => r.id);
    },
  };
}

/** Filing stages whose periods still run (or may: a draft is submitted on the calendar it holds). */
export const RUNNING_FILING_STAGES: readonly string[] = ['draft', 'submitted', 'under-review', 'awaiting-correction'];

export type OpenCaseActivities = ReturnType<typeof createOpenCaseActivities>;
