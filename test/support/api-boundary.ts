/**
 * What stands in front of every handler, run without a server: the depth
 * and storable-text rules (api/middleware), `parse` of api/validate.ts with
 * a schema, and the app's one error handler (`problemHandler`), which turns
 * whatever was thrown into the answer the client gets. For unit tests of the
 * API boundary (test/unit/boundary-schemas.property.test.ts,
 * claim-validator.property.test.ts).
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import pino from 'pino';
import type { z } from 'zod';
import { problemHandler } from '../../api/app';
import { refuseDeepJson } from '../../api/middleware/json-depth';
import { firstUnstorable, refuseUnstorableText, unstorableProblem } from '../../api/middleware/storable-text';
import { Problem } from '../../api/problem';
import { parse } from '../../api/validate';

export type Where = 'body' | 'query' | 'path';

export interface ProblemAnswer {
  status: number;
  contentType: string;
  body: {
    type?: string;
    status?: number;
    detail?: string;
    errors?: { field?: unknown; rule?: unknown; message?: unknown; code?: unknown }[];
    [extension: string]: unknown;
  };
}

export type BoundaryResult<T> = { accepted: true; value: T } | { accepted: false; answer: ProblemAnswer };

/** A request with only what the middleware and `parse` read. */
const requestOf = (where: Where, input: unknown): Request =>
  ({ body: where === 'body' ? input : undefined, query: where === 'query' ? input : {}, params: where === 'path' ? input : {}, path: '/' }) as unknown as Request;

function runMiddleware(handler: RequestHandler, req: Request): void {
  handler(req, {} as Response, (() => undefined) as NextFunction);
}

const answerProblem = problemHandler(pino({ level: 'silent' }));

/** What the app answers when `err` is thrown in a route, through its one error handler (api/app.ts). */
export function answerOf(err: unknown, req: Request = requestOf('body', undefined)): ProblemAnswer {
  const answer: ProblemAnswer = { status: 0, contentType: '', body: {} };
  const res = {
    locals: { requestId: 'boundary-test' },
    status(code: number) {
      answer.status = code;
      return this;
    },
    type(type: string) {
      answer.contentType = type;
      return this;
    },
    json(body: ProblemAnswer['body']) {
      answer.body = body;
      return this;
    },
  };
  answerProblem(err, req, res as unknown as Response, (() => undefined) as NextFunction);
  return answer;
}

/**
 * Runs `input` (as Express hands it on: the parsed JSON body, the query or
 * the path parameters) through the rules in front of every handler and
 * `schema`, as the app does: accepted with what `parse` gives, or the
 * answer. Anything thrown that is not a problem is thrown on.
 */
export function atTheBoundary<S extends z.ZodType>(schema: S, where: Where, input: unknown): BoundaryResult<z.output<S>> {
  const req = requestOf(where, input);
  try {
    if (where === 'body') runMiddleware(refuseDeepJson(), req);
    if (where === 'path') {
      // As guardRoles does, before any handler.
      const inPath = firstUnstorable(input);
      if (inPath !== undefined) throw unstorableProblem(inPath, 'path');
    } else {
      runMiddleware(refuseUnstorableText(), req);
    }
    return { accepted: true, value: parse(schema, where, req) };
  } catch (err) {
    if (!(err instanceof Problem)) throw err;
    return { accepted: false, answer: answerOf(err, req) };
  }
}

/** Every path to a value inside `value`, itself (`[]`) first. */
export function pathsIn(value: unknown, at: (string | number)[] = [], into: (string | number)[][] = []): (string | number)[][] {
  into.push(at);
  if (Array.isArray(value)) value.forEach((v: unknown, i) => pathsIn(v, [...at, i], into));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsIn(v, [...at, k], into);
  return into;
}
