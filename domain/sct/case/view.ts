/**
 * A case as people read it: the state, with what is derived from it on a
 * given day (each deadline explained in words, the pending actions, the
 * balance owed, the s.34 shares, whether each alert is still pending). The
 * workflow's query returns this; the read models store it.
 */
import type { IsoDate } from '../../calendar';
import { explainDeadline, type TrackedDeadline } from '../../deadlines';
import { balanceCents, distribution } from './money-owed';
import { pendingActions, type PendingAction } from './pending-actions';
import type { Alert, SctCase } from './state';

/** A deadline as people read it: the computation and its explanation in words. */
export type ExplainedDeadline = TrackedDeadline & { explanation: string };

/** `pending` until what it asks for is done; `answered` after; `notice` when it asks for nothing. */
export type AlertStatus = 'pending' | 'answered' | 'notice';
export type AlertView = Alert & { status: AlertStatus };

export interface SmallClaimView extends Omit<SctCase, 'deadlines' | 'alerts'> {
  deadlines: ExplainedDeadline[];
  alerts: AlertView[];
  pendingActions: PendingAction[];
  /** What remains owed under the award on the day of the view, with s.33 interest (0 without an award). */
  balanceCents: number;
  /** s.34: how money paid into the tribunal is shared among the claimants. */
  distribution: { partyId: string; cents: number }[];
}

export const alertStatus = (alert: Alert): AlertStatus => (!alert.subject ? 'notice' : alert.resolvedOn ? 'answered' : 'pending');

export function viewOf(state: SctCase, today: IsoDate): SmallClaimView {
  return {
    ...state,
    deadlines: state.deadlines.map((d) => ({ ...d, explanation: explainDeadline(d.computation) })),
    alerts: state.alerts.map((a) => ({ ...a, status: alertStatus(a) })),
    pendingActions: pendingActions(state, today),
    balanceCents: balanceCents(state, today),
    distribution: distribution(state),
  };
}
