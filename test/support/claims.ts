import type { SmallClaim } from '../../domain/sct/claim';
import type { StepPayloads } from '../../domain/sct/case';

/** A small, valid individual claim in contract; override what a test is about. */
export function aClaim(overrides: Partial<SmallClaim> = {}): SmallClaim {
  return {
    kind: 'individual',
    subjectMatter: 'contract',
    claimants: [{ name: 'Chan Tai Man', address: { lines: ['Flat A, 12/F', '1 Nathan Road', 'Kowloon'] }, amountCents: 1_250_000, signed: true }],
    defendants: [{ name: 'Wong Siu Ming', address: { lines: ['Shop 3, G/F', '8 Queen’s Road Central', 'Hong Kong'] } }],
    particulars: 'Unpaid price of renovation works completed on 1 September 2026 under a written quotation: HK$12,500.',
    language: 'en',
    ...overrides,
  };
}

/**
 * An award of HK$12,500 against D1 in favour of C1, in writing (pass
 * `oral: true` for one made orally at the hearing, s.18(3)).
 */
export const anAward = (overrides: Partial<StepPayloads['makeAward']> = {}): StepPayloads['makeAward'] => ({
  kind: 'award',
  oral: false,
  summary: 'Defendant to pay the price of the renovation works.',
  amountCents: 1_250_000,
  costsCents: 0,
  preAwardInterestCents: 0,
  postAwardInterestRatePercent: 0,
  payBy: null,
  against: ['D1'],
  inFavourOf: ['C1'],
  absentParties: [],
  ...overrides,
});
