/**
 * RFC 9457 problem details: the one shape every error leaves the API in.
 * Route code throws a `Problem`; the error middleware in app.ts writes it.
 */
import type { ZodError } from 'zod';
import { UseCaseError, type FailureKind } from '../services/errors';
import { unavailableFailure } from '../services/unavailable';

export interface FieldError {
  /** Where in the request, as a JSON-path-like string: `claimants[0].name`. */
  field: string;
  /** The rule that failed, machine-readable: `too_small`, `invalid_type`, `Cap. 338 s.13(d)`... */
  rule: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = 'Problem';
  }

  body(instance?: string): ProblemBody {
    return {
      type: problemType(this.slug),
      title: this.title,
      status: this.status,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...(instance === undefined ? {} : { instance }),
      ...this.extensions,
    };
  }
}

export const problemType = (slug: string) => `urn:courtflow:problem:${slug}`;

/** A key written as it is in a field's name; any other (empty, or with dots, spaces, brackets…) is quoted. */
const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/**
 * `['claimants', 0, 'name']` → `claimants[0].name`. A key that is not a plain
 * name is written quoted in brackets (`['', 'a.b']` → `[""]["a.b"]`), so
 * every field names one place in the request and none is empty.
 */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    const name = String(key);
    if (!PLAIN_KEY.test(name)) return `${acc}[${JSON.stringify(name)}]`;
    return acc === '' ? name : `${acc}.${name}`;
  }, '');
}

export function validationProblem(where: 'body' | 'query' | 'path' | 'header', error: ZodError): Problem {
  const errors: FieldError[] = error.issues.flatMap((issue) => {
    // A refinement names its own rule (`params: { rule }`); zod's own codes name the rest.
    const rule = issue.code === 'custom' && typeof issue.params?.rule === 'string' ? issue.params.rule : issue.code;
    // Each unknown key is a field of its own.
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: fieldPath([...issue.path, key]), rule, message: issue.message }));
    return [{ field: fieldPath(issue.path) || `(${where})`, rule, message: issue.message }];
  });
  const names = errors.map((e) => e.field).join(', ');
  return new Problem(400, 'validation', 'The request is not valid', `Invalid ${where}: ${names}`, { errors });
}

export const notFound = (what: string) => new Problem(404, 'not-found', 'Not found', `${what} was not found`);

/** The HTTP status of each kind of use-case failure: the one place they are mapped. */
export const STATUS_OF: Record<FailureKind, number> = {
  invalid: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  stale: 412,
  refused: 422,
  unavailable: 503,
  'insufficient-storage': 507,
};

/**
 * A use-case's failure as a problem, and so is a dependency that did not
 * answer (503: PostgreSQL or Temporal unreachable, services/unavailable.ts);
 * anything else is not one (undefined).
 */
export function problemOf(thrown: unknown): Problem | undefined {
  if (thrown instanceof Problem) return thrown;
  const err = thrown instanceof UseCaseError ? thrown : unavailableFailure(thrown);
  if (!err) return undefined;
  const problem = new Problem(STATUS_OF[err.kind], err.code, err.title, err.detail, err.extensions);
  if (err.cause !== undefined) problem.cause = err.cause;
  return problem;
}
