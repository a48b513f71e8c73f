/**
 * What the registry says about a claim: refusals (the claim cannot be
 * accepted as it stands) and warnings (it can, but someone must act or be
 * told). Each names the section it rests on and the field of the claim it is
 * about, as a JSON path such as `claimants[1].amountCents`.
 *
 * Plain JSON: findings travel through workflows and out of the API.
 */

export const REFUSAL_CODES = [
  // The filing date (argument `filedOn`, not a field of the claim).
  'filing-date-invalid',
  'filing-date-before-limit-table',
  // Subject matter outside the Tribunal's jurisdiction: Schedule para 1 proviso.
  'excluded-defamation',
  'excluded-maintenance-agreement',
  'excluded-money-lender',
  'excluded-minor-employment-claim',
  'excluded-labour-tribunal-claim',
  'excluded-estate-agents-authority',
  'excluded-costs-only',
  // Amount over the monetary limit and the excess not abandoned: Schedule paras 1, 2(b); s.9.
  'amount-over-limit',
  // s.9(1): abandonment is each claimant's own; a joint claim cannot abandon for all.
  'abandonment-not-per-claimant',
  // s.8: one cause of action split across claims to bring each within the limit.
  'split-cause-of-action',
  // Contents of the claim: s.13.
  'no-claimant',
  'no-defendant',
  'name-blank',
  'address-blank',
  'amount-invalid',
  'particulars-blank',
  'particulars-too-short',
  // `kind` does not match the parties listed: s.2, s.12(4), s.21(1).
  'kind-mismatch',
  // Not signed by or for the claimant: s.12(2).
  'not-signed',
] as const;

export type RefusalCode = (typeof REFUSAL_CODES)[number];

export const WARNING_CODES = [
  // s.9: excess over the limit abandoned; the award satisfies the whole claim.
  'excess-abandoned',
  // s.12(4): a joint claimant or represented person must sign before the hearing date.
  'signature-outstanding',
  // Schedule para 2(a): check that no enactment confines the sum to another court.
  'civil-debt-forum-unconfirmed',
  // s.8: each amount is within the limit but together they exceed it.
  'combined-amount-over-limit',
  // s.8: other open claims by the same person against the same defendant.
  'possible-splitting',
] as const;

export type WarningCode = (typeof WARNING_CODES)[number];

export interface Refusal {
  readonly code: RefusalCode;
  /** e.g. `Cap. 338 Schedule para 1(a)(i)` or `Cap. 338 s.13(d)`. */
  readonly section: string;
  /** JSON path into the claim, e.g. `claimants[1].amountCents`, `subjectMatter`. */
  readonly field: string;
  /** One plain sentence a registry officer would write, naming the section. */
  readonly message: string;
}

export interface Warning {
  readonly code: WarningCode;
  readonly section: string;
  readonly field: string;
  readonly message: string;
}
