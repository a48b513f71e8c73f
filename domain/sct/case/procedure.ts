/**
 * The small-claim procedure (Cap. 338) as a map of its phases. Each phase
 * owns its steps, what happens when its periods lapse, and the actions it
 * leaves pending; this module puts them together for the step kit.
 *
 *   listing and service          s.12(4), s.14
 *   hearing and outcome          s.17, s.18, s.20, s.25, s.26, s.26A
 *   review, set-aside, appeal    s.27A, s.28, s.29, s.29A, s.32A
 *   transfer and counterclaim    s.7, s.10, s.27
 *   payment and enforcement      s.31 to s.34
 */
import type { Role } from '../../identity/actor';
import { rolesOf, stepNames, type Procedure, type StepTable } from '../../steps/step-kit';
import type { Moment } from '../../time/moment';
import { resolveAnsweredAlerts } from './alert-subjects';
import { windowClosed } from './deadlines';
import { isParty } from './parties';
import type { Phase } from './phase';
import { hearingAndOutcome, type HearingPayloads } from './phases/hearing-and-outcome';
import { listingAndService, type ListingPayloads } from './phases/listing-and-service';
import { enforceOrClose, paymentAndEnforcement, type PaymentPayloads } from './phases/payment-and-enforcement';
import { reviewSetAsideAppeal, type ReviewPayloads } from './phases/review-set-aside-appeal';
import { transferAndCounterclaim, type TransferPayloads } from './phases/transfer-and-counterclaim';
import type { SctCase, Stage } from './state';

/** What each step carries (the API validates their shape with zod). */
export type StepPayloads = ListingPayloads & HearingPayloads & ReviewPayloads & TransferPayloads & PaymentPayloads;
export type StepName = keyof StepPayloads & string;

/** In the order of the procedure; timers fire in this order when due together. */
export const PHASES: readonly Phase<unknown>[] = [
  listingAndService as Phase<unknown>,
  hearingAndOutcome as Phase<unknown>,
  reviewSetAsideAppeal as Phase<unknown>,
  transferAndCounterclaim as Phase<unknown>,
  paymentAndEnforcement as Phase<unknown>,
];

export const STEPS: StepTable<SctCase, StepPayloads, Stage> = {
  ...listingAndService.steps,
  ...hearingAndOutcome.steps,
  ...reviewSetAsideAppeal.steps,
  ...transferAndCounterclaim.steps,
  ...paymentAndEnforcement.steps,
};

export const STEP_NAMES: StepName[] = stepNames(STEPS as StepTable<never, StepPayloads, string>);

/** What follows by itself after every step and timer. */
export function followOn(state: SctCase, at: Moment): void {
  enforceOrClose(state, at);
  resolveAnsweredAlerts(state, at);
}

export const SMALL_CLAIM: Procedure<SctCase, StepPayloads, Stage> = {
  noun: 'case',
  steps: STEPS,
  reference: (state) => state.caseNo,
  stage: (state) => state.stage,
  version: (state) => state.version,
  hasParty: isParty,
  windowRefusal: (state, key, label, today) => windowClosed(state, key, label, today),
  consequences: followOn,
};

export const stepRoles = (name: StepName): readonly Role[] => rolesOf(STEPS[name].who);
