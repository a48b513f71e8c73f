/** Role checks inside handlers and as middleware. */
import type { NextFunction, Request, Response } from 'express';
import { authorize, PUBLIC_ACTOR, requireRole } from '../../api/identity/authenticate';
import { Problem } from '../../api/problem';
import type { Actor } from '../../domain/identity/actor';

const resWith = (actor?: Actor) => {
  const headers: Record<string, string> = {};
  const res = { locals: { actor }, set: (name: string, value: string) => ((headers[name] = value), res) };
  return { res: res as unknown as Response, headers };
};
const officer: Actor = { id: 'o1', role: 'registry-officer', name: 'Officer' };

function thrown(work: () => unknown): Problem {
  try {
    work();
  } catch (err) {
    if (err instanceof Problem) return err;
    throw err;
  }
  throw new Error('nothing thrown');
}

describe('authorize', () => {
  it('when the role is one of those named, then the actor is returned', () => {
    expect(authorize(resWith(officer).res, 'registry-officer', 'auditor')).toBe(officer);
  });

  it('when the role is not, then 403 naming the roles needed', () => {
    const problem = thrown(() => authorize(resWith(officer).res, 'auditor', 'adjudicator'));
    expect(problem.status).toBe(403);
    expect(problem.detail).toContain('auditor, adjudicator');
    expect(problem.body().requiredRoles).toEqual(['auditor', 'adjudicator']);
  });

  it('when the caller is the public, then 401 with WWW-Authenticate, still naming the roles', () => {
    const { res, headers } = resWith(PUBLIC_ACTOR);
    const problem = thrown(() => authorize(res, 'auditor'));
    expect(problem.status).toBe(401);
    expect(headers['WWW-Authenticate']).toMatch(/^Bearer/);
    expect(problem.body().requiredRoles).toEqual(['auditor']);
  });

  it('when no roles are named, then anyone signed in passes and the public does not', () => {
    expect(authorize(resWith(officer).res)).toBe(officer);
    expect(thrown(() => authorize(resWith(PUBLIC_ACTOR).res)).status).toBe(401);
  });

  it('when authenticate did not run, then it is a wiring error, not a refusal', () => {
    expect(() => authorize(resWith().res, 'auditor')).toThrow(/mount authenticate/);
  });

  it('when used as middleware, then next() runs only for the roles named', () => {
    const next = jest.fn() as NextFunction;
    requireRole('registry-officer')({} as Request, resWith(officer).res, next);
    expect(next).toHaveBeenCalledTimes(1);
    expect(() => requireRole('auditor')({} as Request, resWith(officer).res, next)).toThrow(Problem);
    expect(next).toHaveBeenCalledTimes(1);
  });
});
