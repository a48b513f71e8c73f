/**
 * The served OpenAPI document tells the truth about the live API: every
 * status an operation can answer is declared (derived from what each
 * operation takes, for every operation the app mounts), every problem the API
 * writes validates against the declared Problem schema, a method a path does
 * not support is 405 with Allow, a POST with nothing to send needs no content
 * type, and what a parameter's schema allows the handler accepts.
 */
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import pino from 'pino';
import { appOperations } from '../../api/app';
import { createTokenService } from '../../api/identity/tokens';
import { portablePattern } from '../../api/openapi';
import type { Operation } from '../../api/operations';
import { currentCalendar } from '../../db/court-calendar';
import { aClaim } from '../support/claims';
import { eventually, startTestStack, type SignedIn, type TestStack } from '../support/stack';

type Json = Record<string, unknown>;
interface DocOperation {
  operationId: string;
  parameters: { name: string; in: string; required: boolean; schema: Json }[];
  requestBody?: { required: boolean; content: Record<string, { schema: Json }> };
  responses: Record<string, { description: string; headers?: Record<string, Json>; content?: Record<string, { schema: Json }> }>;
}
interface Document {
  paths: Record<string, Record<string, DocOperation>>;
  components: { schemas: Record<string, Json> };
}

let stack: TestStack;
let doc: Document;
let operations: Operation[];
let filer: SignedIn;
let officer: SignedIn;
let caseNo: string;

beforeAll(async () => {
  stack = await startTestStack();
  operations = appOperations({
    pool: stack.db.pool,
    temporal: stack.env.client,
    logger: pino({ level: 'silent' }),
    calendar: () => currentCalendar(stack.db.pool),
    version: 'test',
    tokens: createTokenService({ secret: Buffer.alloc(32, 1) }),
  });
  doc = (await (await fetch(`${stack.baseUrl}/openapi.json`)).json()) as Document;
  officer = await stack.officer();
  filer = await stack.newIndividual();
  const filed = await fetch(`${stack.baseUrl}/api/v1/sct/claims`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...filer.headers },
    body: JSON.stringify(aClaim()),
  });
  expect(filed.status).toBe(201);
  caseNo = ((await filed.json()) as { caseNo: string }).caseNo;
  await eventually(
    async () => (await fetch(`${stack.baseUrl}/api/v1/sct/claims/${caseNo}`, { headers: filer.headers })).status,
    (status) => status === 200,
  );
});
afterAll(async () => {
  await stack?.stop();
});

const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');
const documented = (op: Operation): DocOperation => {
  const found = doc.paths[openApiPath(op.path)]?.[op.method];
  if (!found) throw new Error(`${op.method} ${op.path} is not in /openapi.json`);
  return found;
};
const headerNames = (d: DocOperation) => d.parameters.filter((p) => p.in === 'header').map((p) => p.name);

/** Resolves `#/components/schemas/…` references. */
const deref = (schema: Json): Json => {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const name = ref.replace('#/components/schemas/', '');
  const target = doc.components.schemas[name];
  if (!target) throw new Error(`dangling reference ${ref}`);
  return deref(target);
};

/**
 * Validates `value` against a JSON Schema of the kind the document uses
 * (type, properties, required, additionalProperties, items, enum, const,
 * minimum, maximum, anyOf, oneOf, $ref); returns what does not fit.
 */
