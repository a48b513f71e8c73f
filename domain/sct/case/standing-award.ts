/**
 * The award that stands: what a review or an appeal left of it, which
 * service and reasons belong to it rather than to an award it replaced, and
 * from when it may be enforced.
 */
import type { IsoDate } from '../../calendar';
import { formatHkd } from '../../money';
import type { Moment } from '../../time/moment';
import { follows } from './law-revision';
import { balanceCents } from './money-owed';
import { record } from './record';
import type { Outcome, OutcomeChange, SctCase } from './state';

/** Service records of the outcome in force (all of them for outcomes made before revision 2). */
export const serviceOfCurrentAward = (state: SctCase) => state.service.slice(state.outcome?.recordsFrom?.service ?? 0);

/** Requests for reasons for the outcome in force. */
export const reasonsForCurrentAward = (state: SctCase) => state.reasonsRequested.slice(state.outcome?.recordsFrom?.reasons ?? 0);

/** Marks where a new outcome's records begin (revision 2). */
export function startRecordsOf(state: SctCase, outcome: Outcome): void {
  if (follows(state, 2)) outcome.recordsFrom = { service: state.service.length, reasons: state.reasonsRequested.length };
}

/** A rehearing replaces the outcome: keep it, for the record, with why (revision 2). */
export function keepReplacedOutcome(state: SctCase, why: string, at: Moment): void {
  if (!follows(state, 2) || !state.outcome) return;
  state.priorOutcomes = [...(state.priorOutcomes ?? []), { ...state.outcome, replacedOn: at.today, replacedBecause: why }];
}

/**
 * The last day for payment. An award that names none is payable at once:
 * a judgment for money need not name a time (RDC O.42 r.2(2)) and takes
 * effect from its date (O.42 r.3(1)); s.32 enforces the award as a District
 * Court judgment, so it is enforceable from the day after it is made.
 * Before revision 2 such an award never became enforceable by itself.
 */
export function payableBy(state: SctCase, outcome: Outcome): IsoDate | null {
  if (outcome.payBy !== null) return outcome.payBy;
  return follows(state, 2) && !outcome.reversed ? outcome.madeOn : null;
}

/** Words for the rule behind `payableBy`. */
export const payableByRule = (outcome: Outcome) =>
  outcome.payBy !== null ? `the date for payment the award names (${outcome.payBy})` : `the award names no date, so it was payable at once (RDC O.42 r.2(2), r.3(1)), from ${outcome.madeOn}`;

/**
 * A review (s.27A) or an appeal (s.29) varied or reversed the award: the award
 * that stands is what may be paid and enforced (s.32). A reversed award is
 * never enforceable; one varied to a sum already paid is no longer enforceable.
 */
export function changeAward(state: SctCase, change: Omit<OutcomeChange, 'fromCents'>, at: Moment): void {
  const outcome = state.outcome;
  if (!outcome) return;
  const fromCents = outcome.amountCents;
  outcome.changes = [...(outcome.changes ?? []), { ...change, fromCents }];
  outcome.amountCents = change.toCents;
  outcome.summary = `${outcome.summary} — ${change.result} on ${change.by}: ${change.summary}`;
  if (change.result === 'reversed') {
    outcome.reversed = true;
    outcome.amountCents = 0;
    outcome.costsCents = 0;
    outcome.preAwardInterestCents = 0;
  }
  if (state.stage !== 'enforceable') return;
  const owed = balanceCents(state, at.today);
  if (outcome.reversed || owed === 0) {
    state.stage = 'decided';
    state.enforceableSince = null;
    record(
      state,
      at,
      'award-not-enforceable',
      outcome.reversed
        ? `The award was reversed on ${change.by}: nothing is payable under it and it may not be enforced (s.32).`
        : `The award as ${change.result} on ${change.by} has been paid: it may no longer be enforced (s.32).`,
    );
    return;
  }
  record(state, at, 'award-enforceable', `The award as ${change.result} on ${change.by} stands: ${formatHkd(owed)} unpaid remains enforceable in the District Court (s.32).`);
}
