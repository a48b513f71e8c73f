/**
 * A case as people read it: the state, with what is derived from it on a
 * given day (each deadline explained in words, the pending actions, the
 * balance owed, the s.34 shares, whether each alert is still pending). The
 * workflow's query returns this; the read models store it.
 */
import type { IsoDate } from '../../calendar';
import { explainDeadline, type TrackedDeadline } from '../../deadlines';
import { formatHkd } from '../../money';
import { follows } from './law-revision';
import { amountOwed, balanceCents, distribution } from './money-owed';
import { pendingActions, type PendingAction } from './pending-actions';
import type { Alert, SctCase } from './state';

/** A deadline as people read it: the computation and its explanation in words. */
export type ExplainedDeadline = TrackedDeadline & { explanation: string };

/** `pending` until what it asks for is done; `answered` after; `notice` when it asks for nothing. */
export type AlertStatus = 'pending' | 'answered' | 'notice';
export type AlertView = Alert & { status: AlertStatus };

export interface SmallClaimView extends Omit<SctCase, 'deadlines' | 'alerts' | 'projection'> {
  deadlines: ExplainedDeadline[];
  alerts: AlertView[];
  pendingActions: PendingAction[];
  /** What remains owed under the award on the day of the view, with s.33 interest (0 without an award). */
  balanceCents: number;
  /** s.34: how money paid into the tribunal is shared among the claimants. */
  distribution: { partyId: string; cents: number }[];
  /** The case's sums as people read them (`HK$12,500.00`); the `…Cents` fields hold the same in cents. */
  amounts: CaseAmounts;
}

export interface CaseAmounts {
  /** What the claimants claim in all (s.13(c)). */
  claimed: string;
  /** What the tribunal is asked to award: the claim less any excess abandoned (s.9) and amounts struck out (s.12(4)(b)). */
  withinJurisdiction: string;
  /** Awarded (principal), costs (s.24) and interest to the award (s.33); null before an award. */
  awarded: string | null;
  costs: string | null;
  preAwardInterest: string | null;
  paid: string;
  /** s.33(3) interest since the award still owed today, at the judgment-debt rate in force on each day (null before an award, or under revision 1). */
  interestSinceAward: string | null;
  /** Still owed today, with s.33 interest since the award. */
  balance: string;
}

export const alertStatus = (alert: Alert): AlertStatus => (!alert.subject ? 'notice' : alert.resolvedOn ? 'answered' : 'pending');

export function viewOf(state: SctCase, today: IsoDate): SmallClaimView {
  // Whether the read model is behind is told by the read side, from the lag it records.
  const { projection: _projection, ...rest } = state;
  void _projection;
  return {
    ...rest,
    deadlines: state.deadlines.map((d) => ({ ...d, explanation: explainDeadline(d.computation) })),
    alerts: state.alerts.map((a) => ({ ...a, status: alertStatus(a) })),
    pendingActions: pendingActions(state, today),
    balanceCents: balanceCents(state, today),
    distribution: distribution(state),
    amounts: amountsOf(state, today),
  };
}

function amountsOf(state: SctCase, today: IsoDate): CaseAmounts {
  const { outcome } = state;
  return {
    claimed: formatHkd(state.claimedCents),
    withinJurisdiction: formatHkd(state.withinJurisdictionCents),
    awarded: outcome ? formatHkd(outcome.amountCents) : null,
    costs: outcome ? formatHkd(outcome.costsCents) : null,
    preAwardInterest: outcome ? formatHkd(outcome.preAwardInterestCents) : null,
    paid: formatHkd(state.payments.reduce((sum, p) => sum + p.amountCents, 0)),
    interestSinceAward: outcome && follows(state, 2) && !outcome.reversed ? formatHkd(amountOwed(outcome, state.payments, today).interestCents) : null,
    balance: formatHkd(balanceCents(state, today)),
  };
}
