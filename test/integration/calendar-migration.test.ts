/**
 * Migration 011 on a database that already holds closure days: they are kept
 * as `warning` closures, carried into the calendar's history as declared, and
 * the holiday list running cases were told of is the one every case computed
 * on before (`hk-gazette-2028.1`), so the first sync broadcasts the new list.
 */
import { migrate } from '../../db/migrate';
import { migrations } from '../../db/migrations';
import { calendarChanges, calendarSnapshot } from '../../db/court-calendar';
import { createPool } from '../../db/pool';
import { startTestDatabase, type TestDatabase } from '../support/postgres';

let db: TestDatabase;

beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(async () => {
  await db?.stop();
});

it('when 011 runs over stored closures, then they stay warnings, enter the history as declared, and the cases are on the first holiday list', async () => {
  await db.pool.query('CREATE DATABASE before_011');
  const url = new URL(db.url);
  url.pathname = '/before_011';
  const pool = createPool(url.href);
  try {
    const upTo010 = migrations.filter((m) => m.id < '011');
    expect(upTo010.map((m) => m.id).at(-1)).toBe('010-access-refusals');
    await migrate(pool, upTo010);
    await pool.query(
      `INSERT INTO court_closure_days (date, reason, declared_by, declared_by_name, declared_by_role, declared_at, closures_version)
       VALUES ('2026-07-20', 'black rainstorm warning', 'ro-1', 'Registry Officer Lee', 'registry-officer', '2026-07-20T03:00:00Z', 1)`,
    );
    await pool.query('UPDATE court_calendar_version SET closures_version = 1, broadcast_version = 1');

    expect(await migrate(pool, migrations)).toContain('011-calendar-facts');
    const snapshot = await calendarSnapshot(pool);
    expect(snapshot.calendar.closures).toEqual([{ date: '2026-07-20', reason: 'black rainstorm warning' }]);
    expect(snapshot.holidaysBroadcastVersion).toBe('hk-gazette-2028.1');
    expect(snapshot.holidaysBroadcastWorkflowId).toBeNull();
    expect(await calendarChanges(pool)).toEqual([
      expect.objectContaining({
        change: 'declared',
        date: '2026-07-20',
        reason: 'black rainstorm warning',
        kind: 'warning',
        by: { id: 'ro-1', name: 'Registry Officer Lee', role: 'registry-officer' },
        at: '2026-07-20T03:00:00.000Z',
        closuresVersion: 1,
      }),
    ]);
  } finally {
    await pool.end();
  }
});
