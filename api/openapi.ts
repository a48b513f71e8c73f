/**
 * The OpenAPI 3.1 document, generated from the operation declarations.
 * OpenAPI 3.1 schemas are JSON Schema 2020-12, which zod emits directly.
 */
import { z } from 'zod';
import type { Operation } from './operations';

type JsonSchema = Record<string, unknown>;

/**
 * Converts schemas, moving every named schema (`.meta({ id })`) into
 * `components.schemas` so the document names Problem, Deadline... once.
 * A request schema's input form and a response's output form can differ
 * (defaults make fields optional on the way in); the output form then gets
 * its own `…Output` name.
 */
class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
    const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
    delete json.$schema;
    delete json.$defs;
    const names: Record<string, string> = {};
    for (const [id, def] of Object.entries(defs)) {
      const existing = this.components[id];
      names[id] = existing === undefined || JSON.stringify(existing) === JSON.stringify(def) ? id : `${id}Output`;
    }
    const rename = (value: JsonSchema): JsonSchema =>
      JSON.parse(JSON.stringify(value).replace(/"#\/\$defs\/([^"]+)"/g, (_m, id: string) => `"#/components/schemas/${names[id] ?? id}"`)) as JsonSchema;
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
  const headers = (op.headers ?? []).map((h) => ({ name: h.name, in: 'header', required: h.required, description: h.description, schema: { type: 'string' } }));
  return [...fromObject('path', op.params), ...fromObject('query', op.query), ...headers];
}

export function buildOpenApi(operations: readonly Operation[], info: { version: string }): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const schemas = new SchemaCollector();
  for (const op of operations) {
    const responses: Record<string, JsonSchema> = {};
    for (const [status, spec] of Object.entries(op.responses)) {
      responses[status] = {
        description: spec.description,
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
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemas.convert(op.body, 'input') } } } } : {}),
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
        'Every error is an RFC 9457 problem+json document.',
    },
    paths,
    components: { schemas: schemas.components, securitySchemes: SECURITY_SCHEMES },
  };
}
