/**
 * Every schema at the API boundary, fuzzed: each operation the app mounts
 * (`appOperations`, so a new route is covered the day it is added) with
 * each of its body, query and path schemas, and the OpenAPI document built
 * from those same declarations.
 *
 * Hostile input: arbitrary JSON as the wire carries it (JSON text through
 * JSON.parse, as express.json reads it): numbers past any range (1e400 is
 * Infinity), NUL characters and lone surrogates, `__proto__` and
 * `constructor` keys, the schema's own field names with values of any type,
 * nesting past the 32-level limit, and valid requests with one field
 * replaced by any of that. Each goes through what stands in front of a
 * handler (the depth and storable-text rules, then `parse` of
 * api/validate.ts) and the app's one error handler: it is either accepted, or
 * answered 400 application/problem+json with every error naming a field of
 * the request and the rule it broke. Nothing else may be thrown.
 *
 * Valid input: values the OpenAPI document says are valid, generated from
 * its own JSON Schema, parse; only a refinement the document cannot express
 * (a rule between fields) may refuse one, and then by its own named rule.
 *
 * Any JavaScript value at all (fc.anything: Maps, Dates, boxed values,
 * null prototypes) is answered by every schema without a throw.
 *
 * Bounded: 40 hostile, 25 valid and 10 arbitrary cases per schema (about
 * 200 schemas), about 8 s. A failure prints its seed and the shrunk case;
 * rerun it with `fc.assert(..., { seed, path })`.
 */
import { parse as parseQueryString } from 'node:querystring';
import fc from 'fast-check';
import type { z } from 'zod';
import type { Operation } from '../../api/operations';
import { fieldPath } from '../../api/problem';
import { offlineApp } from '../support/offline-app';
import { atTheBoundary as throughBoundary, pathsIn, type ProblemAnswer, type Where } from '../support/api-boundary';
import { validFromSchema, type JsonSchema } from '../support/json-schema-arbitrary';

const HOSTILE_RUNS = 40;
const VALID_RUNS = 25;
const ANYTHING_RUNS = 10;

// Nothing here connects: the pool and the Temporal client are lazy, and no handler runs.
const app = offlineApp();
const { operations } = app;
afterAll(() => app.close());

interface OpenApiParameter {
  name: string;
  in: string;
  required: boolean;
  schema: JsonSchema;
}
interface OpenApiOperation {
  operationId: string;
  parameters: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}
const document = app.document as {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema> };
};
const documented = new Map<string, OpenApiOperation>();
for (const methods of Object.values(document.paths)) for (const op of Object.values(methods)) documented.set(op.operationId, op);

interface Boundary {
  op: Operation;
  where: Where;
  schema: z.ZodType;
}
const boundaries: Boundary[] = operations.flatMap((op) => [
  ...(op.body ? [{ op, where: 'body' as const, schema: op.body }] : []),
  ...(op.query ? [{ op, where: 'query' as const, schema: op.query }] : []),
  ...(op.params ? [{ op, where: 'path' as const, schema: op.params }] : []),
]);
const name = (b: Boundary) => `${b.op.operationId} (${b.where})`;

// ---------------------------------------------------------------------------
// The request as it reaches the handler, and the answer the app gives
// ---------------------------------------------------------------------------

/** Runs `input` through what stands in front of the handler of `b`'s part, and `b`'s schema. */
const atTheBoundary = (b: Boundary, input: unknown) => {
  const result = throughBoundary(b.schema, b.where, input);
  return result.accepted ? { accepted: true as const } : result;
};

/** The top-level fields a JSON Schema names, in each branch of a union too. */
function topLevelNames(schema: JsonSchema | undefined): string[] {
  if (schema === undefined) return [];
  if (typeof schema.$ref === 'string') return topLevelNames(document.components.schemas[schema.$ref.replace('#/components/schemas/', '')]);
  const branches = [schema.anyOf, schema.oneOf].flatMap((b) => (Array.isArray(b) ? (b as JsonSchema[]) : []));
  return [...Object.keys((schema.properties ?? {}) as object), ...branches.flatMap(topLevelNames)];
}

/** The fields a refusal may name: each place in the input, and each field the document gives the part (present or missing). */
function fieldsOf(b: Boundary, input: unknown): string[] {
  const op = documented.get(b.op.operationId);
  const names =
    b.where === 'body' ? topLevelNames(op?.requestBody?.content['application/json']?.schema) : (op?.parameters ?? []).filter((p) => p.in === b.where).map((p) => p.name);
  return [...names.map((k) => fieldPath([k])), ...pathsIn(input).filter((p) => p.length > 0).map((p) => fieldPath(p))];
}

