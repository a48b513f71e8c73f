/**
 * Prometheus metrics (prom-client): the process's default metrics, plus a
 * request counter and a latency histogram labelled by method, route pattern
 * and status. Routes are the declared patterns (`/api/v1/sct/claims/:caseNo`),
 * never raw paths, so the label set stays small.
 *
 * One registry per process: the API serves it at /metrics through
 * `metricsHandler`; the worker can create its own with
 * `createMetricsRegistry('courtflow-worker')` and register its counters on it.
 *
 * /metrics is not public: `requireMetricsToken` lets through only a request
 * bearing COURTFLOW_METRICS_TOKEN (`Authorization: Bearer <token>`, what
 * Prometheus sends with `authorization: { credentials: … }`); without that
 * variable it refuses everyone.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { configSchema } from '../../config';
import { Problem } from '../problem';

export function createMetricsRegistry(service: string, options: { defaultMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}

/** The route pattern that handled the request, or `(unmatched)` (404s, requests refused before routing). */
function routeOf(req: Request): string {
  const route: unknown = req.route;
  if (route && typeof route === 'object' && 'path' in route && typeof route.path === 'string') return `${req.baseUrl}${route.path}`;
  return '(unmatched)';
}

export interface HttpMetrics {
  /** Mount first, so every request is counted, refused ones included. */
  middleware: RequestHandler;
  /** `GET /metrics`, in the Prometheus text format. */
  handler: RequestHandler;
  registry: Registry;
}

export function httpMetrics(registry: Registry): HttpMetrics {
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests answered', labelNames, registers: [registry] });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    registry,
    middleware: (req, res, next) => {
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        const labels = { method: req.method, route: routeOf(req), status: String(res.statusCode) };
        requests.inc(labels);
        duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
      });
      next();
    },
    handler: async (_req, res) => {
      res.set('Content-Type', registry.contentType).send(await registry.metrics());
    },
  };
}

/** COURTFLOW_METRICS_TOKEN from the environment, checked as the configuration checks it. */
export function metricsTokenFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return configSchema.shape.COURTFLOW_METRICS_TOKEN.parse(env.COURTFLOW_METRICS_TOKEN);
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Guards /metrics: 401 (with `WWW-Authenticate: Bearer`) unless the request
 * bears `token`, compared in constant time; when no token is configured, 401
 * for everyone, saying how to enable it. Mount it before `authenticate`: the
 * metrics token is not an access token.
 */
export function requireMetricsToken(token: string | undefined = metricsTokenFromEnv()): RequestHandler {
  const expected = token === undefined ? undefined : digest(token);
  return (req, res, next) => {
    const header = req.get('Authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (expected && match && timingSafeEqual(digest(match[1]!), expected)) {
      next();
      return;
    }
    res.set('WWW-Authenticate', 'Bearer realm="metrics"');
    const detail = expected
      ? '/metrics needs the metrics bearer token (COURTFLOW_METRICS_TOKEN)'
      : '/metrics is closed: set COURTFLOW_METRICS_TOKEN and send it as a bearer token';
    next(new Problem(401, 'unauthenticated', 'Not signed in', detail));
  };
}
