import type { SmallClaim } from '../../domain/sct/claim';

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
