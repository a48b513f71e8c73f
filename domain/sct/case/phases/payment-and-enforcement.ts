/**
 * Payment and enforcement (s.10(2), s.31, s.32, s.33, s.34): the sum awarded
 * is paid (into the tribunal in a joint or representative claim); unpaid
 * after its date it is enforceable in the District Court as that court's own
 * judgment, unless enforcement is stayed; a case with nothing left to run or
 * pay closes.
 */
import type { IsoDate } from '../../../calendar';
import { formatHkd } from '../../../money';
import { hkInstant } from '../../../time/hong-kong-time';
import { addDays } from '../../../calendar';
import type { Moment } from '../../../time/moment';
import { isUndecided } from '../applications';
import { balanceCents, isStayed } from '../money-owed';
import { named, unknownParty } from '../parties';
import { AFTER_OUTCOME, first, notAfterToday, OPEN, type Phase } from '../phase';
import { raiseAlert, record } from '../record';
import { payableBy, payableByRule } from '../standing-award';
import type { PartyId, SctCase } from '../state';

/** The courts above the tribunal that may stay execution of its award under s.31. */
export const STAYING_COURTS = ['Court of First Instance', 'Court of Appeal'] as const;
export type StayingCourt = (typeof STAYING_COURTS)[number];

export interface PaymentPayloads {
  recordPayment: { amountCents: number; paidOn: IsoDate; by?: PartyId };
  orderStay: { reason: string };
  liftStay: { basis: 'Cap. 338 s.10(2)' | 'Cap. 338 s.26A' | 'Cap. 338 s.31'; reason: string };
  /** s.31: a stay of execution ordered by the Court of First Instance or the Court of Appeal, recorded by the registry. */
  recordCourtStay: { court: StayingCourt; orderedOn: IsoDate; reason: string };
  closeCase: { reason: string };
}

/**
 * What follows by itself once a step or a timer has changed a case: an
 * unpaid award past its date becomes enforceable (s.32), and a case with
 * nothing left to run or pay closes.
 */
