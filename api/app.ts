/**
 * The Express application: thin routes over use-cases, one error handler
 * that speaks RFC 9457 problem+json, and an OpenAPI document built from the
 * same operation declarations the router mounts.
 */
import { randomUUID, type KeyObject } from 'node:crypto';
import type { Client } from '@temporalio/client';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { PaymentProvider } from '../db/payment-provider/provider';
import type { CourtCalendar } from '../domain/calendar';
import { audited, auditRefusals, noteCaseReference } from './audit';
import { auditLogOperations } from './audit-log/operations';
import { auditKeyOperations } from './keys/operations';
import { idempotent } from './idempotency';
import { calendarOperations } from './calendar/operations';
import { causeBookOperations } from './cause-book/operations';
import { consoleRoutes } from './console-page';
import { docsRoutes } from './docs-page';
import { documentOperations } from './documents/operations';
import { healthOperations } from './health';
import { authenticate, authorize } from './identity/authenticate';
import { identityOperations } from './identity/operations';
import { inboxOperations } from './inbox/operations';
import { digestOperations } from './digest/operations';
import { historyOperations } from './history/operations';
import { notificationOperations } from './notifications/operations';
import type { DeliveryRetry } from '../domain/notifications/deliveries';
import { accountSearchOperations } from './identity/account-search';
import type { TokenService } from './identity/tokens';
import { corsPolicy } from './middleware/cors-policy';
import { refuseDeepJson } from './middleware/json-depth';
import { createMetricsRegistry, httpMetrics, requireMetricsToken } from './middleware/metrics';
import { firstUnstorable, refuseUnstorableText, unstorableProblem } from './middleware/storable-text';
import { rateLimit, type LoginThrottle, type RateLimitOptions, type TokenBuckets } from './middleware/rate-limit';
import { buildOpenApi, EXTRA_GET_PATHS } from './openapi';
import { rawBodyRoutes, type Operation } from './operations';
import { notFound, Problem, problemOf } from './problem';
import { sctOperations } from './sct/operations';
import { filingOperations } from './filing/operations';
import { PAYMENT_CALLBACK_PATH, paymentOperations, type WithRawBody } from './payments/operations';
import { feeOperations } from './fees/operations';
import { registrationOperations } from './registration/operations';
import { caseDocumentOperations } from './documents/case-documents';
import { parse } from './validate';
import { listClaimsOperations } from './sct/list-claims';
import { workQueueOperations } from './work-queue/operations';
import { courtClockOperations } from './training/operations';
import { exportOperations } from './export/operations';
import { wallClock, type CourtClock } from '../services/training/court-clock';

