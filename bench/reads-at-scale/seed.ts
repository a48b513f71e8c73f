/**
 * The read models of N small claims, written straight into PostgreSQL in
 * bulk: each batch of cases is one multi-row INSERT per table (rows passed
 * as one JSON parameter and expanded with `jsonb_to_recordset`), with the
 * columns and child rows the projection writes for a case
 * (db/sct-read-model.ts: `readModelRows`). Beside them: the court's staff
 * (registry officers and adjudicators, one reading in Chinese) and claims on
 * a few of their work items, some live and some expired, as a working
 * registry would have them.
 *
 * Temporal is not involved: the three reads measured touch only these
 * tables, and a case's workflow is what writes them in production.
 */
import type { Pool } from 'pg';
import type { CourtCalendar } from '../../domain/calendar';
import type { QueueRole } from '../../domain/work-queue/items';
import { smallClaimItems } from '../../domain/work-queue/items';
import type { SmallClaimView } from '../../domain/sct/case';
import { insertAccount } from '../../db/accounts';
import { hashPassword } from '../../db/passwords';
import { readModelRows } from '../../db/sct-read-model';
import { seededRandom } from '../stats';
import { makeCase } from './cases';

export interface StaffMember {
  accountId: string;
  role: QueueRole;
  name: string;
}

export interface Seeded {
  cases: number;
  byStage: Record<string, number>;
  /** Staff work items (small claims) and how many of them are held, live or expired. */
  workItems: number;
  claims: { live: number; expired: number };
  /** Steps a case's story asked for that the rules refused then (left out). */
  refusedSteps: number;
  staff: StaffMember[];
  /** Mean size of a case's stored view (its snapshot), in bytes of JSON. */
  meanSnapshotBytes: number;
  seconds: number;
}

export interface SeedOptions {
  cases: number;
  spanDays: number;
  seed: number;
  now: number;
  calendar: CourtCalendar;
  officers: number;
  adjudicators: number;
  batch: number;
  log: (line: string) => void;
}

const CASE_COLUMNS = 'case_no text, stage text, filed_on date, latest_hearing_date date, hearing_date date, claimed_cents bigint, snapshot jsonb, version integer';

/** Each child table of the read model: its columns and their types, as the projection writes them. */
const CHILD_TABLES = [
  { table: 'sct_parties', key: 'parties', columns: 'party_id text, side text, name text, struck_out boolean' },
  { table: 'sct_hearings', key: 'hearings', columns: 'seq integer, date date, starts_at timestamptz, status text' },
  {
    table: 'sct_deadlines',
    key: 'deadlines',
    columns: 'key text, rule text, basis text, from_date date, due date, status text, owner text, explanation text',
  },
  {
    table: 'sct_alerts',
    key: 'alerts',
    columns: 'alert_id text, at timestamptz, severity text, recipient text, rule text, message text, resolved_on date, status text',
  },
  { table: 'sct_payments', key: 'payments', columns: 'payment_id text, by_party text, amount_cents bigint, paid_on date, paid_into text' },
  { table: 'sct_work_items', key: 'workItems', columns: 'item_id text, step text, party text, roles text[], due date, title text' },
] as const;

type ChildKey = (typeof CHILD_TABLES)[number]['key'];

const names = (columns: string) =>
  columns
    .split(',')
    .map((c) => c.trim().split(' ')[0])
    .join(', ');

async function insertRecords(pool: Pool, table: string, columns: string, records: readonly object[]): Promise<void> {
  if (records.length === 0) return;
  await pool.query(`INSERT INTO ${table} (${names(columns)}) SELECT ${names(columns)} FROM jsonb_to_recordset($1::jsonb) AS r(${columns})`, [JSON.stringify(records)]);
}

/** One batch of cases: the case rows first (the children reference them), then every child table. */
async function writeBatch(pool: Pool, views: readonly SmallClaimView[]): Promise<void> {
  await insertRecords(
    pool,
    'sct_cases',
    CASE_COLUMNS,
    views.map((view) => ({
      case_no: view.caseNo,
      stage: view.stage,
      filed_on: view.filedOn,
      latest_hearing_date: view.latestHearing.unextendedDue,
      hearing_date: view.hearing?.date ?? null,
      claimed_cents: view.claimedCents,
      snapshot: view,
      version: view.version,
    })),
  );
  const children = views.map((view) => ({ caseNo: view.caseNo, rows: readModelRows(view) }));
  for (const { table, key, columns } of CHILD_TABLES) {
    const records = children.flatMap(({ caseNo, rows }) => (rows[key as ChildKey] as readonly object[]).map((r) => ({ case_no: caseNo, ...r })));
    await insertRecords(pool, table, `case_no text, ${columns}`, records);
  }
}

