/**
 * The staff work items' read model (migration 025) on a real PostgreSQL,
 * over a few hundred small claims made by the procedure itself (as the
 * reads-at-scale benchmark makes them): backfilled by the migration from
 * views projected before it, written by the projection with each case, and
 * read by the work queue and the digest with the domain's own filters and
 * order, the limit applied in the database. Each time, the answer is the one
 * the domain derives from the views (domain/work-queue/items.ts).
 */
import { makeCase } from '../../bench/reads-at-scale/cases';
import { migrate } from '../../db/migrate';
import { migrations } from '../../db/migrations';
import { createPool, inTransaction } from '../../db/pool';
import { projectCaseReadModel } from '../../db/sct-read-model';
import { workItems, type WorkItemQuery } from '../../db/work-queue-sources';
import { addDays, createCalendar } from '../../domain/calendar';
import type { SmallClaimView } from '../../domain/sct/case';
import { hkDateOf } from '../../domain/time/hong-kong-time';
import { matchesFilter, smallClaimItems, sortItems, visibleTo, withClaims, type WorkClaim, type WorkItem } from '../../domain/work-queue/items';
import { startTestDatabase, type TestDatabase } from '../support/postgres';

const NOW = Date.parse('2026-11-23T02:00:00.000Z');
const TODAY = hkDateOf(NOW);

/** Cases of every stage, and two no procedure makes: one step twice for one party, and a closed case still naming an action. */
function cases(): SmallClaimView[] {
  const made = Array.from({ length: 300 }, (_, i) => makeCase(i, { spanDays: 240, now: NOW, calendar: createCalendar(), seed: 14 }).view);
  const unserved = made.find((v) => v.pendingActions.some((a) => a.step === 'record-service' && a.party === 'D1' && a.dueBy !== null));
  const action = unserved?.pendingActions.find((a) => a.step === 'record-service' && a.party === 'D1');
  if (!unserved || !action) throw new Error('no case with D1 unserved among those made');
  const twice: SmallClaimView = {
    ...unserved,
    caseNo: 'SCTC-2026-900001',
    pendingActions: [...unserved.pendingActions, { ...action, note: 'serve the amended claim on D1', dueBy: addDays(action.dueBy ?? TODAY, -3) }],
  };
  const closed: SmallClaimView = { ...unserved, caseNo: 'SCTC-2026-900002', stage: 'closed' };
  return [...made, twice, closed];
}

const views = cases();
const domainItems = () => views.flatMap(smallClaimItems);

interface StoredItem {
  item_id: string;
  case_no: string;
  step: string;
  party: string | null;
  roles: string[];
  due: string | null;
  title: string;
}

const asStored = (items: readonly WorkItem[]): StoredItem[] =>
  items
    .map((i) => ({ item_id: i.id, case_no: i.reference, step: i.step, party: i.party, roles: i.roles, due: i.due, title: i.title }))
    .sort((a, b) => (a.item_id < b.item_id ? -1 : 1));

const stored = async (db: TestDatabase['pool']) =>
  (
    await db.query<StoredItem>(`SELECT item_id, case_no, step, party, roles, to_char(due, 'YYYY-MM-DD') AS due, title FROM sct_work_items ORDER BY item_id COLLATE "C"`)
  ).rows;

let db: TestDatabase;

beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(async () => {
  await db?.stop();
});

