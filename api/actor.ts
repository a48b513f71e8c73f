/**
 * Who is calling. Until identity is built the caller names itself in three
 * headers; identity will replace the body of `actorFromRequest` with token
 * verification, and every route that calls it keeps working unchanged.
 */
import type { Request } from 'express';
import { z } from 'zod';
import { ROLES, type Actor, type Role } from '../domain/identity/actor';
import { fieldPath, Problem } from './problem';

/** The headers `actorFromRequest` reads, for operation declarations (OpenAPI). */
export const ACTOR_HEADERS = [
  { name: 'X-Actor-Id', required: true, description: 'Account id of the caller (interim, until token authentication)' },
  { name: 'X-Actor-Role', required: true, description: `The caller's role: one of ${ROLES.join(', ')}` },
  { name: 'X-Actor-Name', required: true, description: 'Display name of the caller, recorded in case histories' },
];

const actorHeaders = z.object({
  'X-Actor-Id': z.string().trim().min(1).max(200),
  'X-Actor-Role': z.enum(ROLES),
  'X-Actor-Name': z.string().trim().min(1).max(200),
});

/**
 * The authenticated actor, who must hold one of `allowed` (any role when none
 * is given). No or malformed credentials → 401; a role not allowed → 403
 * naming the role(s) needed.
 */
export function actorFromRequest(req: Request, ...allowed: Role[]): Actor {
  const parsed = actorHeaders.safeParse({
    'X-Actor-Id': req.get('X-Actor-Id'),
    'X-Actor-Role': req.get('X-Actor-Role'),
    'X-Actor-Name': req.get('X-Actor-Name'),
  });
  if (!parsed.success) {
    const headers = [...new Set(parsed.error.issues.map((i) => fieldPath(i.path)))];
    throw new Problem(401, 'unauthenticated', 'Authentication required', `Missing or invalid ${headers.join(', ')}`);
  }
  const actor: Actor = { id: parsed.data['X-Actor-Id'], role: parsed.data['X-Actor-Role'], name: parsed.data['X-Actor-Name'] };
  if (allowed.length > 0 && !allowed.includes(actor.role)) {
    throw new Problem(403, 'forbidden', 'Not permitted', `This needs the role ${allowed.join(' or ')}; you act as ${actor.role}`, {
      requiredRoles: allowed,
    });
  }
  return actor;
}
