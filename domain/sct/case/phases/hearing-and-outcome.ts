/**
 * Hearing and outcome (s.17, s.18, s.20, s.25, s.26, s.26A): the tribunal
 * hears the claim, adjourns it, hears it with others, or makes an award or
 * order, enters judgment in default of the defendant's attendance (only with
 * service proved), or dismisses it as frivolous or vexatious; an oral award
 * is reduced to writing within 14 days; an order made with a time for
 * compliance is enforced by striking out, a stay or judgment.
 */
import type { IsoDate } from '../../../calendar';
import { formatHkd } from '../../../money';
import type { StepContext } from '../../../steps/step-kit';
import { deadlineKeys } from '../deadline-keys';
import { endDeadline, findDeadline, trackDeadline } from '../deadlines';
import { hearingDateRefusal, hearingOn, noteListing } from '../hearing';
import { defendants, hasProvedService, named, party, partiesCheck, partyIds, unknownParty } from '../parties';
import { AFTER_OUTCOME, BEFORE_OUTCOME, first, notAfterToday, OPEN, type Phase } from '../phase';
import { raiseAlert, record } from '../record';
import type { Outcome, PartyId, SctCase } from '../state';
import { interestPieces } from '../../judgment-debt-rate';
import { follows } from '../law-revision';
import { startRecordsOf } from '../standing-award';
import { openReviewWindows } from './review-set-aside-appeal';

export interface AwardTerms {
  summary: string;
  /** s.18(3): made orally at the hearing (to be written within 14 days), or in writing at once. */
  oral: boolean;
  amountCents: number;
  costsCents: number;
  /** Revision 1 only: interest to the award typed as a sum. From revision 2, `preAwardInterest`. */
  preAwardInterestCents: number;
  /**
   * s.33(1): interest on all or part of the claim (`onCents`) for all or part of
   * the time from the cause of action (`from`) to the award (`to`, the award's
   * date unless earlier), at the judgment-debt rate (s.33(4)); computed, not typed.
   */
  preAwardInterest?: { onCents: number; from: IsoDate; to?: IsoDate };
  /** Revision 1 only: a rate typed for the case. From revision 2 interest after the award runs by law at the dated rate (s.33(3), (4)). */
  postAwardInterestRatePercent?: number;
  payBy: IsoDate | null;
}

export interface HearingPayloads {
  adjourn: { toDate: IsoDate | null; reason: string };
  consolidate: { withCaseNo: string; ground: string };
  makeAward: AwardTerms & { kind: 'award' | 'order'; against: PartyId[]; inFavourOf: PartyId[]; absentParties: PartyId[] };
  /** s.17: the application may, not must, be supported by the claimant's affidavit; recorded either way. */
  enterDefaultJudgment: AwardTerms & { against: PartyId[]; affidavitFiled: boolean };
  dismiss: { ground: 'frivolous' | 'vexatious'; summary: string; oral: boolean; costsCents: number; payBy: IsoDate | null; absentParties: PartyId[] };
  writeAward: { writtenOn: IsoDate };
  makeOrder: { directedTo: PartyId; text: string; periodDays: number };
  recordCompliance: { orderId: string; compliedOn: IsoDate };
  applyOrderConsequence: { orderId: string; consequence: 'struck-out' | 'stayed' | 'judgment-entered'; summary: string };
}

/** s.18(4): a written award or order is served on every party. */
function serviceOfWrittenAwardDue(state: SctCase, ctx: StepContext): void {
  raiseAlert(state, ctx, {
    severity: 'notice',
    to: 'registry',
    rule: 'Cap. 338 s.18(4)',
    message: `The written award or order in ${state.caseNo} is to be served on every party (${partyIds(state).join(', ')}).`,
    subject: { kind: 'service-of-award' },
  });
}

/** The claim is disposed of: the outcome stands and its periods begin. */
function decide(state: SctCase, outcome: Outcome, ctx: StepContext, event: string, detail: string): void {
  startRecordsOf(state, outcome);
  state.outcome = outcome;
  state.stage = 'decided';
  record(state, ctx, event, detail, ctx.actor);
  if (outcome.oral) trackDeadline(state, deadlineKeys.writtenAward(), 'sct.written-award', outcome.madeOn, 'adjudicator');
  openReviewWindows(state, outcome);
  if (!outcome.oral) serviceOfWrittenAwardDue(state, ctx);
}