/**
 * The answer refuses the request as it should: 400 problem+json, and every
 * error names a field of the request (or the part as a whole) and a rule.
 * Returns what is wrong, or undefined.
 */
function badRefusal(b: Boundary, input: unknown, answer: ProblemAnswer): string | undefined {
  if (answer.status !== 400) return `status ${answer.status}`;
  if (answer.contentType !== 'application/problem+json') return `content type ${answer.contentType}`;
  if (!['urn:courtflow:problem:validation', 'urn:courtflow:problem:too-deep'].includes(String(answer.body.type))) return `type ${String(answer.body.type)}`;
  const errors = answer.body.errors;
  if (!Array.isArray(errors) || errors.length === 0) return 'no errors named';
  const fields = fieldsOf(b, input);
  const whole = `(${b.where})`;
  for (const e of errors) {
    if (typeof e.field !== 'string' || e.field === '') return `an error names no field: ${JSON.stringify(e)}`;
    if (typeof e.rule !== 'string' || e.rule === '') return `an error names no rule: ${JSON.stringify(e)}`;
    if (e.rule === 'custom') return `a refinement names no rule of its own: ${JSON.stringify(e)}`;
    if (typeof e.message !== 'string' || e.message === '') return `an error has no message: ${JSON.stringify(e)}`;
    const field = e.field;
    // The place itself, or a field missing inside it (`claimants[0].name` of `claimants[0]: {}`).
    const named = field === whole || fields.some((f) => field === f || field.startsWith(`${f}.`) || field.startsWith(`${f}[`));
    if (!named) return `field ${JSON.stringify(field)} is not a field of the request`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Hostile input, as JSON text
// ---------------------------------------------------------------------------

/** Every property name any request schema of the document knows: keys worth sending. */
function propertyNames(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) propertyNames(v, into);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'properties' && v !== null && typeof v === 'object') for (const p of Object.keys(v)) into.add(p);
      propertyNames(v, into);
    }
  }
  return into;
}
const KNOWN_NAMES = [...propertyNames(Object.values(document.paths).map((m) => Object.values(m).map((op) => op.requestBody))), ...propertyNames(document.components.schemas)];
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', ' ', 'a.b', 'x[0]', 'a\u0000b', '\ud800', '$where'];

/**
 * Any character: control characters and Latin-1 most often, else any code
 * point, lone surrogates included (fast-check's own 'binary' unit costs
 * seconds to build, and leaves surrogates out).
 */
const ANY_CHARACTER = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 0xff }), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 0x10ffff }), weight: 1 },
).map((c) => String.fromCodePoint(c));

const NUMBER_TEXTS = ['0', '-0', '1', '-1', '0.5', '1e400', '-1e400', '1e-400', '9007199254740993', '123456789012345678901234567890', '1.7976931348623157e308', '5e-324', '2147483648'];
const STRINGS = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udc00',
  '\ufeff',
  '\u202eexe.pdf',
  "'; DROP TABLE documents; --",
  '<script>alert(1)</script>',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '9999-12-31',
  '2026-03-02T25:00:00Z',
  'SCTC-2026-000001',
  'EF-2026-000001',
  'DOC-0000-0000-0000',
  'NaN',
  'Infinity',
  'true',
  '1e400',
  '../../etc/passwd',
];

const stringText = fc
  .oneof(
    { arbitrary: fc.constantFrom(...STRINGS), weight: 3 },
    { arbitrary: fc.string({ unit: ANY_CHARACTER, maxLength: 12 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }), weight: 1 },
    { arbitrary: fc.integer({ min: 201, max: 30_000 }).map((n) => 'x'.repeat(n)), weight: 1 },
  )
  .map((s) => JSON.stringify(s));
const numberText = fc.oneof(
  fc.constantFrom(...NUMBER_TEXTS),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
);
const keyText = fc.oneof(fc.constantFrom(...KNOWN_NAMES, ...HOSTILE_KEYS), fc.string({ unit: ANY_CHARACTER, maxLength: 8 })).map((k) => JSON.stringify(k));

const { value: jsonText, object: objectText } = fc.letrec<{ value: string; leaf: string; array: string; object: string }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('array'), tie('object')),
  leaf: fc.oneof(stringText, numberText, fc.constantFrom('true', 'false', 'null')),
  array: fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
  object: fc.array(fc.tuple(keyText, tie('value')), { maxLength: 6 }).map((entries) => `{${entries.map(([k, v]) => `${k}:${v}`).join(',')}}`),
}));