function validate(value: unknown, raw: Json, at = '$'): string[] {
  const schema = deref(raw);
  const errors: string[] = [];
  const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
  if (schema.type !== undefined) {
    const types = ([] as unknown[]).concat(schema.type);
    const actual = typeOf(value);
    if (!types.includes(actual) && !(actual === 'integer' && types.includes('number'))) return [`${at}: ${actual} is not ${types.join(' or ')}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if ('const' in schema && schema.const !== value) errors.push(`${at}: ${JSON.stringify(value)} is not ${JSON.stringify(schema.const)}`);
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${at}: below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${at}: above ${schema.maximum}`);
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options) && !options.some((o) => validate(value, o as Json, at).length === 0)) errors.push(`${at}: fits none of ${key}`);
  }
  if (Array.isArray(value) && schema.items) value.forEach((item, i) => errors.push(...validate(item, schema.items as Json, `${at}[${i}]`)));
  if (typeOf(value) === 'object') {
    const object = value as Json;
    const properties = (schema.properties ?? {}) as Record<string, Json>;
    for (const name of (schema.required ?? []) as string[]) if (!(name in object)) errors.push(`${at}.${name}: required`);
    for (const [name, member] of Object.entries(object)) {
      if (properties[name]) errors.push(...validate(member, properties[name], `${at}.${name}`));
      else if (schema.additionalProperties === false) errors.push(`${at}.${name}: not allowed`);
      else if (typeof schema.additionalProperties === 'object') errors.push(...validate(member, schema.additionalProperties as Json, `${at}.${name}`));
    }
  }
  return errors;
}

