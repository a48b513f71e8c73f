/** Liveness and readiness, for operators and orchestrators. */
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { z } from 'zod';
import type { Operation } from './operations';

export interface HealthDeps {
  pool: Pool;
  temporal: Client;
}

const readiness = z
  .object({
    status: z.enum(['ready', 'not-ready']),
    checks: z.object({ temporal: z.string(), postgres: z.string() }),
  })
  .meta({ id: 'Readiness' });

/**
 * How long readiness waits for each dependency. A probe that hangs while a
 * dependency is down (the Temporal client retries for about 20 s) answers
 * nobody: an orchestrator gives up on a probe after a second or so.
 */
export const READINESS_TIMEOUT_MS = 2_000;

async function check(probe: () => Promise<unknown>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${READINESS_TIMEOUT_MS} ms`)), READINESS_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timedOut]);
    return 'ok';
  } catch (err) {
    return `unreachable: ${(err as Error).message}`;
  } finally {
    clearTimeout(timer);
  }
}

export function healthOperations({ pool, temporal }: HealthDeps): Operation[] {
  return [
    {
      method: 'get',
      path: '/healthz',
      operationId: 'healthz',
      summary: 'Liveness: the API process is running',
      tags: ['Operations'],
      auth: 'public',
      responses: { 200: { description: 'Alive', schema: z.object({ status: z.literal('ok') }) } },
      handler: (_req, res) => {
        res.json({ status: 'ok' });
      },
    },
    {
      method: 'get',
      path: '/readyz',
      operationId: 'readyz',
      summary: 'Readiness: Temporal and PostgreSQL both answer',
      tags: ['Operations'],
      auth: 'public',
      responses: {
        200: { description: 'Ready', schema: readiness },
        503: { description: 'A dependency is unreachable', schema: readiness },
      },
      handler: async (_req, res) => {
        const [temporalCheck, postgres] = await Promise.all([
          // A deadline on the call itself, so a probe leaves no call retrying behind it.
          check(() => temporal.connection.withDeadline(Date.now() + READINESS_TIMEOUT_MS, () => temporal.workflowService.getSystemInfo({}))),
          check(() => pool.query('SELECT 1')),
        ]);
        const ready = temporalCheck === 'ok' && postgres === 'ok';
        res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not-ready', checks: { temporal: temporalCheck, postgres } });
      },
    },
  ];
}
