/**
 * Locks a drill holds in PostgreSQL to catch the application half-way
 * through a piece of work: a query of the application waits on the lock,
 * the drill sees it waiting (in `pg_stat_activity`), does its damage, and
 * lets go. So "in the middle" is observed, never guessed with a sleep.
 */
import type { Pool, PoolClient } from 'pg';

export interface HeldLock {
  release(): Promise<void>;
}

export class DrillLocks {
  private readonly held = new Set<PoolClient>();

  /** `pool` must be a superuser's: it sees the queries of every connection. */
  constructor(private readonly pool: Pool) {}

  /** Takes the lock `sql` asks for, in a transaction kept open until released. */
  async hold(sql: string, params: unknown[] = []): Promise<HeldLock> {
    const client = await this.pool.connect();
    this.held.add(client);
    await client.query('BEGIN');
    await client.query(sql, params);
    return { release: () => this.end(client) };
  }

  /** How many queries of the application's role wait on a lock, whose text starts with `prefix` (`INSERT INTO sct_cases`). */
  async waiting(prefix: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity WHERE usename = 'courtflow_app' AND wait_event_type = 'Lock' AND query ILIKE $1`,
      [`${prefix}%`],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Lets go of every lock still held (for afterAll, whatever a failed drill left). */
  async releaseAll(): Promise<void> {
    for (const client of [...this.held]) await this.end(client);
  }

  private async end(client: PoolClient): Promise<void> {
    if (!this.held.delete(client)) return;
    try {
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  }
}
