/**
 * Every durable timer a case needs, derived from its state: the hearing day,
 * warnings before it, reminders before and at each duty's limit, the end of
 * each period, and the date an award falls due. The workflow sleeps until
 * the earliest; when it wakes, `fireDueTimers` handles all that are due.
 * Because timers are derived, a deadline that moves (a closure day) moves
 * its timer with it, and a handled timer is remembered so it never fires twice.
 */
import { addDays, type IsoDate } from '../../calendar';
import { hkInstant } from '../../time/hong-kong-time';
import { closeDeadline, defendants, raiseAlert, record, type Moment } from './case';
import { settle } from './settle';
import type { SctCase, TrackedDeadline } from './state';

interface Timer {
  key: string;
  at: number;
  fire: (state: SctCase, at: Moment) => void;
}

const nineAm = (date: IsoDate) => hkInstant(date, 9, 0);
/** A period's last day ends at midnight: it has lapsed from the first moment of the next day. */
const endOf = (date: IsoDate) => hkInstant(addDays(date, 1));

function hearingTimers(state: SctCase): Timer[] {
  const hearing = state.hearing;
  if (state.stage !== 'awaiting-hearing' || !hearing) return [];
  const { date } = hearing;
  const unserved = (s: SctCase) => defendants(s).filter((d) => !s.service.some((r) => r.partyId === d.id && r.document === 'claim-and-notice-of-hearing'));
  const unsigned = (s: SctCase) => s.parties.filter((p) => p.side !== 'defendant' && p.signed === false && !p.struckOut);
  const warnings = [7, 1].flatMap((daysBefore): Timer[] => [
    {
      key: `unserved:${date}:${daysBefore}`,
      at: nineAm(addDays(date, -daysBefore)),
      fire: (s, at) => {
        const missing = unserved(s);
        if (missing.length === 0) return;
        raiseAlert(s, at, {
          severity: daysBefore === 1 ? 'urgent' : 'warning',
          to: 'registry',
          rule: 'Cap. 338 s.14(1)(b), s.17',
          message: `Hearing of ${s.caseNo} on ${date}: no service recorded on ${missing.map((d) => `${d.id} ${d.name}`).join(', ')}. Without proof of service no default judgment can be entered (s.17).`,
        });
      },
    },
    {
      key: `unsigned:${date}:${daysBefore}`,
      at: nineAm(addDays(date, -daysBefore)),
      fire: (s, at) => {
        const missing = unsigned(s);
        if (missing.length === 0) return;
        raiseAlert(s, at, {
          severity: 'warning',
          to: 'registry',
          rule: 'Cap. 338 s.12(4)',
          message: `Hearing of ${s.caseNo} on ${date}: ${missing.map((p) => p.id).join(', ')} must sign the claim before the hearing date or may be struck out (s.12(4)).`,
        });
      },
    },
  ]);
  return [
    ...warnings,
    {
      key: `hearing-day:${date}`,
      at: Date.parse(hearing.startsAt),
      fire: (s, at) => {
        s.stage = 'awaiting-outcome';
        record(s, at, 'hearing-day', `The hearing day ${date} has come; the tribunal's outcome is awaited.`);
      },
    },
  ];
}

/** Duties of the tribunal and registry get reminders two days before and on the last day. */
const isDuty = (d: TrackedDeadline) => d.owner === 'adjudicator' || d.owner === 'registry-officer';

function deadlineTimers(state: SctCase): Timer[] {
  return state.deadlines
    .filter((d) => d.status === 'open')
    .flatMap((d): Timer[] => {
      const { due, rule, basis } = d.computation;
      const reminders: Timer[] = isDuty(d)
        ? (['before', 'at'] as const).map((when) => ({
            key: `remind:${d.key}:${due}:${when}`,
            at: nineAm(when === 'before' ? addDays(due, -2) : due),
            fire: (s: SctCase, at: Moment) =>
              raiseAlert(s, at, {
                severity: when === 'at' ? 'urgent' : 'warning',
                to: d.owner === 'adjudicator' ? 'adjudicator' : 'registry',
                rule,
                message: `${s.caseNo}: ${d.computation.description} — due ${when === 'at' ? 'today' : 'on'} ${due} (${basis}).`,
              }),
          }))
        : [];
      return [...reminders, { key: `lapse:${d.key}:${due}`, at: endOf(due), fire: (s, at) => lapse(s, d.key, at) }];
    });
}

function lapse(state: SctCase, key: string, at: Moment): void {
  const deadline = state.deadlines.find((d) => d.key === key && d.status === 'open');
  if (!deadline) return;
  const { rule, basis, due } = deadline.computation;
  closeDeadline(state, key, 'lapsed', `nothing done by ${due}`, at);
  record(state, at, 'period-ended', `${deadline.computation.description}: the period (${basis}) ended on ${due} with nothing done.`);
  switch (rule) {
    case 'sct.written-award':
      raiseAlert(state, at, { severity: 'urgent', to: 'adjudicator', rule, message: `${state.caseNo}: the oral award was not reduced to writing within 14 days (s.18(3)); it is overdue since ${due}.` });
      break;
    case 'sct.order-compliance':
      raiseAlert(state, at, {
        severity: 'warning',
        to: 'adjudicator',
        rule,
        message: `${state.caseNo}: ${deadline.owner} did not comply with ${key.replace('order:', 'order ')} by ${due}; the tribunal may strike out, stay or enter judgment (s.26A).`,
      });
      break;
    case 'sct.transfer-review-application':
    case 'sct.transfer-review': {
      const review = state.applications.find((a) => a.kind === 'transfer-review' && a.status === 'pending');
      if (rule === 'sct.transfer-review-application' && review) break;
      if (review) {
        review.status = 'decided';
        review.result = 'not reviewed within 14 days of the transfer';
        review.decidedOn = at.today;
      }
      closeDeadline(state, 'transfer-review', 'superseded', 'the transfer stands', at);
      state.stage = 'closed';
      state.closed = { on: at.today, reason: `transferred to the ${state.transfer?.to ?? 'receiving court'} (s.7); no review within the s.27 periods` };
      record(state, at, 'case-closed', `Case closed: ${state.closed.reason}.`);
      break;
    }
    default:
      break;
  }
}

function paymentTimers(state: SctCase): Timer[] {
  const payBy = state.outcome?.payBy;
  if (state.stage !== 'decided' || !payBy) return [];
  return [{ key: `pay-by:${payBy}`, at: endOf(payBy), fire: () => undefined }];
}

function timers(state: SctCase): Timer[] {
  if (state.stage === 'closed') return [];
  return [...hearingTimers(state), ...deadlineTimers(state), ...paymentTimers(state)].filter((t) => !state.firedTimers.includes(t.key));
}

/** When the workflow must next wake, or null if only a person can move the case on. */
export function nextTimerAt(state: SctCase): number | null {
  const all = timers(state);
  return all.length === 0 ? null : Math.min(...all.map((t) => t.at));
}

/** Fires every timer due at `at`, in time order, each once. Returns whether anything fired. */
export function fireDueTimers(state: SctCase, at: Moment): boolean {
  let fired = false;
  for (;;) {
    const due = timers(state)
      .filter((t) => t.at <= at.now)
      .sort((a, b) => a.at - b.at)[0];
    if (!due) break;
    state.firedTimers.push(due.key);
    due.fire(state, at);
    settle(state, at);
    fired = true;
  }
  return fired;
}
