/**
 * Review, set-aside and appeal (s.27A, s.28, s.29, s.29A, s.29B, s.32A).
 *
 * - An award or order opens the adjudicator's 14 days to review it
 *   (s.27A(1)) and a party's 7 days to apply for review (s.27A(2)(b)); a
 *   party absent at the hearing has 7 days to apply to set it aside (s.32A).
 * - Service of the written award on a party opens that party's 7 days to
 *   seek leave to appeal to the Court of First Instance (s.28(2)(b)); asking
 *   for reasons within them restarts them from service of the reasons.
 * - A review is decided within the adjudicator's 14 days (s.27A(1)); from
 *   revision 3, one still undecided when they end lapses (the power is spent).
 * - The CFI's decision opens 7 days to seek leave to appeal to the Court of
 *   Appeal (s.29A(1)); a remittal sends the claim back to be heard.
 */
import { addDays, type IsoDate } from '../../../calendar';
import { hkInstant } from '../../../time/hong-kong-time';
import type { Moment } from '../../../time/moment';
import type { StepContext } from '../../../steps/step-kit';
import { isUndecided, lodge, newApplication, noticeToAllParties, pendingApplication } from '../applications';
import { deadlineKeys } from '../deadline-keys';
import { endDeadline, findDeadline, trackDeadline } from '../deadlines';
import { noteMove } from '../../../deadlines';
import { hearingDateRefusal, hearingOn, noteListing } from '../hearing';
import { partyIds } from '../parties';
import { AFTER_OUTCOME, first, notAfterToday, OPEN, type PendingItem, type Phase, type Timer } from '../phase';
import { raiseAlert, record } from '../record';
import type { Application, ApplicationKind, Outcome, PartyId, SctCase, ServedDocument } from '../state';
import { follows } from '../law-revision';
import { changeAward, keepReplacedOutcome, reasonsForCurrentAward } from '../standing-award';
import { decideTransferReview } from './transfer-and-counterclaim';

export const COURT_DECISIONS = ['leave-granted', 'leave-refused', 'appeal-allowed', 'appeal-dismissed', 'appeal-remitted', 'transfer-upheld', 'claim-remitted'] as const;
export type CourtDecision = (typeof COURT_DECISIONS)[number];

export interface ReviewPayloads {
  reviewOnOwnMotion: { grounds: string };
  applyForReview: { grounds: string };
  decideReview: { applicationId: string; result: 'confirmed' | 'varied' | 'reversed' | 'rehearing'; summary: string; amountCents?: number; rehearingDate?: IsoDate };
  applyToSetAside: { grounds: string };
  decideSetAside: { applicationId: string; result: 'set-aside' | 'refused'; summary: string; rehearingDate?: IsoDate };
  requestReasons: Record<string, never>;
  applyForLeaveToAppeal: { grounds: string };
  applyForCaLeave: { grounds: string };
  withdrawApplication: { applicationId: string };
  /**
   * `award`: when an appeal is allowed, what it left of the award (s.29):
   * reversed (nothing payable) or varied to `amountCents`. Required from revision 2.
   */
  recordCourtDecision: { applicationId: string; decision: CourtDecision; decidedOn: IsoDate; note: string; award?: 'reversed' | 'varied'; amountCents?: number };
  extendTimeToSetAside: { partyId: PartyId; until: IsoDate; reason: string };
  recordAppealTimeExtension: { partyId: PartyId; until: IsoDate; reason: string };
}

/**
 * s.27A(1): no review while a party's application for leave to appeal is
 * pending (or granted) and not withdrawn, however the review began.
 */
function leavePendingRefusal(state: SctCase): string | null {
  const leave = state.applications.find((a) => a.kind === 'appeal-leave' && isUndecided(a));
  return leave ? `s.27A(1): ${leave.by} lodged an application for leave to appeal (${leave.id}, ${leave.lodgedOn}) and has not agreed to withdraw it` : null;
}

/** s.27A(1): a review is decided within 14 days from the award; the period's computed last day, whatever its status. */
function reviewPeriodRefusal(state: SctCase, today: IsoDate): string | null {
  const period = findDeadline(state, deadlineKeys.reviewByAdjudicator());
  if (!period || today <= period.computation.due) return null;
  return `s.27A(1): the award may be reviewed only within 14 days from it; that period ran from ${period.computation.from} and ended on ${period.computation.due}; today is ${today}`;
}

