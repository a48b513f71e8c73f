/**
 * The API's own description of itself (GET /openapi.json), read once: the
 * console builds each step's form from the body schema the API publishes
 * for it, and offers a step only to the roles the API names for it
 * (`x-roles`). A step added to the API appears here with no console change.
 */
import { api } from './api';

/** The part of JSON Schema the API's step bodies use. */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: string[];
  const?: string;
  format?: string;
  pattern?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  description?: string;
  default?: unknown;
  anyOf?: JsonSchema[];
  items?: JsonSchema;
}

interface Operation {
  operationId: string;
  summary?: string;
  'x-roles'?: string[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface StepDescription {
  /** As the route names it: `record-service`. */
  step: string;
  roles: string[];
  /** `recordService (Cap. 338 s.14(2))`: the API's summary, naming the section. */
  summary: string;
  body: JsonSchema;
}

/** The processes whose steps the console offers, by where the API mounts their steps. */
export const PROCESS_STEPS = {
  'small-claim': '/api/v1/sct/claims/{caseNo}/steps/',
  registration: '/api/v1/registrations/{reference}/steps/',
  filing: '/api/v1/filings/{reference}/steps/',
} as const;
export type StepProcess = keyof typeof PROCESS_STEPS;

let document: Promise<OpenApiDocument> | null = null;

function openApi(): Promise<OpenApiDocument> {
  document ??= api<OpenApiDocument>('GET', '/openapi.json').catch((err: unknown) => {
    document = null; // not cached: the next page asks again
    throw err;
  });
  return document;
}

/** Every step of a process the API offers, with who may take it and its body's schema. */
export async function stepsOf(process: StepProcess): Promise<StepDescription[]> {
  const doc = await openApi();
  const prefix = PROCESS_STEPS[process];
  return Object.entries(doc.paths).flatMap(([path, methods]) => {
    const post = methods.post;
    if (!path.startsWith(prefix) || !post) return [];
    return [
      {
        step: path.slice(prefix.length),
        roles: post['x-roles'] ?? [],
        summary: post.summary ?? post.operationId,
        body: post.requestBody?.content?.['application/json']?.schema ?? { type: 'object', properties: {} },
      },
    ];
  });
}

/** The JSON body a route takes (`/api/v1/sct/claims`, `/api/v1/filings`), as the API publishes it. */
export async function bodySchema(path: string, method: 'post' | 'put' | 'patch' = 'post'): Promise<JsonSchema> {
  const doc = await openApi();
  const schema = doc.paths[path]?.[method]?.requestBody?.content?.['application/json']?.schema ?? {};
  const ref = (schema as { $ref?: string }).$ref;
  return ref ? (doc.components?.schemas?.[ref.split('/').pop() ?? ''] ?? {}) : schema;
}

/** The body of a new small claim (POST /api/v1/sct/claims). */
export const claimSchema = () => bodySchema('/api/v1/sct/claims');
