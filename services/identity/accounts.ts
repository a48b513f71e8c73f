/**
 * Registering and administering accounts: one path for every account that
 * is created (an individual user, an organisation's principal administrator
 * with its organisation, an organisation's own users and sub-administrators),
 * each in one transaction with its audit entries. A password given is
 * hashed; none given, one is generated and returned once. An organisation
 * is registered with its first branch code, MAIN, where its principal
 * administrator is placed.
 */
import type { Pool, PoolClient } from 'pg';
import {
  bumpTokenGeneration,
  insertAccount,
  insertOrganisation,
  setAccountStatus,
  type AccountRow,
  type AccountStatus,
  type NewAccount,
  type OrganisationRow,
} from '../../db/accounts';
import { appendAudit } from '../../db/audit-log';
import { MAIN_BRANCH } from '../../domain/identity/branches';
import { hashPassword, randomPassword } from '../../db/passwords';
import { inTransaction } from '../../db/pool';
import { auditEntryOf, type Caller } from '../audit';
import { notFound, UseCaseError } from '../errors';

export interface AccountDeps {
  pool: Pool;
}

/** An account as it is shown and audited: never its password hash. */
export const accountRecord = (a: AccountRow) => ({
  id: a.id,
  username: a.username,
  displayName: a.displayName,
  role: a.role,
  organisationId: a.organisationId,
  status: a.status,
  canManageSubAdmins: a.canManageSubAdmins,
  createdAt: a.createdAt.toISOString(),
});

/** What the audit log keeps of an account: its record, and for an organisation account its branch and delegated powers. */
export const accountAuditRecord = (a: AccountRow) => ({
  ...accountRecord(a),
  ...(a.organisationId === null ? {} : { branchCode: a.branchCode, powers: a.powers }),
});

export const organisationRecord = (o: OrganisationRow) => ({ id: o.id, name: o.name, createdAt: o.createdAt.toISOString() });

export type NewAccountRequest = Omit<NewAccount, 'passwordHash' | 'createdBy'> & { password?: string | undefined };

export interface RegisteredAccount {
  account: AccountRow;
  organisation?: OrganisationRow;
  /** Only when none was given: shown once, to the caller who created the account. */
  initialPassword?: string;
}

async function insertOrRefuse(tx: PoolClient, account: NewAccount): Promise<AccountRow> {
  const created = await insertAccount(tx, account);
  if (!created) throw new UseCaseError('conflict', 'username-taken', 'Username taken', `The username ${account.username} is already in use`);
  return created;
}

export interface RegisterOptions {
  /**
   * Runs first in the creating transaction and refuses by throwing: a check
   * that must hold when the account is written (an organisation's maximum,
   * under its lock), not only when it was read.
   */
  guard?: (tx: PoolClient) => Promise<void>;
}

/**
 * Creates `request` for the caller, and first the organisation it belongs
 * to when `organisation` is given (its principal administrator's
 * registration). Who may create what is the caller's to check first.
 */
export async function registerAccount(
  deps: AccountDeps,
  caller: Caller,
  request: NewAccountRequest,
  organisation?: { name: string },
  options: RegisterOptions = {},
): Promise<RegisteredAccount> {
  const shown = request.password === undefined ? randomPassword() : undefined;
  const passwordHash = await hashPassword(request.password ?? (shown as string));
  const { password: _password, ...fields } = request;
  void _password;
  return inTransaction(deps.pool, async (tx) => {
    await options.guard?.(tx);
    const org = organisation ? await insertOrganisation(tx, organisation.name) : undefined;
    if (org) {
      await appendAudit(tx, auditEntryOf(caller, { action: 'organisation.create', target: `organisation:${org.id}`, after: organisationRecord(org) }));
      // The organisation comes with its first branch code (insertOrganisation), where its principal administrator is placed.
      await appendAudit(tx, auditEntryOf(caller, { action: 'branch.create', target: `organisation:${org.id}:branch:${MAIN_BRANCH.code}`, after: { ...MAIN_BRANCH, active: true } }));
    }
    const account = await insertOrRefuse(tx, { ...fields, ...(org ? { organisationId: org.id, branchCode: MAIN_BRANCH.code } : {}), passwordHash, createdBy: caller.actor.id });
    await appendAudit(tx, auditEntryOf(caller, { action: 'account.create', target: `account:${account.id}`, after: accountAuditRecord(account) }));
    return { account, ...(org ? { organisation: org } : {}), ...(shown ? { initialPassword: shown } : {}) };
  });
}

/** Suspends or reactivates `target` (already checked as one the caller administers); unchanged if it is so already. */
export async function changeAccountStatus(deps: AccountDeps, caller: Caller, target: AccountRow, status: AccountStatus): Promise<AccountRow> {
  if (target.status === status) return target;
  return inTransaction(deps.pool, async (tx) => {
    const changed = await setAccountStatus(tx, target.id, status);
    if (!changed) throw notFound(`Account ${target.id}`);
    // A suspension ends every session for good: reactivating the account does not revive its old tokens.
    if (status === 'suspended') await bumpTokenGeneration(tx, target.id);
    await appendAudit(
      tx,
      auditEntryOf(caller, {
        action: status === 'suspended' ? 'account.suspend' : 'account.reactivate',
        target: `account:${target.id}`,
        before: accountAuditRecord(target),
        after: accountAuditRecord(changed),
      }),
    );
    return changed;
  });
}

