import type { Pool, PoolClient } from 'pg';
import { withTransaction } from './pool';
import { migrations as all, type Migration } from './migrations';

// Any constant works; it only has to be the same for every courtflow process.
const MIGRATION_LOCK = 0x636f7572;

export interface MigrateOptions {
  /**
   * The role the worker and the API connect as. When given (and not the role
   * migrating), every migration run ends by granting it what it needs and no
   * more: see `grantAppPrivileges`.
   */
  appRole?: string;
}

/**
 * Tables the application may only read and append to: no UPDATE, DELETE or
 * TRUNCATE, whatever the triggers on them. `audit_chain_head` is updated in
 * place (its trigger lets the head move one row forward only), never inserted
 * into or deleted from; `schema_migrations` is read-only to the application.
 */
export const APPEND_ONLY_TABLES = ['audit_log', 'audit_anchors', 'prepayment_ledger'] as const;

/**
 * Applies every migration not yet recorded, each in its own transaction.
 * An advisory lock lets several processes (API, workers) start at once.
 * Returns the ids applied by this call. Run it as the role that owns the
 * schema (the embedded server's `courtflow_owner`, MIGRATION_DATABASE_URL).
 */
export async function migrate(pool: Pool, migrations: readonly Migration[] = all, options: MigrateOptions = {}): Promise<string[]> {
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
    if (options.appRole) await withTransaction(client, (tx) => grantAppPrivileges(tx, options.appRole!));
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

/**
 * The application role's privileges, granted by the role that owns the
 * schema, after every migration run (so a table a later migration adds is
 * covered at once), and as default privileges of that role (so is a table it
 * creates by hand): read and write every table, except the append-only ones
 * (SELECT and INSERT only) and the chain head (SELECT and UPDATE only); use
 * every sequence. Never TRUNCATE, REFERENCES or TRIGGER; never CREATE in the
 * schema; it owns nothing, so it can neither alter nor disable a trigger.
 * Idempotent. The README lists the same statements for an external server.
 */
export async function grantAppPrivileges(tx: PoolClient, appRole: string): Promise<void> {
  const { rows } = await tx.query<{ me: string; exists: boolean }>(
    'SELECT current_user AS me, EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists',
    [appRole],
  );
  const me = rows[0]!;
  if (!me.exists) throw new Error(`the application role ${appRole} does not exist; create it (see the README, "Security of the stored record")`);
  if (me.me === appRole) return;
  const app = tx.escapeIdentifier(appRole);
  const present = new Set(
    (await tx.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`)).rows.map((r) => r.name),
  );
  const statements = [
    `GRANT USAGE ON SCHEMA public TO ${app}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`,
    `REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM ${app}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`,
    ...APPEND_ONLY_TABLES.filter((t) => present.has(t)).map((t) => `REVOKE UPDATE, DELETE ON ${t} FROM ${app}`),
    ...(present.has('audit_chain_head') ? [`REVOKE INSERT, DELETE ON audit_chain_head FROM ${app}`] : []),
    `REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM ${app}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app}`,
  ];
  for (const sql of statements) await tx.query(sql);
}
