/**
 * The step kit's API half: one operation per step of a procedure's table,
 * generated from the same table the workflow registers as updates. Each
 * gets its path (`…/steps/record-service`), its zod body schema, its roles
 * (enforced where operations are mounted, and shown in /openapi.json),
 * If-Match against the version, Idempotency-Key, and an audit entry.
 */
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { rolesOf, stepSlug, type StepTable } from '../../domain/steps/step-kit';
import type { Caller } from '../../services/audit';
import { noteAudit } from '../audit';
import { actorOf, requestIdOf } from '../identity/authenticate';
import { problemResponse, type Operation, type ResponseSpec } from '../operations';
import { Problem } from '../problem';
import { parse } from '../validate';

/** A step as the route hands it to its use-case. */
export interface StepCall<P> {
  reference: string;
  payload: P;
  expectedVersion?: number;
  idempotencyKey?: string;
}

export interface StepOperationsSpec<Payloads, Params extends z.ZodObject, Entered extends Caller> {
  steps: StepTable<never, Payloads, string>;
  /** A body schema per step: the single source of its request type and its OpenAPI entry. */
  schemas: { [K in keyof Payloads & string]: z.ZodType<Payloads[K], unknown> };
  /** `/api/v1/sct/claims/:caseNo/steps` */
  basePath: string;
  params: Params;
  /** The process's business key, from the parsed path. */
  reference: (params: z.output<Params>) => string;
  tag: string;
  noun: string;
  response: ResponseSpec;
  /** Admits the caller to the process (or refuses: not found), before the body is even read; `header` reads a request header (an applicant's access token). */
  enter: (caller: Caller, reference: string, header: (name: string) => string | undefined) => Promise<Entered>;
  /** Further headers every step reads (documented with each). */
  headers?: { name: string; description: string; required: boolean }[];
  /** The use-case that takes the step. */
  take: <K extends keyof Payloads & string>(caller: Entered, step: K, call: StepCall<Payloads[K]>) => Promise<{ version: number; stage?: string }>;
}

/** `If-Match: "v12"` (or `12`): the version the caller last saw. */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?v?(\d+)"?\s*$/.exec(header);
  if (!match?.[1]) throw new Problem(400, 'validation', 'The request is not valid', 'If-Match must be the ETag you last read, e.g. "v12"');
  return Number(match[1]);
}

/** The only ETag the API sends: the version of a case or filing. */
export const etagOf = (view: { version: number }) => `"v${view.version}"`;

export const callerOf = (res: Response): Caller => {
  const requestId = requestIdOf(res);
  return { actor: actorOf(res), ...(requestId ? { requestId } : {}) };
};

export function stepOperations<Payloads, Params extends z.ZodObject, Entered extends Caller>(spec: StepOperationsSpec<Payloads, Params, Entered>): Operation[] {
  return (Object.keys(spec.steps) as (keyof Payloads & string)[]).map((name) => {
    const rule = spec.steps[name];
    const roles = rolesOf(rule.who);
    const schema = spec.schemas[name];
    return {
      method: 'post',
      path: `${spec.basePath}/${stepSlug(name)}`,
      operationId: name,
      summary: `${name} (${rule.section})`,
      description:
        `Taken by: ${roles.join(', ')}${rule.who.includes('parties') ? ' (acting for a party of the ' + spec.noun + ')' : ''}. ` +
        `Possible while the ${spec.noun} is ${rule.stages.join(', ')}. Send If-Match with the ${spec.noun}'s ETag to refuse the step if it changed meanwhile.`,
      tags: [spec.tag],
      idempotency: 'replay',
      auth: roles,
      params: spec.params,
      body: schema,
      headers: [
        { name: 'If-Match', required: false, description: `ETag of the ${spec.noun} you last saw, e.g. "v12"` },
        { name: 'Idempotency-Key', required: false, description: 'A retried request with the same key is applied once' },
        ...(spec.headers ?? []),
      ],
      responses: {
        200: spec.response,
        400: problemResponse('The body or a header is invalid; each bad field is named'),
        401: problemResponse('No or invalid credentials'),
        403: problemResponse('The step is not for your role, or not for the party you act for'),
        404: problemResponse(`No such ${spec.noun}, or (a filer) not one you are linked to`),
        409: problemResponse('The step is not possible now: wrong stage, its period has closed, or another rule refuses it (named with its section and dates)'),
        412: problemResponse(`The ${spec.noun} changed since the version in If-Match`),
      },
      handler: async (req: Request, res: Response) => {
        const reference = spec.reference(parse(spec.params, 'path', req));
        const caller = await spec.enter(callerOf(res), reference, (name) => req.get(name));
        const payload = parse(schema, 'body', req) as Payloads[typeof name];
        const expectedVersion = versionFromIfMatch(req.get('If-Match'));
        const idempotencyKey = req.get('Idempotency-Key');
        const view = await spec.take(caller, name, {
          reference,
          payload,
          ...(expectedVersion === undefined ? {} : { expectedVersion }),
          ...(idempotencyKey ? { idempotencyKey } : {}),
        });
        noteAudit(res, {
          // `filing:<ref>`, `case:<no>`: what lets `audit list --case` and an export find the step.
          target: `${spec.noun}:${reference}`,
          ...(expectedVersion === undefined ? {} : { before: { version: expectedVersion } }),
          after: { version: view.version, ...(view.stage ? { stage: view.stage } : {}) },
        });
        res.set('ETag', etagOf(view)).json(view);
      },
    };
  });
}
