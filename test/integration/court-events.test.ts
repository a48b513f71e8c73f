/**
 * Training's next event reads the periods cases wait on from the read
 * models: a small claim's open deadlines, and a filing's still running (the
 * registry's review, a correction), from the filing's snapshot; a decided
 * filing's and a period already over are not events.
 */
import { openPeriods } from '../../db/court-events';
import { startTestDatabase, type TestDatabase } from '../support/postgres';

let db: TestDatabase;

beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(async () => {
  await db?.stop();
});

async function aFiling(reference: string, stage: string, deadlines: { key: string; status: string; due: string }[]): Promise<void> {
  const snapshot = {
    reference,
    deadlines: deadlines.map((d) => ({ key: d.key, rule: 'icms.registry-review', status: d.status, computation: { basis: 'courtflow registry service standard', due: d.due } })),
  };
  await db.pool.query(
    `INSERT INTO filings (reference, case_no, court_level, receiving_office, filer_account_id, filer_party_id, stage, snapshot, version)
     VALUES ($1, 'SCTC-2026-000001', 'district-court', 'district-court-registry', 'a1', 'D1', $2, $3, 1)`,
    [reference, stage, JSON.stringify(snapshot)],
  );
}

it("lists a running filing's open periods by their last day, and leaves out decided filings and periods over", async () => {
  await aFiling('EF-2026-000001', 'under-review', [
    { key: 'registry-review', status: 'open', due: '2026-12-03' },
    { key: 'correction:D1', status: 'open', due: '2026-11-30' },
    { key: 'old', status: 'open', due: '2026-11-20' },
    { key: 'done', status: 'met', due: '2026-12-01' },
  ]);
  await aFiling('EF-2026-000002', 'accepted', [{ key: 'registry-review', status: 'open', due: '2026-12-02' }]);
  const periods = await openPeriods(db.pool, '2026-11-23');
  expect(periods).toEqual([
    { caseNo: 'EF-2026-000001', key: 'correction:D1', rule: 'icms.registry-review', basis: 'courtflow registry service standard', due: '2026-11-30' },
    { caseNo: 'EF-2026-000001', key: 'registry-review', rule: 'icms.registry-review', basis: 'courtflow registry service standard', due: '2026-12-03' },
  ]);
});
