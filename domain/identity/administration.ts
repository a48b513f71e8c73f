/**
 * Who may administer whom (iCMS brochure, April 2022, account roles and note 1):
 *
 * - the principal administrator (full control of the organisation account)
 *   creates, suspends and reactivates its sub-administrators and users, and
 *   holds every power (powers.ts);
 * - a sub-administrator acts with the powers the principal administrator
 *   delegated: organisation users with `manage-org-users`, other
 *   sub-administrators with `manage-sub-admins` (the old `canManageSubAdmins`);
 * - both only within their own organisation, never for themselves, and never
 *   for the principal administrator;
 * - the registry (a registry officer) registers individual users and
 *   organisations with their principal administrator, after identity
 *   verification at the Support Centre, and may suspend or reactivate them.
 *
 * Administrators administer; they do not file (see case-access.ts).
 */
import type { Role } from './actor';
import { DEFAULT_SUB_ADMIN_POWERS, POWER_DESCRIPTIONS, POWERS, type Power } from './powers';
import { refusal, type Refusal } from './refusal';

/** A role an account can hold (everyone but the public). */
export type AccountRole = Exclude<Role, 'public'>;

/** The administering account, as read from the database (it carries the delegation a token does not). */
export interface Administrator {
  id: string;
  role: AccountRole;
  organisationId: string | null;
  /** Authorised to administer other sub-administrators: the same as holding `manage-sub-admins`. */
  canManageSubAdmins: boolean;
  /**
   * A sub-administrator's delegated powers. Absent (an administrator described
   * before powers were delegated one by one): the default powers, plus
   * `manage-sub-admins` when `canManageSubAdmins`.
   */
  powers?: readonly Power[];
  /** The branch the account belongs to (organisation accounts). */
  branchCode?: string | null;
}

export interface AdministeredAccount {
  id: string;
  role: AccountRole;
  organisationId: string | null;
}

/** Roles an organisation administrator can create in their organisation. */
export const ORGANISATION_MEMBER_ROLES = ['org-user', 'org-sub-admin'] as const;
export type OrganisationMemberRole = (typeof ORGANISATION_MEMBER_ROLES)[number];

/** What the administrator may do: every power for the principal administrator, the delegated ones for a sub-administrator, none for anyone else. */
export function powersOf(admin: Administrator): ReadonlySet<Power> {
  switch (admin.role) {
    case 'org-principal-admin':
      return new Set(POWERS);
    case 'org-sub-admin': {
      const powers = new Set(admin.powers ?? DEFAULT_SUB_ADMIN_POWERS);
      if (admin.canManageSubAdmins) powers.add('manage-sub-admins');
      return powers;
    }
    default:
      return new Set();
  }
}

export const hasPower = (admin: Administrator, power: Power): boolean => powersOf(admin).has(power);

/** Undefined when the administrator holds `power`; otherwise the refusal naming it. */
export function powerRefusal(admin: Administrator, power: Power, field = '(body)'): Refusal | undefined {
  if (hasPower(admin, power)) return undefined;
  return refusal(
    'power-not-delegated',
    `iCMS: a sub-administrator acts only with the powers the principal administrator delegated (${power})`,
    field,
    `You may not ${POWER_DESCRIPTIONS[power]}: the principal administrator has not delegated ${power} to you`,
  );
}

function mayManageRole(admin: Administrator, role: AccountRole): boolean {
  switch (role) {
    case 'org-user':
      return hasPower(admin, 'manage-org-users');
    case 'org-sub-admin':
      return hasPower(admin, 'manage-sub-admins');
    default:
      return false;
  }
}

/** May `admin` create an account of `role` in organisation `organisationId`? */
export function mayCreateInOrganisation(admin: Administrator, role: AccountRole, organisationId: string): boolean {
  return admin.organisationId === organisationId && mayManageRole(admin, role);
}

/** Only a principal administrator delegates powers (sub-administrator management among them). */
export function mayDelegateSubAdminManagement(admin: Administrator): boolean {
  return admin.role === 'org-principal-admin';
}

/** The same rule, under the name of what it decides: who delegates powers to sub-administrators. */
export const mayDelegatePowers = mayDelegateSubAdminManagement;

/** May `admin` suspend or reactivate `target`? */
export function mayAdminister(admin: Administrator, target: AdministeredAccount): boolean {
  if (admin.id === target.id) return false;
  if (admin.role === 'registry-officer') return target.role === 'individual-user' || target.role === 'org-principal-admin';
  return admin.organisationId !== null && admin.organisationId === target.organisationId && mayManageRole(admin, target.role);
}

/** May `admin` assign cases to users of `organisationId` (of their own branch, at least)? */
export function mayAssignCases(admin: Administrator, organisationId: string): boolean {
  return (admin.role === 'org-principal-admin' || admin.role === 'org-sub-admin') && admin.organisationId === organisationId && hasPower(admin, 'assign-cases');
}

/**
 * Assigning a case to `user` (brochure, note 1(ii)): the principal
 * administrator assigns to any branch; a sub-administrator to users of their
 * own branch, and of another branch only when authorised
 * (`assign-across-branches`). Undefined when allowed.
 */
export function caseAssignmentRefusal(admin: Administrator, user: { branchCode: string | null }): Refusal | undefined {
  const missing = powerRefusal(admin, 'assign-cases', 'accountId');
  if (missing) return missing;
  if (admin.role === 'org-principal-admin' || user.branchCode === (admin.branchCode ?? null) || hasPower(admin, 'assign-across-branches')) return undefined;
  return refusal(
    'cross-branch-not-authorised',
    "iCMS note 1(ii): assigning cases to organisation users of other branches needs the principal administrator's authorisation (assign-across-branches)",
    'accountId',
    `The user belongs to branch ${user.branchCode ?? '(none)'}, not yours (${admin.branchCode ?? '(none)'}); you are not authorised to assign cases across branches`,
  );
}