/**
 * Revision 2, s.33: interest is computed at the dated judgment-debt rate,
 * never typed. Interest to the award is on a part of the claim no larger than
 * the sum awarded, for days between the cause of action and the award.
 */
function interestTermsRefusal(state: SctCase, terms: AwardTerms, ctx: StepContext): string | null {
  if (!follows(state, 2)) return null;
  if ((terms.postAwardInterestRatePercent ?? 0) !== 0) {
    return 's.33(3), (4): interest on the sum awarded runs by law from the award until payment at the District Court judgment-debt rate in force from time to time; give no rate (postAwardInterestRatePercent)';
  }
  if (terms.preAwardInterestCents !== 0) {
    return 's.33(1), (4): interest to the award is computed at the judgment-debt rate; give preAwardInterest (onCents, from, to) instead of preAwardInterestCents';
  }
  const pre = terms.preAwardInterest;
  if (!pre) return null;
  const to = pre.to ?? ctx.today;
  return first(
    pre.onCents > terms.amountCents ? `s.33(1): interest may be on all or part of the sum awarded (${formatHkd(terms.amountCents)}), not on ${formatHkd(pre.onCents)}` : null,
    to > ctx.today ? `s.33(1): interest runs to the date of the award (${ctx.today}) at the latest, not ${to}` : null,
    pre.from >= to ? `s.33(1): the period of interest must begin (${pre.from}) before it ends (${to})` : null,
  );
}

/** s.33(1) interest as a sum, at the rate in force on each day of the period the adjudicator chose. */
function preAwardInterestOf(state: SctCase, terms: AwardTerms, ctx: StepContext): Pick<Outcome, 'preAwardInterestCents' | 'preAwardInterest'> {
  const pre = terms.preAwardInterest;
  if (!follows(state, 2) || !pre) return { preAwardInterestCents: terms.preAwardInterestCents };
  const to = pre.to ?? ctx.today;
  const cents = Math.round(interestPieces(pre.onCents, pre.from, to).reduce((sum, piece) => sum + piece.cents, 0));
  return { preAwardInterestCents: cents, preAwardInterest: { onCents: pre.onCents, from: pre.from, to } };
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
    ...preAwardInterestOf(state, terms, ctx),
    postAwardInterestRatePercent: follows(state, 2) ? 0 : (terms.postAwardInterestRatePercent ?? 0),
    payBy: terms.payBy,
    madeBy: ctx.actor.id,
  };
}

const nothingToPay = (summary: string, oral: boolean): AwardTerms => ({ summary, oral, amountCents: 0, costsCents: 0, preAwardInterestCents: 0, payBy: null });

