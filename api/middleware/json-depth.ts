/**
 * Deeply nested JSON is refused before anything walks it recursively (the
 * request hash, the audit chain, zod): no request of this API nests more
 * than a few levels, and a recursive walk of thousands of levels would
 * overflow the stack and answer 500.
 */
import type { RequestHandler } from 'express';
import { Problem } from '../problem';

export const MAX_JSON_DEPTH = 32;

/** The nesting depth of `value`, counted without recursion; stops counting past `limit`. */
export function jsonDepth(value: unknown, limit = MAX_JSON_DEPTH + 1): number {
  let deepest = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: v, depth } = stack.pop() as { value: unknown; depth: number };
    if (v === null || typeof v !== 'object') continue;
    const here = depth + 1;
    if (here > deepest) deepest = here;
    if (deepest >= limit) return deepest;
    for (const item of Array.isArray(v) ? v : Object.values(v)) stack.push({ value: item, depth: here });
  }
  return deepest;
}

export function refuseDeepJson(): RequestHandler {
  return (req, _res, next) => {
    if (jsonDepth(req.body) > MAX_JSON_DEPTH) {
      throw new Problem(400, 'too-deep', 'JSON nested too deeply', `The request body nests deeper than ${MAX_JSON_DEPTH} levels`, {
        errors: [{ field: '(body)', rule: 'max-depth', message: `must not nest deeper than ${MAX_JSON_DEPTH} levels` }],
      });
    }
    next();
  };
}
