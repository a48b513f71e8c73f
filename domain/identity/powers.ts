/**
 * The powers a principal administrator may delegate to a sub-administrator
 * (iCMS brochure, April 2022: the table of account roles and its note 1).
 *
 * The principal administrator holds every power; an organisation user none.
 * A sub-administrator holds those delegated to them. Note 1 names three a
 * sub-administrator has only "after the principal administrator authorises
 * it": (i) creating, suspending, reactivating and maintaining another
 * sub-administrator, (ii) assigning cases to organisation users of other
 * branches, (iii) maintaining the default organisation users. The others in
 * the table (organisation users, assigning cases, branch codes, asking for a
 * higher maximum) are delegated one by one too, so an organisation can keep a
 * team lead to their team's users and cases.
 */
export const POWERS = [
  'manage-org-users',
  'manage-sub-admins',
  'assign-cases',
  'assign-across-branches',
  'maintain-default-users',
  'manage-branch-codes',
  'request-quota-changes',
] as const;

export type Power = (typeof POWERS)[number];

/** What each power lets a sub-administrator do, as the brochure lists it. */
export const POWER_DESCRIPTIONS: Record<Power, string> = {
  'manage-org-users': 'create, suspend, reactivate organisation users and maintain their account details (their branch)',
  'manage-sub-admins': 'the same for other sub-administrators (note 1(i))',
  'assign-cases': "assign the organisation's cases to organisation users of their own branch",
  'assign-across-branches': 'assign cases to organisation users of other branches (note 1(ii))',
  'maintain-default-users': 'maintain the default organisation users (note 1(iii))',
  'manage-branch-codes': 'create, rename, deactivate and reactivate branch codes',
  'request-quota-changes': 'ask the registry to raise the maximum number of accounts or branch codes',
};

/**
 * A new sub-administrator's powers unless the principal administrator names
 * others: what every sub-administrator could do before powers were delegated
 * one by one (organisation users and case assignment), so creating one the
 * old way gives the same account.
 */
export const DEFAULT_SUB_ADMIN_POWERS: readonly Power[] = ['manage-org-users', 'assign-cases'];

export function isPower(value: unknown): value is Power {
  return typeof value === 'string' && (POWERS as readonly string[]).includes(value);
}

/** The powers given, once each, in the order of POWERS (how they are stored and shown). */
export function normalisePowers(powers: Iterable<Power>): Power[] {
  const given = new Set(powers);
  return POWERS.filter((p) => given.has(p));
}