export interface AppDeps {
  pool: Pool;
  temporal: Client;
  logger: Logger;
  calendar: () => Promise<CourtCalendar>;
  version: string;
  /** Signs and checks access tokens (built from `loadIdentityConfig`). */
  tokens: TokenService;
  /** Requests per actor (or per client IP for the public); default bursts of 120, then 20 a second. */
  rateLimit?: RateLimitOptions;
  /** Sign-in throttling (a `LoginThrottle`, or a `TokenBuckets` as an extra budget per username and address); default in `identityOperations`. */
  loginLimiter?: LoginThrottle | TokenBuckets;
  /**
   * The proxies whose X-Forwarded-For is believed (addresses, CIDR ranges, or
   * `loopback`…; COURTFLOW_TRUSTED_PROXIES): Express's `trust proxy`. None by
   * default: the client is the socket's peer, whatever the request says.
   */
  trustedProxies?: readonly string[];
  /** Browser origins allowed to call the API cross-origin (COURTFLOW_CORS_ORIGINS); none by default. */
  corsOrigins?: readonly string[];
  /** Days an application to register has to be verified in person before it lapses (COURTFLOW_REGISTRATION_VERIFY_DAYS). */
  verifyWithinDays?: number;
  /** The payment service provider filings pay through (PSP_URL); unset: only prepayment accounts. */
  paymentProvider?: PaymentProvider | null;
  /** How an officer's re-send of a dead notice is retried (NOTIFICATION_RETRY_*); the default policy otherwise. */
  notificationRetry?: DeliveryRetry;
  /** Refuses new small claims while the workers are behind a burst (FILING_BACKLOG_LIMIT_SECONDS); unset, every claim is taken. */
  admitNewWork?: () => Promise<void>;
  /** The audit public key GET /api/v1/keys/audit publishes; by default the configured one (services/audit-anchor.ts). */
  auditPublicKey?: () => KeyObject;
  /** The court's clock: the machine's by default; a training stack's simulated one (services/training/court-clock.ts). */
  clock?: CourtClock;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { capacity: 120, refillPerSecond: 20 };

/** Every operation the API serves, in the order they are mounted (and documented). */
export function appOperations(appDeps: AppDeps): Operation[] {
  const clock = appDeps.clock ?? wallClock();
  // What the use-cases decide by the date (a filing's day, the fee in force, what is overdue) comes from the court's clock.
  const deps = { ...appDeps, now: () => clock.now(), today: () => clock.today() };
  return [
    ...healthOperations(deps),
    ...identityOperations({ pool: deps.pool, tokens: deps.tokens, ...(deps.loginLimiter ? { loginLimiter: deps.loginLimiter } : {}) }),
    ...accountSearchOperations(deps),
    ...sctOperations(deps),
    ...listClaimsOperations(deps),
    ...filingOperations(deps),
    ...workQueueOperations(deps),
    ...digestOperations(deps),
    ...historyOperations(deps),
    ...exportOperations(deps),
    ...paymentOperations({ pool: deps.pool, temporal: deps.temporal, provider: deps.paymentProvider ?? null }),
    ...feeOperations({ today: deps.today }),
    ...registrationOperations(deps),
    ...caseDocumentOperations(deps),
    ...calendarOperations(deps),
    ...causeBookOperations(deps),
    ...documentOperations(deps),
    ...inboxOperations(deps),
    ...notificationOperations(deps),
    ...auditLogOperations(deps),
    ...auditKeyOperations(deps),
    ...courtClockOperations({ pool: deps.pool, clock }),
  ];
}

/**
 * The middleware, in order: request ID and security headers → CORS → metrics (so
 * refused requests are counted) → JSON body → `authenticate` (sets the actor,
 * or refuses bad credentials) → rate limit (per actor, or per IP for the
 * public) → the operations, each wrapped by `audited` → /metrics, the
 * OpenAPI document, the docs page and the web console → 404 → problem+json.
 */
export function createApp(deps: AppDeps): express.Express {
  const operations = appOperations(deps);
  const metrics = httpMetrics(createMetricsRegistry('courtflow-api'));
  const openapi = buildOpenApi(operations, { version: deps.version });
  const takesRawBody = rawBodyRoutes(operations);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false); // the only ETag this API sends is a case's version, set by the case routes
  app.set('trust proxy', deps.trustedProxies && deps.trustedProxies.length > 0 ? [...deps.trustedProxies] : false);

  app.use((req, res, next) => {
    const incoming = req.get('X-Request-Id');
    const requestId = incoming && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.set({
      'X-Request-Id': requestId,
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // Method, route and status only: bodies may hold personal data and are never logged.
      deps.logger.info(
        { requestId, method: req.method, path: req.path, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 },
        'request',
      );
    });
    next();
  });
  app.use(corsPolicy(deps.corsOrigins ?? []));
  app.use(metrics.middleware);
  app.use(
    express.json({
      limit: '256kb',
      type: ['application/json', 'application/*+json'],
      // The provider's callback is signed over its exact bytes: keep them for the check.
      verify: (req, _res, buf) => {
        if (req.url?.split('?')[0] === PAYMENT_CALLBACK_PATH) (req as WithRawBody).rawBody = Buffer.from(buf);
      },
    }),
  );
  app.use(refuseDeepJson());
  app.use(refuseUnstorableText());
  app.use((req, _res, next) => {
    // A request with no body (no Content-Length, or 0, and not chunked) has nothing to misread: no type needed.
    const length = req.get('Content-Length');
    const hasBody = req.get('Transfer-Encoding') !== undefined || (length !== undefined && length.trim() !== '0');
    // An operation that reads its body as a stream (a PDF upload) checks the type itself.
    if (['POST', 'PUT', 'PATCH'].includes(req.method) && hasBody && !req.is(['application/json', 'application/*+json']) && !takesRawBody(req)) {
      throw new Problem(415, 'unsupported-media-type', 'Unsupported media type', 'Send the body as application/json');
    }
    next();
  });

  // Prometheus's own bearer token (COURTFLOW_METRICS_TOKEN), not an access token: checked before `authenticate`.
  app.get('/metrics', requireMetricsToken(), metrics.handler);
  app.use(authenticate({ pool: deps.pool, tokens: deps.tokens }));
  app.use(rateLimit(deps.rateLimit ?? DEFAULT_RATE_LIMIT));

