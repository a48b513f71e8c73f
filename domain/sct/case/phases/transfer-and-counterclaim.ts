/**
 * Transfer and counterclaim (s.7, s.10, s.27): the tribunal may transfer the
 * proceedings to another court or tribunal at any stage, and the Court of
 * First Instance may review the transfer on an application made within 7
 * days, within 14 days of it; a counterclaim beyond the tribunal's
 * jurisdiction is transferred, and enforcement of the claimant's award then
 * waits for it unless the tribunal orders otherwise.
 */
import type { IsoDate } from '../../../calendar';
import { formatHkd } from '../../../money';
import type { StepContext } from '../../../steps/step-kit';
import type { Moment } from '../../../time/moment';
import type { SubjectMatter } from '../../claim';
import { assessCounterclaim } from '../../jurisdiction';
import { lodge, noticeToAllParties } from '../applications';
import { deadlineKeys } from '../deadline-keys';
import { endDeadline, trackDeadline } from '../deadlines';
import { party } from '../parties';
import { BEFORE_OUTCOME, notAfterToday, OPEN, type Phase } from '../phase';
import { raiseAlert, record } from '../record';
import type { Application, SctCase } from '../state';

/** s.7: where the tribunal may transfer proceedings. */
export const TRANSFER_FORUMS = ['Minor Employment Claims Adjudication Board', 'Labour Tribunal', 'Lands Tribunal', 'District Court', 'Court of First Instance'] as const;
export type TransferForum = (typeof TRANSFER_FORUMS)[number];

export interface TransferPayloads {
  transfer: { to: TransferForum; reason: string };
  applyForTransferReview: { grounds: string };
  /** s.10(1): `subjectMatter` outside the Schedule sends the counterclaim to be transferred whatever its amount. */
  fileCounterclaim: { amountCents: number; particulars: string; abandonExcess: boolean; subjectMatter?: SubjectMatter };
  transferCounterclaim: { to: TransferForum; stayEnforcement: boolean };
  recordCounterclaimDecided: { decidedOn: IsoDate; summary: string };
}

/** The Court of First Instance's decision on a transfer review (s.27(1)), recorded by the registry. */
export function decideTransferReview(state: SctCase, decision: 'transfer-upheld' | 'claim-remitted', decidedOn: IsoDate, ctx: StepContext): void {
  if (decision === 'transfer-upheld') {
    endDeadline(state, deadlineKeys.transferReview(), 'met', `transfer upheld on ${decidedOn}`, ctx);
    state.closed = { on: ctx.today, reason: `transferred to the ${state.transfer?.to ?? 'receiving court'} (s.7); transfer upheld on review (s.27(1))` };
    state.stage = 'closed';
    return;
  }
  endDeadline(state, deadlineKeys.transferReview(), 'met', `claim remitted on ${decidedOn}`, ctx);
  state.transfer = null;
  state.stage = 'awaiting-listing';
  state.hearing = null;
  state.rehearingOrdered = true;
  record(state, ctx, 'rehearing-ordered', 'Claim remitted to the tribunal (s.27(1)); the registrar is to fix a hearing date.', ctx.actor);
}

/** s.27: neither period brought a review, or the court did not review in time: the transfer stands. */
function transferStands(state: SctCase, rule: string, at: Moment): void {
  const review: Application | undefined = state.applications.find((a) => a.kind === 'transfer-review' && a.status === 'pending');
  if (rule === 'sct.transfer-review-application' && review) return;
  if (review) {
    review.status = 'decided';
    review.result = 'not reviewed within 14 days of the transfer';
    review.decidedOn = at.today;
  }
  endDeadline(state, deadlineKeys.transferReview(), 'superseded', 'the transfer stands', at);
  state.stage = 'closed';
  state.closed = { on: at.today, reason: `transferred to the ${state.transfer?.to ?? 'receiving court'} (s.7); no review within the s.27 periods` };
  record(state, at, 'case-closed', `Case closed: ${state.closed.reason}.`);
}