const undecidedReview = (a: Application) => a.kind === 'review' && isUndecided(a);

/**
 * s.27A(1): the adjudicator may review an award only within 14 days from it,
 * so a review still undecided when that period ends can never be decided
 * (`reviewPeriodRefusal`). Before revision 3 such an application stayed
 * pending for good, and a case with a pending application neither closes by
 * itself nor may be closed by the registry. From revision 3 it lapses at the
 * first moment after the period, its applicant is told, and the award stands.
 */
function reviewPowerSpent(state: SctCase): Timer[] {
  const period = findDeadline(state, deadlineKeys.reviewByAdjudicator());
  if (!follows(state, 3) || !period || !state.applications.some(undecidedReview)) return [];
  const { due } = period.computation;
  return [{ key: `review-power-spent:${due}`, at: hkInstant(addDays(due, 1)), fire: (s, at) => reviewsLapse(s, due, at) }];
}

function reviewsLapse(state: SctCase, lastDay: IsoDate, at: Moment): void {
  for (const application of state.applications.filter(undecidedReview)) {
    application.status = 'decided';
    application.result = `lapsed: not decided within 14 days from the award (s.27A(1)), the last day being ${lastDay}`;
    application.decidedOn = at.today;
    const who = application.by === 'tribunal' ? "the tribunal's own motion" : application.by;
    record(state, at, 'review-lapsed', `Review ${application.id} (${who}) was not decided within 14 days from the award, which ended on ${lastDay}: the power of review under s.27A(1) is spent, the application lapses and the award stands.`);
    if (application.by !== 'tribunal') {
      raiseAlert(state, at, {
        severity: 'notice',
        to: application.by,
        rule: 'Cap. 338 s.27A(1)',
        message: `Your application for review ${application.id} in ${state.caseNo} was not decided within 14 days from the award (last day ${lastDay}); it has lapsed and the award stands.`,
      });
    }
  }
}

/** Why a window cannot be extended to `until`: no such period, or the date is not after its last day or today. */
function extensionRefusal(state: SctCase, key: string, what: string, until: IsoDate, today: IsoDate): string | null {
  const d = findDeadline(state, key);
  if (!d) return `${what}: no such period in ${state.caseNo} (${key})`;
  if (d.status === 'met') return `${what}: already done on ${d.closedOn} (${d.outcome}); nothing to extend`;
  if (d.status === 'superseded') return `${what}: that period was replaced (${d.outcome}); nothing to extend`;
  if (until <= d.computation.due) return `${what}: the new last day ${until} must be after the current one (${d.computation.due})`;
  if (until <= today) return `${what}: the new last day ${until} must be after today (${today})`;
  return null;
}

/**
 * An order extending a period: its last day becomes `until` (reopening it if
 * it had lapsed), and its computation and outcome show the order.
 */
function extendByOrder(state: SctCase, key: string, until: IsoDate, order: string, reason: string, ctx: StepContext): void {
  const d = findDeadline(state, key);
  if (!d) return;
  const previousDue = d.computation.due;
  d.computation = {
    ...d.computation,
    due: until,
    extensions: [
      ...d.computation.extensions,
      { date: previousDue, until, reason: `extended to ${until} by ${order}`, kind: 'by-order', subsection: d.computation.subsection, ground: `${order} made on ${ctx.today} (${reason})` },
    ],
  };
  d.status = 'open';
  d.closedOn = null;
  d.outcome = `last day extended from ${previousDue} to ${until} by ${order} made on ${ctx.today}: ${reason}`;
  noteMove(d, previousDue, `extended by ${order} made on ${ctx.today} (${reason})`, ctx.today);
}

/** The windows an award or order opens (s.27A, s.32A); the s.18(3) period is the hearing phase's. */
export function openReviewWindows(state: SctCase, outcome: Outcome): void {
  trackDeadline(state, deadlineKeys.reviewByAdjudicator(), 'sct.review-by-adjudicator', outcome.madeOn, 'adjudicator');
  trackDeadline(state, deadlineKeys.reviewApplication(), 'sct.review-application', outcome.madeOn, 'any-party');
  for (const absent of outcome.absentParties) {
    trackDeadline(state, deadlineKeys.setAside(absent), 'sct.set-aside', outcome.hearingDate, absent, { subject: { party: absent } });
  }
}

