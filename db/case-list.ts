/**
 * Lists of small-claim cases for the people who work on them, read from the
 * normalised read model (db/sct-read-model.ts) and the party links
 * (db/accounts.ts):
 *
 * - an individual user: the cases their account is linked to a party of;
 * - an organisation user: the cases their organisation assigned to them, for
 *   a party the organisation is still linked to (either link gone, not listed:
 *   the same rule as `orgUserPartyInCase`);
 * - court staff and auditors: every case.
 *
 * Newest filed first (filing date, then case number, both descending); paged
 * by keyset on that pair, so a page never repeats or skips a case however
 * deep it is. A case accepted but not yet projected into `sct_cases` is not
 * listed until its workflow projects it.
 */
import type { Pool } from 'pg';
import type { Stage } from '../domain/sct/case';
import { likeLiteral, namesOf } from './cause-book';

/** Whose cases: everyone's, or one filer's. */
export type CaseListScope =
  | { kind: 'all' }
  | { kind: 'individual'; accountId: string }
  | { kind: 'org-user'; accountId: string; organisationId: string };

export interface CaseListFilter {
  stage?: Stage;
  /** A part of any party's name (claimant, represented person or defendant), any case. */
  party?: string;
  filedFrom?: string;
  filedTo?: string;
}

/** Where the previous page ended: its last case's filing date and number. */
export interface CaseListKey {
  filedOn: string;
  caseNo: string;
}

export interface CaseListRow {
  caseNo: string;
  stage: Stage;
  filedOn: string;
  /** For a filer: the party they act as or for in the case. Null for staff. */
  actingAs: { partyId: string; side: string | null; name: string | null } | null;
  claimants: string[];
  defendants: string[];
  /** The hearing standing and awaited (`current`), if any; `startsAt` is the ISO instant. */
  nextHearing: { date: string; startsAt: Date } | null;
}

interface RawRow {
  case_no: string;
  stage: Stage;
  filed_on: string;
  acting_as: string | null;
  acting_side: string | null;
  acting_name: string | null;
  claimants: string[];
  defendants: string[];
  hearing_date: string | null;
  starts_at: Date | null;
}

/** Up to `limit` cases of `scope` after `after`, newest filed first. Every value is a bound parameter. */
export async function listCases(pool: Pool, scope: CaseListScope, filter: CaseListFilter, limit: number, after?: CaseListKey): Promise<CaseListRow[]> {
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;

  // The filer's party in each case: at most one row per case (unique (case_no, account_id) links;
  // assignments keyed by (case_no, account_id)).
  let mine = '';
  if (scope.kind === 'individual') {
    mine = `JOIN (SELECT l.case_no, l.party_id FROM case_party_links l WHERE l.account_id = ${param(scope.accountId)}::uuid) me
               ON me.case_no = c.case_no`;
  } else if (scope.kind === 'org-user') {
    const account = param(scope.accountId);
    const organisation = param(scope.organisationId);
    mine = `JOIN (SELECT a.case_no, a.party_id FROM case_assignments a
                    JOIN case_party_links l ON l.case_no = a.case_no AND l.organisation_id = a.organisation_id AND l.party_id = a.party_id
                   WHERE a.account_id = ${account}::uuid AND a.organisation_id = ${organisation}::uuid) me
               ON me.case_no = c.case_no`;
  }
  const acting = scope.kind === 'all' ? 'NULL::text AS acting_as, NULL::text AS acting_side, NULL::text AS acting_name' : 'me.party_id AS acting_as, ap.side AS acting_side, ap.name AS acting_name';
  const actingJoin = scope.kind === 'all' ? '' : 'LEFT JOIN sct_parties ap ON ap.case_no = c.case_no AND ap.party_id = me.party_id';

  const where: string[] = [];
  if (filter.stage !== undefined) where.push(`c.stage = ${param(filter.stage)}`);
  if (filter.party !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM sct_parties p WHERE p.case_no = c.case_no
      AND lower(p.name) LIKE '%' || lower(${param(likeLiteral(filter.party))}) || '%' ESCAPE '\\')`);
  }
  if (filter.filedFrom !== undefined) where.push(`c.filed_on >= ${param(filter.filedFrom)}::date`);
  if (filter.filedTo !== undefined) where.push(`c.filed_on <= ${param(filter.filedTo)}::date`);
  if (after) where.push(`(c.filed_on, c.case_no) < (${param(after.filedOn)}::date, ${param(after.caseNo)}::text)`);

  const { rows } = await pool.query<RawRow>(
    `SELECT c.case_no, c.stage, to_char(c.filed_on, 'YYYY-MM-DD') AS filed_on, ${acting},
            ${namesOf('claimant')} AS claimants, ${namesOf('defendant')} AS defendants,
            to_char(h.date, 'YYYY-MM-DD') AS hearing_date, h.starts_at
       FROM sct_cases c
       ${mine}
       ${actingJoin}
       LEFT JOIN sct_hearings h ON h.case_no = c.case_no AND h.status = 'current'
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY c.filed_on DESC, c.case_no DESC
      LIMIT ${param(limit)}`,
    params,
  );
  return rows.map((r) => ({
    caseNo: r.case_no,
    stage: r.stage,
    filedOn: r.filed_on,
    actingAs: r.acting_as === null ? null : { partyId: r.acting_as, side: r.acting_side, name: r.acting_name },
    claimants: r.claimants,
    defendants: r.defendants,
    nextHearing: r.hearing_date !== null && r.starts_at !== null ? { date: r.hearing_date, startsAt: r.starts_at } : null,
  }));
}
