/**
 * The real stack in-process for integration tests: a Temporal dev server, a
 * migrated PostgreSQL, a worker and the API on a free port.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import pino from 'pino';
import { createApp } from '../../api/app';
import { currentCalendar } from '../../db/calendar';
import { createWorker } from '../../workers/worker';
import { startTestDatabase, type TestDatabase } from './postgres';
import { devServerEnvironment, workflowBundle } from './temporal';

export interface TestStack {
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  baseUrl: string;
  stop(): Promise<void>;
}

export async function startTestStack(): Promise<TestStack> {
  const [env, db] = await Promise.all([devServerEnvironment(), startTestDatabase()]);
  const worker: Worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    pool: db.pool,
    workflowBundle: await workflowBundle(),
  });
  const running = worker.run();
  const app = createApp({
    pool: db.pool,
    temporal: env.client,
    logger: pino({ level: 'silent' }),
    calendar: () => currentCalendar(db.pool),
    version: 'test',
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    env,
    db,
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      worker.shutdown();
      await running;
      await env.teardown();
      await db.stop();
    },
  };
}

/** Polls `read` until `accept` holds (a projection catching up), failing after `timeoutMs`. */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  do {
    last = await read();
    if (accept(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  } while (Date.now() < deadline);
  throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
}
