/**
 * The key of every period a small claim tracks, built here and nowhere else,
 * so a key is never written as a string template in one place and parsed
 * back in another.
 */
import type { PartyId } from './state';

export const deadlineKeys = {
  /** s.14(1)(a): the hearing within 60 days of filing. */
  hearing: () => 'hearing',
  /** s.18(3): an oral award reduced to writing within 14 days. */
  writtenAward: () => 'written-award',
  /** s.27A(1): the adjudicator's own power of review, 14 days. */
  reviewByAdjudicator: () => 'review-by-adjudicator',
  /** s.27A(2)(b): a party's application for review, 7 days. */
  reviewApplication: () => 'review-application',
  /** s.32A: an absent party's application to set aside, 7 days after the hearing. */
  setAside: (party: PartyId) => `set-aside:${party}`,
  /** s.28(2)(b): leave to appeal, 7 days after service of the written award (or the reasons) on the party. */
  appealLeave: (party: PartyId) => `appeal-leave:${party}`,
  /** s.29A(1): leave to appeal to the Court of Appeal, 7 days after the CFI's decision. */
  caLeave: (party: PartyId) => `ca-leave:${party}`,
  /** s.27(2): a party's application to review a transfer, 7 days. */
  transferReviewApplication: () => 'transfer-review-application',
  /** s.27(1): the CFI's review of a transfer, 14 days. */
  transferReview: () => 'transfer-review',
  /** s.26A: compliance with an order within the time it specifies. */
  order: (orderId: string) => `order:${orderId}`,
} as const;