export const transferAndCounterclaim: Phase<TransferPayloads> = {
  steps: {
    transfer: {
      section: 'Cap. 338 s.7',
      who: ['adjudicator'],
      stages: BEFORE_OUTCOME,
      apply: (state, p, ctx) => {
        state.transfer = { to: p.to, on: ctx.today, reason: p.reason };
        state.stage = 'transferred';
        trackDeadline(state, deadlineKeys.transferReviewApplication(), 'sct.transfer-review-application', ctx.today, 'any-party');
        trackDeadline(state, deadlineKeys.transferReview(), 'sct.transfer-review', ctx.today, 'registry-officer');
        record(state, ctx, 'transferred', `Proceedings transferred to the ${p.to} (s.7): ${p.reason}.`, ctx.actor);
      },
    },

    applyForTransferReview: {
      section: 'Cap. 338 s.27(2)',
      who: ['parties'],
      stages: ['transferred'],
      window: { label: 'application to review the transfer', key: () => deadlineKeys.transferReviewApplication() },
      apply: (state, { grounds }, ctx) => {
        const application = lodge(state, 'transfer-review', deadlineKeys.transferReviewApplication(), grounds, ctx);
        noticeToAllParties(state, ctx, `${ctx.actor.partyId} applied to the Court of First Instance to review the transfer (s.27(2)): ${grounds}`);
        record(state, ctx, 'transfer-review-applied', `${ctx.actor.partyId} applied for review of the transfer (s.27(2)), ${application.id}: ${grounds}.`, ctx.actor);
      },
    },

    fileCounterclaim: {
      section: 'Cap. 338 s.10',
      who: ['parties'],
      stages: BEFORE_OUTCOME,
      check: (state, p, ctx) => {
        if (party(state, ctx.actor.partyId ?? '')?.side !== 'defendant') return 's.10: a counterclaim is made by a defendant';
        if (state.counterclaim) return `a counterclaim was filed on ${state.counterclaim.filedOn}`;
        const assessed = assessCounterclaim(p.amountCents, state.filedOn, p.abandonExcess, p.subjectMatter);
        return assessed.outcome === 'invalid' ? assessed.refusals.map((r) => r.message).join(' ') : null;
      },
      apply: (state, p, ctx) => {
        const assessed = assessCounterclaim(p.amountCents, state.filedOn, p.abandonExcess, p.subjectMatter);
        const disposition = assessed.outcome === 'transfer' ? 'transfer-required' : assessed.outcome === 'excess-abandoned' ? 'excess-abandoned' : 'within-jurisdiction';
        state.counterclaim = { by: ctx.actor.partyId ?? '', amountCents: p.amountCents, particulars: p.particulars, filedOn: ctx.today, disposition };
        record(state, ctx, 'counterclaim-filed', `Counterclaim by ${ctx.actor.partyId} for ${formatHkd(p.amountCents)}: ${assessed.outcome === 'invalid' ? '' : assessed.message}`, ctx.actor);
        if (disposition === 'transfer-required') {
          raiseAlert(state, ctx, {
            severity: 'warning',
            to: 'adjudicator',
            rule: 'Cap. 338 s.10(1)',
            message: `The counterclaim in ${state.caseNo} is beyond the tribunal's jurisdiction and is to be transferred.`,
            subject: { kind: 'counterclaim-transfer' },
          });
        }
      },
    },

    transferCounterclaim: {
      section: 'Cap. 338 s.10(1), s.10(2)',
      who: ['adjudicator'],
      stages: OPEN,
      check: (state) => (state.counterclaim?.disposition === 'transfer-required' ? null : "s.10(1): there is no counterclaim beyond the tribunal's jurisdiction to transfer"),
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
          `Counterclaim transferred to the ${p.to} (s.10(1)); ${p.stayEnforcement ? 'enforcement of any award for the claimant is stayed until it is decided (s.10(2))' : 'the tribunal ordered no stay of enforcement (s.10(2))'}.`,
          ctx.actor,
        );
      },
    },

    recordCounterclaimDecided: {
      section: 'Cap. 338 s.10(2)',
      who: ['registry-officer'],
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
  },

  lapses: {
    'sct.transfer-review-application': (state, deadline, at) => transferStands(state, deadline.rule, at),
    'sct.transfer-review': (state, deadline, at) => transferStands(state, deadline.rule, at),
  },

  meets: {
    'sct.transfer-review-application': 'applyForTransferReview',
    'sct.transfer-review': 'recordCourtDecision',
  },

  pending: (state) =>
    state.counterclaim?.disposition === 'transfer-required'
      ? [{ step: 'transferCounterclaim', note: "transfer the counterclaim beyond the tribunal's jurisdiction (s.10(1))", rule: 'Cap. 338 s.10(1)' }]
      : [],
};
