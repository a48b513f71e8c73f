/**
 * Default organisation users: naming them (an administrator with
 * `maintain-default-users`), reading them, and who receives a case's work
 * when nobody in the organisation is assigned to it.
 */
import type { Pool } from 'pg';
import { powerRefusal } from '../../domain/identity/administration';
import { defaultUserRefusal, receiverOfWork, type Receipt } from '../../domain/identity/default-users';
import { findAccount } from '../../db/accounts';
import { appendAudit } from '../../db/audit-log';
import { assigneesOfCase, deleteDefaultUser, listBranches, listDefaultUsers, lockOrganisation, upsertDefaultUser, type DefaultUserRow } from '../../db/organisations';
import { inTransaction } from '../../db/pool';
import { auditEntryOf, type Caller } from '../audit';
import { administratorOf, memberOf, organisationInView, refuseIf } from './organisation-scope';
import { usableBranchRefusal } from '../../domain/identity/branches';

export interface DefaultUserDeps {
  pool: Pool;
}

export async function defaultUsersOf(deps: DefaultUserDeps, caller: Caller, organisationId: string): Promise<DefaultUserRow[]> {
  await organisationInView(deps.pool, caller, organisationId);
  return listDefaultUsers(deps.pool, organisationId);
}

/**
 * Names the default organisation user of the organisation (`branchCode`
 * null) or of one branch; `accountId` null removes it. Returns every default
 * of the organisation afterwards.
 */
export async function setDefaultUser(
  deps: DefaultUserDeps,
  caller: Caller,
  organisationId: string,
  request: { branchCode: string | null; accountId: string | null },
): Promise<DefaultUserRow[]> {
  const admin = await administratorOf(deps.pool, caller, organisationId);
  refuseIf(powerRefusal(admin, 'maintain-default-users'));
  const user = request.accountId === null ? undefined : await memberOf(deps.pool, organisationId, request.accountId, ['org-user'], 'Organisation user');
  const scope = request.branchCode === null ? `organisation:${organisationId}` : `organisation:${organisationId}:branch:${request.branchCode}`;
  return inTransaction(deps.pool, async (tx) => {
    await lockOrganisation(tx, organisationId);
    const branches = await listBranches(tx, organisationId);
    const before = (await listDefaultUsers(tx, organisationId)).find((d) => d.branchCode === request.branchCode);
    if (user) {
      refuseIf(defaultUserRefusal(user, request.branchCode, branches));
      await upsertDefaultUser(tx, { organisationId, branchCode: request.branchCode, accountId: user.id, setBy: admin.id });
    } else {
      if (request.branchCode !== null && !branches.some((b) => b.code === request.branchCode)) refuseIf(usableBranchRefusal(branches, request.branchCode));
      await deleteDefaultUser(tx, organisationId, request.branchCode);
    }
    if ((before?.accountId ?? null) !== request.accountId) {
      await appendAudit(
        tx,
        auditEntryOf(caller, {
          action: user ? 'default-user.set' : 'default-user.clear',
          target: scope,
          before: { branchCode: request.branchCode, accountId: before?.accountId ?? null },
          after: { branchCode: request.branchCode, accountId: request.accountId },
        }),
      );
    }
    return listDefaultUsers(tx, organisationId);
  });
}

/**
 * Who receives the work of `caseNo` for the organisation: its users assigned
 * to the case, else the default of `branchCode` (when given), else the
 * organisation's default; a suspended account receives nothing. For
 * delivering an organisation's case messages.
 */
export async function receiverOfCase(pool: Pool, organisationId: string, caseNo: string, branchCode?: string | null): Promise<Receipt> {
  const [assigned, defaults] = await Promise.all([assigneesOfCase(pool, organisationId, caseNo), listDefaultUsers(pool, organisationId)]);
  const candidates = [...new Set([...assigned, ...defaults.map((d) => d.accountId)])];
  const accounts = await Promise.all(candidates.map((id) => findAccount(pool, id)));
  const active = new Set(accounts.filter((a) => a?.status === 'active' && a.organisationId === organisationId).map((a) => a?.id));
  return receiverOfWork({ assigned, defaults, branchCode, isActive: (id) => active.has(id) });
}
