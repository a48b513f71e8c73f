/**
 * What the work queues and the daily digest are read from: the staff work
 * items of small claims, which the projection keeps beside each case's view
 * (`sct_work_items`, migration 025), read by index in the queue's order; and
 * the filings awaiting the registry's review, whose items are derived from
 * their views (domain/work-queue/items.ts). Each item comes with its live
 * claim. Read-side only.
 *
 * The SQL asks exactly what the domain's filters ask (`visibleTo`,
 * `matchesFilter`, a due date on or before a day) and orders as
 * `compareItems` does, so a limit can be applied in the database.
 */
import type { Pool, PoolClient } from 'pg';
import type { IsoDate } from '../domain/calendar';
import type { FilingView } from '../domain/filing';
import type { SmallClaimView } from '../domain/sct/case';
import {
  filingItems,
  matchesFilter,
  sortItems,
  visibleTo,
  withClaims,
  type QueueRole,
  type WorkItem,
  type WorkQueueFilter,
} from '../domain/work-queue/items';
import { claimsOf } from './work-claims';

type Db = Pool | PoolClient;

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

/** Which items, and how many. */
export interface WorkItemQuery {
  /** Only the items this role sees (`visibleTo`); both queue roles' when absent. */
  role?: QueueRole;
  /** The queue's filters (`matchesFilter`), with the account `assignee: 'me'` means. */
  filter?: WorkQueueFilter;
  accountId?: string;
  /** Only the items due on or before this day (an item with no due date is not). */
  dueBy?: IsoDate;
  /** The first `limit` in the queue's order; all when absent. */
  limit?: number;
}

/** The partial index of each queue role (migration 025) is chosen by this literal predicate. */
const ROLE_PREDICATE: Record<QueueRole, string> = {
  'registry-officer': `'registry-officer' = ANY (w.roles)`,
  adjudicator: `'adjudicator' = ANY (w.roles)`,
};

interface ItemRow {
  item_id: string;
  case_no: string;
  step: string;
  party: string | null;
  roles: QueueRole[];
  due: IsoDate | null;
  title: string;
  claimed_by: string | null;
  claimed_by_name: string | null;
  expires_at: Date | null;
}

const toItem = (r: ItemRow): WorkItem => ({
  id: r.item_id,
  kind: 'sct-step',
  court: 'small-claims-tribunal',
  reference: r.case_no,
  step: r.step,
  otherSteps: [],
  roles: r.roles,
  party: r.party,
  due: r.due,
  title: r.title,
  claim: r.claimed_by !== null && r.claimed_by_name !== null && r.expires_at !== null ? { by: r.claimed_by, byName: r.claimed_by_name, until: r.expires_at.toISOString() } : null,
});

/**
 * Small claims' items as asked, with their live claims at `nowMs` (a claim
 * holds while its end, to the millisecond as `liveClaim` reads it, is after
 * `nowMs`), due first (no due date last), then by case number and item id.
 */
async function smallClaimItemsOf(db: Db, nowMs: number, query: WorkItemQuery): Promise<WorkItem[]> {
  // Every small claim's item is an `sct-step` of the Small Claims Tribunal.
  const { court, kind } = query.filter ?? {};
  if ((court !== undefined && court !== 'small-claims-tribunal') || (kind !== undefined && kind !== 'sct-step')) return [];
  const params: unknown[] = [new Date(nowMs).toISOString()];
  const param = (value: unknown) => `$${params.push(value)}`;
  const where: string[] = query.role ? [ROLE_PREDICATE[query.role]] : [];
  if (query.dueBy !== undefined) where.push(`w.due <= ${param(query.dueBy)}::date`);
  const assignee = query.filter?.assignee;
  if (assignee === 'unclaimed') where.push('c.item_id IS NULL');
  else if (assignee !== undefined) where.push(`c.claimed_by = ${param(assignee === 'me' ? (query.accountId ?? null) : assignee)}`);
  const { rows } = await db.query<ItemRow>(
    `SELECT w.item_id, w.case_no, w.step, w.party, w.roles, to_char(w.due, 'YYYY-MM-DD') AS due, w.title,
            c.claimed_by, c.claimed_by_name, c.expires_at
       FROM sct_work_items w
       LEFT JOIN work_claims c ON c.item_id = w.item_id AND date_trunc('milliseconds', c.expires_at) > $1::timestamptz
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY w.due NULLS LAST, w.case_no COLLATE "C", w.item_id
      ${query.limit === undefined ? '' : `LIMIT ${param(query.limit)}`}`,
    params,
  );
  return rows.map(toItem);
}

/** Filings' items as asked, with their live claims at `nowMs`. */
async function filingItemsOf(db: Db, nowMs: number, query: WorkItemQuery): Promise<WorkItem[]> {
  // A filing's item is a review or a draft's approval, never a small claim's step.
  if (query.filter?.kind === 'sct-step') return [];
  const items = (await filingsUnderReview(db)).flatMap(filingItems);
  return withClaims(items, await claimsOf(db, items.map((i) => i.id)), nowMs).filter(
    (item) =>
      (query.role === undefined || visibleTo(item, query.role)) &&
      matchesFilter(item, query.filter ?? {}, query.accountId ?? '') &&
      (query.dueBy === undefined || (item.due !== null && item.due <= query.dueBy)),
  );
}

/**
 * The work items `query` asks for, small claims' and filings', in the
 * queue's order (domain/work-queue/items.ts: `compareItems`). The queue and
 * the digest read the same.
 */
export async function workItems(db: Db, nowMs: number, query: WorkItemQuery = {}): Promise<WorkItem[]> {
  const [cases, filings] = await Promise.all([smallClaimItemsOf(db, nowMs, query), filingItemsOf(db, nowMs, query)]);
  const items = sortItems([...cases, ...filings]);
  return query.limit === undefined ? items : items.slice(0, query.limit);
}
