/**
 * What a use-case throws when it cannot do what was asked: one error type,
 * whose kind says what went wrong in business terms. The API maps each kind
 * to an HTTP status in one place (api/problem.ts); a CLI or a worker could
 * map it to something else.
 */
export type FailureKind =
  /** The request is malformed (a field breaks a rule): 400. */
  | 'invalid'
  /** No such thing, or not one the caller may know of: 404. */
  | 'not-found'
  /** The caller may not do this: 403. */
  | 'forbidden'
  /** The state of things does not allow it now: 409. */
  | 'conflict'
  /** The caller saw an older version: 412. */
  | 'stale'
  /** Understood, but refused by a rule (the registry cannot accept it; a key reused): 422. */
  | 'refused'
  /** A dependency did not answer; retrying the same request is safe: 503. */
  | 'unavailable'
  /** There is no room to keep what was sent (the document store's disk is full); nothing was kept: 507. */
  | 'insufficient-storage';

export class UseCaseError extends Error {
  override name = 'UseCaseError';
  constructor(
    readonly kind: FailureKind,
    /** Stable and machine-readable: `claim-refused`, `step-wrong-stage`… */
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    /** Named members a caller can act on (`errors`, `section`, `step`…). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

export const notFound = (what: string) => new UseCaseError('not-found', 'not-found', 'Not found', `${what} was not found`);
