/** What is owed under an award (s.33), how payments into the tribunal are shared (s.34), and stays. */
import type { IsoDate } from '../../calendar';
import { daysBetween } from '../../calendar';
import { claimants } from './parties';
import type { PartyId, SctCase } from './state';

/** Principal + costs + pre-award interest + post-award interest accrued to `on` (s.33), less payments. */
export function balanceCents(state: SctCase, on: IsoDate): number {
  const outcome = state.outcome;
  if (!outcome || outcome.amountCents + outcome.costsCents === 0) return 0;
  const principal = outcome.amountCents + outcome.preAwardInterestCents;
  const days = Math.max(0, daysBetween(outcome.madeOn, on));
  // Simple interest at the judgment rate on the principal awarded, from the award until payment.
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