/** A request, and the schema the document declares for its answer's status and content type. */
async function answerAgainstDocument(op: Operation, init: { path: string; headers?: Record<string, string>; body?: unknown }) {
  const res = await fetch(`${stack.baseUrl}${init.path}`, {
    method: op.method.toUpperCase(),
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const body = (await res.json()) as Json;
  const declared = documented(op).responses[String(res.status)];
  const contentType = (res.headers.get('content-type') ?? '').split(';')[0] as string;
  return { status: res.status, body, declared, contentType, schema: declared?.content?.[contentType]?.schema };
}

const byId = (id: string): Operation => {
  const op = operations.find((o) => o.operationId === id);
  if (!op) throw new Error(`no operation ${id}`);
  return op;
};

describe('every status an operation can answer is declared', () => {
  it('when the document is read, then each operation declares 400, 429 and 500, and 401, 403, 404, 412, 413, 415 and 422 as what it takes calls for', () => {
    const missing: string[] = [];
    for (const op of operations) {
      const d = documented(op);
      const statuses = new Set(Object.keys(d.responses).map(Number));
      const headers = headerNames(d);
      const wanted = [400, 429, 500, 401];
      if (op.auth !== 'public') wanted.push(...(op.refuseAs === 'not-found' ? [404] : [403]));
      if (op.params) wanted.push(404);
      if (headers.includes('If-Match')) wanted.push(412);
      if (op.body || op.method === 'post') wanted.push(413, 415);
      if (headers.includes('Idempotency-Key')) wanted.push(422);
      for (const status of wanted) if (!statuses.has(status)) missing.push(`${op.method.toUpperCase()} ${op.path} (${op.operationId}): ${status}`);
      if (op.idempotency === 'replay' && !headers.includes('Idempotency-Key')) missing.push(`${op.operationId}: the Idempotency-Key header`);
    }
    expect(missing).toEqual([]);
  });

  it('when an operation declares a status itself, then its own description is the one documented', () => {
    for (const op of operations) {
      for (const [status, spec] of Object.entries(op.responses)) {
        expect([op.operationId, status, documented(op).responses[status]?.description]).toEqual([op.operationId, status, spec.description]);
      }
    }
    expect(documented(byId('getSmallClaim')).responses['404']?.description).toBe('No such case, or not one you may see');
  });

  it('when an error status is derived, then it is problem+json with the Problem schema, and 429 names Retry-After', () => {
    for (const op of operations) {
      const d = documented(op);
      // 503 is derived unless the operation says what its own 503 is (readiness answers with its checks).
      for (const status of ['400', '429', '500', '503'].filter((s) => s !== '503' || !(503 in op.responses))) {
        expect([op.operationId, status, d.responses[status]?.content?.['application/problem+json']?.schema]).toEqual([
          op.operationId,
          status,
          { $ref: '#/components/schemas/Problem' },
        ]);
      }
      expect([op.operationId, d.responses['429']?.headers?.['Retry-After']]).toEqual([op.operationId, expect.objectContaining({ required: true })]);
    }
  });

  it('when the live app refuses a request, then the status and the body are the ones the document declares', async () => {
    const cases: [string, Parameters<typeof answerAgainstDocument>[1], number][] = [
      ['listSmallClaims', { path: '/api/v1/sct/claims' }, 401],
      ['healthz', { path: '/healthz', headers: { authorization: 'Bearer not-a-token' } }, 401],
      ['healthz', { path: '/healthz', headers: { ...officer.headers, 'x-api-key': 'cf_x_y' } }, 400],
      ['getSmallClaim', { path: `/api/v1/sct/claims/${caseNo}` }, 404],
      ['searchAccounts', { path: '/api/v1/accounts', headers: filer.headers }, 403],
      ['recordService', { path: `/api/v1/sct/claims/${caseNo}/steps/record-service`, headers: { ...officer.headers, 'If-Match': '"v999"' }, body: { partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'post', servedOn: '2026-11-23' } }, 412],
      ['recordService', { path: `/api/v1/sct/claims/${caseNo}/steps/record-service`, headers: officer.headers, body: '{'.repeat(300_000) }, 413],
    ];
    for (const [id, init, status] of cases) {
      const answer = await answerAgainstDocument(byId(id), init);
      expect([id, answer.status]).toEqual([id, status]);
      expect([id, status, answer.schema === undefined ? 'undeclared' : validate(answer.body, answer.schema)]).toEqual([id, status, []]);
    }
  });
});

describe('the Problem schema declares its extension members', () => {
  it('when the document is read, then Problem allows extensions and names errors (with code), requiredRoles, step, section, reason, validRules, coverage and warnings', () => {
    const problem = doc.components.schemas.Problem as Json;
    expect(problem.additionalProperties).not.toBe(false);
    const properties = problem.properties as Record<string, Json>;
    for (const member of ['type', 'title', 'status', 'detail', 'instance', 'errors', 'requiredRoles', 'step', 'section', 'reason', 'validRules', 'coverage', 'warnings']) {
      expect([member, properties[member] === undefined ? 'missing' : 'declared']).toEqual([member, 'declared']);
    }
    const fieldError = deref((properties.errors as Json).items as Json);
    expect(Object.keys(fieldError.properties as Json).sort()).toEqual(['code', 'field', 'message', 'rule']);
    expect(fieldError.required).toEqual(['field', 'rule', 'message']);
  });

  it('when the API writes problems with each kind of extension, then every one validates against the declared schema', async () => {
    const problems: [string, Parameters<typeof answerAgainstDocument>[1], string][] = [
      ['searchAccounts', { path: '/api/v1/accounts', headers: filer.headers }, 'requiredRoles'],
      ['listSmallClaims', { path: '/api/v1/sct/claims' }, 'requiredRoles'],
      ['computeDeadline', { path: '/api/v1/deadlines/no.such-rule?from=2026-03-02' }, 'validRules'],
      ['getCourtCalendar', { path: '/api/v1/calendar?year=2031' }, 'coverage'],
      ['searchCauseBook', { path: '/api/v1/cause-book?limit=0' }, 'errors'],
      ['requestReasons', { path: `/api/v1/sct/claims/${caseNo}/steps/request-reasons`, headers: filer.headers, body: {} }, 'step'],
      ['fileSmallClaim', { path: '/api/v1/sct/claims', headers: filer.headers, body: aClaim({ claimants: [{ ...aClaim().claimants[0]!, amountCents: 900_000_000 }] }) }, 'warnings'],
    ];
    for (const [id, init, member] of problems) {
      const answer = await answerAgainstDocument(byId(id), init);
      expect([id, answer.contentType]).toEqual([id, 'application/problem+json']);
      expect([id, member, member in answer.body]).toEqual([id, member, true]);
      expect([id, answer.status, answer.schema === undefined ? 'undeclared' : validate(answer.body, answer.schema)]).toEqual([id, answer.status, []]);
    }
  });
});

describe('a method a path does not support', () => {
  it('when DELETE is sent to the claims, then 405 problem+json with Allow: GET, POST', async () => {
    const res = await fetch(`${stack.baseUrl}/api/v1/sct/claims`, { method: 'DELETE', headers: filer.headers });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, POST');
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as Json;
    expect(body).toMatchObject({ status: 405, type: 'urn:courtflow:problem:method-not-allowed' });
    expect(validate(body, doc.components.schemas.Problem as Json)).toEqual([]);
  });

  it('when a path with a parameter, a trailing slash or another case is asked with a method it lacks, then 405 names the methods it has', async () => {
    const allowOf = async (method: string, path: string) => {
      const res = await fetch(`${stack.baseUrl}${path}`, { method });
      return [res.status, res.headers.get('allow')];
    };
    expect(await allowOf('GET', `/api/v1/sct/claims/${caseNo}/steps/record-service`)).toEqual([405, 'POST']);
    expect(await allowOf('PUT', `/api/v1/sct/claims/${caseNo}`)).toEqual([405, 'GET']);
    expect(await allowOf('PATCH', '/api/v1/sct/claims/')).toEqual([405, 'GET, POST']);
    expect(await allowOf('DELETE', '/API/V1/CALENDAR')).toEqual([405, 'GET']);
    expect(await allowOf('POST', '/openapi.json')).toEqual([405, 'GET']);
  });

  it('when each path of the document is asked with every method it does not declare, then 405 with exactly its methods', async () => {
    const wrong: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      const concrete = path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'caseNo' ? caseNo : name === 'rule' ? 'sct.hearing' : name === 'partyId' ? 'D1' : '00000000-0000-4000-8000-000000000000'));
      const every = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
      const allow = every.filter((m) => m.toLowerCase() in methods).join(', ');
      for (const method of every.filter((m) => !(m.toLowerCase() in methods))) {
        const res = await fetch(`${stack.baseUrl}${concrete}`, { method });
        if (res.status !== 405 || res.headers.get('allow') !== allow) wrong.push(`${method} ${path}: ${res.status} Allow ${res.headers.get('allow')}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('when a path is not served at all, then 404, not 405', async () => {
    const res = await fetch(`${stack.baseUrl}/api/v1/no-such-thing`, { method: 'DELETE' });
    expect(res.status).toBe(404);
    expect(res.headers.get('allow')).toBeNull();
    expect((await fetch(`${stack.baseUrl}/api/v1/sct/claims/${caseNo}/nothing`)).status).toBe(404);
  });
});

/** Sends a request as written: no Content-Length, no Transfer-Encoding, no body. */
function rawRequest(method: string, path: string, headers: Record<string, string>): Promise<number> {
  const { hostname, port } = new URL(stack.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      const lines = [`${method} ${path} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}

describe('a POST with nothing to send', () => {
  const stepPath = () => `/api/v1/sct/claims/${caseNo}/steps/request-reasons`;

  it('when a step that takes {} is posted with no body and no content type, then it is taken as {}: not 415', async () => {
    const withLengthZero = await fetch(`${stack.baseUrl}${stepPath()}`, { method: 'POST', headers: filer.headers });
    expect(withLengthZero.status).not.toBe(415);
    // The case is awaiting its hearing: reasons come after an outcome (409, the step and its section named).
    expect(withLengthZero.status).toBe(409);
    expect((await withLengthZero.json()) as Json).toMatchObject({ step: 'requestReasons', reason: 'wrong-stage' });
    expect(await rawRequest('POST', stepPath(), filer.headers)).toBe(409);
  });

  it('when the document describes such a step, then its body is optional; a step that needs fields still requires one', () => {
    expect(documented(byId('requestReasons')).requestBody?.required).toBe(false);
    expect(documented(byId('recordService')).requestBody?.required).toBe(true);
  });

  it('when a body is sent that is not JSON, or chunked without a JSON type, then 415', async () => {
    const text = await fetch(`${stack.baseUrl}${stepPath()}`, { method: 'POST', headers: { ...filer.headers, 'content-type': 'text/plain' }, body: '{}' });
    expect(text.status).toBe(415);
    expect(text.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const untyped = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${stack.baseUrl}${stepPath()}`, { method: 'POST', headers: { ...filer.headers, 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(untyped).toBe(415);
  });
});

describe('what a parameter schema allows, the handler accepts', () => {
  const LISTS = ['/api/v1/sct/claims', '/api/v1/accounts', '/api/v1/cause-book'];
  const limitSchemaOf = (path: string) => doc.paths[path]?.get?.parameters.find((p) => p.name === 'limit')?.schema;

  it('when limit is documented, then it is an integer from 1 to 100, and the handlers refuse 0 and 101 and accept 1 and 100', async () => {
    for (const path of LISTS) {
      expect([path, limitSchemaOf(path)]).toEqual([path, expect.objectContaining({ type: 'integer', minimum: 1, maximum: 100 })]);
      const status = async (limit: string) => (await fetch(`${stack.baseUrl}${path}?limit=${limit}`, { headers: officer.headers })).status;
      expect([path, await status('0'), await status('101'), await status('1'), await status('100')]).toEqual([path, 400, 400, 200, 200]);
    }
  });

  it('when the calendar year and a deadline period are documented, then they are integers the handlers take', async () => {
    const year = doc.paths['/api/v1/calendar']?.get?.parameters.find((p) => p.name === 'year')?.schema;
    expect(year).toMatchObject({ type: 'integer', minimum: 1000, maximum: 9999 });
    expect((await fetch(`${stack.baseUrl}/api/v1/calendar?year=2026`)).status).toBe(200);
    const days = doc.paths['/api/v1/deadlines/{rule}']?.get?.parameters.find((p) => p.name === 'days')?.schema;
    expect(days).toMatchObject({ type: 'integer', minimum: 1, maximum: 9999 });
    expect((await fetch(`${stack.baseUrl}/api/v1/deadlines/sct.order-compliance?from=2026-02-13&days=9999`)).status).not.toBe(400);
    expect((await fetch(`${stack.baseUrl}/api/v1/deadlines/sct.order-compliance?from=2026-02-13&days=1`)).status).toBe(200);
  });

  it('when the step headers are documented, then Idempotency-Key is 1 to 200 characters and If-Match has the pattern the handler reads', async () => {
    const d = documented(byId('recordService'));
    const header = (name: string) => d.parameters.find((p) => p.in === 'header' && p.name === name)?.schema;
    expect(header('Idempotency-Key')).toMatchObject({ type: 'string', minLength: 1, maxLength: 200 });
    const ifMatch = header('If-Match');
    expect(ifMatch).toMatchObject({ type: 'string', pattern: expect.any(String) as string });
    const pattern = new RegExp(String(ifMatch?.pattern));
    for (const value of ['"v12"', 'W/"v3"', '7', 'v7']) expect([value, pattern.test(value)]).toEqual([value, true]);
    expect(pattern.test('abc')).toBe(false);
    // The closure declaration replays on Idempotency-Key too, so it documents the header.
    expect(headerNames(documented(byId('declareClosureDay')))).toContain('Idempotency-Key');

    const step = (headers: Record<string, string>) =>
      fetch(`${stack.baseUrl}/api/v1/sct/claims/${caseNo}/steps/request-reasons`, { method: 'POST', headers: { ...filer.headers, ...headers } });
    expect((await step({ 'Idempotency-Key': 'k'.repeat(200) })).status).not.toBe(400);
    expect((await step({ 'Idempotency-Key': 'k'.repeat(201) })).status).toBe(400);
    expect((await step({ 'If-Match': 'W/"v1"' })).status).not.toBe(400);
    expect((await step({ 'If-Match': 'abc' })).status).toBe(400);
  });

  it('when a pattern is documented, then it is written so that every regex engine reads it as the API does (no \\d, no \\w)', () => {
    const patterns = JSON.stringify(doc).match(/"pattern":"(?:[^"\\]|\\.)*"/g) ?? [];
    expect(patterns.length).toBeGreaterThan(0);
    expect(patterns.filter((p) => /(^|[^\\])(\\\\)*\\\\[dw]/.test(p))).toEqual([]);
    expect(portablePattern('^[\\d-]\\d{2}\\w\\\\d$')).toBe('^[0-9-][0-9]{2}[A-Za-z0-9_]\\\\d$');
  });
});
