/**
 * A connection lost while a client is checked out (between the queries of a
 * transaction) fails that transaction as the database unreachable, and the
 * process carries on: the pool's next client works. Before, the lost
 * connection was an unhandled 'error' event and the API or worker exited.
 */
import { createPool, inTransaction } from '../../db/pool';
import { isDatabaseUnreachable } from '../../db/unreachable';
import { startTestDatabase, type TestDatabase } from '../support/postgres';

let db: TestDatabase;

beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(async () => {
  await db?.stop();
});

describe('a connection lost mid-transaction', () => {
  it('when the server ends the backend of a checked-out client, then the transaction fails as unreachable, nothing crashes, and the next query works', async () => {
    const pool = createPool(db.url, 2);
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      const failure = await inTransaction(pool, async (client) => {
        const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        // Ended from outside, as a restart or a network cut would end it, while no query of this client runs.
        // Its socket's close is awaited, not the client's error: listening for that would hide what is tested.
        const closed = new Promise<void>((resolve) => (client as unknown as { connection: { stream: NodeJS.EventEmitter } }).connection.stream.once('close', () => resolve()));
        await db.pool.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
        await closed;
        await client.query('SELECT 1');
      }).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(isDatabaseUnreachable(failure)).toBe(true);
      expect(uncaught).toEqual([]);
      const { rows } = await pool.query<{ one: number }>('SELECT 1 AS one');
      expect(rows[0]?.one).toBe(1);
    } finally {
      process.off('uncaughtException', onUncaught);
      await pool.end();
    }
  });
});
