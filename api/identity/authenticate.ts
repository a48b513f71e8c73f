/**
 * Who is calling: `Authorization: Bearer <access token>` or
 * `X-Api-Key: cf_<prefix>_<secret>`, or neither (the public).
 *
 * Either credential names an account, which is read on every request: a
 * suspended account is refused at once, whatever its token's expiry. An
 * access token is refused too once it is revoked: signed out (its `jti`), or
 * of an older token generation than its account's (the password changed, or
 * the account signed out everywhere). An API key's use is noted, at most once
 * a minute per key (`lastUsedAt`). Bad credentials are refused (401), never
 * downgraded to the public.
 */
import type { RequestHandler, Response } from 'express';
import type { Pool } from 'pg';
import { isRole, type Actor, type Role } from '../../domain/identity/actor';
import { findAccount, findAccountForToken, findApiKeyByPrefix, noteApiKeyUse, API_KEY_USE_RESOLUTION_MS, type AccountRow } from '../../db/accounts';
import { Problem } from '../problem';
import { apiKeySecretMatches, parseApiKey } from '../../services/identity/api-keys';
import type { TokenService } from './tokens';

export interface AuthenticateDeps {
  pool: Pool;
  tokens: TokenService;
  now?: () => Date;
}

/** How the actor proved who they are (`res.locals.credential`). */
export type Credential =
  | { kind: 'none' }
  /** `expiresAt`: when the token ends anyway (how long a sign-out must remember it). */
  | { kind: 'token'; tokenId: string; expiresAt: Date }
  | { kind: 'api-key'; apiKeyId: string; prefix: string };

export const PUBLIC_ACTOR: Actor = Object.freeze({ id: 'public', role: 'public', name: 'Public' });

const WWW_AUTHENTICATE = 'Bearer realm="courtflow"';

function unauthenticated(res: Response, detail: string): Problem {
  res.set('WWW-Authenticate', WWW_AUTHENTICATE);
  return new Problem(401, 'unauthenticated', 'Not signed in', detail);
}

export function actorFromAccount(account: AccountRow): Actor {
  return {
    id: account.id,
    role: account.role,
    name: account.displayName,
    ...(account.organisationId ? { organisationId: account.organisationId } : {}),
  };
}

/** Sets `res.locals.actor` (an `Actor`) and `res.locals.credential` (a `Credential`). */
export function authenticate(deps: AuthenticateDeps): RequestHandler {
  const now = deps.now ?? (() => new Date());
  return async (req, res, next) => {
    const authorization = req.get('Authorization');
    const apiKey = req.get('X-Api-Key');
    if (authorization !== undefined && apiKey !== undefined) {
      throw new Problem(400, 'ambiguous-credentials', 'Two credentials', 'Send either Authorization or X-Api-Key, not both');
    }

    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match) throw unauthenticated(res, 'Authorization must be "Bearer <access token>"');
      const check = deps.tokens.check(match[1] as string, now());
      if (!check.ok) {
        throw unauthenticated(res, check.reason === 'expired' ? 'The access token has expired; sign in again' : 'The access token is not valid');
      }
      const found = await findAccountForToken(deps.pool, check.claims.sub, check.claims.jti);
      if (!found) throw unauthenticated(res, 'The access token is not valid');
      const { account } = found;
      if (account.status !== 'active') throw unauthenticated(res, 'The account is suspended');
      if (found.tokenRevoked) throw unauthenticated(res, 'The access token was signed out; sign in again');
      if (check.claims.gen !== found.tokenGeneration) {
        throw unauthenticated(res, 'The access token was revoked (the password was changed, or every session signed out); sign in again');
      }
      res.locals.actor = actorFromAccount(account);
      res.locals.credential = { kind: 'token', tokenId: check.claims.jti, expiresAt: new Date(check.claims.exp * 1000) } satisfies Credential;
      next();
      return;
    }

    if (apiKey !== undefined) {
      const parsed = parseApiKey(apiKey.trim());
      const found = parsed && (await findApiKeyByPrefix(deps.pool, parsed.prefix));
      if (!parsed || !found || !apiKeySecretMatches(parsed.secret, found.secretHash)) throw unauthenticated(res, 'The API key is not valid');
      if (found.key.revokedAt) throw unauthenticated(res, 'The API key has been revoked');
      const account = await findAccount(deps.pool, found.key.accountId);
      if (!account) throw unauthenticated(res, 'The API key is not valid');
      if (account.status !== 'active') throw unauthenticated(res, 'The account is suspended');
      const at = now();
      // At most one write a minute per key: most requests only read.
      if (!found.key.lastUsedAt || at.getTime() - found.key.lastUsedAt.getTime() >= API_KEY_USE_RESOLUTION_MS) {
        await noteApiKeyUse(deps.pool, found.key.id, at);
      }
      res.locals.actor = actorFromAccount(account);
      res.locals.credential = { kind: 'api-key', apiKeyId: found.key.id, prefix: found.key.prefix } satisfies Credential;
      next();
      return;
    }

    res.locals.actor = PUBLIC_ACTOR;
    res.locals.credential = { kind: 'none' } satisfies Credential;
    next();
  };
}

/** The actor `authenticate` set; throws (a 500: a wiring mistake) if it did not run. */
export function actorOf(res: Response): Actor {
  const actor: unknown = res.locals.actor;
  if (!actor || typeof actor !== 'object' || !('id' in actor) || !('role' in actor) || !isRole(actor.role)) {
    throw new Error('no actor on the request: mount authenticate() before the routes');
  }
  return actor as Actor;
}

export function credentialOf(res: Response): Credential {
  const credential: unknown = res.locals.credential;
  if (credential && typeof credential === 'object' && 'kind' in credential) return credential as Credential;
  return { kind: 'none' };
}

/** The request ID the app's first middleware set, for audit entries. */
export function requestIdOf(res: Response): string | undefined {
  const id: unknown = res.locals.requestId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * The actor, if their role is one of `roles` (with no roles: anyone signed
 * in); otherwise throws 401 (the public: no credentials) or 403, naming the
 * roles needed in `requiredRoles`. For use inside handlers.
 */
export function authorize(res: Response, ...roles: Role[]): Actor {
  const actor = actorOf(res);
  const allowed = roles.length === 0 ? actor.role !== 'public' : roles.includes(actor.role);
  if (allowed) return actor;
  const needed = roles.length === 0 ? 'any signed-in account' : roles.join(', ');
  if (actor.role === 'public') {
    res.set('WWW-Authenticate', WWW_AUTHENTICATE);
    throw new Problem(401, 'unauthenticated', 'Not signed in', `Sign in as one of: ${needed}`, { requiredRoles: roles });
  }
  throw new Problem(403, 'forbidden', 'Not allowed', `This needs one of the roles: ${needed} (you are ${actor.role})`, { requiredRoles: roles });
}

/** The same check as a route middleware: `app.post(path, requireRole('registry-officer'), handler)`. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (_req, res, next) => {
    authorize(res, ...roles);
    next();
  };
}
