/**
 * A small claim as filed with the registrar (Cap. 338 s.12, s.13).
 *
 * Plain JSON only: this travels into workflows and through Temporal's payload
 * converter, so no Date, Map or class instances.
 */

export interface Address {
  lines: string[];
  district?: string;
}

export interface Claimant {
  name: string;
  address: Address;
  /** Amount this claimant claims, in HK cents (s.13(c)). */
  amountCents: number;
  /** s.12(4)(a): a joint claimant may be accepted before signing, but must sign before the hearing date. */
  signed: boolean;
  /** s.9(1): this claimant abandons whatever of their own claim exceeds the limit. */
  abandonExcess?: boolean;
}

export interface RepresentedPerson {
  name: string;
  address: Address;
  amountCents: number;
  signed: boolean;
  /** s.9(1) with s.21(3)(e): the representative abandons this person's excess. */
  abandonExcess?: boolean;
}

export interface Defendant {
  name: string;
  address: Address;
}

export type ClaimKind = 'individual' | 'joint' | 'representative';

/** Subject matter as the registry classifies it, for the Schedule's exclusions. */
export const SUBJECT_MATTERS = [
  'contract',
  'quasi-contract',
  'tort',
  'civil-debt',
  'labour-tribunal-transfer',
  'defamation',
  'maintenance-agreement',
  'money-lender-loan',
  'minor-employment-claim',
  'labour-tribunal-claim',
  'estate-agents-authority',
  'costs-only',
] as const;
export type SubjectMatter = (typeof SUBJECT_MATTERS)[number];

export interface SmallClaim {
  kind: ClaimKind;
  subjectMatter: SubjectMatter;
  claimants: Claimant[];
  /** Only for a representative claim (s.2, s.21(1)): the persons the claimant represents. */
  representedPersons?: RepresentedPerson[];
  defendants: Defendant[];
  /** s.13(d): grounds of the claim and how each amount is calculated. */
  particulars: string;
  /**
   * s.9: the claimant abandons whatever exceeds the monetary limit. For an
   * individual claim, the one claimant's choice; for a representative claim,
   * the representative's, for themself and (s.21(3)(e)) every person
   * represented. A joint claim has no single voice: each claimant sets their own.
   */
  abandonExcess?: boolean;
  /**
   * s.8: what the claim arises from, as the claimant identifies it (an invoice,
   * a contract, an accident: "Invoice INV-2026-0412"). Two open claims by the
   * same claimant against the same defendant on the same cause of action may
   * not together exceed the limit.
   */
  causeOfAction?: string;
  language: 'en' | 'zh';
}
