import { Pool, type PoolClient } from 'pg';

/**
 * How long a new connection may take before it counts as failed. Without it
 * a connection attempt that the network swallows (a firewall dropping
 * packets, a proxy cut mid-handshake) waits for ever, and every request
 * queued behind it for a pool slot waits with it: the API then answers
 * nothing instead of a 503 it can be retried from.
 */
const CONNECT_TIMEOUT_MS = 10_000;

export function createPool(connectionString: string, max = 10): Pool {
  const pool = new Pool({
    connectionString,
    max,
    application_name: 'courtflow',
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // TCP keepalive, so a connection whose peer vanished without a word is found dead, not waited on.
    keepAlive: true,
  });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  // Nor a checked-out one's: the pool listens for errors only while a client is idle, so a
  // connection reset between the queries of a transaction was an unhandled 'error' event that
  // ended the process. The query that meets the reset fails by itself (503), and the pool
  // discards the broken client when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** Runs `work` in one transaction on a client the caller has checked out. */
export async function withTransaction<T>(client: PoolClient, work: (client: PoolClient) => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** Runs `work` in one transaction on one checked-out client, released whatever happens. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await withTransaction(client, work);
  } finally {
    client.release();
  }
}
