/** What is owed under an award (s.33), how payments into the tribunal are shared (s.34), and stays. */
import type { IsoDate } from '../../calendar';
import { daysBetween } from '../../calendar';
import { interestPieces, type InterestPiece } from '../judgment-debt-rate';
import { follows } from './law-revision';
import { claimants } from './parties';
import type { Outcome, PartyId, SctCase } from './state';

/** What is owed on a day, and how the interest on it came about. */
export interface AmountOwed {
  /** The sum awarded (principal and interest to the award, s.33(1)) still unpaid. */
  sumCents: number;
  costsCents: number;
  /** s.33(3) interest accrued and not yet paid, rounded to the cent. */
  interestCents: number;
  balanceCents: number;
  /** Each stretch of days at one rate on one unpaid sum. */
  interest: InterestPiece[];
}

/**
 * s.33(3): the sum awarded, or the part of it unpaid at the time, bears
 * interest from the award until payment at the judgment-debt rate in force
 * from time to time (s.33(4)). Simple interest, by the day. A payment goes
 * first to the sum awarded (so it stops bearing interest at once, as the
 * section's "the part unpaid at the time" reads), then to interest accrued,
 * then to costs (s.24), which bear none. Interest is not compounded.
 */
export function amountOwed(outcome: Outcome, payments: readonly { amountCents: number; paidOn: IsoDate }[], on: IsoDate): AmountOwed {
  let sum = outcome.amountCents + outcome.preAwardInterestCents;
  let costs = outcome.costsCents;
  let interest = 0;
  const pieces: InterestPiece[] = [];
  let since = outcome.madeOn;
  const accrue = (until: IsoDate) => {
    for (const piece of interestPieces(sum, since, until)) {
      pieces.push(piece);
      interest += piece.cents;
    }
    if (until > since) since = until;
  };
  for (const payment of [...payments].filter((p) => p.paidOn <= on).sort((a, b) => (a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : 0))) {
    accrue(payment.paidOn);
    let left = payment.amountCents;
    const toSum = Math.min(left, sum);
    sum -= toSum;
    left -= toSum;
    const toInterest = Math.min(left, Math.round(interest));
    interest = Math.max(0, interest - toInterest);
    left -= toInterest;
    costs -= Math.min(left, costs);
  }
  accrue(on);
  const interestCents = Math.round(interest);
  return { sumCents: sum, costsCents: costs, interestCents, balanceCents: sum + costs + interestCents, interest: pieces };
}

/** Principal + costs + pre-award interest + post-award interest accrued to `on` (s.33), less payments. */
export function balanceCents(state: SctCase, on: IsoDate): number {
  const outcome = state.outcome;
  if (!outcome || outcome.amountCents + outcome.costsCents === 0) return 0;
  if (follows(state, 2)) return outcome.reversed ? 0 : amountOwed(outcome, state.payments, on).balanceCents;
  // Revision 1: simple interest at a rate typed for the case, on the original principal, whatever was paid.
  const principal = outcome.amountCents + outcome.preAwardInterestCents;
  const days = Math.max(0, daysBetween(outcome.madeOn, on));
  const interest = Math.round((outcome.amountCents * outcome.postAwardInterestRatePercent * days) / (100 * 365));
  const paid = state.payments.reduce((sum, p) => sum + p.amountCents, 0);
  return Math.max(0, principal + outcome.costsCents + interest - paid);
}

/**
 * s.34: money paid into the tribunal in a joint or representative claim is
 * shared in proportion to each claimant's or represented person's claim (the
 * representative claimant's own claim included; largest remainder, so the
 * shares add up to the cent).
 */
export function distribution(state: SctCase): { partyId: PartyId; cents: number }[] {
  const paid = state.payments.filter((p) => p.into === 'tribunal').reduce((sum, p) => sum + p.amountCents, 0);
  // In a representative claim the representative claims for themself as well as for those represented (s.2), so they share too.
  const entitled = claimants(state).filter((p) => !p.struckOut && (p.amountCents ?? 0) > 0);
  const total = entitled.reduce((sum, p) => sum + (p.amountCents ?? 0), 0);
  if (paid === 0 || total === 0) return [];
  const shares = entitled.map((p) => {
    const exact = (paid * (p.amountCents ?? 0)) / total;
    return { partyId: p.id, cents: Math.floor(exact), remainder: exact - Math.floor(exact) };
  });
  let left = paid - shares.reduce((sum, s) => sum + s.cents, 0);
  for (const share of [...shares].sort((a, b) => b.remainder - a.remainder)) {
    if (left <= 0) break;
    share.cents += 1;
    left -= 1;
  }
  return shares.map(({ partyId, cents }) => ({ partyId, cents }));
}

export const isStayed = (state: SctCase) => state.stays.some((s) => s.liftedOn === null);
