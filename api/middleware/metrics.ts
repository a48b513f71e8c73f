/**
 * Prometheus metrics (prom-client): the process's default metrics, plus a
 * request counter and a latency histogram labelled by method, route pattern
 * and status. Routes are the declared patterns (`/api/v1/sct/claims/:caseNo`),
 * never raw paths, so the label set stays small.
 *
 * One registry per process: the API serves it at /metrics through
 * `metricsHandler`; the worker can create its own with
 * `createMetricsRegistry('courtflow-worker')` and register its counters on it.
 */
import type { Request, RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

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
