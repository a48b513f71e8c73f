/**
 * What follows by itself once a step or a timer has changed a case: an
 * unpaid award past its date becomes enforceable (s.32), and a case with
 * nothing left to run or pay closes.
 */
import { balanceCents, isStayed, raiseAlert, record, type Moment } from './case';
import type { SctCase } from './state';

export function settle(state: SctCase, at: Moment): void {
  const outcome = state.outcome;
  if (!outcome || (state.stage !== 'decided' && state.stage !== 'enforceable')) return;
  const owed = balanceCents(state, at.today);

  if (state.stage === 'decided' && owed > 0 && outcome.payBy !== null && at.today > outcome.payBy && !isStayed(state)) {
    state.stage = 'enforceable';
    state.enforceableSince = at.today;
    record(
      state,
      at,
      'award-enforceable',
      `HK$${(owed / 100).toFixed(2)} unpaid after ${outcome.payBy}: the award is enforceable in the District Court as its own judgment (s.32), e.g. by writ of execution.`,
    );
    raiseAlert(state, at, {
      severity: 'warning',
      to: outcome.inFavourOf[0] ?? 'registry',
      rule: 'Cap. 338 s.32',
      message: `The award in ${state.caseNo} was not paid by ${outcome.payBy}; it may be enforced in the District Court.`,
    });
  }

  const running = state.deadlines.some((d) => d.status === 'open');
  const pending = state.applications.some((a) => a.status === 'pending' || a.status === 'granted');
  if (owed === 0 && !running && !pending) {
    const reason =
      outcome.amountCents + outcome.costsCents === 0
        ? `${outcome.kind.replace(/-/g, ' ')}; nothing to pay and no period left to run`
        : 'award satisfied and no period left to run';
    state.stage = 'closed';
    state.closed = { on: at.today, reason };
    record(state, at, 'case-closed', `Case closed: ${reason}.`);
  }
}
