/**
 * The API's operations and its OpenAPI document, built as the app builds
 * them but with nothing behind them: the pool and the Temporal client are
 * lazy and never connect, and no handler runs. For unit tests that read
 * what the API declares (its schemas, its document).
 */
import { Client } from '@temporalio/client';
import { Pool } from 'pg';
import pino from 'pino';
import { appOperations } from '../../api/app';
import { createTokenService } from '../../api/identity/tokens';
import { buildOpenApi } from '../../api/openapi';
import type { Operation } from '../../api/operations';

export interface OfflineApp {
  operations: Operation[];
  document: unknown;
  /** Ends the idle pool (call in afterAll). */
  close(): Promise<void>;
}

export function offlineApp(): OfflineApp {
  const pool = new Pool();
  const operations = appOperations({
    pool,
    temporal: new Client(),
    logger: pino({ level: 'silent' }),
    calendar: () => Promise.reject(new Error('no calendar in a unit test')),
    version: 'test',
    tokens: createTokenService({ secret: Buffer.alloc(32, 1) }),
  });
  return { operations, document: buildOpenApi(operations, { version: 'test' }), close: () => pool.end() };
}
