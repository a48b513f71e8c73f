import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Pool } from 'pg';
import { startEmbeddedPostgres, type RunningPostgres } from '../../cli/stack/embedded-postgres';
import { freePort } from '../../cli/stack/processes';
import { migrate } from '../../db/migrate';
import { createPool } from '../../db/pool';

export interface TestDatabase {
  pool: Pool;
  url: string;
  stop(): Promise<void>;
}

/** A real, migrated PostgreSQL on a free port, in a throwaway data dir. */
export async function startTestDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'courtflow-pg-'));
  let server: RunningPostgres | undefined;
  try {
    server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    const pool = createPool(server.url);
    await migrate(pool);
    const running = server;
    return {
      pool,
      url: running.url,
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
