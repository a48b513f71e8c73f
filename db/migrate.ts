import type { Pool } from 'pg';
import { withTransaction } from './pool';
import { migrations as all, type Migration } from './migrations';

// Any constant works; it only has to be the same for every courtflow process.
const MIGRATION_LOCK = 0x636f7572;

/**
 * Applies every migration not yet recorded, each in its own transaction.
 * An advisory lock lets several processes (API, workers) start at once.
 * Returns the ids applied by this call.
 */
export async function migrate(pool: Pool, migrations: readonly Migration[] = all): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ id: string }>('SELECT id FROM schema_migrations');
    const done = new Set(rows.map((r) => r.id));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      await withTransaction(client, async (tx) => {
        await tx.query(migration.sql);
        await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id]);
      });
      applied.push(migration.id);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
