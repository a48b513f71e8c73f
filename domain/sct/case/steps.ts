/**
 * Every human step in a small-claims case: who may take it, in which stage,
 * what must hold (each refusal names its section and the dates), and what it
 * changes. The workflow's update validators call `checkStep`, its handlers
 * `applyStep`; both are pure, so a refused step leaves the history unchanged.
 */
import type { IsoDate } from '../../calendar';
import { FILER_ROLES, type Actor, type Role } from '../../identity/actor';
import { assessCounterclaim } from '../jurisdiction';
import {
  balanceCents,
  closeDeadline,
  defendants,
  hearingOn,
  isSittingDay,
  party,
  partyIds,
  raiseAlert,
  record,
  trackDeadline,
  withinWindow,
  type Moment,
} from './case';
import { settle } from './settle';
import type { Application, ApplicationKind, Outcome, PartyId, SctCase, ServedDocument, ServiceManner, Stage } from './state';

export interface StepContext extends Moment {
  actor: Actor;
}

// ---------------------------------------------------------------------------
// Payloads: what each step carries (the API validates their shape with zod).
// ---------------------------------------------------------------------------

interface AwardTerms {
  summary: string;
  /** s.18(3): made orally at the hearing (to be written within 14 days), or in writing at once. */
  oral: boolean;
  amountCents: number;
  costsCents: number;
  preAwardInterestCents: number;
  postAwardInterestRatePercent: number;
  payBy: IsoDate | null;
}

export interface StepPayloads {
  // Registry officer
  fixHearing: { date: IsoDate; reason: string };
  recordService: { partyId: PartyId; document: ServedDocument; manner: ServiceManner; direction?: string; servedOn: IsoDate };
  recordSignature: { partyId: PartyId; signedOn: IsoDate };
  recordCourtDecision: { applicationId: string; decision: CourtDecision; decidedOn: IsoDate; note: string };
  recordCompliance: { orderId: string; compliedOn: IsoDate };
  recordCounterclaimDecided: { decidedOn: IsoDate; summary: string };
  closeCase: { reason: string };
  // Adjudicator
  adjourn: { toDate: IsoDate | null; reason: string };
  makeAward: AwardTerms & { kind: 'award' | 'order'; against: PartyId[]; inFavourOf: PartyId[]; absentParties: PartyId[] };
  enterDefaultJudgment: AwardTerms & { against: PartyId[]; affidavitFiled: boolean };
  dismiss: { ground: 'frivolous' | 'vexatious'; summary: string; oral: boolean; costsCents: number; payBy: IsoDate | null; absentParties: PartyId[] };
  transfer: { to: TransferForum; reason: string };
  consolidate: { withCaseNo: string; ground: string };
  strikeOutUnsigned: { partyIds: PartyId[] };
  writeAward: { writtenOn: IsoDate };
  reviewOnOwnMotion: { grounds: string };
  decideReview: { applicationId: string; result: 'confirmed' | 'varied' | 'reversed' | 'rehearing'; summary: string; amountCents?: number; rehearingDate?: IsoDate };
  decideSetAside: { applicationId: string; result: 'set-aside' | 'refused'; summary: string; rehearingDate?: IsoDate };
  makeOrder: { directedTo: PartyId; text: string; periodDays: number };
  applyOrderConsequence: { orderId: string; consequence: 'struck-out' | 'stayed' | 'judgment-entered'; summary: string };
  orderStay: { reason: string };
  liftStay: { basis: 'Cap. 338 s.10(2)' | 'Cap. 338 s.31'; reason: string };
  transferCounterclaim: { to: TransferForum; stayEnforcement: boolean };
  // Parties
  fileCounterclaim: { amountCents: number; particulars: string; abandonExcess: boolean };
  applyForReview: { grounds: string };
  applyToSetAside: { grounds: string };
  requestReasons: Record<string, never>;
  applyForLeaveToAppeal: { grounds: string };
  withdrawApplication: { applicationId: string };
  applyForCaLeave: { grounds: string };
  applyForTransferReview: { grounds: string };
  recordPayment: { amountCents: number; paidOn: IsoDate; by?: PartyId };
}

export type StepName = keyof StepPayloads;

/** s.7: where the tribunal may transfer proceedings. */
export const TRANSFER_FORUMS = ['Minor Employment Claims Adjudication Board', 'Labour Tribunal', 'Lands Tribunal', 'District Court', 'Court of First Instance'] as const;
export type TransferForum = (typeof TRANSFER_FORUMS)[number];

export const COURT_DECISIONS = [
  'leave-granted',
  'leave-refused',
  'appeal-allowed',
  'appeal-dismissed',
  'appeal-remitted',
  'transfer-upheld',
  'claim-remitted',
] as const;
export type CourtDecision = (typeof COURT_DECISIONS)[number];

// ---------------------------------------------------------------------------
// The rule of each step
// ---------------------------------------------------------------------------

/** `parties`: a filer acting for a party of this case (the API sets `actor.partyId`). */
type Who = readonly Role[] | 'parties' | 'parties-or-registry';

interface StepRule<P> {
  /** What the step rests on, e.g. `Cap. 338 s.17`. */
  section: string;
  who: Who;
  stages: readonly Stage[];
  /** A refusal naming the rule and the dates, or null when the step may be taken. */
  check?: (state: SctCase, payload: P, ctx: StepContext) => string | null;
  apply: (state: SctCase, payload: P, ctx: StepContext) => void;
}

const BEFORE_OUTCOME: readonly Stage[] = ['awaiting-hearing', 'awaiting-listing', 'awaiting-outcome'];
const AFTER_OUTCOME: readonly Stage[] = ['decided', 'enforceable'];
const OPEN: readonly Stage[] = ['awaiting-hearing', 'awaiting-listing', 'awaiting-outcome', 'decided', 'enforceable', 'transferred'];
const REGISTRY: readonly Role[] = ['registry-officer'];
const ADJUDICATOR: readonly Role[] = ['adjudicator'];

const first = (...checks: (string | null)[]) => checks.find((c) => c !== null) ?? null;
const notAfterToday = (date: IsoDate, today: IsoDate, what: string) => (date > today ? `${what} ${date} is after today (${today})` : null);
const unknownParty = (state: SctCase, id: PartyId) => (party(state, id) ? null : `no party ${id} in ${state.caseNo}; parties are ${partyIds(state).join(', ')}`);

