/**
 * The cause book's search on a real PostgreSQL, over a few hundred small
 * claims made by the procedure itself (as the reads-at-scale benchmark makes
 * them), some with no hearing listed: every page, whatever the filter, the
 * page size or the cursor, is the page the book's definition gives (the
 * query below: every case with its listed hearing, ordered by hearing date,
 * unlisted last, then case number), though the search reads it by index in
 * up to two parts.
 */
import type { Pool } from 'pg';
import { makeCase } from '../../bench/reads-at-scale/cases';
import { likeLiteral, namesOf, searchCauseBook, type CauseBookFilter, type CauseBookKey, type CauseBookRow } from '../../db/cause-book';
import { inTransaction } from '../../db/pool';
import { projectCaseReadModel } from '../../db/sct-read-model';
import { createCalendar } from '../../domain/calendar';
import type { SmallClaimView, Stage } from '../../domain/sct/case';
import { startTestDatabase, type TestDatabase } from '../support/postgres';

const NOW = Date.parse('2026-11-23T02:00:00.000Z');

/** The book as its definition reads it: one sorted query over every case. */
async function definition(pool: Pool, filter: CauseBookFilter, limit: number, after?: CauseBookKey): Promise<CauseBookRow[]> {
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const where: string[] = [];
  if (filter.caseNo !== undefined) where.push(`c.case_no = ${param(filter.caseNo)}`);
  if (filter.party !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM sct_parties p WHERE p.case_no = c.case_no AND p.side IN ('claimant', 'defendant') AND NOT p.struck_out
      AND lower(p.name) LIKE '%' || lower(${param(likeLiteral(filter.party))}) || '%' ESCAPE '\\')`);
  }
  if (filter.hearingFrom !== undefined) where.push(`h.date >= ${param(filter.hearingFrom)}::date`);
  if (filter.hearingTo !== undefined) where.push(`h.date <= ${param(filter.hearingTo)}::date`);
  if (after) where.push(`(coalesce(h.date, 'infinity'::date), c.case_no) > (coalesce(${param(after.hearingDate)}::date, 'infinity'::date), ${param(after.caseNo)}::text)`);
  const { rows } = await pool.query<{ case_no: string; stage: Stage; claimants: string[]; defendants: string[]; hearing_date: string | null; starts_at: Date | null }>(
    `SELECT c.case_no, c.stage, ${namesOf('claimant')} AS claimants, ${namesOf('defendant')} AS defendants,
            to_char(h.date, 'YYYY-MM-DD') AS hearing_date, h.starts_at
       FROM sct_cases c
       LEFT JOIN sct_hearings h ON h.case_no = c.case_no AND h.status IN ('current', 'held')
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY coalesce(h.date, 'infinity'::date), c.case_no
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

let db: TestDatabase;
let views: SmallClaimView[];

beforeAll(async () => {
  db = await startTestDatabase();
  const made = Array.from({ length: 300 }, (_, i) => makeCase(i, { spanDays: 240, now: NOW, calendar: createCalendar(), seed: 15 }).view);
  // Cases waiting for a date.
  const waiting = made.slice(0, 6).map((v, i): SmallClaimView => ({ ...v, caseNo: `SCTC-2027-0001${50 + i}`, stage: 'awaiting-listing', hearing: null, adjournments: [] }));
  views = [...made, ...waiting];
  for (const view of views) await inTransaction(db.pool, (tx) => projectCaseReadModel(tx, view));
});
afterAll(async () => {
  await db?.stop();
});

const keyOf = (row: CauseBookRow): CauseBookKey => ({ hearingDate: row.hearing?.date ?? null, caseNo: row.caseNo });

it('when the whole book is paged through under each filter and page size, then every page is the one the definition gives', async () => {
  const listed = await definition(db.pool, {}, 1_000);
  expect(listed.filter((r) => r.hearing === null).length).toBeGreaterThanOrEqual(6);
  const someDay = listed.find((r) => r.hearing !== null && r.hearing.date > '2026-11-23')?.hearing?.date ?? '2026-12-01';
  const filters: CauseBookFilter[] = [
    {},
    { party: 'chan' },
    { party: 'WONG' },
    { party: '陳' },
    { party: '陳大文' },
    { party: 'limited' },
    { party: '%' },
    { party: 'no such name' },
    { caseNo: views[7]!.caseNo },
    { caseNo: 'SCTC-2027-000152' },
    { hearingFrom: someDay },
    { hearingTo: someDay },
    { hearingFrom: someDay, hearingTo: someDay },
    { hearingFrom: '2026-10-01', party: 'chan' },
  ];
  for (const filter of filters) {
    for (const size of [1, 2, 21, 97, 1_000]) {
      let after: CauseBookKey | undefined;
      for (let page = 0; page < 400; page++) {
        const expected = await definition(db.pool, filter, size, after);
        expect([filter, size, after, await searchCauseBook(db.pool, filter, size, after)]).toEqual([filter, size, after, expected]);
        const last = expected.at(-1);
        if (!last || expected.length < size) break;
        after = keyOf(last);
      }
    }
  }
});

it('when a cursor points past every listed hearing or into the unlisted cases, then the page is the definition\'s', async () => {
  for (const after of [
    { hearingDate: '2099-12-31', caseNo: 'SCTC-2026-000000' },
    { hearingDate: null, caseNo: 'SCTC-2027-000151' },
    { hearingDate: null, caseNo: 'SCTC-9999-999999' },
    { hearingDate: '2000-01-01', caseNo: 'SCTC-2026-000000' },
  ]) {
    expect(await searchCauseBook(db.pool, {}, 10, after)).toEqual(await definition(db.pool, {}, 10, after));
  }
});
