/**
 * Signing in with a username and password, throttled so that it cannot be
 * turned against the account's owner (OWASP Authentication Cheat Sheet:
 * slow the guesser down; do not lock the account by its username alone).
 *
 * Attempts are throttled per (username, client address) pair, with a delay
 * that doubles with each failure past the first few, and per client address
 * across usernames (a looser budget, against password spraying); a success
 * forgets the pair's failures. Failures from one address never refuse the
 * same username from another: the owner can always sign in from their own.
 * The throttle itself (in memory, per API process) is the caller's to give,
 * through `SignInThrottle`.
 *
 * Every refusal but a throttled one leaves an audit entry; a sign-in leaves
 * one naming the token it issued. A wrong username and a wrong password take
 * as long and answer alike.
 */
import type { Pool } from 'pg';
import type { Actor } from '../../domain/identity/actor';
import { findAccountForSignIn, setPasswordHash, type AccountRow } from '../../db/accounts';
import { appendAudit } from '../../db/audit-log';
import { hashPassword, passwordNeedsRehash, verifyPassword } from '../../db/passwords';
import { inTransaction } from '../../db/pool';
import { auditEntryOf, type Caller } from '../audit';

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** How sign-in attempts are throttled (implemented in api/middleware/rate-limit.ts, `LoginThrottle`). */
export interface SignInThrottle {
  /**
   * An attempt at `username` from `address`: refused (how many seconds to
   * wait), or let through and counted as a failure until `succeeded` says
   * otherwise, so that attempts sent all at once are counted before any of
   * them is answered.
   */
  attempt(username: string, address: string): ThrottleDecision;
  /** The attempt signed in: the pair's failures are forgotten, and the attempt is not held against the address. */
  succeeded(username: string, address: string): void;
}

export interface IssuedSession {
  token: string;
  tokenId: string;
  expiresIn: number;
  expiresAt: Date;
}

export interface SignInDeps {
  pool: Pool;
  throttle: SignInThrottle;
  /** Issues an access token for the account, of its current token generation. */
  issueToken(accountId: string, generation: number): IssuedSession;
}

export interface SignInRequest {
  /** As typed; compared lower-case. */
  username: string;
  password: string;
  /** The client's address as the API sees it (behind a trusted proxy: the address it forwarded). */
  clientAddress: string;
}

export type SignInResult =
  | { outcome: 'signed-in'; account: AccountRow; session: IssuedSession }
  | { outcome: 'throttled'; retryAfterSeconds: number }
  | { outcome: 'refused'; reason: 'bad-credentials' | 'suspended' };

const actorOfAccount = (account: AccountRow): Actor => ({
  id: account.id,
  role: account.role,
  name: account.displayName,
  ...(account.organisationId ? { organisationId: account.organisationId } : {}),
});

/** Signs in, or says why not. `caller` is whoever sent the request (the public, as a rule): only its request id is used. */
export async function signIn(deps: SignInDeps, caller: Caller, request: SignInRequest): Promise<SignInResult> {
  const username = request.username.trim().toLowerCase();
  const decision = deps.throttle.attempt(username, request.clientAddress);
  if (!decision.allowed) return { outcome: 'throttled', retryAfterSeconds: decision.retryAfterSeconds };

  const found = await findAccountForSignIn(deps.pool, username);
  // With no such account a dummy hash is checked: the answer takes as long.
  const matches = await verifyPassword(found?.passwordHash, request.password);
  if (!found || !matches || found.account.status !== 'active') {
    const reason = !found || !matches ? 'bad-credentials' : 'suspended';
    await appendAudit(deps.pool, {
      actor: { id: 'public', role: 'public' },
      action: 'auth.login-refused',
      target: found ? `account:${found.account.id}` : `username:${username}`,
      after: { reason },
      ...(caller.requestId ? { requestId: caller.requestId } : {}),
    });
    return { outcome: 'refused', reason };
  }

  deps.throttle.succeeded(username, request.clientAddress);
  const { account, passwordHash, tokenGeneration } = found;
  if (passwordHash && passwordNeedsRehash(passwordHash)) await setPasswordHash(deps.pool, account.id, await hashPassword(request.password));
  const session = deps.issueToken(account.id, tokenGeneration);
  const actor = actorOfAccount(account);
  await inTransaction(deps.pool, (tx) =>
    appendAudit(
      tx,
      auditEntryOf(
        { actor, ...(caller.requestId ? { requestId: caller.requestId } : {}) },
        {
          action: 'auth.login',
          target: `account:${account.id}`,
          after: { credential: 'token', tokenId: session.tokenId, expiresAt: session.expiresAt.toISOString() },
        },
      ),
    ),
  );
  return { outcome: 'signed-in', account, session };
}
