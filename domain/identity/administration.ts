/**
 * Who may administer whom (iCMS brochure, April 2022, account roles and note 1):
 *
 * - the principal administrator (full control of the organisation account)
 *   creates, suspends and reactivates its sub-administrators and users;
 * - a sub-administrator does so for organisation users, and for other
 *   sub-administrators only when the principal administrator has authorised
 *   it (`canManageSubAdmins`);
 * - both only within their own organisation, never for themselves, and never
 *   for the principal administrator;
 * - the registry (a registry officer) registers individual users and
 *   organisations with their principal administrator, after identity
 *   verification at the Support Centre, and may suspend or reactivate them.
 *
 * Administrators administer; they do not file (see case-access.ts).
 */
import type { Role } from './actor';

/** A role an account can hold (everyone but the public). */
export type AccountRole = Exclude<Role, 'public'>;

/** The administering account, as read from the database (it carries the delegation flag). */
export interface Administrator {
  id: string;
  role: AccountRole;
  organisationId: string | null;
  canManageSubAdmins: boolean;
}

export interface AdministeredAccount {
  id: string;
  role: AccountRole;
  organisationId: string | null;
}

/** Roles an organisation administrator can create in their organisation. */
export const ORGANISATION_MEMBER_ROLES = ['org-user', 'org-sub-admin'] as const;
export type OrganisationMemberRole = (typeof ORGANISATION_MEMBER_ROLES)[number];

function mayManageRole(admin: Administrator, role: AccountRole): boolean {
  switch (admin.role) {
    case 'org-principal-admin':
      return role === 'org-user' || role === 'org-sub-admin';
    case 'org-sub-admin':
      return role === 'org-user' || (role === 'org-sub-admin' && admin.canManageSubAdmins);
    default:
      return false;
  }
}

/** May `admin` create an account of `role` in organisation `organisationId`? */
export function mayCreateInOrganisation(admin: Administrator, role: AccountRole, organisationId: string): boolean {
  return admin.organisationId === organisationId && mayManageRole(admin, role);
}

/** Only a principal administrator may delegate sub-administrator management. */
export function mayDelegateSubAdminManagement(admin: Administrator): boolean {
  return admin.role === 'org-principal-admin';
}

/** May `admin` suspend or reactivate `target`? */
export function mayAdminister(admin: Administrator, target: AdministeredAccount): boolean {
  if (admin.id === target.id) return false;
  if (admin.role === 'registry-officer') return target.role === 'individual-user' || target.role === 'org-principal-admin';
  return admin.organisationId !== null && admin.organisationId === target.organisationId && mayManageRole(admin, target.role);
}

/** May `admin` assign cases to users of `organisationId`? */
export function mayAssignCases(admin: Administrator, organisationId: string): boolean {
  return (admin.role === 'org-principal-admin' || admin.role === 'org-sub-admin') && admin.organisationId === organisationId;
}
