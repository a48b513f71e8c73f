/**
 * Credentials that end when they should: changing one's password ends every
 * access token issued before it (the account's token generation is bumped,
 * in the same transaction as the new hash), and signing out ends the token
 * used, or with `everywhere` every token of the account. Each change is
 * written with its audit entry in one transaction; no entry holds a secret.
 *
 * A wrong current password counts against the sign-in throttle of the
 * account's username and the client's address, as a wrong password at
 * sign-in does: a stolen token is no faster way to guess the password.
 */
import type { Pool } from 'pg';
import { bumpTokenGeneration, findAccount, findPasswordHash, insertApiKey, listApiKeys, revokeApiKey, revokeToken, setPasswordHash, type ApiKeyRow } from '../../db/accounts';
import { appendAudit } from '../../db/audit-log';
import { hashPassword, verifyPassword } from '../../db/passwords';
import { inTransaction } from '../../db/pool';
import { auditEntryOf, type Caller } from '../audit';
import { notFound, UseCaseError } from '../errors';
import { generateApiKey } from './api-keys';
import type { SignInThrottle } from './sign-in';

export interface CredentialDeps {
  pool: Pool;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
  /** The client's address, for the sign-in throttle. */
  clientAddress: string;
}

export type ChangePasswordResult = { outcome: 'changed'; tokenGeneration: number } | { outcome: 'throttled'; retryAfterSeconds: number };

const forbidden = (detail: string) => new UseCaseError('forbidden', 'forbidden', 'Not allowed', detail);

/**
 * Changes the caller's password and revokes every access token of theirs
 * issued before the change, the one used to ask included: the caller signs
 * in again with the new password. API keys are not touched (each is revoked
 * on its own). Throws `forbidden` when the current password is wrong.
 */
export async function changePassword(
  deps: CredentialDeps & { throttle: SignInThrottle },
  caller: Caller,
  request: ChangePasswordRequest,
): Promise<ChangePasswordResult> {
  const accountId = caller.actor.id;
  const account = await findAccount(deps.pool, accountId);
  if (!account) throw forbidden('The account no longer exists');
  const decision = deps.throttle.attempt(account.username, request.clientAddress);
  if (!decision.allowed) return { outcome: 'throttled', retryAfterSeconds: decision.retryAfterSeconds };
  if (!(await verifyPassword(await findPasswordHash(deps.pool, accountId), request.currentPassword))) {
    throw forbidden('The current password is wrong');
  }
  deps.throttle.succeeded(account.username, request.clientAddress);
  const hash = await hashPassword(request.newPassword);
  const tokenGeneration = await inTransaction(deps.pool, async (tx) => {
    await setPasswordHash(tx, accountId, hash);
    const generation = await bumpTokenGeneration(tx, accountId);
    if (generation === undefined) throw forbidden('The account no longer exists');
    await appendAudit(
      tx,
      auditEntryOf(caller, { action: 'account.change-password', target: `account:${accountId}`, after: { accessTokensRevoked: 'all issued before' } }),
    );
    return generation;
  });
  return { outcome: 'changed', tokenGeneration };
}

export interface SignOutRequest {
  /** The `jti` of the access token used. */
  tokenId: string;
  /** When it would end anyway: until then it is remembered as signed out. */
  expiresAt: Date;
  /** Also every other access token of the account issued until now. */
  everywhere: boolean;
}

/** Signs the caller's access token out (and, `everywhere`, every other token of theirs issued until now). */
export async function signOut(deps: CredentialDeps, caller: Caller, request: SignOutRequest): Promise<void> {
  const accountId = caller.actor.id;
  await inTransaction(deps.pool, async (tx) => {
    await revokeToken(tx, { tokenId: request.tokenId, accountId, expiresAt: request.expiresAt });
    if (request.everywhere && (await bumpTokenGeneration(tx, accountId)) === undefined) throw forbidden('The account no longer exists');
    await appendAudit(
      tx,
      auditEntryOf(caller, {
        action: request.everywhere ? 'auth.logout-everywhere' : 'auth.logout',
        target: `account:${accountId}`,
        after: { tokenId: request.tokenId },
      }),
    );
  });
}

/** The caller's API keys, with when each was last used. */
export const apiKeysOf = (deps: CredentialDeps, caller: Caller): Promise<ApiKeyRow[]> => listApiKeys(deps.pool, caller.actor.id);

/** An API key as it is shown and audited: its prefix, never its secret. */
export const apiKeyRecord = (k: ApiKeyRow) => ({
  id: k.id,
  prefix: k.prefix,
  label: k.label,
  createdAt: k.createdAt.toISOString(),
  revokedAt: k.revokedAt ? k.revokedAt.toISOString() : null,
  lastUsedAt: k.lastUsedAt ? k.lastUsedAt.toISOString() : null,
});

/**
 * Creates an API key for the caller, who must be signed in with a session
 * (`viaSession`), not another key. The whole key is returned this once;
 * only a hash of its secret is kept.
 */
export async function createApiKey(deps: CredentialDeps, caller: Caller, request: { label: string; viaSession: boolean }): Promise<{ row: ApiKeyRow; key: string }> {
  if (!request.viaSession) {
    throw new UseCaseError('forbidden', 'forbidden', 'Not allowed', 'API keys are created from a signed-in session (Bearer token), not with another API key');
  }
  const generated = generateApiKey();
  const row = await inTransaction(deps.pool, async (tx) => {
    const created = await insertApiKey(tx, { accountId: caller.actor.id, prefix: generated.prefix, secretHash: generated.secretHash, label: request.label });
    await appendAudit(tx, auditEntryOf(caller, { action: 'api-key.create', target: `api-key:${created.id}`, after: apiKeyRecord(created) }));
    return created;
  });
  return { row, key: generated.key };
}

/** Revokes one of the caller's own API keys; another account's key is "not found". */
export async function revokeOwnApiKey(deps: CredentialDeps, caller: Caller, keyId: string): Promise<ApiKeyRow> {
  return inTransaction(deps.pool, async (tx) => {
    const row = await revokeApiKey(tx, caller.actor.id, keyId);
    if (!row) throw notFound(`API key ${keyId}`);
    await appendAudit(tx, auditEntryOf(caller, { action: 'api-key.revoke', target: `api-key:${row.id}`, after: apiKeyRecord(row) }));
    return row;
  });
}
