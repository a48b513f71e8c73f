/**
 * The API's /metrics is not public: without COURTFLOW_METRICS_TOKEN it
 * refuses everyone; with it, only a request bearing that token is answered.
 * The app is the real one (`createApp`); /metrics touches neither the
 * database nor Temporal, so neither is started.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import pino from 'pino';
import { createApp } from '../../api/app';
import { createTokenService } from '../../api/identity/tokens';
import { metricsTokenFromEnv } from '../../api/middleware/metrics';

const TOKEN = 'metrics-token-for-the-test-0123456789';

async function withApp(env: { COURTFLOW_METRICS_TOKEN?: string }, work: (baseUrl: string) => Promise<void>): Promise<void> {
  const saved = process.env.COURTFLOW_METRICS_TOKEN;
  if (env.COURTFLOW_METRICS_TOKEN === undefined) delete process.env.COURTFLOW_METRICS_TOKEN;
  else process.env.COURTFLOW_METRICS_TOKEN = env.COURTFLOW_METRICS_TOKEN;
  try {
    const app = createApp({
      pool: {} as Pool,
      temporal: {} as Client,
      logger: pino({ level: 'silent' }),
      calendar: () => Promise.reject(new Error('not used')),
      version: 'test',
      tokens: createTokenService({ secret: randomBytes(32) }),
    });
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      await work(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  } finally {
    if (saved === undefined) delete process.env.COURTFLOW_METRICS_TOKEN;
    else process.env.COURTFLOW_METRICS_TOKEN = saved;
  }
}

const get = async (url: string, headers: Record<string, string> = {}) => {
  const res = await fetch(url, { headers });
  return { status: res.status, body: await res.text(), authenticate: res.headers.get('www-authenticate') };
};

describe('GET /metrics', () => {
  it('when no token is configured (the default), then an anonymous request is refused, and so is any bearer', async () => {
    await withApp({}, async (baseUrl) => {
      const anonymous = await get(`${baseUrl}/metrics`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.authenticate).toMatch(/^Bearer/);
      expect(anonymous.body).not.toContain('http_requests_total');
      expect(anonymous.body).toContain('COURTFLOW_METRICS_TOKEN');
      expect((await get(`${baseUrl}/metrics`, { authorization: 'Bearer anything-at-all-here' })).status).toBe(401);
    });
  });

  it('when a token is configured, then only a request bearing it is answered', async () => {
    await withApp({ COURTFLOW_METRICS_TOKEN: TOKEN }, async (baseUrl) => {
      expect((await get(`${baseUrl}/metrics`)).status).toBe(401);
      expect((await get(`${baseUrl}/metrics`, { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
      expect((await get(`${baseUrl}/metrics`, { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` })).status).toBe(401);
      const scraped = await get(`${baseUrl}/metrics`, { authorization: `Bearer ${TOKEN}` });
      expect(scraped.status).toBe(200);
      expect(scraped.body).toContain('http_requests_total');
      // The refusals above were counted too.
      expect(scraped.body).toMatch(/http_requests_total\{[^}]*route="\/metrics"[^}]*status="401"/);
    });
  });

  it('when the token is too short, then the configuration refuses it', () => {
    expect(() => metricsTokenFromEnv({ COURTFLOW_METRICS_TOKEN: 'short' })).toThrow(/at least 16/);
    expect(metricsTokenFromEnv({})).toBeUndefined();
  });
});
