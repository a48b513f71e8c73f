/**
 * Who is calling, for a route: the actor `authenticate` established from the
 * request's bearer token or API key (api/identity/authenticate.ts), checked
 * against the roles the route allows.
 */
import type { Request } from 'express';
import type { Actor, Role } from '../domain/identity/actor';
import { authorize } from './identity/authenticate';

/**
 * The authenticated actor, who must hold one of `allowed` (any signed-in
 * account when none is given). The public (no credentials) → 401; a role not
 * allowed → 403 naming the role(s) needed. Bad credentials were already
 * refused (401) by `authenticate`.
 */
export function actorFromRequest(req: Request, ...allowed: Role[]): Actor {
  if (!req.res) throw new Error('actorFromRequest: the request has no response (not called from a route)');
  return authorize(req.res, ...allowed);
}
