/**
 * Branch codes: listing them (the organisation's administrators, the
 * registry, auditors), creating them up to the organisation's maximum,
 * renaming, deactivating and reactivating them (an administrator with
 * `manage-branch-codes`), and moving an account to another branch (with the
 * power to administer that account). Each change is written with its audit
 * entry in one transaction.
 */
import type { Pool } from 'pg';
import { mayAdminister, powerRefusal } from '../../domain/identity/administration';
import { deactivationRefusal, newBranchRefusal, usableBranchRefusal } from '../../domain/identity/branches';
import { refusal } from '../../domain/identity/refusal';
import { setAccountBranch as writeAccountBranch, countActiveAccountsInBranch, defaultScopesOf, insertBranch, listBranches, lockOrganisation, updateBranch as writeBranch, type BranchRow } from '../../db/organisations';
import { appendAudit } from '../../db/audit-log';
import { inTransaction } from '../../db/pool';
import type { AccountRow } from '../../db/accounts';
import { auditEntryOf, type Caller } from '../audit';
import { notFound, UseCaseError } from '../errors';
import { administratorOf, memberOf, organisationInView, refuseIf } from './organisation-scope';
import { enforceQuota } from './quotas';

export interface BranchDeps {
  pool: Pool;
}

const branchTarget = (organisationId: string, code: string) => `organisation:${organisationId}:branch:${code}`;
const branchRecord = (b: BranchRow) => ({ code: b.code, name: b.name, active: b.active });

export async function branchesOf(deps: BranchDeps, caller: Caller, organisationId: string): Promise<BranchRow[]> {
  await organisationInView(deps.pool, caller, organisationId);
  return listBranches(deps.pool, organisationId);
}

/** A new branch code, if the organisation has room for one more. */
export async function createBranch(deps: BranchDeps, caller: Caller, organisationId: string, request: { code: string; name: string }): Promise<BranchRow> {
  const admin = await administratorOf(deps.pool, caller, organisationId);
  refuseIf(powerRefusal(admin, 'manage-branch-codes'));
  return inTransaction(deps.pool, async (tx) => {
    await enforceQuota(tx, organisationId, 'branch-codes');
    refuseIf(newBranchRefusal(await listBranches(tx, organisationId), request.code));
    const branch = await insertBranch(tx, { organisationId, ...request, createdBy: admin.id });
    await appendAudit(tx, auditEntryOf(caller, { action: 'branch.create', target: branchTarget(organisationId, branch.code), after: branchRecord(branch) }));
    return branch;
  });
}

/**
 * Renames a branch, deactivates it (refused while active accounts belong to
 * it) or reactivates it (it kept its place under the maximum). Unchanged if
 * it is so already.
 */
export async function updateBranch(
  deps: BranchDeps,
  caller: Caller,
  organisationId: string,
  code: string,
  change: { name?: string | undefined; active?: boolean | undefined },
): Promise<BranchRow> {
  const admin = await administratorOf(deps.pool, caller, organisationId);
  refuseIf(powerRefusal(admin, 'manage-branch-codes'));
  return inTransaction(deps.pool, async (tx) => {
    // The lock orders this against an account being placed in the branch while it is deactivated.
    await lockOrganisation(tx, organisationId);
    const before = (await listBranches(tx, organisationId)).find((b) => b.code === code);
    if (!before) throw notFound(`Branch code ${code}`);
    if (change.active === false && before.active) refuseIf(deactivationRefusal(before, await countActiveAccountsInBranch(tx, organisationId, code)));
    const after = await writeBranch(tx, organisationId, code, change);
    if (!after) throw notFound(`Branch code ${code}`);
    if (after.name === before.name && after.active === before.active) return before;
    const action = before.active !== after.active ? (after.active ? 'branch.reactivate' : 'branch.deactivate') : 'branch.rename';
    await appendAudit(tx, auditEntryOf(caller, { action, target: branchTarget(organisationId, code), before: branchRecord(before), after: branchRecord(after) }));
    return after;
  });
}

/**
 * Moves an organisation user or sub-administrator to another active branch
 * of the organisation (maintaining their account details: the power to
 * administer them). A branch's default organisation user stays in it until
 * another is named.
 */
export async function moveAccountToBranch(deps: BranchDeps, caller: Caller, organisationId: string, accountId: string, branchCode: string): Promise<AccountRow> {
  const admin = await administratorOf(deps.pool, caller, organisationId);
  const target = await memberOf(deps.pool, organisationId, accountId, ['org-user', 'org-sub-admin', 'org-principal-admin'], 'Account');
  // The principal administrator may move themselves (their branch limits nothing they do); nobody else may.
  const principalSelf = admin.role === 'org-principal-admin' && target.id === admin.id;
  if (!principalSelf && !mayAdminister(admin, target)) {
    if (target.role === 'org-user') refuseIf(powerRefusal(admin, 'manage-org-users', 'accountId'));
    if (target.role === 'org-sub-admin' && target.id !== admin.id) refuseIf(powerRefusal(admin, 'manage-sub-admins', 'accountId'));
    throw new UseCaseError('forbidden', 'forbidden', 'Not allowed', target.id === admin.id ? 'You may not move yourself to another branch' : 'You may not administer this account');
  }
  if (target.branchCode === branchCode) return target;
  return inTransaction(deps.pool, async (tx) => {
    await lockOrganisation(tx, organisationId);
    refuseIf(usableBranchRefusal(await listBranches(tx, organisationId), branchCode));
    const scopes = await defaultScopesOf(tx, target.id);
    if (target.branchCode !== null && scopes.includes(target.branchCode)) {
      refuseIf(
        refusal(
          'default-user-of-branch',
          "A branch's default organisation user belongs to that branch",
          'accountId',
          `The account is the default organisation user of branch ${target.branchCode}: name another default for it first`,
        ),
      );
    }
    const moved = await writeAccountBranch(tx, target.id, branchCode);
    if (!moved) throw notFound(`Account ${accountId}`);
    await appendAudit(
      tx,
      auditEntryOf(caller, { action: 'account.branch', target: `account:${target.id}`, before: { branchCode: target.branchCode }, after: { branchCode: moved.branchCode } }),
    );
    return moved;
  });
}
