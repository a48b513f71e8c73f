/**
 * A dependency that did not answer, told apart from a fault: PostgreSQL
 * unreachable or gone mid-query, or the Temporal service unreachable. Any
 * use-case may meet one at any moment (the API reads the caller's account
 * from the database before anything else), so the API maps it in one place:
 * 503, naming which dependency, and retrying the same request is safe
 * (steps and filings are idempotent by their Idempotency-Key).
 */
import { isGrpcServiceError } from '@temporalio/client';
import { isDatabaseUnreachable } from '../db/unreachable';
import { UseCaseError } from './errors';

/** gRPC status codes of a Temporal service that could not be reached (14, UNAVAILABLE) or did not answer in time (4, DEADLINE_EXCEEDED). */
const TEMPORAL_UNAVAILABLE = new Set<number>([14, 4]);

function temporalUnreachable(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 4) return false;
  if (isGrpcServiceError(err) && TEMPORAL_UNAVAILABLE.has(err.code)) return true;
  return temporalUnreachable((err as { cause?: unknown }).cause, depth + 1);
}

const DATABASE = { id: 'database', name: "The court's database" } as const;
const TEMPORAL = { id: 'temporal', name: 'The workflow service (Temporal)' } as const;

/** The failure to answer with when `err` is a dependency that did not answer; undefined for anything else. */
export function unavailableFailure(err: unknown): UseCaseError | undefined {
  if (err instanceof UseCaseError) return undefined;
  const dependency = isDatabaseUnreachable(err) ? DATABASE : temporalUnreachable(err) ? TEMPORAL : undefined;
  if (!dependency) return undefined;
  const failure = new UseCaseError(
    'unavailable',
    'dependency-unavailable',
    'Service unavailable',
    `${dependency.name} did not answer. Try again shortly: a retry with the same Idempotency-Key is never applied twice.`,
    { dependency: dependency.id },
  );
  failure.cause = err;
  return failure;
}
