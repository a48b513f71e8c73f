import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Pool } from 'pg';
import { EMBEDDED_APP_ROLE, startEmbeddedPostgres, type RunningPostgres } from '../../cli/stack/embedded-postgres';
import { freePort } from '../../cli/stack/processes';
import { migrate } from '../../db/migrate';
import { createPool } from '../../db/pool';

export interface TestDatabase {
  /** As the server's superuser, as the tests always had it (the API under test gets the same pool). */
  pool: Pool;
  url: string;
  /** `courtflow_owner`: owns the schema, ran the migrations. */
  ownerUrl: string;
  /** `courtflow_app`: what `courtflow start` hands the worker and the API. */
  appUrl: string;
  /** The throwaway data dir (its `secrets/` holds the roles' passwords). */
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * A real, migrated PostgreSQL on a free port, in a throwaway data dir,
 * provisioned as `courtflow start` does: migrated as the owner role, with the
 * app role granted its privileges.
 */
export async function startTestDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'courtflow-pg-'));
  let server: RunningPostgres | undefined;
  try {
    server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    const owner = createPool(server.ownerUrl, 1);
    try {
      await migrate(owner, undefined, { appRole: EMBEDDED_APP_ROLE });
    } finally {
      await owner.end();
    }
    const pool = createPool(server.superuserUrl);
    const running = server;
    return {
      pool,
      url: running.superuserUrl,
      ownerUrl: running.ownerUrl,
      appUrl: running.appUrl,
      dataDir,
      async stop() {
        await pool.end();
        await running.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}
