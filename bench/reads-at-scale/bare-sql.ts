/**
 * The baseline: for each question, the bare SQL a person would write
 * against the same read-model tables, answering it in one statement, with
 * the indexes it needs. The product has each of them (migrations 004, 025
 * and 026), so the baseline creates none.
 *
 * The work queue and the digest read the staff work items' read model
 * (`sct_work_items`, migration 025) by the product's own per-role indexes on
 * (due, case number, item id): the queue takes the first rows, the digest
 * counts and ranks the items due by the horizon's end in the statement.
 * The cause book reads the hearings by date (`sct_hearings_by_date`) and a
 * party's name by its trigrams or, in Chinese, its characters.
 */
import type { Pool } from 'pg';
import type { IsoDate } from '../../domain/calendar';
import type { DigestLine, DigestSection, DigestSections, OfficerDigest } from '../../domain/digest/daily-digest';
import { DIGEST_ITEMS_PER_SECTION } from '../../domain/digest/daily-digest';
import type { Stage } from '../../domain/sct/case';
import type { QueueRole, WorkItem } from '../../domain/work-queue/items';
import { likeLiteral, type CauseBookFilter, type CauseBookKey, type CauseBookRow } from '../../db/cause-book';

// ---------------------------------------------------------------------------
// Work items.

/** The role's partial index (migration 025) is chosen by this literal predicate. */
const forRole = (role: QueueRole) => (role === 'adjudicator' ? `'adjudicator' = ANY (w.roles)` : `'registry-officer' = ANY (w.roles)`);

/** Each item with its live claim: one that ends, to the millisecond, after $1. */
const HELD = `
  SELECT w.item_id, w.case_no, w.step, w.party, w.roles, w.due, w.title, c.claimed_by, c.claimed_by_name, c.expires_at
    FROM sct_work_items w
    LEFT JOIN work_claims c ON c.item_id = w.item_id AND date_trunc('milliseconds', c.expires_at) > $1::timestamptz`;

const ITEM_ORDER = 'due NULLS LAST, case_no COLLATE "C", item_id';

interface ItemRow {
  item_id: string;
  case_no: string;
  step: string;
  party: string | null;
  roles: QueueRole[];
  due: string | null;
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
  claim: r.claimed_by && r.claimed_by_name && r.expires_at ? { by: r.claimed_by, byName: r.claimed_by_name, until: r.expires_at.toISOString() } : null,
});

/** A role's first `limit` items, due first: the first rows of the role's index. */
export async function bareWorkQueue(pool: Pool, role: QueueRole, limit: number, nowMs: number): Promise<WorkItem[]> {
  const { rows } = await pool.query<ItemRow>(
    // Ordered by the held rows' own columns (the date, not its text below), so the role's index gives the order.
    `SELECT held.item_id, held.case_no, held.step, held.party, held.roles, to_char(held.due, 'YYYY-MM-DD') AS due, held.title,
            held.claimed_by, held.claimed_by_name, held.expires_at
       FROM (${HELD} WHERE ${forRole(role)}) AS held
      ORDER BY held.due NULLS LAST, held.case_no COLLATE "C", held.item_id LIMIT $2`,
    [new Date(nowMs).toISOString(), limit],
  );
  return rows.map(toItem);
}

interface SectionRow extends ItemRow {
  scope: 'mine' | 'court';
  section: keyof DigestSections;
  n: string;
}

/**
 * An officer's digest: the role's items due by `horizonEnd` (a range of the
 * role's index), each section's count and its first items, for the court
 * and for what the officer holds, counted and ranked in the statement.
 */
export async function bareDigest(
  pool: Pool,
  who: { accountId: string; role: QueueRole },
  date: IsoDate,
  horizonEnd: IsoDate,
  horizonWorkingDays: number,
  nowMs: number,
): Promise<OfficerDigest> {
  const { rows } = await pool.query<SectionRow>(
    `WITH due AS (
       SELECT held.item_id, held.case_no, held.title, held.claimed_by, held.claimed_by_name, to_char(held.due, 'YYYY-MM-DD') AS due,
              CASE WHEN held.due < $2::date THEN 'overdue' WHEN held.due = $2::date THEN 'dueToday' ELSE 'dueSoon' END AS section
         FROM (${HELD} WHERE ${forRole(who.role)} AND w.due <= $3::date) AS held),
     scoped AS (
       SELECT 'court' AS scope, due.* FROM due
       UNION ALL
       SELECT 'mine' AS scope, due.* FROM due WHERE claimed_by = $4),
     ranked AS (
       SELECT scoped.*, count(*) OVER (PARTITION BY scope, section) AS n,
              row_number() OVER (PARTITION BY scope, section ORDER BY ${ITEM_ORDER}) AS rank
         FROM scoped)
     SELECT * FROM ranked WHERE rank <= $5 ORDER BY scope, section, rank`,
    [new Date(nowMs).toISOString(), date, horizonEnd, who.accountId, DIGEST_ITEMS_PER_SECTION],
  );
  const sections = (scope: SectionRow['scope']): DigestSections => {
    const of = (section: keyof DigestSections): DigestSection => {
      const mine = rows.filter((r) => r.scope === scope && r.section === section);
      const line = (r: SectionRow): DigestLine => ({ itemId: r.item_id, reference: r.case_no, title: r.title, due: r.due ?? '', heldBy: r.claimed_by_name });
      return { count: Number(mine[0]?.n ?? 0), items: mine.map(line) };
    };
    return { overdue: of('overdue'), dueToday: of('dueToday'), dueSoon: of('dueSoon') };
  };
  const court = sections('court');
  const any = court.overdue.count + court.dueToday.count + court.dueSoon.count > 0;
  return {
    date,
    role: who.role,
    horizonEnd,
    horizonWorkingDays,
    mine: sections('mine'),
    courts: any ? [{ court: 'small-claims-tribunal', sections: court }] : [],
  };
}

