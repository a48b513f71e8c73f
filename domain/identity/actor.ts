/**
 * Who is acting: the roles of the iCMS account model (individual users,
 * organisation accounts with their principal administrator, sub-administrators
 * and users) and of the court's own staff, plus the public and the system.
 * Plain JSON: an actor travels with every workflow update so the workflow can
 * check, again, that the step is theirs to take.
 */
export const ROLES = [
  'public',
  'individual-user',
  'org-principal-admin',
  'org-sub-admin',
  'org-user',
  'registry-officer',
  'adjudicator',
  'auditor',
  'system',
] as const;

export type Role = (typeof ROLES)[number];

export interface Actor {
  /** Account id (or API key id, or `system:<component>`). */
  id: string;
  role: Role;
  /** Display name, for case histories. */
  name: string;
  /** For organisation accounts. */
  organisationId?: string;
  /**
   * For a filer acting in a case: which party of that case they act as or for
   * (`C1`, `D2`, ...). Set by the API from the case's party links, never taken
   * from the request body.
   */
  partyId?: string;
}

/** Roles that file and act for parties (iCMS "court business"). */
export const FILER_ROLES: readonly Role[] = ['individual-user', 'org-user'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
