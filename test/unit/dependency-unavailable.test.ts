/**
 * A dependency that did not answer is a 503 naming it, never a 500: the
 * errors `pg` and the Temporal client throw when PostgreSQL or Temporal is
 * away are told apart from faults (a bad query, a bug), which stay 500.
 * The drills (test/drills/) cut the real servers; this pins the shapes.
 */
import { ServiceError } from '@temporalio/client';
import { problemOf } from '../../api/problem';
import { isDatabaseUnreachable } from '../../db/unreachable';
import { UseCaseError } from '../../services/errors';
import { unavailableFailure } from '../../services/unavailable';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
const grpcError = (code: number) => Object.assign(new Error(`${code} grpc`), { code, details: 'No connection established', metadata: {} });

describe('a database that is not there', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5433', 'ECONNREFUSED')],
    ['a reset connection', withCode('read ECONNRESET', 'ECONNRESET')],
    ['a socket closed under a query', new Error('Connection terminated unexpectedly')],
    ['a connection that timed out', new Error('timeout exceeded when trying to connect')],
    ['the server shutting down', withCode('terminating connection due to administrator command', '57P01')],
    ['a connection exception (class 08)', withCode('connection failure', '08006')],
    ['refusals on every address tried', new AggregateError([withCode('a', 'ECONNREFUSED'), withCode('b', 'ECONNREFUSED')], '')],
    ['a refusal given as the cause', new Error('could not read the account', { cause: withCode('x', 'ECONNRESET') })],
  ])('when it is %s, then it is unreachable, a 503 naming the database', (_what, err) => {
    expect(isDatabaseUnreachable(err)).toBe(true);
    expect(problemOf(err)?.body()).toMatchObject({ status: 503, type: 'urn:courtflow:problem:dependency-unavailable', dependency: 'database' });
  });

  it.each([
    ['a syntax error', withCode('syntax error at or near "SELEC"', '42601')],
    ['a unique violation', withCode('duplicate key value', '23505')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['only some addresses refused', new AggregateError([withCode('a', 'ECONNREFUSED'), new Error('bug')], '')],
    ['not an error', 'ECONNREFUSED'],
  ])('when it is %s, then it is no dependency failure (the API answers 500)', (_what, err) => {
    expect(isDatabaseUnreachable(err)).toBe(false);
    expect(unavailableFailure(err)).toBeUndefined();
    expect(problemOf(err)).toBeUndefined();
  });
});

describe('a Temporal service that is not there', () => {
  it('when a call fails UNAVAILABLE or DEADLINE_EXCEEDED, as the client wraps it, then it is a 503 naming Temporal', () => {
    for (const code of [14, 4]) {
      const err = new ServiceError('Failed to start update', { cause: grpcError(code) });
      expect(problemOf(err)?.body()).toMatchObject({ status: 503, dependency: 'temporal' });
    }
  });

  it('when a call fails otherwise (NOT_FOUND, INVALID_ARGUMENT), then it is not', () => {
    for (const code of [5, 3]) expect(unavailableFailure(new ServiceError('x', { cause: grpcError(code) }))).toBeUndefined();
  });

  it('when a use-case already says what went wrong, then that stands', () => {
    const refused = new UseCaseError('conflict', 'step-wrong-stage', 'refused', 'wrong stage', {});
    expect(unavailableFailure(refused)).toBeUndefined();
    expect(problemOf(refused)?.status).toBe(409);
  });
});
