/**
 * Branch codes (iCMS brochure: "create / maintain branch codes"): an
 * organisation groups its accounts by branch (an office, a department, a
 * team), each under a short code and a name. Every organisation account
 * belongs to one branch; an organisation starts with one, MAIN, and its
 * administrators add others up to the organisation's maximum (quotas.ts).
 *
 * A code, once used, stays the organisation's: it can be renamed,
 * deactivated and reactivated, never deleted or reused, because past case
 * assignments and the audit log name it.
 */
import { refusal, type Refusal } from './refusal';

/** 1 to 10 capital letters, digits or hyphens, starting with a letter or digit: `HQ`, `KLN-2`. */
export const BRANCH_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{0,9}$/;
export const BRANCH_NAME_MAX_LENGTH = 200;

/** The branch every organisation starts with, and where accounts created before branch codes were placed. */
export const MAIN_BRANCH = { code: 'MAIN', name: 'Main office' } as const;

export interface Branch {
  code: string;
  name: string;
  active: boolean;
}

const RULE_CODES_NEVER_REUSED = "A branch code, once used, stays the organisation's: it is never reused";

/** A new code: refused when the organisation has used it already (active or not). */
export function newBranchRefusal(existing: readonly Branch[], code: string): Refusal | undefined {
  const taken = existing.find((b) => b.code === code);
  if (!taken) return undefined;
  return refusal(
    'branch-code-taken',
    RULE_CODES_NEVER_REUSED,
    'code',
    `Your organisation already has branch code ${code}${taken.active ? '' : ' (deactivated: reactivate it instead)'}`,
  );
}

/** The branch an account is placed in, or a default is set for: one of the organisation's, and active. */
export function usableBranchRefusal(branches: readonly Branch[], code: string, field = 'branchCode'): Refusal | undefined {
  const branch = branches.find((b) => b.code === code);
  if (!branch) {
    return refusal('unknown-branch', 'A branch code of the organisation', field, `Your organisation has no branch code ${code}; it has ${branches.map((b) => b.code).join(', ')}`);
  }
  if (!branch.active) return refusal('branch-inactive', 'A deactivated branch code takes no new accounts or defaults', field, `Branch code ${code} is deactivated`);
  return undefined;
}

/** Deactivating a branch: refused while active accounts belong to it (move them first). */
export function deactivationRefusal(branch: Branch, activeAccounts: number): Refusal | undefined {
  if (activeAccounts === 0) return undefined;
  return refusal(
    'branch-in-use',
    'A branch with active accounts cannot be deactivated',
    'active',
    `${activeAccounts} active account${activeAccounts === 1 ? '' : 's'} belong${activeAccounts === 1 ? 's' : ''} to branch ${branch.code}: move ${activeAccounts === 1 ? 'it' : 'them'} to another branch, or suspend ${activeAccounts === 1 ? 'it' : 'them'}, first`,
  );
}
