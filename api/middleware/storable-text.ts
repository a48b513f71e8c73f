/**
 * Text PostgreSQL cannot store is refused at the door: a NUL character, or
 * half of a UTF-16 surrogate pair with no other half. Either would be
 * accepted by a workflow and then fail every attempt to write the case's
 * read model. One rule for every string of every request (body, query and
 * path, at any depth), so no route can forget it; the 400 names the field.
 */
import type { RequestHandler } from 'express';
import { fieldPath, Problem } from '../problem';

export const STORABLE_TEXT_RULE = 'storable-text';

/** NUL, or a lone high or low surrogate. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isStorableText = (text: string) => !UNSTORABLE.test(text);

/**
 * The field of the first string (key or value) in `value` that PostgreSQL
 * could not store, named as every field of a problem is (`fieldPath`), or
 * undefined; '' is `value` itself. Iterative: depth is checked elsewhere.
 */
export function firstUnstorable(value: unknown): string | undefined {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop() as { value: unknown; path: PropertyKey[] };
    if (typeof v === 'string') {
      if (!isStorableText(v)) return fieldPath(path);
    } else if (Array.isArray(v)) {
      v.forEach((item: unknown, i) => stack.push({ value: item, path: [...path, i] }));
    } else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v)) {
        if (!isStorableText(key)) return fieldPath([...path, key]);
        stack.push({ value: item, path: [...path, key] });
      }
    }
  }
  return undefined;
}

export function unstorableProblem(field: string, where: string): Problem {
  const message = 'must not contain a NUL character or an unpaired surrogate (text that cannot be stored)';
  return new Problem(400, 'validation', 'The request is not valid', `Invalid ${where}: ${field}`, { errors: [{ field, rule: STORABLE_TEXT_RULE, message }] });
}

/** Refuses a request whose body or query holds unstorable text. */
export function refuseUnstorableText(): RequestHandler {
  return (req, _res, next) => {
    const inBody = firstUnstorable(req.body);
    if (inBody !== undefined) throw unstorableProblem(inBody || '(body)', 'body');
    const inQuery = firstUnstorable(req.query);
    if (inQuery !== undefined) throw unstorableProblem(inQuery || '(query)', 'query');
    next();
  };
}