// ---------------------------------------------------------------------------
// The cause book.

interface BookRow {
  case_no: string;
  stage: Stage;
  claimants: string[];
  defendants: string[];
  hearing_date: string | null;
  starts_at: Date | null;
}

/** Characters pg_trgm makes no trigram of under a C locale (anything beyond ASCII): found by the characters index instead. */
const beyondAscii = (text: string) => /[^\u0000-\u007f]/.test(text);

/**
 * A page of the cause book: hearings in date order straight from the
 * product's index on (date, case number), then the cases with no hearing
 * by case number, each part stopping at the page's length; names only for
 * the entries on the page. Every listed entry comes before every unlisted
 * one, so the page is the first `limit` rows of the two parts in turn: the
 * append runs them in turn and stops as soon as the page is full, and the
 * second part (a scan for cases with no listed hearing) only runs when the
 * first leaves room.
 */
export async function bareCauseBook(pool: Pool, filter: CauseBookFilter, limit: number, after?: CauseBookKey): Promise<CauseBookRow[]> {
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const listed: string[] = ["h.status IN ('current', 'held')"];
  const unlisted: string[] = ["NOT EXISTS (SELECT 1 FROM sct_hearings x WHERE x.case_no = c.case_no AND x.status IN ('current', 'held'))"];
  if (filter.caseNo !== undefined) {
    const p = param(filter.caseNo);
    listed.push(`h.case_no = ${p}`);
    unlisted.push(`c.case_no = ${p}`);
  }
  if (filter.party !== undefined) {
    const pattern = param(likeLiteral(filter.party));
    const chars = beyondAscii(filter.party) ? ` AND string_to_array(lower(p.name), NULL) @> string_to_array(lower(${param(filter.party)}::text), NULL)` : '';
    const named = (caseNo: string) =>
      `EXISTS (SELECT 1 FROM sct_parties p WHERE p.case_no = ${caseNo} AND p.side IN ('claimant', 'defendant') AND NOT p.struck_out
         AND lower(p.name) LIKE '%' || lower(${pattern}) || '%' ESCAPE '\\'${chars})`;
    listed.push(named('h.case_no'));
    unlisted.push(named('c.case_no'));
  }
  const dated = filter.hearingFrom !== undefined || filter.hearingTo !== undefined;
  if (filter.hearingFrom !== undefined) listed.push(`h.date >= ${param(filter.hearingFrom)}::date`);
  if (filter.hearingTo !== undefined) listed.push(`h.date <= ${param(filter.hearingTo)}::date`);
  if (after?.hearingDate) listed.push(`(h.date, h.case_no) > (${param(after.hearingDate)}::date, ${param(after.caseNo)}::text)`);
  if (after && after.hearingDate === null) unlisted.push(`c.case_no > ${param(after.caseNo)}::text`);
  const n = param(limit);
  const parts = [
    after && after.hearingDate === null
      ? null
      : `(SELECT h.case_no, h.date, h.starts_at FROM sct_hearings h WHERE ${listed.join(' AND ')} ORDER BY h.date, h.case_no LIMIT ${n})`,
    dated ? null : `(SELECT c.case_no, NULL::date AS date, NULL::timestamptz AS starts_at FROM sct_cases c WHERE ${unlisted.join(' AND ')} ORDER BY c.case_no LIMIT ${n})`,
  ].filter((part): part is string => part !== null);
  if (parts.length === 0) return [];
  const names = (side: string) =>
    `coalesce((SELECT json_agg(p.name ORDER BY length(p.party_id), p.party_id) FROM sct_parties p
       WHERE p.case_no = page.case_no AND p.side = '${side}' AND NOT p.struck_out), '[]'::json)`;
  const { rows } = await pool.query<BookRow>(
    `SELECT page.case_no, c.stage, ${names('claimant')} AS claimants, ${names('defendant')} AS defendants,
            to_char(page.date, 'YYYY-MM-DD') AS hearing_date, page.starts_at
       FROM (SELECT * FROM (${parts.join(' UNION ALL ')}) AS entries LIMIT ${n}) AS page
       JOIN sct_cases c ON c.case_no = page.case_no
      ORDER BY page.date NULLS LAST, page.case_no`,
    params,
  );
  return rows.map((r) => ({
    caseNo: r.case_no,
    stage: r.stage,
    claimants: r.claimants,
    defendants: r.defendants,
    hearing: r.hearing_date !== null && r.starts_at !== null ? { date: r.hearing_date, startsAt: r.starts_at.toISOString() } : null,
  }));
}
