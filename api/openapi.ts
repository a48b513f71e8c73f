/**
 * The OpenAPI 3.1 document, generated from the operation declarations.
 * OpenAPI 3.1 schemas are JSON Schema 2020-12, which zod emits directly.
 */
import { z } from 'zod';
import { problemSchema, type Operation } from './operations';

type JsonSchema = Record<string, unknown>;

/**
 * Converts schemas, moving every named schema (`.meta({ id })`) into
 * `components.schemas` so the document names Problem, Deadline... once.
 * A request schema's input form and a response's output form can differ
 * (defaults make fields optional on the way in), and two schemas may carry
 * one id: the second form gets its own name (`…Output`, `…Output2`…), never
 * the first's, so no reference points at a schema it does not mean.
 */
class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
    const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
    delete json.$schema;
    delete json.$defs;
    const names: Record<string, string> = Object.fromEntries(Object.keys(defs).map((id) => [id, id]));
    const rename = (value: JsonSchema): JsonSchema =>
      JSON.parse(JSON.stringify(value).replace(/"#\/\$defs\/([^"]+)"/g, (_m, id: string) => `"#/components/schemas/${names[id] ?? id}"`)) as JsonSchema;
    const fits = (name: string, def: JsonSchema) => {
      const existing = this.components[name];
      return existing === undefined || JSON.stringify(existing) === JSON.stringify(rename(def));
    };
    // A def's form depends on the names of the defs it refers to: rename until no name changes.
    for (let changed = true; changed; ) {
      changed = false;
      for (const [id, def] of Object.entries(defs)) {
        const name = names[id] as string;
        if (fits(name, def)) continue;
        const candidates = [id, `${id}Output`, ...Array.from({ length: 100 }, (_v, i) => `${id}Output${i + 2}`)];
        names[id] = candidates.find((candidate) => fits(candidate, def)) ?? `${id}Output${Object.keys(this.components).length}`;
        changed = names[id] !== name;
      }
    }
    for (const [id, def] of Object.entries(defs)) this.components[names[id] ?? id] = rename(def);
    return rename(json);
  }
}

const SECURITY_SCHEMES = {
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'An access token from POST /api/v1/auth/login, as `Authorization: Bearer <accessToken>`',
  },
  apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'An API key from POST /api/v1/auth/api-keys' },
};
/** Either credential will do (alternatives in OpenAPI are separate requirement objects). */
const SIGNED_IN_SECURITY = [{ bearerAuth: [] }, { apiKey: [] }];

const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

/**
 * The rules of the headers the API reads, as the handlers apply them:
 * Idempotency-Key (api/idempotency.ts, api/sct/operations.ts) and If-Match
 * (`versionFromIfMatch` in api/steps/step-operations.ts, which also takes
 * `W/"v12"` and surrounding spaces).
 */
export const HEADER_SCHEMAS: Record<string, JsonSchema> = {
  'Idempotency-Key': { type: 'string', minLength: 1, maxLength: 200 },
  'If-Match': { type: 'string', pattern: '^(W/)?"?v?[0-9]{1,15}"?$', examples: ['"v12"'] },
};

const IDEMPOTENCY_KEY = { name: 'Idempotency-Key', required: false, description: 'A retried request with the same key is applied once' };

/** The headers an operation reads: those it declares, and Idempotency-Key wherever replay is on. */
function headersOf(op: Operation): NonNullable<Operation['headers']> {
  const declared = op.headers ?? [];
  const named = (name: string) => declared.some((h) => h.name.toLowerCase() === name.toLowerCase());
  return op.idempotency === 'replay' && !named(IDEMPOTENCY_KEY.name) ? [...declared, IDEMPOTENCY_KEY] : declared;
}
const takesHeader = (op: Operation, name: string) => headersOf(op).some((h) => h.name.toLowerCase() === name.toLowerCase());

function parameters(op: Operation, schemas: SchemaCollector): JsonSchema[] {
  const fromObject = (where: 'path' | 'query', object: z.ZodObject | undefined) =>
    Object.entries(object?.shape ?? {}).map(([name, field]) => {
      const schema = schemas.convert(field as z.ZodType, 'input');
      return {
        name,
        in: where,
        required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
        ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
        schema,
      };
    });
  const headers = headersOf(op).map((h) => ({
    name: h.name,
    in: 'header',
    required: h.required,
    description: h.description,
    schema: HEADER_SCHEMAS[h.name] ?? { type: 'string' },
  }));
  return [...fromObject('path', op.params), ...fromObject('query', op.query), ...headers];
}

/** Whether a request without a body is taken as `{}` and accepted by the body schema (api/validate.ts). */
const bodyOptional = (body: z.ZodType) => body.safeParse({}).success;

/**
 * Every status an operation can answer besides its own, from what its
 * declaration says it takes: the middleware in front of every operation
 * (api/app.ts) answers these whatever the handler does. Keyed by status,
 * the description saying when.
 */
