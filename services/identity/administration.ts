/**
 * Administering accounts and who acts in which case: suspending and
 * reactivating the accounts one administers, creating an organisation's own
 * accounts, assigning an organisation's cases to its users, and the
 * registry linking an account or organisation to a party of a case. Who may
 * do what is domain/identity/administration.ts; each change is written with
 * its audit entry in one transaction. An account is created in a branch of
 * its organisation and within the organisation's maximum (quotas.ts); a case
 * is assigned across branches only with the power to.
 */
import type { Pool } from 'pg';
import {
  caseAssignmentRefusal,
  mayAdminister,
  mayAssignCases,
  mayCreateInOrganisation,
  mayDelegateSubAdminManagement,
  type AccountRole,
} from '../../domain/identity/administration';
import { usableBranchRefusal } from '../../domain/identity/branches';
import { DEFAULT_SUB_ADMIN_POWERS, normalisePowers, type Power } from '../../domain/identity/powers';
import { quotaKindOfRole } from '../../domain/identity/quotas';
import { listBranches } from '../../db/organisations';
import {
  accountPartyInCase,
  findAccount,
  findOrganisation,
  insertPartyLink,
  organisationPartiesInCase,
  upsertCaseAssignment,
  type AccountRow,
  type AccountStatus,
} from '../../db/accounts';
import { appendAudit } from '../../db/audit-log';
import { findFiling } from '../../db/sct-filings';
import { partiesOf } from '../../domain/sct/case';
import { inTransaction } from '../../db/pool';
import { auditEntryOf, type Caller } from '../audit';
import { notFound, UseCaseError } from '../errors';
import { changeAccountStatus, registerAccount, type RegisteredAccount } from './accounts';
import { refuseIf } from './organisation-scope';
import { enforceQuota } from './quotas';

export interface AdministrationDeps {
  pool: Pool;
}

const UNIQUE_VIOLATION = '23505';
const forbidden = (detail: string) => new UseCaseError('forbidden', 'forbidden', 'Not allowed', detail);

/** The administering account's own row: it carries the delegation flag a token does not. */
async function administrator(deps: AdministrationDeps, caller: Caller): Promise<AccountRow> {
  const account = await findAccount(deps.pool, caller.actor.id);
  if (!account) throw new UseCaseError('forbidden', 'forbidden', 'Not allowed', 'The account no longer exists');
  return account;
}

/** Suspends or reactivates an account the caller administers. */
export async function setStatusOfAccount(deps: AdministrationDeps, caller: Caller, accountId: string, status: AccountStatus): Promise<AccountRow> {
  const admin = await administrator(deps, caller);
  const target = await findAccount(deps.pool, accountId);
  if (!target) throw notFound(`Account ${accountId}`);
  if (!mayAdminister(admin, target)) throw forbidden(`You may not ${status === 'suspended' ? 'suspend' : 'reactivate'} this account`);
  return changeAccountStatus(deps, caller, target, status);
}

export interface OrganisationAccountRequest {
  username: string;
  displayName: string;
  role: Extract<AccountRole, 'org-user' | 'org-sub-admin'>;
  canManageSubAdmins: boolean;
  /** A sub-administrator's powers; absent, the defaults (plus manage-sub-admins with canManageSubAdmins). Only the principal administrator names them. */
  powers?: readonly Power[] | undefined;
  /** The branch of the organisation; absent, the creating administrator's own. */
  branchCode?: string | undefined;
  password?: string | undefined;
}

/** An organisation administrator creates a user or sub-administrator in their own organisation. */
export async function createOrganisationAccount(deps: AdministrationDeps, caller: Caller, organisationId: string, request: OrganisationAccountRequest): Promise<RegisteredAccount> {
  const admin = await administrator(deps, caller);
  if (!mayCreateInOrganisation(admin, request.role, organisationId)) {
    throw forbidden(admin.organisationId === organisationId ? `You may not create ${request.role} accounts` : 'You administer only your own organisation');
  }
  if (request.canManageSubAdmins && (request.role !== 'org-sub-admin' || !mayDelegateSubAdminManagement(admin))) {
    throw forbidden('Only the principal administrator may authorise a sub-administrator to manage sub-administrators');
  }
  if (request.powers !== undefined && (request.role !== 'org-sub-admin' || !mayDelegateSubAdminManagement(admin))) {
    throw forbidden('Only the principal administrator delegates powers, and only to a sub-administrator');
  }
  if (!(await findOrganisation(deps.pool, organisationId))) throw notFound(`Organisation ${organisationId}`);
  const { canManageSubAdmins, powers: named, branchCode: asked, ...account } = request;
  const powers: Power[] =
    request.role === 'org-sub-admin' ? normalisePowers([...(named ?? DEFAULT_SUB_ADMIN_POWERS), ...(canManageSubAdmins ? (['manage-sub-admins'] as const) : [])]) : [];
  const branchCode = asked ?? admin.branchCode;
  if (branchCode === null) throw new Error(`administrator ${admin.id} belongs to no branch`);
  const kind = quotaKindOfRole(request.role);
  return registerAccount(deps, caller, { ...account, organisationId, branchCode, powers }, undefined, {
    guard: async (tx) => {
      // Under the organisation's lock (enforceQuota), so a branch deactivated a moment ago is seen as such.
      if (kind) await enforceQuota(tx, organisationId, kind);
      refuseIf(usableBranchRefusal(await listBranches(tx, organisationId), branchCode));
    },
  });
}