function windowCheck(state: SctCase, key: string, ctx: StepContext, label: string): string | null {
  const deadline = state.deadlines.find((d) => d.key === key);
  if (!deadline) return `${label}: no such period is running in ${state.caseNo}`;
  const c = deadline.computation;
  if (deadline.status === 'open' && withinWindow(deadline, ctx.today)) return null;
  if (deadline.status === 'met') return `${label}: already done on ${deadline.closedOn} (${deadline.outcome})`;
  if (deadline.status === 'superseded') return `${label}: that period was replaced (${deadline.outcome})`;
  return `${c.rule} (${c.basis}): the period ran from ${c.from} and closed on ${c.due}; today is ${ctx.today}`;
}

function newApplication(state: SctCase, kind: ApplicationKind, by: PartyId | 'tribunal', grounds: string, ctx: StepContext): Application {
  const application: Application = { id: `P${state.applications.length + 1}`, kind, by, lodgedOn: ctx.today, grounds, status: 'pending' };
  state.applications.push(application);
  return application;
}

/** A party lodges an application within its window: the application is recorded and the window met. */
function lodge(state: SctCase, kind: ApplicationKind, windowKey: string, grounds: string, ctx: StepContext): Application {
  const application = newApplication(state, kind, ctx.actor.partyId ?? '', grounds, ctx);
  closeDeadline(state, windowKey, 'met', `lodged on ${ctx.today} (${application.id})`, ctx);
  return application;
}

const pendingApplication = (state: SctCase, id: string) => state.applications.find((a) => a.id === id && (a.status === 'pending' || a.status === 'granted'));

/** The windows an award or order opens (s.18(3), s.27A, s.32A); leave to appeal opens on service (s.28). */
function openWindowsAfterOutcome(state: SctCase, outcome: Outcome, ctx: StepContext): void {
  if (outcome.oral) trackDeadline(state, 'written-award', 'sct.written-award', outcome.madeOn, 'adjudicator');
  trackDeadline(state, 'review-by-adjudicator', 'sct.review-by-adjudicator', outcome.madeOn, 'adjudicator');
  trackDeadline(state, 'review-application', 'sct.review-application', outcome.madeOn, 'any-party');
  for (const absent of outcome.absentParties) trackDeadline(state, `set-aside:${absent}`, 'sct.set-aside', outcome.hearingDate, absent);
  if (!outcome.oral) serviceOfWrittenAwardDue(state, ctx);
}

function serviceOfWrittenAwardDue(state: SctCase, ctx: StepContext): void {
  raiseAlert(state, ctx, {
    severity: 'notice',
    to: 'registry',
    rule: 'Cap. 338 s.18(4)',
    message: `The written award or order in ${state.caseNo} is to be served on every party (${partyIds(state).join(', ')}).`,
  });
}

/** Undo an outcome for a rehearing: its windows end, and the case goes back to be heard. */
function rehear(state: SctCase, date: IsoDate | undefined, why: string, ctx: StepContext): void {
  for (const d of state.deadlines) if (d.status === 'open') closeDeadline(state, d.key, 'superseded', why, ctx);
  state.outcome = null;
  state.enforceableSince = null;
  if (date) {
    state.hearing = hearingOn(date);
    state.stage = 'awaiting-hearing';
  } else {
    state.hearing = null;
    state.stage = 'awaiting-listing';
  }
}

function rehearingDateCheck(state: SctCase, date: IsoDate | undefined, ctx: StepContext): string | null {
  if (date === undefined) return null;
  if (date <= ctx.today) return `a rehearing date must be after today (${ctx.today}); ${date} is not`;
  return isSittingDay(date, state.calendar) ? null : `${date} is not a day the tribunal sits (weekend, general holiday or closure day)`;
}

function decide(state: SctCase, outcome: Outcome, ctx: StepContext, event: string, detail: string): void {
  state.outcome = outcome;
  state.stage = 'decided';
  record(state, ctx, event, detail, ctx.actor);
  openWindowsAfterOutcome(state, outcome, ctx);
}

function awardFrom(terms: AwardTerms, ctx: StepContext, state: SctCase, rest: Pick<Outcome, 'kind' | 'against' | 'inFavourOf' | 'absentParties'>): Outcome {
  return {
    ...rest,
    madeOn: ctx.today,
    hearingDate: state.hearing?.date ?? ctx.today,
    oral: terms.oral,
    writtenOn: terms.oral ? null : ctx.today,
    summary: terms.summary,
    amountCents: terms.amountCents,
    costsCents: terms.costsCents,
    preAwardInterestCents: terms.preAwardInterestCents,
    postAwardInterestRatePercent: terms.postAwardInterestRatePercent,
    payBy: terms.payBy,
    madeBy: ctx.actor.id,
  };
}

function partiesCheck(state: SctCase, ids: PartyId[], side: 'claimant' | 'defendant' | 'any', label: string): string | null {
  for (const id of ids) {
    const p = party(state, id);
    if (!p) return unknownParty(state, id);
    if (side === 'defendant' && p.side !== 'defendant') return `${label}: ${id} is not a defendant`;
    if (side === 'claimant' && p.side === 'defendant') return `${label}: ${id} is not a claimant`;
  }
  return null;
}

const hasProvedService = (state: SctCase, defendantId: PartyId) =>
  state.service.some((s) => s.partyId === defendantId && s.document === 'claim-and-notice-of-hearing');