/**
 * s.28(2)(b): the 7 days for leave to appeal run from service of the written
 * award on that party, or, if the party asked for reasons within them, from
 * service of the reasons. From revision 2, the first service on a party of an
 * award made after a rehearing opens a fresh period, replacing the one the
 * replaced award opened; before it, a party had one period per case.
 */
export function appealLeaveRunsFromService(
  state: SctCase,
  partyId: PartyId,
  document: Exclude<ServedDocument, 'claim-and-notice-of-hearing'>,
  servedOn: IsoDate,
  firstOfThisAward: boolean,
): void {
  const key = deadlineKeys.appealLeave(partyId);
  if (document === 'written-award') {
    const opens = follows(state, 2) ? firstOfThisAward : !findDeadline(state, key);
    if (opens) trackDeadline(state, key, 'sct.appeal-leave', servedOn, partyId, { subject: { party: partyId } });
    return;
  }
  const request = reasonsForCurrentAward(state).find((r) => r.by === partyId && r.servedOn === null);
  if (request) request.servedOn = servedOn;
  trackDeadline(state, key, 'sct.appeal-leave', servedOn, partyId, { subject: { party: partyId } });
}

/** Undo an outcome for a rehearing: its windows end, and the case goes back to be heard. */
function rehear(state: SctCase, date: IsoDate | undefined, why: string, ctx: StepContext): void {
  for (const d of state.deadlines) if (d.status === 'open') endDeadline(state, d.key, 'superseded', why, ctx);
  keepReplacedOutcome(state, why, ctx);
  state.outcome = null;
  state.enforceableSince = null;
  state.rehearingOrdered = true;
  if (date) {
    state.hearing = hearingOn(date);
    state.stage = 'awaiting-hearing';
    noteListing(state, ctx, `rehearing fixed for ${date}`);
  } else {
    state.hearing = null;
    state.stage = 'awaiting-listing';
    noteListing(state, ctx, 'rehearing ordered; no date fixed yet');
  }
}

const rehearingDateRefusal = (state: SctCase, date: IsoDate | undefined, ctx: StepContext) => (date === undefined ? null : hearingDateRefusal(state, date, ctx));

const ownParty = (ctx: StepContext) => ctx.actor.partyId ?? '';

/**
 * s.29: an appeal allowed reverses or varies the award, and enforcement
 * follows what stands (revision 2), so the registry records which.
 */
function appealResultRefusal(state: SctCase, p: ReviewPayloads['recordCourtDecision']): string | null {
  if (p.decision !== 'appeal-allowed') {
    return p.award !== undefined || p.amountCents !== undefined ? `award and amountCents describe an appeal allowed, not ${p.decision}` : null;
  }
  if (!follows(state, 2)) return null;
  if (!state.outcome) return 's.29: there is no award for the appeal to reverse or vary';
  if (p.award === undefined) return "s.29, s.32: say what the appeal left of the award: award 'reversed', or 'varied' with its amountCents";
  if (p.award === 'varied' && p.amountCents === undefined) return 's.29: a varied award needs its new amountCents';
  if (p.award === 'reversed' && p.amountCents !== undefined && p.amountCents !== 0) return 's.29: a reversed award leaves nothing payable under it; to change the sum, record it as varied';
  return null;
}

/** Which of a court's decisions fit the application as it stands. */
function decisionsFor(kind: ApplicationKind, leaveGranted: boolean): CourtDecision[] {
  switch (kind) {
    case 'appeal-leave':
    case 'ca-leave':
      return leaveGranted ? ['appeal-allowed', 'appeal-dismissed', 'appeal-remitted'] : ['leave-granted', 'leave-refused'];
    case 'transfer-review':
      return ['transfer-upheld', 'claim-remitted'];
    default:
      return [];
  }
}