export interface CaseAssignment {
  caseNo: string;
  organisationId: string;
  accountId: string;
  partyId: string;
}

/**
 * An organisation administrator assigns one of the organisation's cases to
 * one of its users, for a party the registry linked the organisation to.
 */
export async function assignCase(
  deps: AdministrationDeps,
  caller: Caller,
  organisationId: string,
  request: { caseNo: string; accountId: string; partyId?: string | undefined },
): Promise<CaseAssignment> {
  const admin = await administrator(deps, caller);
  if (!mayAssignCases(admin, organisationId)) throw forbidden('You administer only your own organisation');
  const user = await findAccount(deps.pool, request.accountId);
  if (!user || user.organisationId !== organisationId || user.role !== 'org-user') throw notFound(`Organisation user ${request.accountId}`);
  refuseIf(caseAssignmentRefusal(admin, user));
  const parties = await organisationPartiesInCase(deps.pool, request.caseNo, organisationId);
  if (parties.length === 0) {
    throw new UseCaseError('conflict', 'case-not-linked', 'Not your case', `Your organisation acts for no party of ${request.caseNo}; the registry links organisations to parties`);
  }
  const party = request.partyId ?? (parties.length === 1 ? parties[0] : undefined);
  if (party === undefined) {
    throw new UseCaseError('refused', 'party-required', 'Which party?', `Your organisation acts for ${parties.join(', ')} in ${request.caseNo}: name partyId`);
  }
  if (!parties.includes(party)) {
    throw new UseCaseError('refused', 'not-your-party', 'Not your party', `Your organisation acts for ${parties.join(', ')} in ${request.caseNo}, not ${party}`);
  }
  const assignment: CaseAssignment = { caseNo: request.caseNo, organisationId, accountId: user.id, partyId: party };
  await inTransaction(deps.pool, async (tx) => {
    await upsertCaseAssignment(tx, { ...assignment, assignedBy: caller.actor.id });
    await appendAudit(tx, auditEntryOf(caller, { action: 'case.assign', target: `case:${request.caseNo}`, after: { ...assignment } }));
  });
  return assignment;
}

export interface PartyLink {
  caseNo: string;
  partyId: string;
  accountId: string | null;
  organisationId: string | null;
}

/**
 * The registry links an individual user, or an organisation, to a party of
 * a case. Returns whether it is new; an individual acts as one party per case.
 */
export async function linkParty(deps: AdministrationDeps, caller: Caller, link: PartyLink): Promise<{ link: PartyLink; created: boolean }> {
  // Only a case that was filed, and a party its claim names: a link to a
  // number not yet issued would hand the next case filed under it to this account.
  const filing = await findFiling(deps.pool, link.caseNo);
  if (!filing) throw notFound(`Case ${link.caseNo}`);
  const parties = partiesOf(filing.input.claim).map((p) => p.id);
  if (!parties.includes(link.partyId)) {
    throw new UseCaseError('not-found', 'no-such-party', 'No such party', `${link.caseNo} has no party ${link.partyId}; its parties are ${parties.join(', ')}`, {
      errors: [{ field: 'partyId', rule: 'party of the case', message: `must be one of ${parties.join(', ')}` }],
    });
  }
  if (link.accountId !== null) {
    const account = await findAccount(deps.pool, link.accountId);
    if (!account || account.role !== 'individual-user') throw notFound(`Individual user ${link.accountId}`);
  } else if (link.organisationId !== null && !(await findOrganisation(deps.pool, link.organisationId))) {
    throw notFound(`Organisation ${link.organisationId}`);
  }
  const created = await inTransaction(deps.pool, async (tx) => {
    const added = await insertPartyLink(tx, { ...link, createdBy: caller.actor.id });
    if (added) await appendAudit(tx, auditEntryOf(caller, { action: 'case.link-party', target: `case:${link.caseNo}`, after: { ...link } }));
    return added;
  }).catch((err: unknown) => {
    if ((err as { code?: string }).code === UNIQUE_VIOLATION) return false;
    throw err;
  });
  if (!created && link.accountId !== null) {
    const existing = await accountPartyInCase(deps.pool, link.caseNo, link.accountId);
    if (existing !== link.partyId) throw new UseCaseError('conflict', 'already-linked', 'Already a party', `The account already acts as ${existing} in ${link.caseNo}`);
  }
  return { link, created };
}
