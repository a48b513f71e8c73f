/**
 * When an alert has been answered: each alert names what it asks for as
 * data (its subject), and an alert stops being pending as soon as that is
 * done or no longer needed. Checked after every step and timer, so an alert
 * never stays "pending" for something that was dealt with.
 */
import { reasonsForCurrentAward, serviceOfCurrentAward } from './standing-award';
import type { Moment } from '../../time/moment';
import { isUndecided } from './applications';
import { findDeadline } from './deadlines';
import { unservedDefendants, unsignedClaimants, partyIds } from './parties';
import type { AlertSubject, SctCase } from './state';

export function stillNeeded(state: SctCase, subject: AlertSubject): boolean {
  if (state.stage === 'closed' && subject.kind !== 'read-model') return false;
  switch (subject.kind) {
    case 'service-of-claim':
      return state.stage === 'awaiting-hearing' && unservedDefendants(state).length > 0;
    case 'signatures':
      return state.outcome === null && unsignedClaimants(state).length > 0;
    case 'listing':
      return state.stage === 'awaiting-listing';
    case 'written-award':
      return state.outcome !== null && state.outcome.writtenOn === null;
    case 'service-of-award':
      return state.outcome?.writtenOn != null && partyIds(state).some((id) => !serviceOfCurrentAward(state).some((s) => s.partyId === id && s.document === 'written-award'));
    case 'reasons':
      return reasonsForCurrentAward(state).some((r) => r.by === subject.party && r.servedOn === null);
    case 'application':
      return state.applications.some((a) => a.id === subject.applicationId && isUndecided(a));
    case 'order': {
      const order = state.orders.find((o) => o.id === subject.orderId);
      return order !== undefined && order.compliedOn === null && order.consequence === null;
    }
    case 'deadline':
      return findDeadline(state, subject.key)?.status === 'open';
    case 'counterclaim-transfer':
      return state.counterclaim?.disposition === 'transfer-required';
    case 'enforcement':
      return state.stage === 'enforceable';
    case 'read-model':
      return state.projection != null;
  }
}

/** Marks answered every pending alert whose subject no longer needs anyone. */
export function resolveAnsweredAlerts(state: SctCase, at: Moment): void {
  for (const alert of state.alerts) {
    if (alert.subject && !alert.resolvedOn && !stillNeeded(state, alert.subject)) alert.resolvedOn = at.today;
  }
}