export function enforceOrClose(state: SctCase, at: Moment): void {
  const outcome = state.outcome;
  if (!outcome || (state.stage !== 'decided' && state.stage !== 'enforceable')) return;
  const owed = balanceCents(state, at.today);
  const payBy = payableBy(state, outcome);

  if (state.stage === 'decided' && owed > 0 && payBy !== null && at.today > payBy && !isStayed(state)) {
    state.stage = 'enforceable';
    state.enforceableSince = at.today;
    record(
      state,
      at,
      'award-enforceable',
      `${formatHkd(owed)} unpaid after ${payBy} (${payableByRule(outcome)}): the award is enforceable in the District Court as its own judgment (s.32), e.g. by writ of execution.`,
    );
    raiseAlert(state, at, {
      severity: 'warning',
      to: outcome.inFavourOf[0] ?? 'registry',
      rule: 'Cap. 338 s.32',
      message: `The award in ${state.caseNo} was not paid by ${payBy}; it may be enforced in the District Court.`,
      subject: { kind: 'enforcement' },
    });
  }

  const running = state.deadlines.some((d) => d.status === 'open');
  const pending = state.applications.some(isUndecided);
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

/** A period's last day ends at midnight: it has lapsed from the first moment of the next day. */
const endOf = (date: IsoDate) => hkInstant(addDays(date, 1));

export const paymentAndEnforcement: Phase<PaymentPayloads> = {
  steps: {
    recordPayment: {
      section: 'Cap. 338 s.32, s.33, s.34',
      who: ['parties', 'registry-officer'],
      stages: AFTER_OUTCOME,
      check: (state, p, ctx) => {
        if (!state.outcome || balanceCents(state, ctx.today) === 0) return 'nothing is owed under the award';
        const payer = ctx.actor.role === 'registry-officer' ? p.by : ctx.actor.partyId;
        if (!payer) return 'name the paying party (by)';
        return first(
          unknownParty(state, payer),
          notAfterToday(p.paidOn, ctx.today, 'the payment date'),
          p.paidOn < state.outcome.madeOn ? `payment on ${p.paidOn} is before the award (${state.outcome.madeOn})` : null,
        );
      },
      apply: (state, p, ctx) => {
        const payer = (ctx.actor.role === 'registry-officer' ? p.by : ctx.actor.partyId) ?? '';
        // s.34: in a joint or representative claim the sum is paid into the tribunal, which distributes it.
        const into = state.kind === 'individual' ? 'claimant' : 'tribunal';
        state.payments.push({ id: `M${state.payments.length + 1}`, by: payer, amountCents: p.amountCents, paidOn: p.paidOn, into, recordedBy: ctx.actor.id });
        const left = balanceCents(state, p.paidOn);
        record(
          state,
          ctx,
          'payment-recorded',
          `${payer} paid ${formatHkd(p.amountCents)} ${into === 'tribunal' ? 'into the tribunal (s.34)' : 'to the claimant'} on ${p.paidOn}; ${formatHkd(left)} remains.`,
          ctx.actor,
        );
      },
    },

    orderStay: {
      section: 'Cap. 338 s.31',
      who: ['adjudicator'],
      stages: AFTER_OUTCOME,
      check: (state) => (state.stays.some((s) => s.basis === 'Cap. 338 s.31' && s.liftedOn === null) ? 'execution is already stayed under s.31' : null),
      apply: (state, { reason }, ctx) => {
        state.stays.push({ basis: 'Cap. 338 s.31', since: ctx.today, liftedOn: null, note: reason });
        record(state, ctx, 'stay-ordered', `Stay of execution ordered (s.31): ${reason}.`, ctx.actor);
      },
    },

    recordCourtStay: {
      section: 'Cap. 338 s.31',
      who: ['registry-officer'],
      stages: AFTER_OUTCOME,
      check: (state, p, ctx) =>
        first(
          notAfterToday(p.orderedOn, ctx.today, 'the date of the order'),
          state.outcome && p.orderedOn < state.outcome.madeOn ? `s.31: a stay ordered on ${p.orderedOn} is before the award (${state.outcome.madeOn})` : null,
        ),
      apply: (state, p, ctx) => {
        state.stays.push({ basis: 'Cap. 338 s.31', since: p.orderedOn, liftedOn: null, note: `stay of execution ordered by the ${p.court} on ${p.orderedOn}: ${p.reason}` });
        record(state, ctx, 'stay-ordered', `Stay of execution ordered by the ${p.court} on ${p.orderedOn} (s.31): ${p.reason}.`, ctx.actor);
      },
    },

    liftStay: {
      section: 'Cap. 338 s.10(2), s.26A, s.31',
      who: ['adjudicator'],
      stages: OPEN,
      check: (state, p) => (state.stays.some((s) => s.basis === p.basis && s.liftedOn === null) ? null : `no stay under ${p.basis} is in force`),
      apply: (state, p, ctx) => {
        for (const stay of state.stays) if (stay.basis === p.basis && stay.liftedOn === null) stay.liftedOn = ctx.today;
        record(state, ctx, 'stay-lifted', `Stay under ${p.basis} lifted: ${p.reason}.`, ctx.actor);
      },
    },

    closeCase: {
      section: 'Cap. 338 s.32',
      who: ['registry-officer'],
      stages: ['decided', 'enforceable', 'transferred'],
      check: (state) => {
        const open = state.deadlines.filter((d) => d.status === 'open').map((d) => `${d.key} (due ${d.computation.due})`);
        if (open.length) return `periods still running: ${open.join(', ')}`;
        const pending = state.applications.filter(isUndecided).map((a) => a.id);
        return pending.length ? `applications still pending: ${pending.join(', ')}` : null;
      },
      apply: (state, { reason }, ctx) => {
        state.closed = { on: ctx.today, reason };
        state.stage = 'closed';
        record(state, ctx, 'case-closed', `Case closed: ${reason}.`, ctx.actor);
      },
    },
  },

  /** The day after the date to pay: the award may become enforceable (s.32). */
  timers: (state) => {
    const payBy = state.outcome ? payableBy(state, state.outcome) : null;
    if (state.stage !== 'decided' || !payBy) return [];
    return [{ key: `pay-by:${payBy}`, at: endOf(payBy), fire: () => undefined }];
  },

  pending: (state, today) => {
    const outcome = state.outcome;
    if (!outcome || (state.stage !== 'decided' && state.stage !== 'enforceable')) return [];
    const owed = balanceCents(state, today);
    if (owed === 0) return [];
    const payers = outcome.against.map((id) => named(state, id)).join(', ');
    return [
      {
        step: 'recordPayment',
        note: `${payers || 'the party ordered to pay'} to pay ${formatHkd(owed)} under the ${outcome.kind.replace(/-/g, ' ')}${outcome.payBy ? ` by ${outcome.payBy}` : payableBy(state, outcome) ? ' at once (no date for payment was named)' : ''}`,
        party: outcome.against.length === 1 ? (outcome.against[0] ?? null) : null,
        dueBy: payableBy(state, outcome),
        rule: 'Cap. 338 s.32, s.33',
      },
    ];
  },
};