export const hearingAndOutcome: Phase<HearingPayloads> = {
  steps: {
    adjourn: {
      section: 'Cap. 338 s.26',
      who: ['adjudicator'],
      stages: ['awaiting-hearing', 'awaiting-outcome'],
      check: (state, { toDate }, ctx) => (toDate === null ? null : hearingDateRefusal(state, toDate, ctx)),
      apply: (state, { toDate, reason }, ctx) => {
        state.adjournments.push({ on: ctx.today, from: state.hearing?.date ?? null, to: toDate, reason });
        state.hearing = toDate ? hearingOn(toDate) : null;
        state.stage = toDate ? 'awaiting-hearing' : 'awaiting-listing';
        noteListing(state, ctx, toDate ? `hearing adjourned to ${toDate} (s.26)` : 'hearing adjourned sine die (s.26); no date fixed');
        record(state, ctx, 'adjourned', `Hearing adjourned${toDate ? ` to ${toDate}` : ' sine die; the registrar is to fix a date'} (s.26): ${reason}.`, ctx.actor);
      },
    },

    consolidate: {
      section: 'Cap. 338 s.20',
      who: ['adjudicator'],
      stages: BEFORE_OUTCOME,
      check: (state, p) =>
        p.withCaseNo === state.caseNo ? 'a case cannot be heard together with itself' : state.consolidatedWith.some((c) => c.caseNo === p.withCaseNo) ? `already heard together with ${p.withCaseNo}` : null,
      apply: (state, p, ctx) => {
        state.consolidatedWith.push({ caseNo: p.withCaseNo, ground: p.ground, on: ctx.today });
        record(state, ctx, 'consolidated', `To be heard together with ${p.withCaseNo} (s.20): ${p.ground}.`, ctx.actor);
      },
    },

    makeAward: {
      section: 'Cap. 338 s.18',
      who: ['adjudicator'],
      stages: ['awaiting-outcome'],
      check: (state, p, ctx) =>
        first(
          partiesCheck(state, p.against, 'any', 'against'),
          partiesCheck(state, p.inFavourOf, 'any', 'in favour of'),
          partiesCheck(state, p.absentParties, 'any', 'absent'),
          p.payBy !== null && p.amountCents + p.costsCents === 0 ? 'a payment date needs a sum to pay' : null,
          interestTermsRefusal(state, p, ctx),
        ),
      apply: (state, p, ctx) => {
        const outcome = awardFrom(p, ctx, state, { kind: p.kind, against: p.against, inFavourOf: p.inFavourOf, absentParties: p.absentParties });
        decide(state, outcome, ctx, 'award-made', `${p.oral ? 'Oral' : 'Written'} ${p.kind} (s.18): ${p.summary}`);
      },
    },

    enterDefaultJudgment: {
      section: 'Cap. 338 s.17',
      who: ['adjudicator'],
      stages: ['awaiting-outcome'],
      check: (state, p, ctx) => {
        if (p.against.length === 0) return 's.17: name the absent defendant(s) judgment is entered against';
        const interest = interestTermsRefusal(state, p, ctx);
        if (interest) return interest;
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
        const affidavit = p.affidavitFiled ? "supported by the claimant's affidavit" : 'no affidavit filed';
        decide(state, outcome, ctx, 'default-judgment', `Judgment in default of attendance against ${p.against.join(', ')} (s.17; ${affidavit}): ${p.summary}`);
      },
    },

    dismiss: {
      section: 'Cap. 338 s.25',
      who: ['adjudicator'],
      stages: ['awaiting-hearing', 'awaiting-outcome'],
      check: (state, p) => partiesCheck(state, p.absentParties, 'any', 'absent'),
      apply: (state, p, ctx) => {
        const claimantIds = state.parties.filter((x) => x.side !== 'defendant').map((x) => x.id);
        const terms: AwardTerms = { ...nothingToPay(p.summary, p.oral), costsCents: p.costsCents, payBy: p.payBy };
        const outcome = awardFrom(terms, ctx, state, { kind: 'dismissal', against: claimantIds, inFavourOf: defendants(state).map((d) => d.id), absentParties: p.absentParties });
        decide(state, outcome, ctx, 'claim-dismissed', `Claim dismissed as ${p.ground} (s.25)${p.costsCents ? `, with costs of ${formatHkd(p.costsCents)}` : ''}: ${p.summary}`);
      },
    },

    writeAward: {
      section: 'Cap. 338 s.18(3)',
      who: ['adjudicator'],
      stages: AFTER_OUTCOME,
      check: (state, p, ctx) => {
        if (!state.outcome) return 'there is no award or order to write';
        if (state.outcome.writtenOn) return `the award was written on ${state.outcome.writtenOn}`;
        return first(notAfterToday(p.writtenOn, ctx.today, 'the date written'), p.writtenOn < state.outcome.madeOn ? `${p.writtenOn} is before the award was made (${state.outcome.madeOn})` : null);
      },
      apply: (state, p, ctx) => {
        if (!state.outcome) return;
        state.outcome.writtenOn = p.writtenOn;
        const deadline = findDeadline(state, deadlineKeys.writtenAward());
        const late = deadline ? p.writtenOn > deadline.computation.due : false;
        if (deadline?.status === 'open') endDeadline(state, deadline.key, 'met', `written on ${p.writtenOn}`, ctx);
        record(state, ctx, 'award-written', `Oral ${state.outcome.kind} reduced to writing on ${p.writtenOn}${late ? `, after the 14 days of s.18(3) ended on ${deadline?.computation.due}` : ' (s.18(3))'}.`, ctx.actor);
        serviceOfWrittenAwardDue(state, ctx);
      },
    },

    makeOrder: {
      section: 'Cap. 338 s.26A',
      who: ['adjudicator'],
      stages: OPEN,
      check: (state, p) => first(unknownParty(state, p.directedTo), Number.isInteger(p.periodDays) && p.periodDays >= 1 ? null : 'the order must specify a period of at least one whole day'),
      apply: (state, p, ctx) => {
        const id = `O${state.orders.length + 1}`;
        state.orders.push({ id, directedTo: p.directedTo, text: p.text, madeOn: ctx.today, periodDays: p.periodDays, compliedOn: null, consequence: null });
        const deadline = trackDeadline(state, deadlineKeys.order(id), 'sct.order-compliance', ctx.today, p.directedTo, { periodDays: p.periodDays, subject: { party: p.directedTo, orderId: id } });
        record(state, ctx, 'order-made', `Order ${id} to ${p.directedTo}: ${p.text} — within ${p.periodDays} days, by ${deadline.computation.due} (s.26A).`, ctx.actor);
      },
    },

    recordCompliance: {
      section: 'Cap. 338 s.26A',
      who: ['registry-officer'],
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
        const deadline = findDeadline(state, deadlineKeys.order(order.id));
        const late = deadline ? p.compliedOn > deadline.computation.due : false;
        if (deadline?.status === 'open') endDeadline(state, deadline.key, 'met', `complied on ${p.compliedOn}`, ctx);
        record(state, ctx, 'order-complied', `${order.directedTo} complied with order ${order.id} on ${p.compliedOn}${late ? ' (after the time the order specified)' : ''}.`, ctx.actor);
      },
    },

    applyOrderConsequence: {
      section: 'Cap. 338 s.26A',
      who: ['adjudicator'],
      stages: OPEN,
      check: (state, p) => {
        const order = state.orders.find((o) => o.id === p.orderId);
        if (!order) return `no order ${p.orderId}`;
        if (order.compliedOn) return `s.26A: ${order.directedTo} complied with ${order.id} on ${order.compliedOn}`;
        if (order.consequence) return `${order.id} already led to: ${order.consequence}`;
        const deadline = findDeadline(state, deadlineKeys.order(order.id));
        return deadline?.status === 'lapsed' ? null : `s.26A: the time for ${order.id} runs until ${deadline?.computation.due ?? '(unknown)'}; there is no failure to comply yet`;
      },
      apply: (state, p, ctx) => {
        const order = state.orders.find((o) => o.id === p.orderId);
        if (!order) return;
        order.consequence = p.consequence;
        record(state, ctx, 'order-consequence', `${order.directedTo} failed to comply with ${order.id}: ${p.consequence.replace(/-/g, ' ')} (s.26A): ${p.summary}.`, ctx.actor);
        if (p.consequence === 'stayed') state.stays.push({ basis: 'Cap. 338 s.26A', since: ctx.today, liftedOn: null, note: `proceedings stayed for non-compliance with ${order.id} (s.26A)` });
        if (p.consequence === 'struck-out' && party(state, order.directedTo)?.side !== 'defendant' && BEFORE_OUTCOME.includes(state.stage)) {
          const outcome = awardFrom(nothingToPay(p.summary, false), ctx, state, { kind: 'struck-out', against: [order.directedTo], inFavourOf: defendants(state).map((d) => d.id), absentParties: [] });
          decide(state, outcome, ctx, 'claim-struck-out', `Claim struck out for failure to comply with ${order.id} (s.26A).`);
        }
      },
    },
  },

  lapses: {
    'sct.written-award': (state, deadline, at) =>
      raiseAlert(state, at, {
        severity: 'urgent',
        to: 'adjudicator',
        rule: deadline.rule,
        message: `${state.caseNo}: the oral award was not reduced to writing within 14 days (s.18(3)); it is overdue since ${deadline.computation.due}.`,
        subject: { kind: 'written-award' },
      }),
    'sct.order-compliance': (state, deadline, at) => {
      const orderId = deadline.subject?.orderId ?? '';
      raiseAlert(state, at, {
        severity: 'warning',
        to: 'adjudicator',
        rule: deadline.rule,
        message: `${state.caseNo}: ${deadline.owner} did not comply with order ${orderId} by ${deadline.computation.due}; the tribunal may strike out, stay or enter judgment (s.26A).`,
        subject: { kind: 'order', orderId },
      });
    },
  },

  meets: {
    'sct.written-award': 'writeAward',
    'sct.order-compliance': 'recordCompliance',
  },

  pending: (state) => [
    ...(state.stage === 'awaiting-outcome'
      ? [{ step: 'makeAward', note: 'hear the claim: award, order, default judgment (s.17), dismissal (s.25) or adjournment (s.26)', rule: 'Cap. 338 s.18' }]
      : []),
    ...state.orders
      .filter((o) => !o.compliedOn && !o.consequence && findDeadline(state, deadlineKeys.order(o.id))?.status === 'lapsed')
      .map((o) => ({ step: 'applyOrderConsequence', note: `${named(state, o.directedTo)} did not comply with ${o.id}`, rule: 'Cap. 338 s.26A' })),
  ],
};