const ROLE_NAMES: Record<QueueRole, readonly string[]> = {
  'registry-officer': ['Ho Ka Yan', 'Lam Chi Keung', 'Mak Wing Kei', 'Tsang Suk Yee', 'Chow Kin Wah', 'Yip Pui Shan', 'Fung Man Fai', 'Siu Ho Yin'],
  adjudicator: ['Leung Kwok Wai', 'Cheng Mei Ling', 'Kwok Chun Kit', 'Tse Lai Kuen', 'Yeung Tsz Chun', 'Lo Hoi Yan'],
};

/** The registry's officers and the adjudicators, as accounts; the first officer reads in Chinese. */
async function staff(pool: Pool, options: SeedOptions): Promise<StaffMember[]> {
  const members: StaffMember[] = [];
  // One hash for all: nobody signs in, and argon2 is slow by design.
  const passwordHash = await hashPassword(`bench-${options.seed}-not-for-signing-in`);
  for (const [role, count] of [
    ['registry-officer', options.officers],
    ['adjudicator', options.adjudicators],
  ] as const) {
    for (let i = 0; i < count; i++) {
      const name = `${ROLE_NAMES[role][i % ROLE_NAMES[role].length] ?? role} ${i + 1}`;
      const row = await insertAccount(pool, { username: `bench.${role}.${i + 1}`, displayName: name, role, passwordHash });
      if (!row) throw new Error(`could not add the account bench.${role}.${i + 1}`);
      members.push({ accountId: row.id, role, name });
    }
  }
  const first = members[0];
  if (first) await pool.query(`UPDATE accounts SET preferred_language = 'zh-Hant' WHERE id = $1`, [first.accountId]);
  return members;
}

/**
 * Seeds the read models. Cases are made (CPU) while the previous batch is
 * written (PostgreSQL), so the two overlap.
 */
export async function seed(pool: Pool, options: SeedOptions): Promise<Seeded> {
  const started = Date.now();
  const members = await staff(pool, options);
  const random = seededRandom(options.seed);
  const shape = { spanDays: options.spanDays, now: options.now, calendar: options.calendar, seed: options.seed };
  const byStage: Record<string, number> = {};
  const claims: { item_id: string; claimed_by: string; claimed_by_name: string; claimed_at: string; expires_at: string }[] = [];
  let workItems = 0;
  let refusedSteps = 0;
  let snapshotBytes = 0;
  let writing: Promise<void> = Promise.resolve();
  let lastLog = Date.now();
  for (let from = 0; from < options.cases; from += options.batch) {
    const views: SmallClaimView[] = [];
    for (let i = from; i < Math.min(options.cases, from + options.batch); i++) {
      const made = makeCase(i, shape);
      views.push(made.view);
      refusedSteps += made.refused;
      byStage[made.view.stage] = (byStage[made.view.stage] ?? 0) + 1;
      snapshotBytes += Buffer.byteLength(JSON.stringify(made.view));
      for (const item of smallClaimItems(made.view)) {
        workItems += 1;
        // About one item in twenty-five is held by someone: half of those claims are live, half have expired.
        if (random() >= 0.04) continue;
        const holders = members.filter((m) => item.roles.includes(m.role));
        const holder = holders[Math.floor(random() * holders.length)];
        if (!holder) continue;
        const live = random() < 0.5;
        const until = options.now + (live ? 1 + Math.floor(random() * 29) : -(1 + Math.floor(random() * 600))) * 60_000;
        claims.push({
          item_id: item.id,
          claimed_by: holder.accountId,
          claimed_by_name: holder.name,
          claimed_at: new Date(until - 30 * 60_000).toISOString(),
          expires_at: new Date(until).toISOString(),
        });
      }
    }
    await writing;
    writing = writeBatch(pool, views);
    if (Date.now() - lastLog > 15_000) {
      lastLog = Date.now();
      options.log(`seeded ${from + views.length} of ${options.cases} cases (${Math.round((Date.now() - started) / 1000)} s)`);
    }
  }
  await writing;
  for (let i = 0; i < claims.length; i += 5_000) {
    await insertRecords(pool, 'work_claims', 'item_id text, claimed_by text, claimed_by_name text, claimed_at timestamptz, expires_at timestamptz', claims.slice(i, i + 5_000));
  }
  const live = claims.filter((c) => Date.parse(c.expires_at) > options.now).length;
  return {
    cases: options.cases,
    byStage,
    workItems,
    claims: { live, expired: claims.length - live },
    refusedSteps,
    staff: members,
    meanSnapshotBytes: Math.round(snapshotBytes / Math.max(1, options.cases)),
    seconds: Math.round((Date.now() - started) / 1000),
  };
}