it('when cases were projected before migration 025, then it backfills their items exactly as the domain derives them', async () => {
  await db.pool.query('CREATE DATABASE before_025');
  const url = new URL(db.url);
  url.pathname = '/before_025';
  const pool = createPool(url.href);
  try {
    await migrate(
      pool,
      migrations.filter((m) => m.id < '025'),
    );
    for (const view of views) {
      await pool.query(
        `INSERT INTO sct_cases (case_no, stage, filed_on, latest_hearing_date, hearing_date, claimed_cents, snapshot, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [view.caseNo, view.stage, view.filedOn, view.latestHearing.unextendedDue, view.hearing?.date ?? null, view.claimedCents, JSON.stringify(view), view.version],
      );
    }
    expect(await migrate(pool, migrations)).toContain('025-work-items');
    const expected = asStored(domainItems());
    expect(expected.some((i) => i.title.endsWith('(and 1 more)'))).toBe(true);
    expect(expected.some((i) => i.due === null)).toBe(true);
    expect(expected.some((i) => i.step === 'write-award' && i.due !== null)).toBe(true);
    expect(await stored(pool)).toEqual(expected);
  } finally {
    await pool.end();
  }
});

describe('the work items of projected cases', () => {
  beforeAll(async () => {
    for (const view of views) await inTransaction(db.pool, (tx) => projectCaseReadModel(tx, view));
    // Claims as a registry has them: live, expired, and one ending within the millisecond of now (no longer held).
    const items = domainItems();
    const claim = (i: number, by: string, untilMs: number) =>
      db.pool.query(`INSERT INTO work_claims (item_id, claimed_by, claimed_by_name, claimed_at, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
        items[i]!.id,
        by,
        `Officer ${by}`,
        new Date(untilMs - 30 * 60_000).toISOString(),
        new Date(untilMs).toISOString().replace('Z', '') + '4+00',
      ]);
    for (let i = 0; i < items.length; i += 7) await claim(i, i % 2 ? 'ro-1' : 'adj-1', NOW + (i % 3 === 0 ? -60_000 : 60_000));
    await claim(3, 'ro-1', NOW);
  });

  it('when the projection writes each case, then its rows are the domain\'s items; a newer version replaces them', async () => {
    expect(await stored(db.pool)).toEqual(asStored(domainItems()));
    const view = views.find((v) => smallClaimItems(v).length > 0 && v.stage === 'awaiting-hearing')!;
    await inTransaction(db.pool, (tx) => projectCaseReadModel(tx, { ...view, version: view.version + 1, pendingActions: [] }));
    expect((await stored(db.pool)).filter((i) => i.case_no === view.caseNo)).toEqual([]);
    await inTransaction(db.pool, (tx) => projectCaseReadModel(tx, { ...view, version: view.version + 2 }));
    expect((await stored(db.pool)).filter((i) => i.case_no === view.caseNo)).toEqual(asStored(smallClaimItems(view)));
  });

  it('when the queue and the digest read them, then each answer is the domain\'s filter of every item, in its order, to the limit', async () => {
    const claims = new Map<string, WorkClaim>(
      (
        await db.pool.query<{ item_id: string; claimed_by: string; claimed_by_name: string; expires_at: Date }>(
          'SELECT item_id, claimed_by, claimed_by_name, expires_at FROM work_claims',
        )
      ).rows.map((r) => [r.item_id, { by: r.claimed_by, byName: r.claimed_by_name, until: r.expires_at.toISOString() }]),
    );
    const all = withClaims(domainItems(), claims, NOW);
    expect(all.some((i) => i.claim !== null)).toBe(true);
    const expected = (q: WorkItemQuery) => {
      const chosen = all.filter(
        (i) =>
          (q.role === undefined || visibleTo(i, q.role)) &&
          matchesFilter(i, q.filter ?? {}, q.accountId ?? '') &&
          (q.dueBy === undefined || (i.due !== null && i.due <= q.dueBy)),
      );
      return sortItems(chosen).slice(0, q.limit ?? chosen.length);
    };
    const queries: WorkItemQuery[] = [{}, { dueBy: addDays(TODAY, 5) }];
    for (const role of ['registry-officer', 'adjudicator'] as const) {
      for (const assignee of [undefined, 'me', 'unclaimed', 'adj-1'] as const) {
        for (const limit of [undefined, 1, 50]) {
          queries.push({ role, accountId: 'ro-1', ...(assignee ? { filter: { assignee } } : {}), ...(limit ? { limit } : {}) });
        }
      }
      queries.push({ role, dueBy: TODAY }, { role, dueBy: addDays(TODAY, 5), filter: { assignee: 'me' }, accountId: 'adj-1' });
      queries.push({ role, filter: { kind: 'filing-review' } }, { role, filter: { court: 'high-court' } }, { role, filter: { kind: 'sct-step', court: 'small-claims-tribunal' }, limit: 10 });
    }
    for (const query of queries) {
      const answer = await workItems(db.pool, NOW, query);
      expect([query, answer]).toEqual([query, expected(query)]);
    }
    expect((await workItems(db.pool, NOW, { role: 'registry-officer', limit: 50 })).length).toBe(50);
  });
});
