/**
 * Default organisation users (iCMS brochure: administrators "maintain default
 * organisation users"; a sub-administrator only when authorised, note
 * 1(iii)): who receives a case's work when nobody in the organisation is
 * assigned to it. An organisation may name one for the whole organisation and
 * one for each branch; a branch's own default comes first.
 */
import type { AccountRole } from './administration';
import { usableBranchRefusal, type Branch } from './branches';
import { refusal, type Refusal } from './refusal';

export interface DefaultUser {
  /** Null: the whole organisation's default. */
  branchCode: string | null;
  accountId: string;
}

export interface Candidate {
  id: string;
  role: AccountRole;
  organisationId: string | null;
  branchCode: string | null;
  status: 'active' | 'suspended';
}

/**
 * May `candidate` be the default for `branchCode` (null: the organisation)?
 * An active organisation user of the organisation, of that branch when one is
 * named, and the branch active. (Another organisation's account, or one that
 * is not an organisation user, is not found: the caller checks that first.)
 */
export function defaultUserRefusal(candidate: Candidate, branchCode: string | null, branches: readonly Branch[]): Refusal | undefined {
  if (branchCode !== null) {
    const unusable = usableBranchRefusal(branches, branchCode);
    if (unusable) return unusable;
    if (candidate.branchCode !== branchCode) {
      return refusal(
        'not-in-branch',
        "A branch's default organisation user belongs to that branch",
        'accountId',
        `The user belongs to branch ${candidate.branchCode ?? '(none)'}, not ${branchCode}`,
      );
    }
  }
  if (candidate.status !== 'active') {
    return refusal('account-suspended', 'A default organisation user is an active account', 'accountId', 'The user is suspended; reactivate them first');
  }
  return undefined;
}

export type Receipt =
  | { via: 'assignment'; accountIds: string[] }
  | { via: 'branch-default' | 'organisation-default'; accountIds: [string] }
  | { via: 'nobody'; accountIds: [] };

/**
 * Who receives a case's work: the active users it is assigned to; when none,
 * the default of the case's branch (when it has one), else the
 * organisation's default; a suspended default receives nothing.
 */
export function receiverOfWork(input: {
  assigned: readonly string[];
  defaults: readonly DefaultUser[];
  branchCode?: string | null | undefined;
  isActive: (accountId: string) => boolean;
}): Receipt {
  const assigned = input.assigned.filter(input.isActive);
  if (assigned.length > 0) return { via: 'assignment', accountIds: assigned };
  const pick = (branchCode: string | null) => input.defaults.find((d) => d.branchCode === branchCode && input.isActive(d.accountId))?.accountId;
  const ofBranch = input.branchCode ? pick(input.branchCode) : undefined;
  if (ofBranch) return { via: 'branch-default', accountIds: [ofBranch] };
  const ofOrganisation = pick(null);
  if (ofOrganisation) return { via: 'organisation-default', accountIds: [ofOrganisation] };
  return { via: 'nobody', accountIds: [] };
}
