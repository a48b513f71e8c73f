/**
 * An Express app of the identity operations alone, assembled as api/app.ts
 * assembles the whole API (request IDs, JSON bodies, the operations, one
 * problem+json error handler), with authenticate, metrics and an optional
 * rate limit in front: for integration tests that need PostgreSQL but no
 * Temporal.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type Request } from 'express';
import pino from 'pino';
import { guardRoles, problemHandler } from '../../api/app';
import type { Pool } from 'pg';
import { authenticate } from '../../api/identity/authenticate';
import { identityOperations, type IdentityDeps } from '../../api/identity/operations';
import { createTokenService, type TokenService } from '../../api/identity/tokens';
import { createMetricsRegistry, httpMetrics } from '../../api/middleware/metrics';
import { rateLimit, type RateLimitOptions } from '../../api/middleware/rate-limit';
import { Problem } from '../../api/problem';

export interface IdentityApp {
  baseUrl: string;
  tokens: TokenService;
  stop(): Promise<void>;
}

export async function startIdentityApp(
  pool: Pool,
  options: { rateLimit?: RateLimitOptions; loginLimiter?: IdentityDeps['loginLimiter'] } = {},
): Promise<IdentityApp> {
  const tokens = createTokenService({ secret: randomBytes(32) });
  const metrics = httpMetrics(createMetricsRegistry('courtflow-test', { defaultMetrics: false }));
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.locals.requestId = randomUUID();
    res.set('X-Request-Id', String(res.locals.requestId));
    next();
  });
  app.use(metrics.middleware);
  app.use(express.json());
  app.use(authenticate({ pool, tokens }));
  if (options.rateLimit) app.use(rateLimit(options.rateLimit));
  for (const op of identityOperations({ pool, tokens, ...(options.loginLimiter ? { loginLimiter: options.loginLimiter } : {}) })) {
    app[op.method](op.path, guardRoles(op), op.handler);
  }
  app.get('/metrics', metrics.handler);
  app.use((req: Request) => {
    throw new Problem(404, 'not-found', 'Not found', `No route ${req.method} ${req.path}`);
  });
  app.use(problemHandler(pino({ level: 'error' })));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    tokens,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
