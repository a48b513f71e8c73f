/**
 * A registration from application to its end, and the timers it needs:
 * reminders to attend the Support Centre, and the lapse of an application
 * not verified in time (its period is configuration, passed in when it opens).
 */
import { fireDueTimers, nextTimerAt, pendingTimers, type DerivedTimer } from '../steps/derived-timers';
import { addDays, type CourtCalendar } from '../calendar';
import { hkInstant } from '../time/hong-kong-time';
import type { Moment } from '../time/moment';
import { describeHours } from './support-centre';
import { record } from './procedure';
import type { Registration, RegistrationKind } from './state';

export interface OpenRegistrationInput {
  reference: string;
  kind: RegistrationKind;
  applicant: Registration['applicant'];
  organisation: Registration['organisation'];
  caseNo: string;
  verifyWithinDays: number;
  calendar: CourtCalendar;
}

export function openRegistration(input: OpenRegistrationInput, at: Moment): Registration {
  const state: Registration = {
    ...input,
    stage: 'awaiting-documents',
    createdAt: new Date(at.now).toISOString(),
    submittedAt: null,
    // Until submitted, the same period runs from the application itself.
    verifyBy: addDays(at.today, input.verifyWithinDays),
    documents: [],
    verification: null,
    decision: null,
    reminders: [],
    firedTimers: [],
    history: [],
    version: 0,
  };
  record(state, at, 'applied', `${input.kind === 'organisation' ? `Organisation ${input.organisation?.name ?? ''}, principal administrator` : 'Individual user'} ${input.applicant.name} applied to register (case ${input.caseNo}).`);
  return state;
}

const FINISHED = ['activated', 'rejected', 'lapsed', 'withdrawn'];
export const registrationFinished = (s: Registration) => FINISHED.includes(s.stage) && (s.stage !== 'activated' || s.decision?.accountId !== undefined);

/** Reminders this many days before the last day to verify. */
export const REMINDER_DAYS_BEFORE = [7, 1] as const;

type Timer = DerivedTimer<Registration>;

function timers(state: Registration): Timer[] {
  if (!['awaiting-documents', 'awaiting-verification'].includes(state.stage) || !state.verifyBy) return [];
  const verifyBy = state.verifyBy;
  const all: Timer[] = REMINDER_DAYS_BEFORE.map((days) => ({
    key: `remind:${verifyBy}:${days}`,
    at: hkInstant(addDays(verifyBy, -days), 9, 0),
    fire: (s, at) => {
      const message =
        s.stage === 'awaiting-documents'
          ? `Attach your supporting documents and submit the application; it lapses after ${verifyBy}.`
          : `Attend the Support Centre (${describeHours(verifyBy)}) to verify your identity by ${verifyBy}; after that the application lapses.`;
      s.reminders.push({ at: new Date(at.now).toISOString(), message });
      record(s, at, 'reminder', message);
    },
  }));
  all.push({
    key: `lapse:${verifyBy}`,
    at: hkInstant(addDays(verifyBy, 1)),
    fire: (s, at) => {
      s.stage = 'lapsed';
      record(s, at, 'lapsed', `Identity was not verified by ${verifyBy}; the application lapsed. Apply again to register.`);
    },
  });
  return pendingTimers(state, all);
}

export const nextRegistrationTimerAt = (state: Registration): number | null => nextTimerAt(timers(state));

export const fireDueRegistrationTimers = (state: Registration, at: Moment): void => fireDueTimers(state, timers, at);

/** The account was created: the registration is complete. */
export function accountCreated(state: Registration, accountId: string, at: Moment): void {
  if (!state.decision || state.decision.accountId) return;
  state.decision.accountId = accountId;
  record(state, at, 'account-created', `Account ${accountId} (${state.applicant.username}) is active.`);
}

/** The approved account could not be made (its username was taken meanwhile): the application ends, saying why. */
export function accountNotCreated(state: Registration, reason: string, at: Moment): void {
  if (!state.decision) return;
  state.stage = 'rejected';
  state.decision = { ...state.decision, outcome: 'rejected', reasons: [reason] };
  record(state, at, 'account-not-created', `The account could not be created: ${reason}. Apply again with another username.`);
}
