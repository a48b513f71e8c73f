/**
 * A filing from its opening as a draft to its end: the timers it needs (a
 * draft kept so long, the registry's review time, each correction window)
 * and what each does when it fires. Timers derive from the state, so a
 * deadline that moves (a closure day) moves its timer, and each fires once.
 */
import { alertTimers } from '../alerts/deadline-alerts';
import { fireDueTimers, nextTimerAt, pendingTimers, type DerivedTimer } from '../steps/derived-timers';
import { addDays, type CourtCalendar } from '../calendar';
import { closeDeadline, explainDeadline, type TrackedDeadline } from '../deadlines';
import { hkInstant } from '../time/hong-kong-time';
import type { Moment } from '../time/moment';
import type { CourtLevel, ReceivingOffice } from '../inbox/terms';
import { noticesFor, type FilingNotice } from './listing-office';
import { refundOnClosing } from './payment';
import { record, settle } from './procedure';
import type { EnforcedAward, Filer, Filing } from './state';

/** A draft not submitted within this many days is abandoned (its uploads stay the filer's). */
export const DRAFT_KEPT_DAYS = 30;

export interface OpenFilingInput {
  reference: string;
  caseNo: string;
  courtLevel: CourtLevel;
  receivingOffice: ReceivingOffice;
  taxation: boolean;
  judgeApplication: boolean;
  caseParties: string[];
  filer: Filer;
  calendar: CourtCalendar;
  /** A legally aided filer's certificate number: no payment step. */
  legalAid?: { certificateNo: string } | null;
  /** The small-claim award the filing enforces (Cap. 338 s.32). */
  enforces?: EnforcedAward | null;
  /** Set by the workflow: 2 when the filing is opened under fees and endorsed writs. */
  procedureRevision?: number;
}

export function openFiling(input: OpenFilingInput, at: Moment): Filing {
  const state: Filing = {
    ...input,
    legalAid: input.legalAid ?? null,
    enforces: input.enforces ?? null,
    confirmedAt: null,
    payment: null,
    stage: 'draft',
    createdAt: new Date(at.now).toISOString(),
    documents: [],
    submittedAt: null,
    receivedAt: null,
    receivedNote: null,
    reviewStartedAt: null,
    decidedAt: null,
    deadlines: [],
    messages: [],
    alerts: [],
    firedTimers: [],
    history: [],
    version: 0,
  };
  record(state, at, 'opened', `Filing ${input.reference} opened on ${input.caseNo} (${input.courtLevel}, ${input.receivingOffice}) by ${input.filer.name} for ${input.filer.partyId}.`);
  return state;
}

type Timer = DerivedTimer<Filing>;

const endOf = (date: string) => hkInstant(addDays(date, 1));
const FINISHED = ['accepted', 'partly-accepted', 'rejected', 'cancelled', 'abandoned'];

export const isFinished = (state: Filing) => FINISHED.includes(state.stage);

function lapse(state: Filing, d: TrackedDeadline, at: Moment): void {
  closeDeadline(state.deadlines, d.key, 'lapsed', `nothing done by ${d.computation.due}`, at);
  if (d.rule === 'icms.registry-review') {
    state.alerts.push({
      id: `A${state.alerts.length + 1}`,
      at: new Date(at.now).toISOString(),
      to: 'registry',
      rule: d.computation.basis,
      message: `${state.reference} (${state.caseNo}) has waited for review since ${state.submittedAt ?? ''}; the review was due by ${d.computation.due}.`,
      resolvedOn: null,
    });
    record(state, at, 'review-overdue', `The registry's review was due by ${d.computation.due} (${d.computation.basis}); the filing is overdue work for the registry.`);
    return;
  }
  record(state, at, 'correction-time-ended', `${d.key.replace('correction:', '')} was not corrected by ${d.computation.due}; its rejection stands.`);
}

function timers(state: Filing): Timer[] {
  if (isFinished(state)) return [];
  // Alerts come before the lapse of the same deadline at the same instant: "missed" is said before the period is closed.
  const all: Timer[] = alertTimers(state);
  if (state.stage === 'draft' || state.stage === 'awaiting-payment') {
    const until = addDays(state.createdAt.slice(0, 10), DRAFT_KEPT_DAYS);
    all.push({
      key: `draft-kept:${until}`,
      at: endOf(until),
      fire: (s, at) => {
        const unpaid = s.stage === 'awaiting-payment';
        s.stage = 'abandoned';
        record(s, at, 'abandoned', `Not submitted${unpaid ? ' (the fees were never paid)' : ''} within ${DRAFT_KEPT_DAYS} days of being opened; the draft is closed (its uploads remain the filer's).`);
        // A payment page still open is asked about and stopped; a late success is refunded.
        refundOnClosing(s, 'the filing was abandoned unpaid', at);
      },
    });
  }
  for (const d of state.deadlines.filter((x) => x.status === 'open')) {
    all.push({ key: `lapse:${d.key}:${d.computation.due}`, at: endOf(d.computation.due), fire: (s, at) => lapse(s, d, at) });
  }
  return pendingTimers(state, all);
}

export const nextFilingTimerAt = (state: Filing): number | null => nextTimerAt(timers(state));

export const fireDueFilingTimers = (state: Filing, at: Moment): void => fireDueTimers(state, timers, at, settle);

/** The filing as people read it: each deadline with its explanation, and the notices shown before confirming. */
export type FilingView = Omit<Filing, 'deadlines'> & { deadlines: (TrackedDeadline & { explanation: string })[]; notices: FilingNotice[] };

export function filingView(state: Filing): FilingView {
  return { ...state, deadlines: state.deadlines.map((d) => ({ ...d, explanation: explainDeadline(d.computation) })), notices: noticesFor(state) };
}
