/**
 * The questions asked of both sides. courtflow answers each the way the API
 * does, through the same use-case or query function with a real pool (the
 * work queue's `listWorkQueue`, the digest's `previewDigest`, the cause
 * book's `searchCauseBook`), with the run's fixed clock; the bare SQL
 * answers the same question in one statement (bare-sql.ts). Each question
 * says how to compare the two answers: the same rows, in the same order.
 */
import type { Pool } from 'pg';
import { Client } from '@temporalio/client';
import type { CourtCalendar } from '../../domain/calendar';
import { buildDigest, DIGEST_HORIZON_WORKING_DAYS } from '../../domain/digest/daily-digest';
import { hkDateOf } from '../../domain/time/hong-kong-time';
import type { QueueRole } from '../../domain/work-queue/items';
import { currentCalendar } from '../../db/court-calendar';
import { searchCauseBook, type CauseBookFilter, type CauseBookKey } from '../../db/cause-book';
import { previewDigest } from '../../services/digest/preview';
import { listWorkQueue } from '../../services/work-queue/work-queue';
import type { Caller } from '../../services/audit';
import { DEFAULT_PAGE_SIZE } from '../../api/paging';
import { bareCauseBook, bareDigest, bareWorkQueue } from './bare-sql';
import type { StaffMember } from './seed';

export interface Question {
  /** A short name for the table. */
  name: string;
  /** What is asked, in words. */
  what: string;
  courtflow: () => Promise<unknown>;
  raw: () => Promise<unknown>;
  /** How many rows (items, lines, entries) an answer holds. */
  rows: (answer: unknown) => number;
}

export interface QuestionSetup {
  courtflowPool: Pool;
  rawPool: Pool;
  ownerPool: Pool;
  now: number;
  staff: readonly StaffMember[];
}

const callerOf = (member: StaffMember): Caller => ({ actor: { id: member.accountId, role: member.role, name: member.name }, requestId: 'bench' });

const lengthOf = (answer: unknown) => (Array.isArray(answer) ? answer.length : 0);

/** A digest's lines, named in its sections. */
const digestLines = (answer: unknown) => {
  const digest = answer as { courts: { sections: Record<string, { items: unknown[] }> }[]; mine: Record<string, { items: unknown[] }> };
  const count = (sections: Record<string, { items: unknown[] }>) => Object.values(sections).reduce((n, s) => n + s.items.length, 0);
  return digest.courts.reduce((n, c) => n + count(c.sections), count(digest.mine));
};

/** The next sitting days' busiest list, a page deep in the book, and a case: chosen once from what was seeded. */
async function landmarks(owner: Pool, today: string): Promise<{ busiestDay: string; deep: CauseBookKey; caseNo: string }> {
  const day = await owner.query<{ date: string }>(
    `SELECT to_char(date, 'YYYY-MM-DD') AS date FROM sct_hearings WHERE status = 'current' AND date > $1::date AND date <= $1::date + 14
      GROUP BY date ORDER BY count(*) DESC, date LIMIT 1`,
    [today],
  );
  const deep = await owner.query<{ date: string; case_no: string }>(
    `SELECT to_char(date, 'YYYY-MM-DD') AS date, case_no FROM sct_hearings WHERE status IN ('current', 'held') ORDER BY date, case_no OFFSET 4999 LIMIT 1`,
  );
  const one = await owner.query<{ case_no: string }>(`SELECT case_no FROM sct_cases ORDER BY md5(case_no) LIMIT 1`);
  const busiestDay = day.rows[0]?.date;
  const deepRow = deep.rows[0];
  const caseNo = one.rows[0]?.case_no;
  if (!busiestDay || !deepRow || !caseNo) throw new Error('the seeded cause book has no hearing in the next 14 days, or fewer than 5,000 listed cases');
  return { busiestDay, deep: { hearingDate: deepRow.date, caseNo: deepRow.case_no }, caseNo };
}

export async function questions(setup: QuestionSetup): Promise<Question[]> {
  const { courtflowPool, rawPool, now } = setup;
  const today = hkDateOf(now);
  const calendar: CourtCalendar = await currentCalendar(setup.ownerPool);
  const horizonEnd = buildDigest([], { accountId: '', role: 'registry-officer' }, today, calendar, DIGEST_HORIZON_WORKING_DAYS).horizonEnd;
  // As the API's deps (api/main.ts): the calendar read from the database on each use; the clock fixed at the run's start.
  // The Temporal client is never used by these reads; a lazy one connects to nothing.
  const deps = { pool: courtflowPool, temporal: new Client(), calendar: () => currentCalendar(courtflowPool), now: () => new Date(now) };
  const first = (role: QueueRole) => {
    const member = setup.staff.find((m) => m.role === role);
    if (!member) throw new Error(`no ${role} was seeded`);
    return member;
  };
  const officer = first('registry-officer');
  const adjudicator = first('adjudicator');
  const limit = 50;
  const queue = (member: StaffMember): Question => ({
    name: `work queue, ${member.role === 'adjudicator' ? 'an adjudicator' : 'a registry officer'}`,
    what: `GET /api/v1/work-queue (limit ${limit}): the ${member.role}'s first ${limit} items, due first, with who holds each`,
    courtflow: async () => (await listWorkQueue(deps, callerOf(member), { limit })).items,
    raw: () => bareWorkQueue(rawPool, member.role, limit, now),
    rows: lengthOf,
  });
  const digest = (member: StaffMember): Question => ({
    name: `daily digest, ${member.role === 'adjudicator' ? 'an adjudicator' : 'a registry officer'}`,
    what: `GET /api/v1/digest/today: overdue, due today and due by ${horizonEnd} (${DIGEST_HORIZON_WORKING_DAYS} working days), and what they hold`,
    courtflow: async () => (await previewDigest(deps, callerOf(member), DIGEST_HORIZON_WORKING_DAYS)).digest,
    raw: () => bareDigest(rawPool, { accountId: member.accountId, role: member.role }, today, horizonEnd, DIGEST_HORIZON_WORKING_DAYS, now),
    rows: digestLines,
  });
  const { busiestDay, deep, caseNo } = await landmarks(setup.ownerPool, today);
  // The API asks for one entry more than the page, to know whether there is a next page.
  const page = DEFAULT_PAGE_SIZE + 1;
  const book = (name: string, what: string, filter: CauseBookFilter, after?: CauseBookKey): Question => ({
    name: `cause book, ${name}`,
    what: `GET /api/v1/cause-book${what}`,
    courtflow: () => searchCauseBook(courtflowPool, filter, page, after),
    raw: () => bareCauseBook(rawPool, filter, page, after),
    rows: lengthOf,
  });
  return [
    queue(officer),
    queue(adjudicator),
    digest(officer),
    digest(adjudicator),
    book('first page', ': the first page, no filter', {}),
    book("a day's list", `?hearingFrom=${busiestDay}&hearingTo=${busiestDay}`, { hearingFrom: busiestDay, hearingTo: busiestDay }),
    book('a page deep in', ': the page after the 5,000th entry (cursor)', {}, deep),
    book('a party, romanised', '?party=chan', { party: 'chan' }),
    book('a party, in Chinese', '?party=陳大文', { party: '陳大文' }),
    book('a case number', `?caseNo=${caseNo}`, { caseNo }),
  ];
}