export const reviewSetAsideAppeal: Phase<ReviewPayloads> = {
  steps: {
    reviewOnOwnMotion: {
      section: 'Cap. 338 s.27A(1), s.27A(2)(a)',
      who: ['adjudicator'],
      stages: AFTER_OUTCOME,
      check: (state) => leavePendingRefusal(state),
      window: { label: 'review by the adjudicator', key: () => deadlineKeys.reviewByAdjudicator() },
      apply: (state, { grounds }, ctx) => {
        const application = newApplication(state, 'review', 'tribunal', grounds, ctx);
        endDeadline(state, deadlineKeys.reviewByAdjudicator(), 'met', `review opened on the tribunal's own motion (${application.id})`, ctx);
        noticeToAllParties(state, ctx, `The tribunal will review the award on its own motion (s.27A(2)(a)): ${grounds}`);
        record(state, ctx, 'review-opened', `Review of the award on the tribunal's own motion (s.27A(2)(a)), ${application.id}: ${grounds}.`, ctx.actor);
      },
    },

    applyForReview: {
      section: 'Cap. 338 s.27A(1), s.27A(2)(b)',
      who: ['parties'],
      stages: AFTER_OUTCOME,
      check: (state) => leavePendingRefusal(state),
      window: { label: 'application for review', key: () => deadlineKeys.reviewApplication() },
      apply: (state, { grounds }, ctx) => {
        const application = newApplication(state, 'review', ownParty(ctx), grounds, ctx);
        noticeToAllParties(state, ctx, `${ctx.actor.partyId} applied for a review of the award (s.27A(2)(b)): ${grounds}`);
        raiseAlert(state, ctx, {
          severity: 'warning',
          to: 'adjudicator',
          rule: 'Cap. 338 s.27A',
          message: `Application for review ${application.id} in ${state.caseNo} awaits a decision.`,
          subject: { kind: 'application', applicationId: application.id },
        });
        record(state, ctx, 'review-applied', `${ctx.actor.partyId} applied for review (s.27A(2)(b)), ${application.id}: ${grounds}.`, ctx.actor);
      },
    },

    decideReview: {
      section: 'Cap. 338 s.27A',
      who: ['adjudicator'],
      stages: AFTER_OUTCOME,
      check: (state, p, ctx) => {
        const application = pendingApplication(state, p.applicationId);
        // A review that lapsed with the 14 days (revision 3) is refused for the reason it lapsed.
        const lapsed = !application && state.applications.some((a) => a.id === p.applicationId && a.kind === 'review');
        if (!application || application.kind !== 'review') return (lapsed ? reviewPeriodRefusal(state, ctx.today) : null) ?? `no pending review ${p.applicationId}`;
        const refusal = first(leavePendingRefusal(state), reviewPeriodRefusal(state, ctx.today));
        if (refusal) return refusal;
        const needsAmount = p.result === 'varied' || (p.result === 'reversed' && !follows(state, 2));
        if (needsAmount && p.amountCents === undefined) return `a ${p.result} award needs its new amountCents`;
        if (p.result === 'reversed' && follows(state, 2) && p.amountCents !== undefined && p.amountCents !== 0) {
          return 's.27A: a reversed award leaves nothing payable under it; to change the sum, vary the award';
        }
        return p.result === 'rehearing' ? rehearingDateRefusal(state, p.rehearingDate, ctx) : null;
      },
      apply: (state, p, ctx) => {
        const application = pendingApplication(state, p.applicationId);
        if (!application) return;
        application.status = 'decided';
        application.result = p.result;
        application.decidedOn = ctx.today;
        endDeadline(state, deadlineKeys.reviewByAdjudicator(), 'met', `review ${p.applicationId} decided: ${p.result}`, ctx);
        record(state, ctx, 'review-decided', `Review ${p.applicationId}: award ${p.result} (s.27A(1)): ${p.summary}.`, ctx.actor);
        if (p.result === 'rehearing') {
          rehear(state, p.rehearingDate, `rehearing ordered on review ${p.applicationId}`, ctx);
          record(state, ctx, 'rehearing-ordered', `Rehearing ordered on review${p.rehearingDate ? ` for ${p.rehearingDate}` : '; the registrar is to fix a date'}.`, ctx.actor);
        } else if (follows(state, 2) && (p.result === 'varied' || p.result === 'reversed')) {
          changeAward(state, { on: ctx.today, by: `review ${p.applicationId} (s.27A)`, result: p.result, toCents: p.amountCents ?? 0, summary: p.summary }, ctx);
        } else if (state.outcome && p.amountCents !== undefined) {
          state.outcome.amountCents = p.amountCents;
          state.outcome.summary = `${state.outcome.summary} — ${p.result} on review: ${p.summary}`;
        }
      },
    },

    applyToSetAside: {
      section: 'Cap. 338 s.32A',
      who: ['parties'],
      stages: AFTER_OUTCOME,
      check: (state, _p, ctx) => {
        const id = ownParty(ctx);
        return state.outcome?.absentParties.includes(id) ? null : `s.32A: only a party absent when the award was made may apply to set it aside; ${id} was not absent`;
      },
      window: { label: 'application to set aside', key: (_s, _p, ctx) => deadlineKeys.setAside(ownParty(ctx)) },
      apply: (state, { grounds }, ctx) => {
        const id = ownParty(ctx);
        const application = lodge(state, 'set-aside', deadlineKeys.setAside(id), grounds, ctx);
        raiseAlert(state, ctx, {
          severity: 'warning',
          to: 'adjudicator',
          rule: 'Cap. 338 s.32A',
          message: `Application ${application.id} to set aside the award in ${state.caseNo} awaits a decision.`,
          subject: { kind: 'application', applicationId: application.id },
        });
        record(state, ctx, 'set-aside-applied', `${id} applied to set aside the award made in their absence (s.32A), ${application.id}: ${grounds}.`, ctx.actor);
      },
    },

    decideSetAside: {
      section: 'Cap. 338 s.32A',
      who: ['adjudicator'],
      stages: AFTER_OUTCOME,
      check: (state, p, ctx) => {
        const application = pendingApplication(state, p.applicationId);
        if (!application || application.kind !== 'set-aside') return `no pending application to set aside ${p.applicationId}`;
        return p.result === 'set-aside' ? rehearingDateRefusal(state, p.rehearingDate, ctx) : null;
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

    requestReasons: {
      section: 'Cap. 338 s.28(2)(b)',
      who: ['parties'],
      stages: AFTER_OUTCOME,
      check: (state, _p, ctx) => {
        const id = ownParty(ctx);
        return reasonsForCurrentAward(state).some((r) => r.by === id) ? `${id} has already asked for reasons for this award` : null;
      },
      window: { label: 'request for reasons', key: (_s, _p, ctx) => deadlineKeys.appealLeave(ownParty(ctx)) },
      apply: (state, _p, ctx) => {
        const id = ownParty(ctx);
        state.reasonsRequested.push({ by: id, on: ctx.today, servedOn: null });
        endDeadline(state, deadlineKeys.appealLeave(id), 'superseded', `reasons requested on ${ctx.today}: the 7 days run again from their service`, ctx);
        raiseAlert(state, ctx, {
          severity: 'warning',
          to: 'adjudicator',
          rule: 'Cap. 338 s.28(2)(b)',
          message: `${id} asked for the reasons for the award in ${state.caseNo}.`,
          subject: { kind: 'reasons', party: id },
        });
        record(state, ctx, 'reasons-requested', `${id} asked for reasons (s.28(2)(b)); the period for leave to appeal will run from their service.`, ctx.actor);
      },
    },

    applyForLeaveToAppeal: {
      section: 'Cap. 338 s.28',
      who: ['parties'],
      stages: AFTER_OUTCOME,
      window: { label: 'application for leave to appeal', key: (_s, _p, ctx) => deadlineKeys.appealLeave(ownParty(ctx)) },
      apply: (state, { grounds }, ctx) => {
        const id = ownParty(ctx);
        const application = lodge(state, 'appeal-leave', deadlineKeys.appealLeave(id), grounds, ctx);
        record(
          state,
          ctx,
          'appeal-leave-applied',
          `${id} lodged an application for leave to appeal to the Court of First Instance (s.28), ${application.id}: ${grounds}. It does not stay execution unless a stay is ordered (s.31).`,
          ctx.actor,
        );
      },
    },

    applyForCaLeave: {
      section: 'Cap. 338 s.29A(1)',
      who: ['parties'],
      stages: OPEN,
      window: { label: 'application for leave to appeal to the Court of Appeal', key: (_s, _p, ctx) => deadlineKeys.caLeave(ownParty(ctx)) },
      apply: (state, { grounds }, ctx) => {
        const id = ownParty(ctx);
        const application = lodge(state, 'ca-leave', deadlineKeys.caLeave(id), grounds, ctx);
        record(state, ctx, 'ca-leave-applied', `${id} applied for leave to appeal to the Court of Appeal (s.29A), ${application.id}: ${grounds}.`, ctx.actor);
      },
    },

    withdrawApplication: {
      section: 'Cap. 338 s.27A(1)',
      who: ['parties'],
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

    recordCourtDecision: {
      section: 'Cap. 338 s.27, s.28, s.29, s.29A, s.29B',
      who: ['registry-officer'],
      stages: OPEN,
      check: (state, p, ctx) => {
        const application = pendingApplication(state, p.applicationId);
        if (!application) return `no pending application ${p.applicationId} awaiting a court's decision`;
        const choices = decisionsFor(application.kind, application.status === 'granted');
        if (!choices.includes(p.decision)) {
          return choices.length === 0
            ? `${p.applicationId} is a ${application.kind} application, decided by the adjudicator, not recorded from a court`
            : `${p.applicationId} (${application.kind}, ${application.status}) can be decided as ${choices.join(' or ')}, not ${p.decision}`;
        }
        return first(
          notAfterToday(p.decidedOn, ctx.today, 'the decision date'),
          p.decidedOn < application.lodgedOn ? `the decision date ${p.decidedOn} is before the application (${application.lodgedOn})` : null,
          appealResultRefusal(state, p),
        );
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
            for (const id of partyIds(state)) trackDeadline(state, deadlineKeys.caLeave(id), 'sct.ca-leave', p.decidedOn, id, { subject: { party: id } });
          }
          if (p.decision === 'appeal-allowed' && follows(state, 2) && p.award) {
            changeAward(state, { on: p.decidedOn, by: `appeal ${application.id} (s.29), ${court}`, result: p.award, toCents: p.award === 'varied' ? (p.amountCents ?? 0) : 0, summary: p.note || p.decision }, ctx);
          }
          if (p.decision === 'appeal-remitted') {
            rehear(state, undefined, `remitted by the ${court} on ${p.decidedOn}`, ctx);
            record(state, ctx, 'rehearing-ordered', `Remitted for rehearing (s.29 / s.29B); the registrar is to fix a hearing date.`, ctx.actor);
          }
        }
        if (p.decision === 'transfer-upheld' || p.decision === 'claim-remitted') decideTransferReview(state, p.decision, p.decidedOn, ctx);
      },
    },

    extendTimeToSetAside: {
      section: 'Cap. 338 s.32A(2)',
      who: ['adjudicator'],
      stages: AFTER_OUTCOME,
      check: (state, p, ctx) => extensionRefusal(state, deadlineKeys.setAside(p.partyId), `s.32A(2): extending ${p.partyId}'s time to apply to set aside`, p.until, ctx.today),
      apply: (state, p, ctx) => {
        const order = "the tribunal's order under Cap. 338 s.32A(2)";
        extendByOrder(state, deadlineKeys.setAside(p.partyId), p.until, order, p.reason, ctx);
        record(state, ctx, 'time-extended', `Time for ${p.partyId} to apply to set aside the award extended to ${p.until} (s.32A(2)): ${p.reason}.`, ctx.actor);
      },
    },

    recordAppealTimeExtension: {
      section: 'Cap. 338 s.28(2)(b)',
      who: ['registry-officer'],
      stages: AFTER_OUTCOME,
      check: (state, p, ctx) => extensionRefusal(state, deadlineKeys.appealLeave(p.partyId), `s.28(2)(b): extending ${p.partyId}'s time to apply for leave to appeal`, p.until, ctx.today),
      apply: (state, p, ctx) => {
        const order = 'the order of the Registrar of the High Court under Cap. 338 s.28(2)(b)';
        extendByOrder(state, deadlineKeys.appealLeave(p.partyId), p.until, order, p.reason, ctx);
        record(state, ctx, 'time-extended', `The Registrar of the High Court extended ${p.partyId}'s time to apply for leave to appeal to ${p.until} (s.28(2)(b)): ${p.reason}.`, ctx.actor);
      },
    },
  },

  timers: reviewPowerSpent,

  meets: {
    'sct.review-by-adjudicator': 'reviewOnOwnMotion',
    'sct.review-application': 'applyForReview',
    'sct.set-aside': 'applyToSetAside',
    'sct.appeal-leave': 'applyForLeaveToAppeal',
    'sct.ca-leave': 'applyForCaLeave',
  },

  pending: (state) =>
    state.applications.filter(isUndecided).map(
      (a): PendingItem => ({
        step: a.kind === 'review' ? 'decideReview' : a.kind === 'set-aside' ? 'decideSetAside' : 'recordCourtDecision',
        note: `decide ${a.id} (${a.kind}${a.status === 'granted' ? ', leave granted' : ''}) lodged by ${a.by} on ${a.lodgedOn}`,
      }),
    ),
};
