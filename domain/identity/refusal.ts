/**
 * Why an organisation administrator's request is refused: a stable code, the
 * rule that decides it (as the iCMS brochure or this system states it), and
 * the field of the request it concerns, so the answer can name both.
 */
export const REFUSAL_CODES = [
  /** A sub-administrator without the power the request needs. */
  'power-not-delegated',
  /** Only the principal administrator may do this (delegate powers). */
  'principal-only',
  /** An organisation user of another branch, without the cross-branch power. */
  'cross-branch-not-authorised',
  /** The organisation already has its maximum number of accounts or branch codes. */
  'quota-reached',
  /** A branch code the organisation has already used (codes are never reused). */
  'branch-code-taken',
  /** A branch code the organisation does not have. */
  'unknown-branch',
  /** A deactivated branch code: it takes no new accounts or defaults. */
  'branch-inactive',
  /** A branch with active accounts cannot be deactivated. */
  'branch-in-use',
  /** The account belongs to another branch than the one named. */
  'not-in-branch',
  /** A suspended account cannot receive work. */
  'account-suspended',
  /** Powers are delegated to sub-administrators only. */
  'powers-for-sub-admins-only',
  /** The account is the default organisation user of its branch. */
  'default-user-of-branch',
  /** A request or approval that would not raise the maximum. */
  'maximum-not-raised',
  /** A request of the same kind is already waiting for the registry. */
  'quota-request-pending',
  /** The request was already approved or refused. */
  'quota-request-decided',
] as const;

export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface Refusal {
  code: RefusalCode;
  /** The rule broken, in words a registry officer would use. */
  rule: string;
  /** The field of the request it concerns (`branchCode`, `accountId`), or `(body)` for the request as a whole. */
  field: string;
  message: string;
}

export const refusal = (code: RefusalCode, rule: string, field: string, message: string): Refusal => ({ code, rule, field, message });
