/**
 * What the read model knows of the moments cases wait for: standing hearings
 * not yet begun and periods still open, of small claims and of filings
 * through iCMS (training's "next event", domain/training/next-event.ts).
 */
import type { Pool } from 'pg';
import type { IsoDate } from '../domain/calendar';
import type { OpenPeriod, UpcomingHearing } from '../domain/training/next-event';

/** How many of each are read: the earliest few are all the choice needs. */
const FEW = 20;

export async function upcomingHearings(pool: Pool, after: Date): Promise<UpcomingHearing[]> {
  const { rows } = await pool.query<{ case_no: string; starts_at: Date }>(
    `SELECT case_no, starts_at FROM sct_hearings WHERE status = 'current' AND starts_at > $1 ORDER BY starts_at, case_no LIMIT ${FEW}`,
    [after],
  );
  return rows.map((r) => ({ caseNo: r.case_no, startsAt: r.starts_at.getTime() }));
}

/**
 * Open periods whose last day is `from` or later (one that ended earlier has
 * lapsed, or is about to be recorded so): a small claim's, and a filing's
 * still running (the registry's review, a rejected document's correction),
 * read from the filing's snapshot, named by its reference.
 */
export async function openPeriods(pool: Pool, from: IsoDate): Promise<OpenPeriod[]> {
  const { rows } = await pool.query<{ case_no: string; key: string; rule: string; basis: string; due: string }>(
    `(SELECT case_no, key, rule, basis, to_char(due, 'YYYY-MM-DD') AS due FROM sct_deadlines
       WHERE status = 'open' AND due >= $1::date ORDER BY due, case_no LIMIT ${FEW})
     UNION ALL
     (SELECT f.reference, d->>'key', d->>'rule', d->'computation'->>'basis', d->'computation'->>'due'
        FROM filings f CROSS JOIN LATERAL jsonb_array_elements(f.snapshot->'deadlines') AS d
       WHERE f.stage IN ('submitted', 'under-review', 'awaiting-correction') AND d->>'status' = 'open' AND d->'computation'->>'due' >= $1::text
       ORDER BY d->'computation'->>'due', f.reference LIMIT ${FEW})
     ORDER BY due, case_no`,
    [from],
  );
  return rows.map((r) => ({ caseNo: r.case_no, key: r.key, rule: r.rule, basis: r.basis, due: r.due }));
}
