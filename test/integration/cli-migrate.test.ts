import { runCli } from '../../cli/run';
import { createPool } from '../../db/pool';
import { startTestDatabase, type TestDatabase } from '../support/postgres';
let db: TestDatabase;
beforeAll(async () => { db = await startTestDatabase(); });
afterAll(async () => { await db?.stop(); });
it('courtflow migrate uses MIGRATION_DATABASE_URL and grants DATABASE_URL', async () => {
  await db.pool.query(`CREATE ROLE other_app LOGIN PASSWORD 'pw-other-app'; GRANT CONNECT ON DATABASE courtflow TO other_app`);
  const appUrl = db.appUrl.replace(/courtflow_app:[^@]*@/, 'other_app:pw-other-app@');
  const saved = { ...process.env };
  process.env.DATABASE_URL = appUrl; process.env.MIGRATION_DATABASE_URL = db.ownerUrl;
  let out = '', err = '';
  try {
    const code = await runCli(['migrate'], { stdout: (s) => (out += s), stderr: (s) => (err += s) });
    expect(code).toBe(0);
  } finally { process.env = saved; }
  expect(err).toBe('');
  const app = createPool(appUrl, 1);
  try {
    await app.query('SELECT count(*) FROM accounts');
    await expect(app.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied/);
  } finally { await app.end(); }
  process.env.DATABASE_URL = db.ownerUrl; delete process.env.MIGRATION_DATABASE_URL;
  err = '';
  try { expect(await runCli(['migrate'], { stdout: () => undefined, stderr: (s) => (err += s) })).toBe(0); } finally { process.env = saved; }
  expect(err).toMatch(/MIGRATION_DATABASE_URL is not set/);
});
