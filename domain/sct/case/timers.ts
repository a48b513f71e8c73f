/**
 * Every durable timer a case needs, derived from its state: the phases' own
 * (the hearing day and the warnings before it, the date to pay), reminders
 * before and on the last day of each duty of the tribunal or registry, and
 * the end of every period. The workflow sleeps until the earliest; when it
 * wakes, `fireDueTimers` handles all that are due. Because timers are
 * derived, a deadline that moves (a closure day) moves its timer with it,
 * and a handled timer is remembered so it never fires twice.
 */
import { ALERT_REVISION, alertTimers, type RaisedAlert } from '../../alerts/deadline-alerts';
import { addDays, type IsoDate } from '../../calendar';
import type { TrackedDeadline } from '../../deadlines';
import { hkInstant } from '../../time/hong-kong-time';
import type { Moment } from '../../time/moment';
import { endDeadline } from './deadlines';
import type { Timer } from './phase';
import { PHASES, followOn } from './procedure';
import { raiseAlert, record } from './record';
import type { SctCase } from './state';

const nineAm = (date: IsoDate) => hkInstant(date, 9, 0);
/** A period's last day ends at midnight: it has lapsed from the first moment of the next day. */
const endOf = (date: IsoDate) => hkInstant(addDays(date, 1));

/** Duties of the tribunal and registry get reminders two days before and on the last day. */
const isDuty = (d: TrackedDeadline) => d.owner === 'adjudicator' || d.owner === 'registry-officer';

function deadlineTimers(state: SctCase): Timer[] {
  return state.deadlines
    .filter((d) => d.status === 'open')
    .flatMap((d): Timer[] => {
      const { due, rule, basis } = d.computation;
      // A case that raises deadline alerts (below) tells each of them itself.
      const reminders: Timer[] = isDuty(d) && !alerting(state)
        ? (['before', 'at'] as const).map((when) => ({
            key: `remind:${d.key}:${due}:${when}`,
            at: nineAm(when === 'before' ? addDays(due, -2) : due),
            fire: (s: SctCase, at: Moment) =>
              raiseAlert(s, at, {
                severity: when === 'at' ? 'urgent' : 'warning',
                to: d.owner === 'adjudicator' ? 'adjudicator' : 'registry',
                rule,
                message: `${s.caseNo}: ${d.computation.description} — due ${when === 'at' ? 'today' : 'on'} ${due} (${basis}).`,
                subject: { kind: 'deadline', key: d.key },
              }),
          }))
        : [];
      return [...reminders, { key: `lapse:${d.key}:${due}`, at: endOf(due), fire: (s, at) => lapse(s, d.key, at) }];
    });
}

/** A period ended with nothing done: recorded, then whatever its phase says follows. */
function lapse(state: SctCase, key: string, at: Moment): void {
  const deadline = state.deadlines.find((d) => d.key === key && d.status === 'open');
  if (!deadline) return;
  const { basis, due } = deadline.computation;
  endDeadline(state, key, 'lapsed', `nothing done by ${due}`, at);
  record(state, at, 'period-ended', `${deadline.computation.description}: the period (${basis}) ended on ${due} with nothing done.`);
  for (const phase of PHASES) phase.lapses?.[deadline.rule]?.(state, deadline, at);
}

const alerting = (state: SctCase) => (state.alertRevision ?? 0) >= ALERT_REVISION;

/**
 * An alert about a duty of the tribunal or the registry is also on the
 * case's own alert list (and so in the work queue and the read model), as
 * its reminders were.
 */
function noteAlert(state: SctCase, alert: RaisedAlert, at: Moment): void {
  if (alert.owner !== 'adjudicator' && alert.owner !== 'registry-officer') return;
  raiseAlert(state, at, {
    severity: alert.lead.kind === 'before' ? 'warning' : 'urgent',
    to: alert.owner === 'adjudicator' ? 'adjudicator' : 'registry',
    rule: alert.rule,
    message: `${state.caseNo}: ${alert.description}: ${alert.reason}${alert.moved ? `; moved from ${alert.moved.from} (${alert.moved.because})` : ''}.`,
    subject: { kind: 'deadline', key: alert.deadlineKey },
  });
}

function timers(state: SctCase): Timer[] {
  if (state.stage === 'closed') return [];
  const [listing, ...others] = PHASES;
  // Alerts come before the lapse of the same deadline at the same instant: "missed" is said before the period is closed.
  const all = [...alertTimers(state, noteAlert), ...(listing?.timers?.(state) ?? []), ...deadlineTimers(state), ...others.flatMap((p) => p.timers?.(state) ?? [])];
  return all.filter((t) => !state.firedTimers.includes(t.key));
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
    followOn(state, at);
    fired = true;
  }
  return fired;
}
