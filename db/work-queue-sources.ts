/**
 * What the work queues are derived from: the views the read models hold of
 * small claims with an action waiting on the registry or an adjudicator, and
 * of filings awaiting the registry's review. Read-side only.
 */
import type { Pool, PoolClient } from 'pg';
import type { FilingView } from '../domain/filing';
import type { SmallClaimView } from '../domain/sct/case';
import { filingItems, smallClaimItems, withClaims, type WorkItem } from '../domain/work-queue/items';
import { claimsOf } from './work-claims';

type Db = Pool | PoolClient;

/** Open small claims with a pending action for a registry officer or an adjudicator. */
export async function smallClaimsWithStaffActions(db: Db): Promise<SmallClaimView[]> {
  const { rows } = await db.query<{ snapshot: SmallClaimView }>(
    `SELECT snapshot FROM sct_cases
      WHERE stage <> 'closed'
        AND jsonb_path_exists(snapshot, '$.pendingActions[*].roles[*] ? (@ == "registry-officer" || @ == "adjudicator")')
      ORDER BY case_no`,
  );
  return rows.map((r) => r.snapshot);
}

export async function smallClaimSnapshot(db: Db, caseNo: string): Promise<SmallClaimView | undefined> {
  const { rows } = await db.query<{ snapshot: SmallClaimView }>('SELECT snapshot FROM sct_cases WHERE case_no = $1', [caseNo]);
  return rows[0]?.snapshot;
}

/** Filings awaiting the registry's review, every one (the queue sorts and limits). */
export async function filingsUnderReview(db: Db): Promise<FilingView[]> {
  const { rows } = await db.query<{ snapshot: FilingView }>(`SELECT snapshot FROM filings WHERE stage IN ('submitted', 'under-review') ORDER BY reference`);
  return rows.map((r) => r.snapshot);
}

export async function filingSnapshot(db: Db, reference: string): Promise<FilingView | undefined> {
  const { rows } = await db.query<{ snapshot: FilingView }>('SELECT snapshot FROM filings WHERE reference = $1', [reference]);
  return rows[0]?.snapshot;
}

/** Every work item of the sources asked for, with its live claim at `nowMs` (the queue and the digest read the same). */
export async function workItems(db: Db, nowMs: number, sources: { smallClaims: boolean; filings: boolean } = { smallClaims: true, filings: true }): Promise<WorkItem[]> {
  const [cases, filings] = await Promise.all([
    sources.smallClaims ? smallClaimsWithStaffActions(db) : Promise.resolve([]),
    sources.filings ? filingsUnderReview(db) : Promise.resolve([]),
  ]);
  const items = [...cases.flatMap(smallClaimItems), ...filings.flatMap(filingItems)];
  return withClaims(items, await claimsOf(db, items.map((i) => i.id)), nowMs);
}
