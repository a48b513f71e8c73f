/**
 * The API's CORS policy: a browser page from another origin may call the API
 * only when its origin is listed (COURTFLOW_CORS_ORIGINS); no list, no
 * cross-origin access at all. Credentials are bearer tokens sent by the page
 * itself, never cookies, so `Access-Control-Allow-Credentials` is not sent.
 * A request from an origin not listed is still answered (it may be a server,
 * not a browser) but without the CORS headers, so a browser keeps the answer
 * from the page; a preflight from such an origin gets 403 as problem+json.
 */
import cors from 'cors';
import type { RequestHandler } from 'express';
import { Problem } from '../problem';

/** What a page may send: the API's own request headers. */
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Content-Disposition', 'Idempotency-Key', 'If-Match', 'X-Request-Id', 'Registration-Token'];
/** What a page may read: a case's version, where a new thing is, the request to quote, when to retry. */
const EXPOSED_HEADERS = ['ETag', 'Location', 'X-Request-Id', 'Retry-After'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export function corsPolicy(allowedOrigins: readonly string[]): RequestHandler[] {
  const allowed = new Set(allowedOrigins);
  const refuseForeignPreflight: RequestHandler = (req, _res, next) => {
    const origin = req.get('Origin');
    if (req.method === 'OPTIONS' && origin !== undefined && req.get('Access-Control-Request-Method') !== undefined && !allowed.has(origin)) {
      throw new Problem(403, 'origin-not-allowed', 'Origin not allowed', `Pages from ${origin} may not call this API (COURTFLOW_CORS_ORIGINS)`);
    }
    next();
  };
  const headers = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: METHODS,
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    credentials: false,
    maxAge: 600,
  });
  return [refuseForeignPreflight, headers];
}