/** A value wrapped in `depth` arrays or single-key objects: around the 32-level limit. */
const deepText = fc
  .tuple(fc.integer({ min: 28, max: 40 }), fc.boolean(), fc.oneof(jsonText, fc.constant('1')))
  .map(([depth, arrays, inner]) => (arrays ? `${'['.repeat(depth)}${inner}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}${inner}${'}'.repeat(depth)}`));

/** A query or path value: any text. */
const PARAMETER_TEXT = fc.oneof(fc.constantFrom(...STRINGS), fc.string({ unit: ANY_CHARACTER, maxLength: 20 }));
const SHORT_TEXT = fc.string({ unit: ANY_CHARACTER, maxLength: 6 });

/** What express.json hands on: it parses with JSON.parse, and only objects and arrays (strict). */
const fromWire = (text: string): unknown => JSON.parse(text) as unknown;

/** `value` (a fresh copy) with the value at `path` replaced, or removed when `replacement` is undefined. */
function replaced(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = JSON.parse(JSON.stringify(value)) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (replacement === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    Object.defineProperty(parent, last, { value: replacement, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/** A valid request with one of its values replaced by anything, or dropped. */
function nearlyValid(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.nat(), fc.option(jsonText, { nil: undefined })).map(([value, pick, text]) => {
    const paths = pathsIn(value);
    const path = paths[pick % paths.length] as (string | number)[];
    return replaced(value, path, text === undefined ? undefined : fromWire(text));
  });
}

// ---------------------------------------------------------------------------
// Valid input, from the OpenAPI document
// ---------------------------------------------------------------------------

const schemaOptions = { components: document.components.schemas };

/**
 * Refinements between fields that report with a zod code rather than
 * `custom`, by operation and the field they name: a warning closure's
 * reason must be a Cap. 1 s.71 ground only when `kind` is `warning`
 * (api/calendar/schemas.ts), which the document cannot say.
 */
const REFINEMENTS_WITH_ZOD_CODES: Record<string, string[]> = { declareClosureDay: ['reason'] };

/** Query and path values arrive as text: what the document says, as the client would write it. */
const asText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

function validInputOf(b: Boundary): fc.Arbitrary<unknown> {
  const op = documented.get(b.op.operationId);
  if (!op) throw new Error(`${b.op.operationId} is not in the OpenAPI document`);
  if (b.where === 'body') {
    const schema = op.requestBody?.content['application/json']?.schema;
    if (!schema) throw new Error(`${b.op.operationId} takes a body the document does not describe`);
    return validFromSchema(schema, schemaOptions);
  }
  const params = op.parameters.filter((p) => p.in === b.where);
  const model: Record<string, fc.Arbitrary<string>> = {};
  for (const p of params) model[p.name] = validFromSchema(p.schema, schemaOptions, `${b.op.operationId}/${p.name}`).map(asText);
  return fc.record(model, { requiredKeys: params.filter((p) => p.required).map((p) => p.name) });
}

function hostileInputOf(b: Boundary): fc.Arbitrary<unknown> {
  const valid = validInputOf(b);
  if (b.where === 'body') {
    return fc.oneof(
      objectText.map(fromWire),
      fc.array(jsonText, { maxLength: 3 }).map((items) => fromWire(`[${items.join(',')}]`)),
      deepText.filter((t) => t.startsWith('[') || t.startsWith('{')).map(fromWire),
      nearlyValid(valid),
    );
  }
  const text = PARAMETER_TEXT;
  if (b.where === 'query') {
    // As Express 5 reads a query string (node:querystring): text, or text repeated into an array.
    const names = Object.keys(b.op.query?.shape ?? {});
    const key = fc.oneof(fc.constantFrom(...names, ...HOSTILE_KEYS), SHORT_TEXT);
    const pairs = fc.array(fc.tuple(key, text), { maxLength: 6 }).map((entries) =>
      parseQueryString(entries.map(([k, v]) => `${encodeURIComponent(k.replace(/[\ud800-\udfff]/g, ''))}=${encodeURIComponent(v.replace(/[\ud800-\udfff]/g, ''))}`).join('&')),
    );
    return fc.oneof(pairs, nearlyValid(valid).filter((v) => v !== null && typeof v === 'object' && !Array.isArray(v)).map((v) => Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, asText(x)]))));
  }
  // Path: every parameter present (Express matched the route), each any text.
  const names = Object.keys(b.op.params?.shape ?? {});
  return fc.tuple(...names.map(() => text)).map((values) => Object.fromEntries(names.map((n, i) => [n, values[i]])));
}

// ---------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------

