/**
 * The API docs at `/docs`: Swagger UI (the maintained `swagger-ui-dist`
 * package) rendering `/openapi.json`, every request and response body with
 * its schema and example, served from this process so it works on a registry
 * workstation with no internet (no CDN).
 *
 *   /docs                                the page: our own HTML, no inline script or style
 *   /docs/assets/courtflow-docs.js       our initializer (points Swagger UI at /openapi.json)
 *   /docs/assets/swagger-ui-bundle.js    \
 *   /docs/assets/swagger-ui.css           } files of swagger-ui-dist, from node_modules
 *   /docs/assets/favicon-32x32.png       /
 *
 * The page's Content-Security-Policy allows scripts, styles, images and
 * fetches from this origin only; no inline script, no eval. `data:` images
 * are Swagger UI's own icons, embedded in its stylesheet. Without JavaScript
 * the page lists the operations and links the OpenAPI document.
 */
import { dirname, join } from 'node:path';
import express from 'express';

export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const ASSETS_PATH = '/docs/assets';
const INITIALIZER = 'courtflow-docs.js';

/** The only files of swagger-ui-dist that are served (its index.html and initializer point at the internet). */
const SWAGGER_UI_FILES = new Set(['swagger-ui-bundle.js', 'swagger-ui.css', 'favicon-32x32.png', 'favicon-16x16.png']);
const swaggerUiDir = () => dirname(require.resolve('swagger-ui-dist/package.json'));

/**
 * Swagger UI's settings: the document is this server's; no "try it out"
 * until asked (a request here changes a real case); tokens typed into
 * "Authorize" are not kept in localStorage; the page's own query string
 * cannot point it at another document.
 */
const INITIALIZER_SCRIPT = `'use strict';
window.addEventListener('DOMContentLoaded', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    defaultModelExpandDepth: 3,
    displayRequestDuration: true,
    persistAuthorization: false,
    queryConfigEnabled: false,
    tryItOutEnabled: false,
    validatorUrl: null
  });
});
`;

interface DocShape {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, { summary?: string }>>;
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The page: Swagger UI's stylesheet and scripts, all same-origin; a plain list of operations for readers without JavaScript. */
export function renderDocsPage(doc: DocShape): string {
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(
      ([method, op]) => `<li><code>${escape(method.toUpperCase())} ${escape(path)}</code>${op.summary ? ` ${escape(op.summary)}` : ''}</li>`,
    ),
  );
  const title = `${escape(doc.info.title)} ${escape(doc.info.version)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="${ASSETS_PATH}/swagger-ui.css">
<link rel="icon" type="image/png" href="${ASSETS_PATH}/favicon-32x32.png" sizes="32x32">
</head>
<body>
<div id="swagger-ui"></div>
<noscript>
<h1>${title}</h1>
<p>The interactive rendering needs JavaScript. The machine-readable document is <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
<ul>
${operations.join('\n')}
</ul>
</noscript>
<script src="${ASSETS_PATH}/swagger-ui-bundle.js"></script>
<script src="${ASSETS_PATH}/${INITIALIZER}"></script>
</body>
</html>
`;
}

/** Serves `/docs` and its assets. `openapi` is the document `/openapi.json` serves. */
export function docsRoutes(openapi: unknown): express.Router {
  const page = renderDocsPage(openapi as DocShape);
  const dir = swaggerUiDir();
  const router = express.Router();
  router.get('/docs', (_req, res) => {
    res.set('Content-Security-Policy', DOCS_CONTENT_SECURITY_POLICY).type('html').send(page);
  });
  router.get(`${ASSETS_PATH}/${INITIALIZER}`, (_req, res) => {
    res.set('Cache-Control', 'no-cache').type('text/javascript').send(INITIALIZER_SCRIPT);
  });
  router.get(`${ASSETS_PATH}/:file`, (req, res, next) => {
    const file = req.params.file;
    if (!SWAGGER_UI_FILES.has(file)) return next();
    // An hour's cache: the bundle is 1.5 MB and changes only with the package.
    // No ETag: the only ETag this API sends is a case's version.
    res.set('Cache-Control', 'public, max-age=3600');
    res.sendFile(join(dir, file), { etag: false });
  });
  return router;
}
