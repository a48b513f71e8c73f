/**
 * Every API operation is declared once: method, path, schemas, responses.
 * The router mounts these declarations and the OpenAPI document is built
 * from the very same objects, so the two cannot drift apart.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ROLES, type Role } from '../domain/identity/actor';

/** Every role that signs in (all but the public). */
export const SIGNED_IN: readonly Role[] = ROLES.filter((r) => r !== 'public');

/**
 * Who may call an operation: `'public'` (anyone; credentials optional), or
 * the roles allowed. The one declaration feeds the OpenAPI document (its
 * security requirement and `x-roles`) and the check where the operation is
 * mounted (`guardRoles` in app.ts), so the two cannot drift. A case's party
 * links are checked by the use-case, which knows the case.
 */
export type OperationAuth = 'public' | readonly Role[];

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** Defaults to application/json; problem responses use application/problem+json. */
  contentType?: string;
}

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express-style path (`/api/v1/sct/claims/:caseNo`); converted to `{caseNo}` for OpenAPI. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /**
   * A body that is not JSON, read by the handler as a stream (a PDF upload):
   * its media type and what it is. The JSON parser leaves such a body unread,
   * the 415 check in front of every operation lets the request through
   * (`rawBodyRoutes`; the handler refuses any other type itself), and the
   * OpenAPI document describes it as binary content of that type.
   */
  rawBody?: { contentType: string; description: string };
  headers?: { name: string; description: string; required: boolean }[];
  auth: OperationAuth;
  /**
   * `'not-found'`: a caller whose role may not call this answers 404, as for a
   * case that does not exist, so the answer never tells whether it exists
   * (a case's full view). Otherwise 401 (no credentials) or 403.
   */
  refuseAs?: 'not-found';
  /**
   * `'self'`: the handler writes its own audit entries (in the transaction of
   * its change). Otherwise a successful POST/PUT/PATCH/DELETE gets one entry
   * from the app's audit wrapper (api/audit.ts).
   */
  audit?: 'self';
  /**
   * `'replay'`: an Idempotency-Key makes retries safe (api/idempotency.ts): the
   * same key and request get the first answer again; the same key with a
   * different request is refused with 422.
   */
  idempotency?: 'replay';
  responses: Record<number, ResponseSpec>;
  handler: (req: Request, res: Response) => Promise<void> | void;
}

/** One bad field of a request, or one reason the registry refuses it. */
const fieldErrorSchema = z
  .looseObject({
    field: z.string().describe('Where in the request, e.g. claimants[0].name, or (body) for the body as a whole'),
    rule: z.string().describe('The rule it broke: a zod code (too_small, invalid_type…) or a section (Cap. 338 s.13(d))'),
    message: z.string(),
    code: z.string().optional().describe('A machine-readable reason, where the rule has several (claim refusals)'),
  })
  .meta({ id: 'FieldError' });

/**
 * RFC 9457 problem details, as every error response carries them: the
 * standard members and every extension member the API puts in a problem
 * (`new Problem(…, extensions)`, `new UseCaseError(…, extensions)`). Extension
 * members are allowed (RFC 9457 s.3.2): a client must ignore those it does not know.
 */
export const problemSchema = z
  .looseObject({
    type: z.string().describe('A URI naming the kind of problem, e.g. urn:courtflow:problem:validation'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional().describe('The request ID of the failed request'),
    errors: z
      .array(fieldErrorSchema)
      .optional()
      .describe('One entry per bad field, naming the field and the rule it broke'),
    requiredRoles: z.array(z.string()).optional().describe('401/403: the roles that may call the operation'),
    step: z.string().optional().describe('A refused step: its name'),
    section: z.string().optional().describe('A refused step: the section of the ordinance it applies'),
    reason: z.string().optional().describe('A refused step: why (wrong-role, not-a-party, wrong-stage, stale, refused, outside-calendar)'),
    validRules: z.array(z.string()).optional().describe('An unknown deadline rule: the rule ids there are'),
    coverage: z
      .object({ from: z.string(), to: z.string() })
      .optional()
      .describe("A date outside the court calendar: the first and last day it covers"),
    warnings: z
      .array(z.looseObject({ code: z.string(), section: z.string(), field: z.string(), message: z.string() }))
      .optional()
      .describe('A refused claim: what the registry would also have noted'),
    retryAfterSeconds: z.number().int().optional().describe('429, and 503 worker-backlog: seconds until a request will be accepted again (as Retry-After)'),
    backlogSeconds: z.number().optional().describe('503 worker-backlog: how long the oldest task waiting for a worker has waited'),
    backlogTasks: z.number().int().optional().describe('503 worker-backlog: how many tasks were waiting for a worker'),
    localisedDetail: z
      .object({ en: z.string(), 'zh-Hant': z.string().describe('Traditional Chinese') })
      .optional()
      .describe('What to tell a litigant, in English and Traditional Chinese (a refused document upload, a busy court)'),
    activeContent: z.array(z.string()).optional().describe('A document refused for active content: the kinds found (javascript, launch, embedded-file…)'),
    claim: z
      .object({ by: z.string(), byName: z.string(), until: z.string() })
      .optional()
      .describe('A work item someone else holds: who (account id and name) and until when (ISO instant)'),
  })
  .meta({ id: 'Problem' });

export const problemResponse = (description: string): ResponseSpec => ({
  description,
  schema: problemSchema,
  contentType: 'application/problem+json',
});

/**
 * Whether a request is for an operation that takes a raw body (`rawBody`),
 * matched as Express matches paths: any segment for a `:param`, any case, an
 * optional trailing slash.
 */
export function rawBodyRoutes(operations: readonly Operation[]): (req: Request) => boolean {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const routes = operations
    .filter((op) => op.rawBody !== undefined)
    .map((op) => ({
      method: op.method.toUpperCase(),
      pattern: new RegExp(`^${op.path.split(/(:\w+)/).map((part) => (part.startsWith(':') ? '[^/]+' : escape(part))).join('')}/?$`, 'i'),
    }));
  return (req) => routes.some((route) => route.method === req.method && route.pattern.test(req.path));
}
