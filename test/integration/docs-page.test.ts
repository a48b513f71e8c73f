/**
 * /docs: Swagger UI served from this process (no CDN), under a
 * Content-Security-Policy that forbids inline script; /openapi.json beside it;
 * and no ETag from Express on any of them (the only ETag the API sends is a
 * case's version).
 *
 * The app is built with `createApp` as test/support/stack.ts builds it, over
 * a pool and a Temporal client that refuse every use: serving the docs must
 * touch neither.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import pino from 'pino';
import { createApp } from '../../api/app';
import { createTokenService } from '../../api/identity/tokens';

const untouchable = <T extends object>(name: string): T =>
  new Proxy({} as T, {
    get(_target, property) {
      throw new Error(`serving the docs used ${name}.${String(property)}`);
    },
  });

let server: Server;
let baseUrl: string;

beforeAll(async () => {
  const app = createApp({
    pool: untouchable<Pool>('the database pool'),
    temporal: untouchable<Client>('the Temporal client'),
    logger: pino({ level: 'silent' }),
    calendar: () => Promise.reject(new Error('serving the docs read the calendar')),
    version: 'test',
    tokens: createTokenService({ secret: randomBytes(32) }),
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** The directives of a Content-Security-Policy header, by name. */
const directives = (csp: string): Record<string, string[]> =>
  Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );

describe('/docs', () => {
  let res: Response;
  let html: string;
  beforeAll(async () => {
    res = await fetch(`${baseUrl}/docs`);
    html = await res.text();
  });

  test('is HTML under a CSP that allows scripts from this origin only: no inline script, no eval', () => {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = directives(res.headers.get('content-security-policy') ?? '');
    expect(csp['default-src']).toEqual(["'none'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['style-src']).toEqual(["'self'"]);
    expect(csp['connect-src']).toEqual(["'self'"]);
    expect(JSON.stringify(csp)).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  test('references only same-origin scripts and stylesheets, and has no inline script or event handler', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/docs\/assets\/[\w.-]+\.js"/);
      expect(body!.trim()).toBe('');
    }
    for (const [, href] of html.matchAll(/<link\b[^>]*\bhref="([^"]*)"/gi)) expect(href).toMatch(/^\/docs\/assets\//);
    expect(html).not.toMatch(/\son\w+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/<style\b|\sstyle\s*=/i);
  });

  test('every script and stylesheet it references is served with its content type, and without an ETag', async () => {
    const assets = [...html.matchAll(/\b(?:src|href)="(\/docs\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual(expect.arrayContaining(['/docs/assets/swagger-ui-bundle.js', '/docs/assets/swagger-ui.css']));
    for (const asset of assets) {
      const r = await fetch(`${baseUrl}${asset}`);
      expect({ asset, status: r.status }).toEqual({ asset, status: 200 });
      const type = r.headers.get('content-type') ?? '';
      if (asset.endsWith('.js')) expect(type).toMatch(/^(text|application)\/javascript/);
      if (asset.endsWith('.css')) expect(type).toMatch(/^text\/css/);
      expect(r.headers.get('etag')).toBeNull();
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      const body = await r.text();
      expect(body.length).toBeGreaterThan(0);
    }
  });

  test("the renderer is Swagger UI's bundle, and our initializer points it at this server's /openapi.json", async () => {
    const bundle = await (await fetch(`${baseUrl}/docs/assets/swagger-ui-bundle.js`)).text();
    expect(bundle).toContain('SwaggerUIBundle');
    const initializer = await (await fetch(`${baseUrl}/docs/assets/courtflow-docs.js`)).text();
    expect(initializer).toContain("url: '/openapi.json'");
    expect(initializer).toContain('queryConfigEnabled: false');
  });

  test('only the renderer files are served from the package: its own index.html and anything else answer 404', async () => {
    for (const path of ['/docs/assets/index.html', '/docs/assets/swagger-initializer.js', '/docs/assets/package.json', '/docs/assets/constructor', '/docs/assets/..%2Fpackage.json']) {
      const r = await fetch(`${baseUrl}${path}`);
      expect({ path, status: r.status }).toEqual({ path, status: 404 });
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  test('without JavaScript, the page still lists the operations and links /openapi.json', () => {
    expect(html).toMatch(/<noscript>[\s\S]*POST \/api\/v1\/sct\/claims[\s\S]*<\/noscript>/);
    expect(html).toContain('href="/openapi.json"');
  });

  test('sends no ETag', () => {
    expect(res.headers.get('etag')).toBeNull();
  });
});

describe('/openapi.json', () => {
  test('is still served: the OpenAPI 3.1 document of the operations, with no ETag', async () => {
    const res = await fetch(`${baseUrl}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('etag')).toBeNull();
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown; responses?: unknown }>> };
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.paths['/api/v1/sct/claims']?.post?.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/sct/claims']?.post?.responses).toBeDefined();
  });
});