export function derivedResponses(op: Operation): Record<number, string> {
  const derived: Record<number, string> = {};
  const takesBody = op.body !== undefined || ['post', 'put', 'patch'].includes(op.method);
  const inputs = [op.params && 'path', op.query && 'query', op.body && 'body', headersOf(op).length > 0 && 'a header'].filter(Boolean);
  derived[400] =
    (inputs.length > 0 ? `The ${inputs.join(', ')} is invalid (each bad field is named), or ` : '') +
    (takesBody ? 'the body is not valid JSON, or ' : '') +
    'both Authorization and X-Api-Key were sent';
  if (op.auth === 'public') {
    derived[401] = 'Credentials were sent but are not valid (none are needed)';
  } else if (op.refuseAs === 'not-found') {
    derived[401] = 'The credentials sent are not valid';
  } else {
    derived[401] = 'No credentials, or they are not valid (requiredRoles names the roles needed)';
    derived[403] = 'Your role may not call this (requiredRoles names the roles needed)';
  }
  if (op.params || op.refuseAs === 'not-found') {
    derived[404] = op.refuseAs === 'not-found' ? 'No such resource, or not one you may see' : 'Nothing exists at this path';
  }
  if (takesHeader(op, 'If-Match')) derived[412] = 'It changed since the version in If-Match';
  if (takesBody) {
    derived[413] = 'The body is larger than 256 KB';
    derived[415] = 'A body was sent that is not application/json (or in a charset other than UTF-8)';
  }
  if (takesHeader(op, 'Idempotency-Key')) derived[422] = 'The Idempotency-Key was already used for a different request';
  derived[429] = 'Too many requests; Retry-After says when to try again';
  derived[500] = 'The request could not be completed; quote the instance when reporting it';
  derived[503] = 'The database or the workflow service did not answer (dependency names which); try again shortly';
  return derived;
}

/** Headers a response always carries. */
const RESPONSE_HEADERS: Record<number, JsonSchema> = {
  429: { 'Retry-After': { required: true, description: 'Seconds until a request will be accepted again', schema: { type: 'string', pattern: '^[0-9]+$' } } },
  503: { 'Retry-After': { required: false, description: 'Seconds until the court expects to accept new work again (worker-backlog)', schema: { type: 'string', pattern: '^[0-9]+$' } } },
};

/**
 * JSON Schema `pattern`s are ECMAScript regular expressions, but other tools
 * read them with their own engine (Python's `\d` matches every Unicode
 * digit): `\d` and `\w` are written as the ASCII classes they mean in
 * JavaScript, so every tool reads the rule the API applies.
 */
export function portablePattern(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) {
      const next = pattern[i + 1] as string;
      const ascii = next === 'd' ? '0-9' : next === 'w' ? 'A-Za-z0-9_' : undefined;
      out += ascii === undefined ? c + next : inClass ? ascii : `[${ascii}]`;
      i++;
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    out += c;
  }
  return out;
}

function portablePatterns(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(portablePatterns);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === 'pattern' && typeof v === 'string' ? portablePattern(v) : portablePatterns(v)]),
  );
}

/** Paths the app serves outside the operations (app.ts), each GET only. */
export const EXTRA_GET_PATHS = ['/metrics', '/openapi.json', '/docs'];

export function buildOpenApi(operations: readonly Operation[], info: { version: string }): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const schemas = new SchemaCollector();
  const problem = (description: string, status: number): JsonSchema => ({
    description,
    ...(RESPONSE_HEADERS[status] ? { headers: RESPONSE_HEADERS[status] } : {}),
    content: { 'application/problem+json': { schema: schemas.convert(problemSchema, 'output') } },
  });
  for (const op of operations) {
    const responses: Record<string, JsonSchema> = {};
    for (const [status, description] of Object.entries(derivedResponses(op))) responses[status] = problem(description, Number(status));
    // What the operation declares itself wins: its description says it better.
    for (const [status, spec] of Object.entries(op.responses)) {
      responses[status] = {
        description: spec.description,
        ...(RESPONSE_HEADERS[Number(status)] ? { headers: RESPONSE_HEADERS[Number(status)] } : {}),
        ...(spec.schema ? { content: { [spec.contentType ?? 'application/json']: { schema: schemas.convert(spec.schema, 'output') } } } : {}),
      };
    }
    const roles = op.auth === 'public' ? undefined : op.auth;
    const who = roles ? `Roles: ${roles.join(', ')}.` : 'Public: no credentials needed.';
    (paths[openApiPath(op.path)] ??= {})[op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      description: op.description ? `${op.description}\n\n${who}` : who,
      // Public operations accept credentials too (an empty requirement: none needed).
      security: roles ? SIGNED_IN_SECURITY : [{}, ...SIGNED_IN_SECURITY],
      ...(roles ? { 'x-roles': [...roles] } : {}),
      tags: op.tags,
      parameters: parameters(op, schemas),
      ...(op.body
        ? { requestBody: { required: !bodyOptional(op.body), content: { 'application/json': { schema: schemas.convert(op.body, 'input') } } } }
        : {}),
      ...(op.rawBody
        ? { requestBody: { required: true, description: op.rawBody.description, content: { [op.rawBody.contentType]: { schema: { type: 'string', format: 'binary' } } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'courtflow API',
      version: info.version,
      description:
        'Durable workflows for Hong Kong court business: Small Claims Tribunal cases (Cap. 338) and iCMS e-filing. ' +
        'Every error is an RFC 9457 problem+json document. A method a path does not support is answered 405 ' +
        'with `Allow` naming those it does; a path the API does not serve, 404.',
    },
    paths: portablePatterns(paths) as JsonSchema,
    components: { schemas: portablePatterns(schemas.components) as JsonSchema, securitySchemes: SECURITY_SCHEMES },
  };
}
