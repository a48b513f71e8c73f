/**
 * The CORS policy: pages from a listed origin may call the API (and read a
 * case's ETag); any other origin's page may not, its preflight refused as
 * problem+json; a request with no Origin (a server, curl) is unaffected.
 */
import { loadConfig } from '../../config';
import { CAUSE_BOOK_PATH } from '../../api/cause-book/operations';
import { startTestStack, type TestStack } from '../support/stack';

const CONSOLE = 'https://console.judiciary.example';
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ corsOrigins: [CONSOLE] });
});
afterAll(async () => {
  await stack?.stop();
});

const preflight = (origin: string, method = 'POST', headers = 'authorization,content-type,idempotency-key') =>
  fetch(`${stack.baseUrl}/api/v1/sct/claims`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
  });

describe('CORS', () => {
  it('when a listed origin asks before a POST, then it may send the API\'s headers, without credentials, for 10 minutes', async () => {
    const res = await preflight(CONSOLE);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase().split(',')).toEqual(expect.arrayContaining(['authorization', 'content-type', 'idempotency-key', 'if-match']));
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('access-control-max-age')).toBe('600');
  });

  it('when a listed origin reads, then the answer carries its origin and exposes ETag, Location and Retry-After', async () => {
    const res = await fetch(`${stack.baseUrl}${CAUSE_BOOK_PATH}`, { headers: { origin: CONSOLE } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    expect(res.headers.get('vary')).toMatch(/origin/i);
    expect(res.headers.get('access-control-expose-headers')?.split(',')).toEqual(expect.arrayContaining(['ETag', 'Location', 'Retry-After']));
  });

  it('when another origin asks before a POST, then 403 problem+json naming the origin, and no CORS header', async () => {
    const res = await preflight('https://evil.example');
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await res.json()) as { detail: string }).detail).toContain('https://evil.example');
  });

  it('when another origin reads, or a lookalike of the listed one, then no CORS header lets its page see the answer', async () => {
    for (const origin of ['https://evil.example', `${CONSOLE}.evil.example`, 'http://console.judiciary.example', 'null']) {
      const res = await fetch(`${stack.baseUrl}${CAUSE_BOOK_PATH}`, { headers: { origin } });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('when there is no Origin (a server, curl), then nothing changes', async () => {
    const res = await fetch(`${stack.baseUrl}${CAUSE_BOOK_PATH}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('COURTFLOW_CORS_ORIGINS', () => {
  it('when unset, then no origin is allowed', () => {
    expect(loadConfig({}).COURTFLOW_CORS_ORIGINS).toEqual([]);
  });

  it('when a list of origins, then each is kept', () => {
    expect(loadConfig({ COURTFLOW_CORS_ORIGINS: ` ${CONSOLE}, http://127.0.0.1:5173 ` }).COURTFLOW_CORS_ORIGINS).toEqual([CONSOLE, 'http://127.0.0.1:5173']);
  });

  it.each(['*', 'https://console.judiciary.example/', 'https://*.judiciary.example', 'console.judiciary.example', 'ftp://files.example'])(
    'when %s, then the start is refused naming the variable: an origin is scheme://host[:port] only',
    (value) => {
      expect(() => loadConfig({ COURTFLOW_CORS_ORIGINS: value })).toThrow(/COURTFLOW_CORS_ORIGINS/);
    },
  );
});
