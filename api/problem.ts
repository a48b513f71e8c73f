/**
 * RFC 9457 problem details: the one shape every error leaves the API in.
 * Route code throws a `Problem`; the error middleware in app.ts writes it.
 */
import type { ZodError } from 'zod';
import { UseCaseError, type FailureKind } from '../services/errors';

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

/** `['claimants', 0, 'name']` → `claimants[0].name` */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc === '' ? String(key) : `${acc}.${String(key)}`;
  }, '');
}

export function validationProblem(where: 'body' | 'query' | 'path' | 'header', error: ZodError): Problem {
  const errors: FieldError[] = error.issues.map((issue) => {
    const field = fieldPath(issue.path);
    const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    return {
      field: unknownKeys.length > 0 ? unknownKeys.map((k) => (field ? `${field}.${k}` : k)).join(', ') : field || `(${where})`,
      // A refinement names its own rule (`params: { rule }`); zod's own codes name the rest.
      rule: issue.code === 'custom' && typeof issue.params?.rule === 'string' ? issue.params.rule : issue.code,
      message: issue.message,
    };
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
};

/** A use-case's failure as a problem; anything else is not one (undefined). */
export function problemOf(err: unknown): Problem | undefined {
  if (err instanceof Problem) return err;
  if (!(err instanceof UseCaseError)) return undefined;
  const problem = new Problem(STATUS_OF[err.kind], err.code, err.title, err.detail, err.extensions);
  if (err.cause !== undefined) problem.cause = err.cause;
  return problem;
}
