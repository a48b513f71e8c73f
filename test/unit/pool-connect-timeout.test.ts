/**
 * A database connection the network swallows (the server accepts the TCP
 * connection and never answers) fails in bounded time, as an unreachable
 * database: a request waiting for it is answered 503, not left hanging.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createPool } from '../../db/pool';
import { isDatabaseUnreachable } from '../../db/unreachable';

let silent: Server;
const held: Socket[] = [];

beforeAll(async () => {
  silent = createServer((socket) => held.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
});
afterAll(async () => {
  for (const socket of held) socket.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

describe('a connection that is never answered', () => {
  it('when a query needs one, then it fails within the connect timeout, and the failure reads as the database unreachable', async () => {
    const { port } = silent.address() as AddressInfo;
    const pool = createPool(`postgres://courtflow:secret@127.0.0.1:${port}/courtflow`, 1);
    const started = Date.now();
    const failure = await pool.query('SELECT 1').then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(isDatabaseUnreachable(failure)).toBe(true);
    // Bounded: not the minutes (or for ever) a swallowed connection would otherwise wait.
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(held.length).toBeGreaterThanOrEqual(1);
    await pool.end();
  }, 40_000);
});
