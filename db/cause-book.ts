/**
 * The cause book: the public list of small-claim cases and their hearings,
 * read from the normalised read model (db/sct-read-model.ts). Only what the
 * public may see leaves this module: case number, stage, the names of the
 * claimants and defendants (not represented persons, not struck-out
 * parties), and the hearing date and start (the API gives it in Hong Kong
 * time, with the tribunal's venue). Never addresses or amounts.
 *
 * Ordered by hearing date (cases with no hearing fixed last), then case
 * number; paged by keyset on that pair, so a page never repeats or skips an
 * entry however deep it is.
 */
import type { Pool } from 'pg';
import type { Stage } from '../domain/sct/case';

export interface CauseBookFilter {
  caseNo?: string;
  /** A part of a claimant's or defendant's name, any case. */
  party?: string;
  hearingFrom?: string;
  hearingTo?: string;
}

/** Where the previous page ended: its last entry's hearing date (null: none fixed) and case number. */
export interface CauseBookKey {
  hearingDate: string | null;
  caseNo: string;
}

export interface CauseBookRow {
  caseNo: string;
  stage: Stage;
  claimants: string[];
  defendants: string[];
  /** `startsAt`: the ISO instant (UTC) the list begins. */
  hearing: { date: string; startsAt: string } | null;
}

interface RawRow {
  case_no: string;
  stage: Stage;
  claimants: string[];
  defendants: string[];
  hearing_date: string | null;
  starts_at: Date | null;
}

/** `\`, `%` and `_` match themselves in a LIKE pattern (with `ESCAPE '\'`). */
export const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** SQL: the names of one side of case `c` (not struck out), in the order of the claim, as a JSON array. */
export const namesOf = (side: 'claimant' | 'defendant') => `coalesce((
    SELECT json_agg(p.name ORDER BY length(p.party_id), p.party_id) FROM sct_parties p
    WHERE p.case_no = c.case_no AND p.side = '${side}' AND NOT p.struck_out), '[]'::json)`;

/** A hearing the cause book lists: the one standing or held (one per case at most). */
const LISTED = "status IN ('current', 'held')";

/**
 * Up to `limit` entries after `after`, in cause-book order. Every value is a
 * bound parameter.
 *
 * The book is its listed cases, by hearing date and case number (read in
 * that order from the hearings' index, `sct_hearings_by_date`), followed by
 * the cases with no hearing listed, by case number. So a page is read in
 * up to two parts: the listed entries after `after`, and, only when they do
 * not fill the page, the unlisted ones. Neither sorts the whole book, and
 * names are read for the entries on the page only.
 */
export async function searchCauseBook(pool: Pool, filter: CauseBookFilter, limit: number, after?: CauseBookKey): Promise<CauseBookRow[]> {
  const listed = after?.hearingDate === null ? [] : await causeBookPart(pool, 'listed', filter, limit, after);
  // Hearing dates asked for leave out every case without one.
  const datesAsked = filter.hearingFrom !== undefined || filter.hearingTo !== undefined;
  const rest =
    listed.length >= limit || datesAsked ? [] : await causeBookPart(pool, 'unlisted', filter, limit - listed.length, after?.hearingDate === null ? after : undefined);
  return [...listed, ...rest];
}

/** One part of the book: the listed cases in (hearing date, case number) order, or the unlisted ones in case number order. */
async function causeBookPart(pool: Pool, part: 'listed' | 'unlisted', filter: CauseBookFilter, limit: number, after?: CauseBookKey): Promise<CauseBookRow[]> {
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const where: string[] = part === 'listed' ? [`h.${LISTED}`] : [`NOT EXISTS (SELECT 1 FROM sct_hearings x WHERE x.case_no = c.case_no AND x.${LISTED})`];
  if (filter.caseNo !== undefined) where.push(`c.case_no = ${param(filter.caseNo)}`);
  if (filter.party !== undefined) {
    // A name holding the term holds each of its characters: beyond ASCII (Chinese), where the trigram index finds
    // nothing, the index of each name's characters (migration 026) narrows the names to match.
    const characters = /[^\u0000-\u007f]/.test(filter.party) ? `AND string_to_array(lower(p.name), NULL) @> string_to_array(lower(${param(filter.party)}::text), NULL)` : '';
    where.push(`EXISTS (SELECT 1 FROM sct_parties p WHERE p.case_no = c.case_no AND p.side IN ('claimant', 'defendant') AND NOT p.struck_out
      AND lower(p.name) LIKE '%' || lower(${param(likeLiteral(filter.party))}) || '%' ESCAPE '\\' ${characters})`);
  }
  if (part === 'listed') {
    if (filter.hearingFrom !== undefined) where.push(`h.date >= ${param(filter.hearingFrom)}::date`);
    if (filter.hearingTo !== undefined) where.push(`h.date <= ${param(filter.hearingTo)}::date`);
    if (after?.hearingDate) where.push(`(h.date, h.case_no) > (${param(after.hearingDate)}::date, ${param(after.caseNo)}::text)`);
  } else if (after) {
    where.push(`c.case_no > ${param(after.caseNo)}::text`);
  }
  const { rows } = await pool.query<RawRow>(
    part === 'listed'
      ? `SELECT c.case_no, c.stage, ${namesOf('claimant')} AS claimants, ${namesOf('defendant')} AS defendants,
                to_char(h.date, 'YYYY-MM-DD') AS hearing_date, h.starts_at
           FROM sct_hearings h JOIN sct_cases c ON c.case_no = h.case_no
          WHERE ${where.join(' AND ')}
          ORDER BY h.date, h.case_no
          LIMIT ${param(limit)}`
      : `SELECT c.case_no, c.stage, ${namesOf('claimant')} AS claimants, ${namesOf('defendant')} AS defendants,
                NULL AS hearing_date, NULL::timestamptz AS starts_at
           FROM sct_cases c
          WHERE ${where.join(' AND ')}
          ORDER BY c.case_no
          LIMIT ${param(limit)}`,
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