describe('the operations at the boundary', () => {
  it('when the app is assembled, then every operation with input is found here and in the OpenAPI document', () => {
    expect(boundaries.length).toBeGreaterThan(150);
    for (const op of operations) expect([op.operationId, documented.has(op.operationId)]).toEqual([op.operationId, true]);
    // The upload routes take a raw PDF, not JSON: test/integration/upload-fuzz.test.ts fuzzes those.
    expect(operations.filter((op) => op.rawBody).map((op) => op.operationId).sort()).toEqual(['uploadDocument', 'uploadRegistrationDocument']);
  });

  const boundary = (operationId: string, where: Where): Boundary => {
    const found = boundaries.find((b) => b.op.operationId === operationId && b.where === where);
    if (!found) throw new Error(`no ${where} of ${operationId}`);
    return found;
  };
  const refusedFields = (b: Boundary, input: unknown) => {
    const result = atTheBoundary(b, input);
    if (result.accepted) throw new Error('accepted');
    expect([result.answer.status, badRefusal(b, input, result.answer)]).toEqual([400, undefined]);
    return (result.answer.body.errors ?? []).map((e) => [e.field, e.rule]);
  };

  it('when the audit log is asked for a range whose ends are not instants, then 400 naming both (the range check once threw on them: a 500)', () => {
    expect(refusedFields(boundary('listAuditLog', 'query'), { from: 'x', to: 'y' })).toEqual([
      ['from', 'invalid_format'],
      ['to', 'invalid_format'],
    ]);
  });

  it('when a key is empty, has a dot or a NUL, then the field names it quoted, one error per unknown key', () => {
    const claim = boundary('fileSmallClaim', 'body');
    expect(refusedFields(claim, { kind: 'individual', '': 1, 'a.b': 2 }).filter(([, rule]) => rule === 'unrecognized_keys')).toEqual([
      ['[""]', 'unrecognized_keys'],
      ['["a.b"]', 'unrecognized_keys'],
    ]);
    expect(refusedFields(claim, { claimants: [{ 'x\u0000': 1 }] })).toEqual([['claimants[0]["x\\u0000"]', 'storable-text']]);
  });

  it('when a refinement refuses, then it names its own rule, never "custom"', () => {
    expect(refusedFields(boundary('listAuditLog', 'query'), { cursor: 'bm90LW91cnM' })).toEqual([['cursor', 'issued-cursor']]);
    expect(refusedFields(boundary('updateBranch', 'body'), {})).toEqual([['name', 'name-or-active']]);
    expect(refusedFields(boundary('linkParty', 'body'), {})).toEqual([['accountId', 'account-or-organisation']]);
    expect(refusedFields(boundary('listSmallClaims', 'query'), { filedFrom: '2026-03-02', filedTo: '2026-03-01' })).toEqual([['filedTo', 'not-before-filedFrom']]);
    expect(refusedFields(boundary('searchCauseBook', 'query'), { hearingFrom: '2026-03-02', hearingTo: '2026-03-01' })).toEqual([['hearingTo', 'not-before-hearingFrom']]);
  });
});

describe.each(boundaries.map((b) => [name(b), b] as const))('%s', (_name, b) => {
  it('when sent arbitrary JSON, then it is accepted or answered 400 problem+json naming each field and rule, the same each time, and nothing else is thrown', () => {
    fc.assert(
      fc.property(hostileInputOf(b), (input) => {
        const result = atTheBoundary(b, input);
        expect(atTheBoundary(b, input)).toEqual(result);
        if (result.accepted) return true;
        const wrong = badRefusal(b, input, result.answer);
        if (wrong) throw new Error(`${wrong}\nanswer: ${JSON.stringify(result.answer.body)}`);
        return true;
      }),
      { numRuns: HOSTILE_RUNS },
    );
  });

  it('when handed any JavaScript value at all (not only what JSON or a query string can carry), then the schema answers and never throws', () => {
    fc.assert(
      fc.property(fc.anything({ withBoxedValues: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withNullPrototype: true, withSparseArray: true }), (value) => {
        const result = b.schema.safeParse(value);
        if (!result.success) expect(result.error.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: ANYTHING_RUNS },
    );
  });

  it('when sent what the OpenAPI document says is valid, then it parses, unless a refinement between fields refuses it by its own rule', () => {
    fc.assert(
      fc.property(validInputOf(b), (input) => {
        const result = b.schema.safeParse(input);
        if (result.success) return true;
        const byRefinement = REFINEMENTS_WITH_ZOD_CODES[b.op.operationId] ?? [];
        const unexpressed = result.error.issues.filter((i) => i.code !== 'custom' && !byRefinement.includes(fieldPath(i.path)));
        if (unexpressed.length > 0) throw new Error(`the document allows what the schema refuses: ${JSON.stringify(unexpressed)}`);
        return true;
      }),
      { numRuns: VALID_RUNS },
    );
  });
});