export const STEPS: { [K in StepName]: StepRule<StepPayloads[K]> } = {
  // ----- registry -----------------------------------------------------------
  fixHearing: {
    section: 'Cap. 338 s.14(1)(a), s.26',
    who: REGISTRY,
    stages: ['awaiting-hearing', 'awaiting-listing'],
    check: (state, { date }, ctx) => {
      if (date <= ctx.today) return `a hearing date must be after today (${ctx.today}); ${date} is not`;
      if (!isSittingDay(date, state.calendar)) return `${date} is not a day the tribunal sits (weekend, general holiday or closure day)`;
      // The first listing must respect s.14(1)(a); after an adjournment (s.26) or a rehearing the 60 days no longer bind.
      const firstListing = state.adjournments.length === 0 && !state.history.some((e) => e.event === 'rehearing-ordered');
      if (firstListing && date > state.latestHearing.unextendedDue) {
        return `sct.hearing (Cap. 338 s.14(1)(a)): the hearing must be not later than 60 days after filing on ${state.filedOn}, i.e. by ${state.latestHearing.unextendedDue}; ${date} is later`;
      }
      return null;
    },
    apply: (state, { date, reason }, ctx) => {
      const previous = state.hearing?.date ?? null;
      state.hearing = hearingOn(date);
      state.stage = 'awaiting-hearing';
      record(state, ctx, 'hearing-fixed', `Hearing fixed for ${date}${previous ? ` (was ${previous})` : ''}: ${reason}.`, ctx.actor);
    },
  },

  recordService: {
    section: 'Cap. 338 s.14(2), s.18(4)',
    who: REGISTRY,
    stages: OPEN,
    check: (state, p, ctx) =>
      first(
        unknownParty(state, p.partyId),
        notAfterToday(p.servedOn, ctx.today, 'the service date'),
        p.servedOn < state.filedOn ? `the service date ${p.servedOn} is before the claim was filed (${state.filedOn})` : null,
        p.manner === 'as-directed' && !p.direction?.trim() ? 's.14(2)(d): service "in such other manner as the registrar directs" needs the direction' : null,
        p.document === 'claim-and-notice-of-hearing' && party(state, p.partyId)?.side !== 'defendant'
          ? `s.14(1)(b): the claim and notice of hearing are served on defendants; ${p.partyId} is not one`
          : null,
        p.document === 'written-award' && !state.outcome?.writtenOn ? 's.18(4): there is no written award or order to serve yet' : null,
        p.document === 'reasons' && !state.reasonsRequested.some((r) => r.by === p.partyId && r.servedOn === null)
          ? `s.28(2)(b): ${p.partyId} has no outstanding request for reasons`
          : null,
      ),
    apply: (state, p, ctx) => {
      state.service.push({ ...p, recordedBy: ctx.actor.id });
      record(state, ctx, 'service-recorded', `${describeDocument(p.document)} served on ${p.partyId} by ${p.manner.replace(/-/g, ' ')} on ${p.servedOn}.`, ctx.actor);
      if (p.document === 'written-award' && !state.deadlines.some((d) => d.key === `appeal-leave:${p.partyId}`)) {
        // s.28(2)(b): the 7 days for leave to appeal run from service of the written award on that party.
        trackDeadline(state, `appeal-leave:${p.partyId}`, 'sct.appeal-leave', p.servedOn, p.partyId);
      }
      if (p.document === 'reasons') {
        const request = state.reasonsRequested.find((r) => r.by === p.partyId && r.servedOn === null);
        if (request) request.servedOn = p.servedOn;
        // A request for reasons within the period restarts it from service of the reasons.
        trackDeadline(state, `appeal-leave:${p.partyId}`, 'sct.appeal-leave', p.servedOn, p.partyId);
      }
    },
  },

  recordSignature: {
    section: 'Cap. 338 s.12(4)(a)',
    who: REGISTRY,
    stages: BEFORE_OUTCOME,
    check: (state, p, ctx) => {
      const who = party(state, p.partyId);
      if (!who) return unknownParty(state, p.partyId);
      if (who.side === 'defendant') return `${p.partyId} is a defendant; s.12(4) is about claimants and represented persons`;
      if (who.signed) return `${p.partyId} has already signed`;
      return notAfterToday(p.signedOn, ctx.today, 'the signing date');
    },
    apply: (state, p, ctx) => {
      const who = party(state, p.partyId);
      if (who) who.signed = true;
      record(state, ctx, 'claim-signed', `${p.partyId} signed the claim on ${p.signedOn} (s.12(4)(a)).`, ctx.actor);
    },
  },

  recordCourtDecision: {
    section: 'Cap. 338 s.27, s.28, s.29, s.29A, s.29B',
    who: REGISTRY,
    stages: OPEN,
    check: (state, p, ctx) => {
      const application = pendingApplication(state, p.applicationId);
      if (!application) return `no pending application ${p.applicationId} awaiting a court's decision`;
      const allowed: Record<ApplicationKind, CourtDecision[]> = {
        'appeal-leave': application.status === 'granted' ? ['appeal-allowed', 'appeal-dismissed', 'appeal-remitted'] : ['leave-granted', 'leave-refused'],
        'ca-leave': application.status === 'granted' ? ['appeal-allowed', 'appeal-dismissed', 'appeal-remitted'] : ['leave-granted', 'leave-refused'],
        'transfer-review': ['transfer-upheld', 'claim-remitted'],
        review: [],
        'set-aside': [],
      };
      const choices = allowed[application.kind];
      if (!choices.includes(p.decision)) {
        return choices.length === 0
          ? `${p.applicationId} is a ${application.kind} application, decided by the adjudicator, not recorded from a court`
          : `${p.applicationId} (${application.kind}, ${application.status}) can be decided as ${choices.join(' or ')}, not ${p.decision}`;
      }
      return first(notAfterToday(p.decidedOn, ctx.today, 'the decision date'), p.decidedOn < application.lodgedOn ? `the decision date ${p.decidedOn} is before the application (${application.lodgedOn})` : null);
    },
    apply: (state, p, ctx) => {
      const application = pendingApplication(state, p.applicationId);
      if (!application) return;
      const court = application.kind === 'ca-leave' ? 'Court of Appeal' : 'Court of First Instance';
      record(state, ctx, 'court-decision', `${court}: ${p.decision.replace(/-/g, ' ')} on ${p.decidedOn} (${application.id}, ${application.kind}). ${p.note}`.trim(), ctx.actor);
      if (p.decision === 'leave-granted') {
        application.status = 'granted';
        return;
      }
      application.status = p.decision === 'leave-refused' ? 'refused' : 'decided';
      application.result = p.decision;
      application.decidedOn = p.decidedOn;
      if (p.decision === 'appeal-allowed' || p.decision === 'appeal-dismissed' || p.decision === 'appeal-remitted') {
        if (application.kind === 'appeal-leave') {
          // s.29A(1): 7 days after the CFI's decision to seek leave to appeal to the Court of Appeal.
          for (const id of partyIds(state)) trackDeadline(state, `ca-leave:${id}`, 'sct.ca-leave', p.decidedOn, id);
        }
        if (p.decision === 'appeal-remitted') {
          rehear(state, undefined, `remitted by the ${court} on ${p.decidedOn}`, ctx);
          record(state, ctx, 'rehearing-ordered', `Remitted for rehearing (s.29 / s.29B); the registrar is to fix a hearing date.`, ctx.actor);
        }
      }
      if (p.decision === 'transfer-upheld') {
        closeDeadline(state, 'transfer-review', 'met', `transfer upheld on ${p.decidedOn}`, ctx);
        state.closed = { on: ctx.today, reason: `transferred to the ${state.transfer?.to ?? 'receiving court'} (s.7); transfer upheld on review (s.27(1))` };
        state.stage = 'closed';
      }
      if (p.decision === 'claim-remitted') {
        closeDeadline(state, 'transfer-review', 'met', `claim remitted on ${p.decidedOn}`, ctx);
        state.transfer = null;
        state.stage = 'awaiting-listing';
        state.hearing = null;
        record(state, ctx, 'rehearing-ordered', 'Claim remitted to the tribunal (s.27(1)); the registrar is to fix a hearing date.', ctx.actor);
      }
    },
  },

  recordCompliance: {
    section: 'Cap. 338 s.26A',
    who: REGISTRY,
    stages: OPEN,
    check: (state, p, ctx) => {
      const order = state.orders.find((o) => o.id === p.orderId);
      if (!order) return `no order ${p.orderId} in ${state.caseNo}`;
      if (order.compliedOn) return `${p.orderId} was complied with on ${order.compliedOn}`;
      return first(notAfterToday(p.compliedOn, ctx.today, 'the compliance date'), p.compliedOn < order.madeOn ? `compliance on ${p.compliedOn} is before the order (${order.madeOn})` : null);
    },
    apply: (state, p, ctx) => {
      const order = state.orders.find((o) => o.id === p.orderId);
      if (!order) return;
      order.compliedOn = p.compliedOn;
      const deadline = state.deadlines.find((d) => d.key === `order:${order.id}`);
      const late = deadline ? p.compliedOn > deadline.computation.due : false;
      if (deadline?.status === 'open') closeDeadline(state, deadline.key, 'met', `complied on ${p.compliedOn}`, ctx);
      record(state, ctx, 'order-complied', `${order.directedTo} complied with order ${order.id} on ${p.compliedOn}${late ? ' (after the time the order specified)' : ''}.`, ctx.actor);
    },
  },

  recordCounterclaimDecided: {
    section: 'Cap. 338 s.10(2)',
    who: REGISTRY,
    stages: OPEN,
    check: (state, p, ctx) =>
      state.counterclaim?.disposition === 'transferred' ? notAfterToday(p.decidedOn, ctx.today, 'the decision date') : 'there is no transferred counterclaim awaiting decision',
    apply: (state, p, ctx) => {
      if (!state.counterclaim) return;
      state.counterclaim.disposition = 'decided';
      state.counterclaim.decidedOn = p.decidedOn;
      for (const stay of state.stays) if (stay.basis === 'Cap. 338 s.10(2)' && stay.liftedOn === null) stay.liftedOn = ctx.today;
      record(state, ctx, 'counterclaim-decided', `Transferred counterclaim decided on ${p.decidedOn}: ${p.summary}. The s.10(2) stay of enforcement ends.`, ctx.actor);
    },
  },

  closeCase: {
    section: 'Cap. 338 s.32',
    who: REGISTRY,
    stages: ['decided', 'enforceable', 'transferred'],
    check: (state) => {
      const open = state.deadlines.filter((d) => d.status === 'open').map((d) => `${d.key} (due ${d.computation.due})`);
      if (open.length) return `periods still running: ${open.join(', ')}`;
      const pending = state.applications.filter((a) => a.status === 'pending' || a.status === 'granted').map((a) => a.id);
      return pending.length ? `applications still pending: ${pending.join(', ')}` : null;
    },
    apply: (state, { reason }, ctx) => {
      state.closed = { on: ctx.today, reason };
      state.stage = 'closed';
      record(state, ctx, 'case-closed', `Case closed: ${reason}.`, ctx.actor);
    },
  },

  // ----- adjudicator --------------------------------------------------------
  adjourn: {
    section: 'Cap. 338 s.26',
    who: ADJUDICATOR,
    stages: ['awaiting-hearing', 'awaiting-outcome'],
    check: (state, { toDate }, ctx) => (toDate === null ? null : rehearingDateCheck(state, toDate, ctx)),
    apply: (state, { toDate, reason }, ctx) => {
      state.adjournments.push({ on: ctx.today, from: state.hearing?.date ?? null, to: toDate, reason });
      state.hearing = toDate ? hearingOn(toDate) : null;
      state.stage = toDate ? 'awaiting-hearing' : 'awaiting-listing';
      record(state, ctx, 'adjourned', `Hearing adjourned${toDate ? ` to ${toDate}` : ' sine die; the registrar is to fix a date'} (s.26): ${reason}.`, ctx.actor);
    },
  },

  makeAward: {
    section: 'Cap. 338 s.18',
    who: ADJUDICATOR,
    stages: ['awaiting-outcome'],
    check: (state, p) =>
      first(
        partiesCheck(state, p.against, 'any', 'against'),
        partiesCheck(state, p.inFavourOf, 'any', 'in favour of'),
        partiesCheck(state, p.absentParties, 'any', 'absent'),
        p.payBy !== null && p.amountCents + p.costsCents === 0 ? 'a payment date needs a sum to pay' : null,
      ),
    apply: (state, p, ctx) => {
      const outcome = awardFrom(p, ctx, state, { kind: p.kind, against: p.against, inFavourOf: p.inFavourOf, absentParties: p.absentParties });
      decide(state, outcome, ctx, 'award-made', `${p.oral ? 'Oral' : 'Written'} ${p.kind} (s.18): ${p.summary}`);
    },
  },

  enterDefaultJudgment: {
    section: 'Cap. 338 s.17',
    who: ADJUDICATOR,
    stages: ['awaiting-outcome'],
    check: (state, p) => {
      if (!p.affidavitFiled) return 's.17: judgment in default must be supported by the claimant\'s affidavit';
      if (p.against.length === 0) return 's.17: name the absent defendant(s) judgment is entered against';
      const wrong = partiesCheck(state, p.against, 'defendant', 's.17');
      if (wrong) return wrong;
      const unserved = p.against.filter((id) => !hasProvedService(state, id));
      return unserved.length
        ? `s.17: no judgment by default against ${unserved.join(', ')}: service of the claim and notice of hearing under s.14(2) has not been proved`
        : null;
    },
    apply: (state, p, ctx) => {
      const inFavourOf = state.parties.filter((x) => x.side !== 'defendant' && !x.struckOut).map((x) => x.id);
      const outcome = awardFrom(p, ctx, state, { kind: 'default-judgment', against: p.against, inFavourOf, absentParties: p.against });
      decide(state, outcome, ctx, 'default-judgment', `Judgment in default of attendance against ${p.against.join(', ')} (s.17): ${p.summary}`);
    },
  },

  dismiss: {
    section: 'Cap. 338 s.25',
    who: ADJUDICATOR,
    stages: ['awaiting-hearing', 'awaiting-outcome'],
    check: (state, p) => partiesCheck(state, p.absentParties, 'any', 'absent'),
    apply: (state, p, ctx) => {
      const claimantIds = state.parties.filter((x) => x.side !== 'defendant').map((x) => x.id);
      const terms: AwardTerms = { summary: p.summary, oral: p.oral, amountCents: 0, costsCents: p.costsCents, preAwardInterestCents: 0, postAwardInterestRatePercent: 0, payBy: p.payBy };
      const outcome = awardFrom(terms, ctx, state, { kind: 'dismissal', against: claimantIds, inFavourOf: defendants(state).map((d) => d.id), absentParties: p.absentParties });
      decide(state, outcome, ctx, 'claim-dismissed', `Claim dismissed as ${p.ground} (s.25)${p.costsCents ? `, with costs of HK$${(p.costsCents / 100).toFixed(2)}` : ''}: ${p.summary}`);
    },
  },

  transfer: {
    section: 'Cap. 338 s.7',
    who: ADJUDICATOR,
    stages: BEFORE_OUTCOME,
    apply: (state, p, ctx) => {
      state.transfer = { to: p.to, on: ctx.today, reason: p.reason };
      state.stage = 'transferred';
      trackDeadline(state, 'transfer-review-application', 'sct.transfer-review-application', ctx.today, 'any-party');
      trackDeadline(state, 'transfer-review', 'sct.transfer-review', ctx.today, 'registry-officer');
      record(state, ctx, 'transferred', `Proceedings transferred to the ${p.to} (s.7): ${p.reason}.`, ctx.actor);
    },
  },

  consolidate: {
    section: 'Cap. 338 s.20',
    who: ADJUDICATOR,
    stages: BEFORE_OUTCOME,
    check: (state, p) =>
      p.withCaseNo === state.caseNo ? 'a case cannot be heard together with itself' : state.consolidatedWith.some((c) => c.caseNo === p.withCaseNo) ? `already heard together with ${p.withCaseNo}` : null,
    apply: (state, p, ctx) => {
      state.consolidatedWith.push({ caseNo: p.withCaseNo, ground: p.ground, on: ctx.today });
      record(state, ctx, 'consolidated', `To be heard together with ${p.withCaseNo} (s.20): ${p.ground}.`, ctx.actor);
    },
  },

  strikeOutUnsigned: {
    section: 'Cap. 338 s.12(4)(b)',
    who: ADJUDICATOR,
    stages: ['awaiting-outcome'],
    check: (state, { partyIds: ids }) => {
      if (ids.length === 0) return 'name the unsigned claimants or represented persons to strike out';
      for (const id of ids) {
        const p = party(state, id);
        if (!p) return unknownParty(state, id);
        if (p.side === 'defendant') return `${id} is a defendant`;
        if (p.signed) return `s.12(4)(b): ${id} signed the claim and cannot be struck out for not signing`;
      }
      return null;
    },
    apply: (state, { partyIds: ids }, ctx) => {
      let reduced = 0;
      for (const id of ids) {
        const p = party(state, id);
        if (p && !p.struckOut) {
          p.struckOut = true;
          reduced += p.amountCents ?? 0;
        }
      }
      state.admittedCents = Math.max(0, state.admittedCents - reduced);
      record(state, ctx, 'struck-out-unsigned', `${ids.join(', ')} struck out for not signing before the hearing (s.12(4)(b)); claim reduced by HK$${(reduced / 100).toFixed(2)}.`, ctx.actor);
    },
  },

  writeAward: {
    section: 'Cap. 338 s.18(3)',
    who: ADJUDICATOR,
    stages: AFTER_OUTCOME,
    check: (state, p, ctx) => {
      if (!state.outcome) return 'there is no award or order to write';
      if (state.outcome.writtenOn) return `the award was written on ${state.outcome.writtenOn}`;
      return first(notAfterToday(p.writtenOn, ctx.today, 'the date written'), p.writtenOn < state.outcome.madeOn ? `${p.writtenOn} is before the award was made (${state.outcome.madeOn})` : null);
    },
    apply: (state, p, ctx) => {
      if (!state.outcome) return;
      state.outcome.writtenOn = p.writtenOn;
      const deadline = state.deadlines.find((d) => d.key === 'written-award');
      const late = deadline ? p.writtenOn > deadline.computation.due : false;
      if (deadline?.status === 'open') closeDeadline(state, 'written-award', 'met', `written on ${p.writtenOn}`, ctx);
      record(state, ctx, 'award-written', `Oral ${state.outcome.kind} reduced to writing on ${p.writtenOn}${late ? `, after the 14 days of s.18(3) ended on ${deadline?.computation.due}` : ' (s.18(3))'}.`, ctx.actor);
      serviceOfWrittenAwardDue(state, ctx);
    },
  },

  reviewOnOwnMotion: {
    section: 'Cap. 338 s.27A(1), s.27A(2)(a)',
    who: ADJUDICATOR,
    stages: AFTER_OUTCOME,
    check: (state, _p, ctx) => {
      const leave = state.applications.find((a) => a.kind === 'appeal-leave' && (a.status === 'pending' || a.status === 'granted'));
      if (leave) return `s.27A(1): ${leave.by} lodged an application for leave to appeal (${leave.id}, ${leave.lodgedOn}) and has not agreed to withdraw it`;
      return windowCheck(state, 'review-by-adjudicator', ctx, 'review by the adjudicator');
    },
    apply: (state, { grounds }, ctx) => {
      const application = newApplication(state, 'review', 'tribunal', grounds, ctx);
      closeDeadline(state, 'review-by-adjudicator', 'met', `review opened on the tribunal's own motion (${application.id})`, ctx);
      noticeToAllParties(state, ctx, `The tribunal will review the award on its own motion (s.27A(2)(a)): ${grounds}`);
      record(state, ctx, 'review-opened', `Review of the award on the tribunal's own motion (s.27A(2)(a)), ${application.id}: ${grounds}.`, ctx.actor);
    },
  },

  decideReview: {
    section: 'Cap. 338 s.27A',
    who: ADJUDICATOR,
    stages: AFTER_OUTCOME,
    check: (state, p, ctx) => {
      const application = pendingApplication(state, p.applicationId);
      if (!application || application.kind !== 'review') return `no pending review ${p.applicationId}`;
      if ((p.result === 'varied' || p.result === 'reversed') && p.amountCents === undefined) return `a ${p.result} award needs its new amountCents`;
      return p.result === 'rehearing' ? rehearingDateCheck(state, p.rehearingDate, ctx) : null;
    },
    apply: (state, p, ctx) => {
      const application = pendingApplication(state, p.applicationId);
      if (!application) return;
      application.status = 'decided';
      application.result = p.result;
      application.decidedOn = ctx.today;
      closeDeadline(state, 'review-by-adjudicator', 'met', `review ${p.applicationId} decided: ${p.result}`, ctx);
      record(state, ctx, 'review-decided', `Review ${p.applicationId}: award ${p.result} (s.27A(1)): ${p.summary}.`, ctx.actor);
      if (p.result === 'rehearing') {
        rehear(state, p.rehearingDate, `rehearing ordered on review ${p.applicationId}`, ctx);
        record(state, ctx, 'rehearing-ordered', `Rehearing ordered on review${p.rehearingDate ? ` for ${p.rehearingDate}` : '; the registrar is to fix a date'}.`, ctx.actor);
      } else if (state.outcome && p.amountCents !== undefined) {
        state.outcome.amountCents = p.amountCents;
        state.outcome.summary = `${state.outcome.summary} — ${p.result} on review: ${p.summary}`;
      }
    },
  },

  decideSetAside: {
    section: 'Cap. 338 s.32A',
    who: ADJUDICATOR,
    stages: AFTER_OUTCOME,
    check: (state, p, ctx) => {
      const application = pendingApplication(state, p.applicationId);
      if (!application || application.kind !== 'set-aside') return `no pending application to set aside ${p.applicationId}`;
      return p.result === 'set-aside' ? rehearingDateCheck(state, p.rehearingDate, ctx) : null;
    },
    apply: (state, p, ctx) => {
      const application = pendingApplication(state, p.applicationId);
      if (!application) return;
      application.status = p.result === 'set-aside' ? 'granted' : 'refused';
      application.result = p.result;
      application.decidedOn = ctx.today;
      record(state, ctx, 'set-aside-decided', `Application ${p.applicationId} to set aside (s.32A): ${p.result === 'set-aside' ? 'award set aside' : 'refused'}: ${p.summary}.`, ctx.actor);
      if (p.result === 'set-aside') {
        application.status = 'decided';
        rehear(state, p.rehearingDate, `award set aside on ${ctx.today} (${p.applicationId})`, ctx);
        record(state, ctx, 'rehearing-ordered', `Rehearing${p.rehearingDate ? ` on ${p.rehearingDate}` : '; the registrar is to fix a date'}.`, ctx.actor);
      }
    },
  },

  makeOrder: {
    section: 'Cap. 338 s.26A',
    who: ADJUDICATOR,
    stages: OPEN,
    check: (state, p) => first(unknownParty(state, p.directedTo), Number.isInteger(p.periodDays) && p.periodDays >= 1 ? null : 'the order must specify a period of at least one whole day'),
    apply: (state, p, ctx) => {
      const id = `O${state.orders.length + 1}`;
      state.orders.push({ id, directedTo: p.directedTo, text: p.text, madeOn: ctx.today, periodDays: p.periodDays, compliedOn: null, consequence: null });
      const deadline = trackDeadline(state, `order:${id}`, 'sct.order-compliance', ctx.today, p.directedTo, p.periodDays);
      record(state, ctx, 'order-made', `Order ${id} to ${p.directedTo}: ${p.text} — within ${p.periodDays} days, by ${deadline.computation.due} (s.26A).`, ctx.actor);
    },
  },

  applyOrderConsequence: {
    section: 'Cap. 338 s.26A',
    who: ADJUDICATOR,
    stages: OPEN,
    check: (state, p) => {
      const order = state.orders.find((o) => o.id === p.orderId);
      if (!order) return `no order ${p.orderId}`;
      if (order.compliedOn) return `s.26A: ${order.directedTo} complied with ${order.id} on ${order.compliedOn}`;
      if (order.consequence) return `${order.id} already led to: ${order.consequence}`;
      const deadline = state.deadlines.find((d) => d.key === `order:${order.id}`);
      return deadline?.status === 'lapsed' ? null : `s.26A: the time for ${order.id} runs until ${deadline?.computation.due ?? '(unknown)'}; there is no failure to comply yet`;
    },
    apply: (state, p, ctx) => {
      const order = state.orders.find((o) => o.id === p.orderId);
      if (!order) return;
      order.consequence = p.consequence;
      record(state, ctx, 'order-consequence', `${order.directedTo} failed to comply with ${order.id}: ${p.consequence.replace(/-/g, ' ')} (s.26A): ${p.summary}.`, ctx.actor);
      if (p.consequence === 'stayed') state.stays.push({ basis: 'Cap. 338 s.31', since: ctx.today, liftedOn: null, note: `proceedings stayed for non-compliance with ${order.id} (s.26A)` });
      if (p.consequence === 'struck-out' && party(state, order.directedTo)?.side !== 'defendant' && BEFORE_OUTCOME.includes(state.stage)) {
        const terms: AwardTerms = { summary: p.summary, oral: false, amountCents: 0, costsCents: 0, preAwardInterestCents: 0, postAwardInterestRatePercent: 0, payBy: null };
        const outcome = awardFrom(terms, ctx, state, { kind: 'struck-out', against: [order.directedTo], inFavourOf: defendants(state).map((d) => d.id), absentParties: [] });
        decide(state, outcome, ctx, 'claim-struck-out', `Claim struck out for failure to comply with ${order.id} (s.26A).`);
      }
    },
  },

  orderStay: {
    section: 'Cap. 338 s.31',
    who: ADJUDICATOR,
    stages: AFTER_OUTCOME,
    check: (state) => (state.stays.some((s) => s.basis === 'Cap. 338 s.31' && s.liftedOn === null) ? 'execution is already stayed under s.31' : null),
    apply: (state, { reason }, ctx) => {
      state.stays.push({ basis: 'Cap. 338 s.31', since: ctx.today, liftedOn: null, note: reason });
      record(state, ctx, 'stay-ordered', `Stay of execution ordered (s.31): ${reason}.`, ctx.actor);
    },
  },

  liftStay: {
    section: 'Cap. 338 s.10(2), s.31',
    who: ADJUDICATOR,
    stages: OPEN,
    check: (state, p) => (state.stays.some((s) => s.basis === p.basis && s.liftedOn === null) ? null : `no stay under ${p.basis} is in force`),
    apply: (state, p, ctx) => {
      for (const stay of state.stays) if (stay.basis === p.basis && stay.liftedOn === null) stay.liftedOn = ctx.today;
      record(state, ctx, 'stay-lifted', `Stay under ${p.basis} lifted: ${p.reason}.`, ctx.actor);
    },
  },

  transferCounterclaim: {
    section: 'Cap. 338 s.10(1), s.10(2)',
    who: ADJUDICATOR,
    stages: OPEN,
    check: (state) => (state.counterclaim?.disposition === 'transfer-required' ? null : 's.10(1): there is no counterclaim beyond the tribunal\'s jurisdiction to transfer'),
    apply: (state, p, ctx) => {
      if (!state.counterclaim) return;
      state.counterclaim.disposition = 'transferred';
      state.counterclaim.transferredTo = p.to;
      if (p.stayEnforcement) {
        state.stays.push({ basis: 'Cap. 338 s.10(2)', since: ctx.today, liftedOn: null, note: `enforcement of the claimant's award awaits the counterclaim transferred to the ${p.to}` });
      }
      record(
        state,
        ctx,
        'counterclaim-transferred',
        `Counterclaim transferred to the ${p.to} (s.10(1)); ${p.stayEnforcement ? "enforcement of any award for the claimant is stayed until it is decided (s.10(2))" : 'the tribunal ordered no stay of enforcement (s.10(2))'}.`,
        ctx.actor,
      );
    },
  },

  // ----- parties ------------------------------------------------------------
  fileCounterclaim: {
    section: 'Cap. 338 s.10',
    who: 'parties',
    stages: BEFORE_OUTCOME,
    check: (state, p, ctx) => {
      if (party(state, ctx.actor.partyId ?? '')?.side !== 'defendant') return 's.10: a counterclaim is made by a defendant';
      if (state.counterclaim) return `a counterclaim was filed on ${state.counterclaim.filedOn}`;
      const assessed = assessCounterclaim(p.amountCents, state.filedOn, p.abandonExcess);
      return assessed.outcome === 'invalid' ? assessed.refusals.map((r) => r.message).join(' ') : null;
    },
    apply: (state, p, ctx) => {
      const assessed = assessCounterclaim(p.amountCents, state.filedOn, p.abandonExcess);
      const disposition = assessed.outcome === 'transfer' ? 'transfer-required' : assessed.outcome === 'excess-abandoned' ? 'excess-abandoned' : 'within-jurisdiction';
      state.counterclaim = { by: ctx.actor.partyId ?? '', amountCents: p.amountCents, particulars: p.particulars, filedOn: ctx.today, disposition };
      record(state, ctx, 'counterclaim-filed', `Counterclaim by ${ctx.actor.partyId} for HK$${(p.amountCents / 100).toFixed(2)}: ${assessed.outcome === 'invalid' ? '' : assessed.message}`, ctx.actor);
      if (disposition === 'transfer-required') {
        raiseAlert(state, ctx, { severity: 'warning', to: 'adjudicator', rule: 'Cap. 338 s.10(1)', message: `The counterclaim in ${state.caseNo} is beyond the tribunal's jurisdiction and is to be transferred.` });
      }
    },
  },

  applyForReview: {
    section: 'Cap. 338 s.27A(2)(b)',
    who: 'parties',
    stages: AFTER_OUTCOME,
    check: (state, _p, ctx) => windowCheck(state, 'review-application', ctx, 'application for review'),
    apply: (state, { grounds }, ctx) => {
      const application = newApplication(state, 'review', ctx.actor.partyId ?? '', grounds, ctx);
      noticeToAllParties(state, ctx, `${ctx.actor.partyId} applied for a review of the award (s.27A(2)(b)): ${grounds}`);
      raiseAlert(state, ctx, { severity: 'warning', to: 'adjudicator', rule: 'Cap. 338 s.27A', message: `Application for review ${application.id} in ${state.caseNo} awaits a decision.` });
      record(state, ctx, 'review-applied', `${ctx.actor.partyId} applied for review (s.27A(2)(b)), ${application.id}: ${grounds}.`, ctx.actor);
    },
  },

  applyToSetAside: {
    section: 'Cap. 338 s.32A',
    who: 'parties',
    stages: AFTER_OUTCOME,
    check: (state, _p, ctx) => {
      const id = ctx.actor.partyId ?? '';
      if (!state.outcome?.absentParties.includes(id)) return `s.32A: only a party absent when the award was made may apply to set it aside; ${id} was not absent`;
      return windowCheck(state, `set-aside:${id}`, ctx, 'application to set aside');
    },
    apply: (state, { grounds }, ctx) => {
      const id = ctx.actor.partyId ?? '';
      const application = lodge(state, 'set-aside', `set-aside:${id}`, grounds, ctx);
      raiseAlert(state, ctx, { severity: 'warning', to: 'adjudicator', rule: 'Cap. 338 s.32A', message: `Application ${application.id} to set aside the award in ${state.caseNo} awaits a decision.` });
      record(state, ctx, 'set-aside-applied', `${id} applied to set aside the award made in their absence (s.32A), ${application.id}: ${grounds}.`, ctx.actor);
    },
  },

  requestReasons: {
    section: 'Cap. 338 s.28(2)(b)',
    who: 'parties',
    stages: AFTER_OUTCOME,
    check: (state, _p, ctx) => {
      const id = ctx.actor.partyId ?? '';
      if (state.reasonsRequested.some((r) => r.by === id)) return `${id} has already asked for reasons`;
      return windowCheck(state, `appeal-leave:${id}`, ctx, 'request for reasons');
    },
    apply: (state, _p, ctx) => {
      const id = ctx.actor.partyId ?? '';
      state.reasonsRequested.push({ by: id, on: ctx.today, servedOn: null });
      closeDeadline(state, `appeal-leave:${id}`, 'superseded', `reasons requested on ${ctx.today}: the 7 days run again from their service`, ctx);
      raiseAlert(state, ctx, { severity: 'warning', to: 'adjudicator', rule: 'Cap. 338 s.28(2)(b)', message: `${id} asked for the reasons for the award in ${state.caseNo}.` });
      record(state, ctx, 'reasons-requested', `${id} asked for reasons (s.28(2)(b)); the period for leave to appeal will run from their service.`, ctx.actor);
    },
  },

  applyForLeaveToAppeal: {
    section: 'Cap. 338 s.28',
    who: 'parties',
    stages: AFTER_OUTCOME,
    check: (state, _p, ctx) => windowCheck(state, `appeal-leave:${ctx.actor.partyId ?? ''}`, ctx, 'application for leave to appeal'),
    apply: (state, { grounds }, ctx) => {
      const id = ctx.actor.partyId ?? '';
      const application = lodge(state, 'appeal-leave', `appeal-leave:${id}`, grounds, ctx);
      record(state, ctx, 'appeal-leave-applied', `${id} lodged an application for leave to appeal to the Court of First Instance (s.28), ${application.id}: ${grounds}. It does not stay execution unless a stay is ordered (s.31).`, ctx.actor);
    },
  },

  withdrawApplication: {
    section: 'Cap. 338 s.27A(1)',
    who: 'parties',
    stages: OPEN,
    check: (state, p, ctx) => {
      const application = pendingApplication(state, p.applicationId);
      if (!application) return `no pending application ${p.applicationId}`;
      return application.by === ctx.actor.partyId ? null : `${p.applicationId} was lodged by ${application.by}, not ${ctx.actor.partyId}`;
    },
    apply: (state, p, ctx) => {
      const application = pendingApplication(state, p.applicationId);
      if (!application) return;
      application.status = 'withdrawn';
      application.decidedOn = ctx.today;
      record(state, ctx, 'application-withdrawn', `${ctx.actor.partyId} withdrew ${application.id} (${application.kind}).`, ctx.actor);
    },
  },

  applyForCaLeave: {
    section: 'Cap. 338 s.29A(1)',
    who: 'parties',
    stages: OPEN,
    check: (state, _p, ctx) => windowCheck(state, `ca-leave:${ctx.actor.partyId ?? ''}`, ctx, 'application for leave to appeal to the Court of Appeal'),
    apply: (state, { grounds }, ctx) => {
      const id = ctx.actor.partyId ?? '';
      const application = lodge(state, 'ca-leave', `ca-leave:${id}`, grounds, ctx);
      record(state, ctx, 'ca-leave-applied', `${id} applied for leave to appeal to the Court of Appeal (s.29A), ${application.id}: ${grounds}.`, ctx.actor);
    },
  },

  applyForTransferReview: {
    section: 'Cap. 338 s.27(2)',
    who: 'parties',
    stages: ['transferred'],
    check: (state, _p, ctx) => windowCheck(state, 'transfer-review-application', ctx, 'application to review the transfer'),
    apply: (state, { grounds }, ctx) => {
      const application = lodge(state, 'transfer-review', 'transfer-review-application', grounds, ctx);
      noticeToAllParties(state, ctx, `${ctx.actor.partyId} applied to the Court of First Instance to review the transfer (s.27(2)): ${grounds}`);
      record(state, ctx, 'transfer-review-applied', `${ctx.actor.partyId} applied for review of the transfer (s.27(2)), ${application.id}: ${grounds}.`, ctx.actor);
    },
  },

  recordPayment: {
    section: 'Cap. 338 s.32, s.33, s.34',
    who: 'parties-or-registry',
    stages: AFTER_OUTCOME,
    check: (state, p, ctx) => {
      if (!state.outcome || balanceCents(state, ctx.today) === 0) return 'nothing is owed under the award';
      const payer = ctx.actor.role === 'registry-officer' ? p.by : ctx.actor.partyId;
      if (!payer) return 'name the paying party (by)';
      return first(unknownParty(state, payer), notAfterToday(p.paidOn, ctx.today, 'the payment date'), p.paidOn < state.outcome.madeOn ? `payment on ${p.paidOn} is before the award (${state.outcome.madeOn})` : null);
    },
    apply: (state, p, ctx) => {
      const payer = (ctx.actor.role === 'registry-officer' ? p.by : ctx.actor.partyId) ?? '';
      // s.34: in a joint or representative claim the sum is paid into the tribunal, which distributes it.
      const into = state.kind === 'individual' ? 'claimant' : 'tribunal';
      state.payments.push({ id: `M${state.payments.length + 1}`, by: payer, amountCents: p.amountCents, paidOn: p.paidOn, into, recordedBy: ctx.actor.id });
      const left = balanceCents(state, p.paidOn);
      record(state, ctx, 'payment-recorded', `${payer} paid HK$${(p.amountCents / 100).toFixed(2)} ${into === 'tribunal' ? 'into the tribunal (s.34)' : 'to the claimant'} on ${p.paidOn}; HK$${(left / 100).toFixed(2)} remains.`, ctx.actor);
    },
  },
};

