/**
 * The powers a principal administrator delegates to each sub-administrator
 * (domain/identity/powers.ts), and the organisation's accounts as its
 * administrators see them: each with its branch and what it may administer.
 */
import type { Pool } from 'pg';
import { mayDelegatePowers, powersOf } from '../../domain/identity/administration';
import { normalisePowers, type Power } from '../../domain/identity/powers';
import { refusal } from '../../domain/identity/refusal';
import { listOrganisationAccounts, type AccountRow } from '../../db/accounts';
import { setAccountPowers } from '../../db/organisations';
import { appendAudit } from '../../db/audit-log';
import { inTransaction } from '../../db/pool';
import { auditEntryOf, type Caller } from '../audit';
import { notFound } from '../errors';
import { administratorOf, memberOf, organisationInView, refuseIf } from './organisation-scope';

export interface DelegationDeps {
  pool: Pool;
}

export interface Member {
  account: AccountRow;
  /** What the account may do as an administrator: every power for the principal administrator, the delegated ones for a sub-administrator, none for a user. */
  powers: Power[];
}

/** The organisation's accounts with their branch and powers, by username. */
export async function membersOf(deps: DelegationDeps, caller: Caller, organisationId: string): Promise<Member[]> {
  await organisationInView(deps.pool, caller, organisationId);
  return (await listOrganisationAccounts(deps.pool, organisationId)).map((account) => ({ account, powers: normalisePowers(powersOf(account)) }));
}

/**
 * The principal administrator sets exactly the powers a sub-administrator
 * holds from now on (those not named are withdrawn). Unchanged if they are
 * the same.
 */
export async function delegatePowers(deps: DelegationDeps, caller: Caller, organisationId: string, accountId: string, powers: readonly Power[]): Promise<Member> {
  const admin = await administratorOf(deps.pool, caller, organisationId);
  if (!mayDelegatePowers(admin)) {
    refuseIf(refusal('principal-only', 'iCMS: powers are delegated to sub-administrators by the principal administrator', '(body)', 'Only the principal administrator delegates powers'));
  }
  const target = await memberOf(deps.pool, organisationId, accountId, ['org-sub-admin', 'org-user', 'org-principal-admin'], 'Account');
  if (target.role !== 'org-sub-admin') {
    refuseIf(refusal('powers-for-sub-admins-only', 'Powers are delegated to sub-administrators', 'accountId', `The account is ${target.role === 'org-user' ? 'an organisation user' : 'the principal administrator'}, not a sub-administrator`));
  }
  const wanted = normalisePowers(powers);
  if (wanted.join() === normalisePowers(target.powers).join()) return { account: target, powers: wanted };
  const changed = await inTransaction(deps.pool, async (tx) => {
    const updated = await setAccountPowers(tx, target.id, wanted);
    if (!updated) throw notFound(`Account ${accountId}`);
    await appendAudit(tx, auditEntryOf(caller, { action: 'account.powers', target: `account:${target.id}`, before: { powers: target.powers }, after: { powers: updated.powers } }));
    return updated;
  });
  return { account: changed, powers: normalisePowers(powersOf(changed)) };
}