  // A training stack's court clock is read again before each request: an officer may have moved it on.
  const clock = deps.clock;
  if (clock?.training) app.use((_req, _res, next) => void clock.sync().then(() => next(), next));
  for (const op of operations) app[op.method](op.path, guardRoles(op), idempotent(op, deps, audited(op, deps)));
  app.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use(docsRoutes(openapi));
  app.use(consoleRoutes());

  app.use(methodNotAllowed(operations));
  app.use((req: Request) => {
    throw new Problem(404, 'not-found', 'Not found', `No route ${req.method} ${req.path}`);
  });
  app.use(auditRefusals(deps));
  app.use(problemHandler(deps.logger));
  return app;
}

/**
 * 405 with `Allow` for a path the API serves with other methods than the one
 * asked (RFC 9110 s.15.5.6); a path it does not serve at all falls through
 * to 404. The paths and their methods come from the operations (and the
 * GET-only documents beside them), matched as Express matches them: any
 * segment for a `:param`, any case, an optional trailing slash.
 */
export function methodNotAllowed(operations: readonly Operation[]): express.RequestHandler {
  const byPath = new Map<string, Set<string>>();
  for (const { path, method } of [...operations, ...EXTRA_GET_PATHS.map((path) => ({ path, method: 'get' }))]) {
    const methods = byPath.get(path) ?? new Set<string>();
    methods.add(method.toUpperCase());
    byPath.set(path, methods);
  }
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
  const routes = [...byPath].map(([path, methods]) => ({
    pattern: new RegExp(`^${path.split(/(:\w+)/).map((part) => (part.startsWith(':') ? '[^/]+' : escape(part))).join('')}/?$`, 'i'),
    methods,
  }));
  return (req, res, next) => {
    const matching = routes.filter((r) => r.pattern.test(req.path));
    if (matching.length === 0) return next();
    res.set('Allow', ORDER.filter((m) => matching.some((r) => r.methods.has(m))).join(', '));
    throw new Problem(405, 'method-not-allowed', 'Method not allowed', `${req.method} is not supported on ${req.path}; use ${res.get('Allow')}`);
  };
}

/**
 * Enforces the operation's declared roles before anything else of it runs:
 * the same declaration the OpenAPI document shows. Public operations pass.
 */
export function guardRoles(op: Operation): express.RequestHandler {
  return (req, res, next) => {
    noteCaseReference(res, typeof req.params.caseNo === 'string' ? req.params.caseNo : undefined);
    const inPath = firstUnstorable(req.params);
    if (inPath !== undefined) throw unstorableProblem(inPath, 'path');
    if (op.auth === 'public') return next();
    // A malformed reference names nothing that could exist: saying so leaks nothing.
    if (op.refuseAs === 'not-found' && op.params) parse(op.params, 'path', req);
    try {
      authorize(res, ...op.auth);
    } catch (err) {
      if (op.refuseAs === 'not-found') {
        res.removeHeader('WWW-Authenticate');
        throw notFound(req.params.caseNo ? `Case ${String(req.params.caseNo)}` : 'The resource');
      }
      throw err;
    }
    next();
  };
}

/** The one error handler: anything thrown in a route leaves as RFC 9457 problem+json. */
export function problemHandler(logger: Logger): express.ErrorRequestHandler {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const problem = toProblem(err);
    if (problem.status >= 500) logger.error({ requestId: res.locals.requestId, err }, 'request failed');
    // A problem that says when to try again (a busy court, a rate limit) says it in the header clients read too.
    const retryAfter = problem.extensions.retryAfterSeconds;
    if (typeof retryAfter === 'number' && Number.isInteger(retryAfter) && retryAfter > 0) res.set('Retry-After', String(retryAfter));
    res.status(problem.status).type('application/problem+json').json(problem.body(String(res.locals.requestId ?? req.path)));
  };
}

/** Maps anything thrown in a route to a problem; internals never leak into a 500's body. */
function toProblem(err: unknown): Problem {
  const known = problemOf(err);
  if (known) return known;
  const e = err as { type?: string; status?: number };
  if (e.type === 'entity.parse.failed') return new Problem(400, 'malformed-json', 'Malformed JSON', 'The request body is not valid JSON');
  if (e.type === 'entity.too.large') return new Problem(413, 'too-large', 'Request too large', 'The request body exceeds 256 KB');
  if (e.type === 'charset.unsupported' || e.type === 'encoding.unsupported') return new Problem(415, 'unsupported-encoding', 'Unsupported encoding');
  return new Problem(500, 'internal', 'Internal error', 'The request could not be completed; quote the instance when reporting it');
}
