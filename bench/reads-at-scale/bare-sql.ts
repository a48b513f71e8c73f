/**
 * The baseline: for each question, the bare SQL a person would write
 * against the same read-model tables, answering it in one statement, with
 * the indexes it needs. Where the product lacks one, `prepareBareSql`
 * creates it (as the schema's owner) and says so; the product's own reads
 * never look for it.
 *
 * A staff action and its due date live only inside each case's stored view
 * (`sct_cases.snapshot`: `pendingActions`, and the open `deadlines` a step
 * meets when the action names no date), so the bare SQL derives the work
 * items there, as domain/work-queue/items.ts derives them, and indexes each
 * open case by the earliest due date of its items for a role.
 */
import type { Pool } from 'pg';
import type { IsoDate } from '../../domain/calendar';
import type { DigestLine, DigestSection, DigestSections, OfficerDigest } from '../../domain/digest/daily-digest';
import { DIGEST_ITEMS_PER_SECTION } from '../../domain/digest/daily-digest';
import { PHASES } from '../../domain/sct/case';
import type { Stage } from '../../domain/sct/case';
import { stepSlug } from '../../domain/steps/step-kit';
import type { QueueRole, WorkItem } from '../../domain/work-queue/items';
import { likeLiteral, type CauseBookFilter, type CauseBookKey, type CauseBookRow } from '../../db/cause-book';

/** Each deadline rule and the step (as routes name it) that meets it: the phases' `meets`. */
const MEETS: readonly (readonly [string, string])[] = PHASES.flatMap((phase) =>
  Object.entries(phase.meets ?? {}).flatMap(([rule, step]) => (step === undefined ? [] : [[rule, stepSlug(step)] as const])),
);

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
const meetsValues = () => MEETS.map(([rule, step]) => `(${literal(rule)}, ${literal(step)})`).join(', ');

/** The earliest due date of a case's items for `role`, where its actions set one or meet an open period. */
const dueFunction = (name: string) => `
  CREATE OR REPLACE FUNCTION ${name}(snapshot jsonb, role text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
    SELECT min(coalesce(nullif(a ->> 'dueBy', ''),
             (SELECT min(d -> 'computation' ->> 'due') FROM jsonb_array_elements(snapshot -> 'deadlines') d
               WHERE d ->> 'status' = 'open' AND (d ->> 'rule', a ->> 'step') IN (VALUES ${meetsValues()}))))
      FROM jsonb_array_elements(snapshot -> 'pendingActions') a
     WHERE a -> 'roles' ? role
  $f$`;

const DUE = 'bench_staff_due';
const dueOf = (role: QueueRole) => `${DUE}(c.snapshot, ${literal(role)})`;

export interface BarePreparation {
  /** Indexes (and the function they index) the bare SQL needed and the product lacks. */
  created: string[];
  seconds: number;
}

/** Creates what the bare SQL needs and the product lacks, then refreshes the planner's statistics. */
export async function prepareBareSql(owner: Pool): Promise<BarePreparation> {
  const started = Date.now();
  await owner.query(dueFunction(DUE));
  const created = [`function ${DUE}(snapshot, role): the earliest due date of a case's work items for a role`];
  for (const role of ['registry-officer', 'adjudicator'] as const) {
    const name = `bench_staff_due_${role === 'adjudicator' ? 'adjudicator' : 'registry'}`;
    await owner.query(`CREATE INDEX IF NOT EXISTS ${name} ON sct_cases (${DUE}(snapshot, ${literal(role)})) WHERE stage <> 'closed'`);
    created.push(`index ${name} on sct_cases (${DUE}(snapshot, '${role}')) where the case is open`);
  }
  // The product's party-name index is a trigram index, and pg_trgm finds no trigram in Chinese
  // under the embedded server's C locale: a Chinese name is found by the characters it contains.
  await owner.query(`CREATE INDEX IF NOT EXISTS bench_parties_name_chars ON sct_parties USING gin (string_to_array(lower(name), NULL))`);
  created.push('index bench_parties_name_chars on sct_parties using gin (string_to_array(lower(name), NULL)): the characters of each name');
  await owner.query('VACUUM ANALYZE sct_cases, sct_parties, sct_hearings, work_claims');
  return { created, seconds: Math.round((Date.now() - started) / 1000) };
}

// ---------------------------------------------------------------------------
// Work items, derived in SQL from the cases chosen by `candidates`.