function describeDocument(document: ServedDocument): string {
  return document === 'claim-and-notice-of-hearing' ? 'Claim and notice of hearing' : document === 'written-award' ? 'Written award or order' : 'Reasons for the award';
}

function noticeToAllParties(state: SctCase, ctx: StepContext, message: string): void {
  for (const id of partyIds(state)) raiseAlert(state, ctx, { severity: 'notice', to: id, rule: null, message });
}

// ---------------------------------------------------------------------------
// Checking and applying
// ---------------------------------------------------------------------------

export interface StepRefusal {
  code: 'wrong-role' | 'not-a-party' | 'wrong-stage' | 'stale' | 'refused';
  step: StepName;
  section: string;
  message: string;
}

export interface StepEnvelope<K extends StepName = StepName> {
  actor: Actor;
  /** Optimistic concurrency: the case version the actor last saw. */
  expectedVersion?: number;
  payload: StepPayloads[K];
}

export const STEP_NAMES = Object.keys(STEPS) as StepName[];

export function stepRoles(name: StepName): readonly Role[] {
  const { who } = STEPS[name];
  return who === 'parties' ? FILER_ROLES : who === 'parties-or-registry' ? [...FILER_ROLES, 'registry-officer'] : who;
}

/** Would this step be accepted now? The reason if not; the case is never changed. */
export function checkStep<K extends StepName>(state: SctCase, name: K, envelope: StepEnvelope<K>, at: Moment): StepRefusal | null {
  const rule: StepRule<StepPayloads[K]> = STEPS[name];
  const { actor } = envelope;
  const refuse = (code: StepRefusal['code'], message: string): StepRefusal => ({ code, step: name, section: rule.section, message });
  if (!stepRoles(name).includes(actor.role)) {
    return refuse('wrong-role', `${name} (${rule.section}) is for ${stepRoles(name).join(' or ')}; ${actor.name} acts as ${actor.role}`);
  }
  if (FILER_ROLES.includes(actor.role) && !(actor.partyId && party(state, actor.partyId))) {
    return refuse('not-a-party', `${actor.name} does not act for a party of ${state.caseNo}`);
  }
  if (envelope.expectedVersion !== undefined && envelope.expectedVersion !== state.version) {
    return refuse('stale', `the case changed since version ${envelope.expectedVersion} (now ${state.version}); reload it and try again`);
  }
  if (!rule.stages.includes(state.stage)) {
    return refuse('wrong-stage', `${name} (${rule.section}) is not possible while the case is ${state.stage}; it needs the case to be ${rule.stages.join(' or ')}`);
  }
  const reason = rule.check?.(state, envelope.payload, { ...at, actor });
  return reason ? refuse('refused', reason) : null;
}

/** Applies an accepted step, then lets the case settle (close, become enforceable…). */
export function applyStep<K extends StepName>(state: SctCase, name: K, envelope: StepEnvelope<K>, at: Moment): void {
  const rule: StepRule<StepPayloads[K]> = STEPS[name];
  rule.apply(state, envelope.payload, { ...at, actor: envelope.actor });
  settle(state, at);
}
