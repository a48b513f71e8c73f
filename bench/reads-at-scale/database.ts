/**
 * The one server this benchmark reads from: embedded PostgreSQL in a
 * throwaway data dir on a free port, started and migrated as `courtflow
 * start` starts and migrates it (bench/stack.ts does the same, beside
 * Temporal, which these reads never touch). The product reads as the
 * application role, through a pool made as the API makes its own; so does
 * the bare SQL, through a pool of its own with the same settings.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Pool } from 'pg';
import { EMBEDDED_APP_ROLE, startEmbeddedPostgres } from '../../cli/stack/embedded-postgres';
import { freePort } from '../../cli/stack/processes';
import { migrate } from '../../db/migrate';
import { createPool } from '../../db/pool';

export interface BenchDatabase {
  dataDir: string;
  /** As the schema's owner: seeding, VACUUM ANALYZE, and any index the bare SQL needs that the product lacks. */
  ownerPool: Pool;
  /** As the application role: what the product's reads use (the API's pool). */
  courtflowPool: Pool;
  /** As the application role too, a pool of its own: what the bare SQL uses. */
  rawPool: Pool;
  pid: number;
  stop(): Promise<void>;
}

export async function startBenchDatabase(options: { dataDir?: string; keep: boolean; log: (line: string) => void }): Promise<BenchDatabase> {
  // As `courtflow start`: what the server writes is its owner's alone.
  process.umask(0o077);
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'courtflow-bench-reads-'));
  mkdirSync(dataDir, { recursive: true });
  options.log(`data dir ${dataDir}`);
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  const pools: Pool[] = [];
  const stop = async () => {
    for (const pool of pools) await pool.end().catch(() => undefined);
    await server.stop();
    if (!options.keep) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const ownerPool = createPool(server.ownerUrl, 4);
    pools.push(ownerPool);
    await migrate(ownerPool, undefined, { appRole: EMBEDDED_APP_ROLE });
    // The API's own pool: createPool with its default size (api/main.ts).
    const courtflowPool = createPool(server.appUrl);
    const rawPool = createPool(server.appUrl);
    pools.push(courtflowPool, rawPool);
    return { dataDir, ownerPool, courtflowPool, rawPool, pid: server.pid, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