/** The staff work items of the cases `candidates` yields (case_no, snapshot), one row per item, with its live claim. */
const itemsOf = (candidates: string) => `
  candidates AS (${candidates}),
  actions AS (
    SELECT c.case_no, a.ord, a.act ->> 'step' AS step, nullif(a.act ->> 'party', '') AS party, a.act ->> 'note' AS note,
           a.act -> 'roles' ? 'registry-officer' AS registry, a.act -> 'roles' ? 'adjudicator' AS adjudicator,
           coalesce(nullif(a.act ->> 'dueBy', ''),
             (SELECT min(d -> 'computation' ->> 'due') FROM jsonb_array_elements(c.snapshot -> 'deadlines') d
               WHERE d ->> 'status' = 'open' AND (d ->> 'rule', a.act ->> 'step') IN (VALUES ${meetsValues()}))) AS due
      FROM candidates c, jsonb_array_elements(c.snapshot -> 'pendingActions') WITH ORDINALITY AS a(act, ord)
     WHERE a.act -> 'roles' ?| ARRAY['registry-officer', 'adjudicator']),
  items AS (
    SELECT case_no, 'sct~' || case_no || '~' || step || coalesce('~' || party, '') AS id, step, party,
           bool_or(registry) AS registry, bool_or(adjudicator) AS adjudicator, min(due) AS due,
           (array_agg(note ORDER BY ord))[1] || CASE WHEN count(*) > 1 THEN ' (and ' || (count(*) - 1) || ' more)' ELSE '' END AS title
      FROM actions GROUP BY case_no, step, party),
  held AS (
    SELECT i.*, w.claimed_by, w.claimed_by_name, w.expires_at
      FROM items i LEFT JOIN work_claims w ON w.item_id = i.id AND date_trunc('milliseconds', w.expires_at) > $1::timestamptz)`;

interface ItemRow {
  case_no: string;
  id: string;
  step: string;
  party: string | null;
  registry: boolean;
  adjudicator: boolean;
  due: string | null;
  title: string;
  claimed_by: string | null;
  claimed_by_name: string | null;
  expires_at: Date | null;
}

const toItem = (r: ItemRow): WorkItem => ({
  id: r.id,
  kind: 'sct-step',
  court: 'small-claims-tribunal',
  reference: r.case_no,
  step: r.step,
  otherSteps: [],
  roles: [...(r.registry ? (['registry-officer'] as const) : []), ...(r.adjudicator ? (['adjudicator'] as const) : [])],
  party: r.party,
  due: r.due,
  title: r.title,
  claim: r.claimed_by && r.claimed_by_name && r.expires_at ? { by: r.claimed_by, byName: r.claimed_by_name, until: r.expires_at.toISOString() } : null,
});

const roleColumn = (role: QueueRole) => (role === 'adjudicator' ? 'adjudicator' : 'registry');
const ITEM_ORDER = 'due NULLS LAST, case_no COLLATE "C", id COLLATE "C"';

/**
 * A role's first `limit` items, due first: only the open cases whose
 * earliest item is no later than the `limit`-th earliest case's (by index)
 * can hold them; with fewer dated cases than that, every open case with an
 * item for the role.
 */
export async function bareWorkQueue(pool: Pool, role: QueueRole, limit: number, nowMs: number): Promise<WorkItem[]> {
  const { rows } = await pool.query<ItemRow>(
    `WITH bound AS (
       SELECT ${dueOf(role)} AS due FROM sct_cases c WHERE c.stage <> 'closed' AND ${dueOf(role)} IS NOT NULL ORDER BY 1 OFFSET $2::int - 1 LIMIT 1),
     ${itemsOf(`
       SELECT c.case_no, c.snapshot FROM sct_cases c WHERE c.stage <> 'closed' AND ${dueOf(role)} <= (SELECT due FROM bound)
       UNION ALL
       SELECT c.case_no, c.snapshot FROM sct_cases c
        WHERE NOT EXISTS (SELECT 1 FROM bound) AND c.stage <> 'closed' AND jsonb_path_exists(c.snapshot, '$.pendingActions[*].roles[*] ? (@ == $r)', jsonb_build_object('r', $3::text))`)}
     SELECT * FROM held WHERE ${roleColumn(role)} ORDER BY ${ITEM_ORDER} LIMIT $2`,
    [new Date(nowMs).toISOString(), limit, role],
  );
  return rows.map(toItem);
}

interface SectionRow extends ItemRow {
  scope: 'mine' | 'court';
  section: keyof DigestSections;
  n: string;
}

/**
 * An officer's digest: the role's items due by `horizonEnd` (from the
 * open cases whose earliest item for the role is, by index), each section's
 * count and its first items, for the court and for what the officer holds.
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
    `WITH ${itemsOf(`SELECT c.case_no, c.snapshot FROM sct_cases c WHERE c.stage <> 'closed' AND ${dueOf(who.role)} <= $3`)},
     due AS (
       SELECT held.*, CASE WHEN due < $2 THEN 'overdue' WHEN due = $2 THEN 'dueToday' ELSE 'dueSoon' END AS section
         FROM held WHERE ${roleColumn(who.role)} AND due <= $3),
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
      const line = (r: SectionRow): DigestLine => ({ itemId: r.id, reference: r.case_no, title: r.title, due: r.due ?? '', heldBy: r.claimed_by_name });
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
