/**
 * Valid inputs from a JSON Schema, as the OpenAPI document states it
 * (`buildOpenApi`, draft 2020-12 as zod emits it): fast-check arbitraries
 * for the keywords that document uses (type, properties, required,
 * additionalProperties, items, min/maxItems, enum, const, anyOf, oneOf,
 * $ref, pattern, min/maxLength, minimum, maximum, exclusiveMinimum,
 * exclusiveMaximum). A keyword it does not know fails loudly, so a schema
 * the generator would misread is never quietly "valid". `format` is read
 * for `uri` only (an http or https URL); the others the document uses
 * (date, date-time, uuid, email) come with a pattern, which is followed.
 *
 * Strings are what a filer types: printable, no leading or trailing space,
 * no NUL (the storable-text rule refuses NUL in front of every schema).
 */
import fc from 'fast-check';

export type JsonSchema = { readonly [keyword: string]: unknown };

/** Keywords that say nothing about which values are valid (`format` aside: see above). */
const ANNOTATIONS = new Set(['description', 'examples', 'default', 'title', 'format', 'id', 'readOnly', 'writeOnly', 'deprecated']);
const KNOWN = new Set([
  ...ANNOTATIONS,
  '$ref',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'minItems',
  'maxItems',
  'enum',
  'const',
  'anyOf',
  'oneOf',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
]);

/** Letters, digits, punctuation and some Chinese: what names, addresses and reasons are made of. */
const CHARACTER = fc.oneof(
  { arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), weight: 8 },
  { arbitrary: fc.constantFrom(...'.,;:()/&\'-#'), weight: 1 },
  { arbitrary: fc.constantFrom(...'陳大文黃小明九龍彌敦道號樓'), weight: 2 },
);

/** Printable text of `min` to `max` characters, spaces only between words (so a trimmed length is the length). */
function text(min: number, max: number): fc.Arbitrary<string> {
  const upper = Math.min(max, min + 40);
  return fc
    .array(CHARACTER, { minLength: Math.max(min, 1), maxLength: Math.max(upper, 1) })
    .chain((chars) =>
      fc.array(fc.boolean(), { minLength: chars.length, maxLength: chars.length }).map((spaces) =>
        chars.map((c, i) => (spaces[i] && i > 0 && i < chars.length - 1 && chars[i - 1] !== ' ' ? ' ' : c)).join(''),
      ),
    )
    .filter((s) => [...s].length >= min && [...s].length <= max);
}

const PATTERNS = new Map<string, fc.Arbitrary<string>>();

/** `https://hooks.example.hk:8443/a/b`: made by hand, as fast-check's webUrl takes seconds to build. */
const WEB_URL = fc
  .record({
    scheme: fc.constantFrom('http', 'https'),
    host: fc.array(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/), { minLength: 1, maxLength: 3 }),
    port: fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined }),
    path: fc.array(fc.stringMatching(/^[A-Za-z0-9._~-]{1,10}$/), { maxLength: 3 }),
  })
  .map(({ scheme, host, port, path }) => `${scheme}://${[...host, 'hk'].join('.')}${port === undefined ? '' : `:${port}`}/${path.join('/')}`);

const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

export interface SchemaArbitraryOptions {
  /** `components.schemas` of the document, for `$ref`. */
  components: Readonly<Record<string, JsonSchema>>;
  /** The most items of an array generated (to keep runs fast); default 3 more than its minimum. */
  extraItems?: number;
}

/** An arbitrary of values `schema` describes as valid. */
export function validFromSchema(schema: JsonSchema, options: SchemaArbitraryOptions, at = '#'): fc.Arbitrary<unknown> {
  const unknown = Object.keys(schema).filter((k) => !KNOWN.has(k));
  if (unknown.length > 0) throw new Error(`${at}: the generator does not know ${unknown.join(', ')}`);

  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = options.components[name];
    if (!target) throw new Error(`${at}: no component ${name}`);
    return validFromSchema(target, options, `${at} → ${name}`);
  }
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  // Branches of oneOf are disjoint in the document (each a different type or tag), so any branch's value is valid.
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const branches = schema[keyword];
    if (Array.isArray(branches)) return fc.oneof(...(branches as JsonSchema[]).map((branch, i) => validFromSchema(branch, options, `${at}/${keyword}/${i}`)));
  }
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => validFromSchema({ ...schema, type }, options, at)));
  const type = types[0];
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer': {
      const min = Math.max(num(schema.minimum) ?? Number.MIN_SAFE_INTEGER, (num(schema.exclusiveMinimum) ?? -Infinity) + 1, Number.MIN_SAFE_INTEGER);
      const max = Math.min(num(schema.maximum) ?? Number.MAX_SAFE_INTEGER, (num(schema.exclusiveMaximum) ?? Infinity) - 1, Number.MAX_SAFE_INTEGER);
      return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
    }
    case 'number': {
      const exclusiveMin = num(schema.exclusiveMinimum);
      const exclusiveMax = num(schema.exclusiveMaximum);
      return fc.double({
        min: exclusiveMin ?? num(schema.minimum) ?? -1e12,
        max: exclusiveMax ?? num(schema.maximum) ?? 1e12,
        minExcluded: exclusiveMin !== undefined,
        maxExcluded: exclusiveMax !== undefined,
        noNaN: true,
        noDefaultInfinity: true,
      });
    }
    case 'string': {
      const min = num(schema.minLength) ?? 0;
      const max = num(schema.maxLength) ?? 200;
      const fits = (s: string) => [...s].length >= min && [...s].length <= max && !/^\s|\s$/.test(s) && !s.includes('\u0000');
      if (typeof schema.pattern === 'string') {
        // Building an arbitrary from a long pattern (a calendar date's) is the slow part: once per pattern and length.
        const key = `${schema.pattern}\u0000${min}\u0000${max}`;
        let matching = PATTERNS.get(key);
        if (!matching) PATTERNS.set(key, (matching = fc.stringMatching(new RegExp(schema.pattern, 'u'), { size: 'small' }).filter(fits)));
        return matching;
      }
      // An absolute URL (the document's `format: uri` for a webhook), as a receiver would give it: http or https, no credentials, no fragment.
      if (schema.format === 'uri') return WEB_URL.filter(fits);
      return text(min, max);
    }
    case 'array': {
      const items = (schema.items ?? {}) as JsonSchema;
      const minLength = num(schema.minItems) ?? 0;
      const maxLength = Math.min(num(schema.maxItems) ?? Infinity, minLength + (options.extraItems ?? 3));
      return fc.array(validFromSchema(items, options, `${at}/items`), { minLength, maxLength });
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema.required ?? []) as string[]);
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, property] of Object.entries(properties)) model[key] = validFromSchema(property, options, `${at}/${key}`);
      const known = fc.record(model, { requiredKeys: Object.keys(properties).filter((k) => required.has(k)) });
      const additional = schema.additionalProperties;
      if (additional === undefined || additional === false || Object.keys(properties).length > 0) return known;
      // A map (a step's payload as the generic step route takes it): keys and values of its own.
      const values = additional === true ? fc.jsonValue({ maxDepth: 2, stringUnit: CHARACTER }) : validFromSchema(additional as JsonSchema, options, `${at}/additionalProperties`);
      return fc.dictionary(text(1, 20), values, { maxKeys: 4 });
    }
    case undefined:
      // `{}`: anything at all.
      return fc.jsonValue({ maxDepth: 2, stringUnit: CHARACTER });
    default:
      throw new Error(`${at}: the generator does not know type ${type}`);
  }
}
