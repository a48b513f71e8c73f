import type { Request } from 'express';
import type { z } from 'zod';
import { validationProblem } from './problem';

/** Parses one part of a request with its schema, or throws a 400 problem naming every bad field. */
export function parse<S extends z.ZodType>(schema: S, where: 'body' | 'query' | 'path', req: Request): z.output<S> {
  const input = where === 'body' ? req.body : where === 'query' ? req.query : req.params;
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw validationProblem(where, result.error);
  return result.data;
}
