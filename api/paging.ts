/**
 * Keyset paging, one way for every list the API serves: `limit` (1 to 100)
 * and an opaque `cursor`, which is the last row's key as base64url JSON,
 * checked against its schema when it comes back, so a cursor this API did
 * not give out is a 400 naming the parameter, never a query.
 */
import { z } from 'zod';

export const DEFAULT_PAGE_SIZE = 20;
const LIMIT_RULE = 'must be a whole number from 1 to 100';
const NOT_OURS = 'is not a cursor this API gave out (use nextCursor of the previous page as it is)';

/**
 * The `limit` query parameter: `noun` per page. The query string carries it
 * as digits; the schema (and so /openapi.json) is the integer it stands for.
 */
export const pageLimit = (noun: string) =>
  z
    .preprocess(
      (value) => (typeof value === 'string' && /^[0-9]{1,3}$/.test(value) ? Number(value) : value),
      z.number({ error: LIMIT_RULE }).int(LIMIT_RULE).min(1, LIMIT_RULE).max(100, LIMIT_RULE),
    )
    .optional()
    .describe(`${noun} per page, 1 to 100 (default ${DEFAULT_PAGE_SIZE})`);

export const nextCursorSchema = z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page');

/**
 * A cursor for keys of type `K`, written on the wire as `W` (short names
 * keep cursors short).
 */
export function cursorCodec<W, K>(wire: z.ZodType<W>, toWire: (key: K) => W, fromWire: (wire: W) => K) {
  const decode = (cursor: string): K | undefined => {
    if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    const parsed = wire.safeParse(json);
    return parsed.success ? fromWire(parsed.data) : undefined;
  };
  return {
    encode: (key: K): string => Buffer.from(JSON.stringify(toWire(key))).toString('base64url'),
    decode,
    /** The `cursor` query parameter; `sameAs` says which filters must not change between pages. */
    param: (sameAs: string) =>
      z
        .string()
        .transform((value, ctx) => {
          const key = decode(value);
          if (key === undefined) {
            ctx.issues.push({ code: 'custom', message: NOT_OURS, input: value, params: { rule: 'issued-cursor' } });
            return z.NEVER;
          }
          return key;
        })
        .optional()
        .describe(`Opaque: \`nextCursor\` of the previous page, with the same ${sameAs}`),
  };
}

/** Rows read with `limit + 1`: this page, and the cursor of the next if there is one. */
export function pageOf<R>(rows: readonly R[], limit: number, cursorOf: (last: R) => string): { page: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}

/**
 * A search term in a query (a part of a name): trimmed, 2 to 100
 * characters, at least two of them not spaces (the pattern documents what the
 * trimming enforces). Matched as plain text: `%` and `_` are not wildcards.
 */
export const searchTerm = (describe: string) =>
  z
    .string()
    .trim()
    .min(2, 'must be at least 2 characters')
    .max(100, 'must be at most 100 characters')
    .meta({ pattern: '[^\\s\\ufeff][\\s\\S]*[^\\s\\ufeff]' })
    .optional()
    .describe(describe);
