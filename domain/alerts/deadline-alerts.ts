/**
 * The alerts a process raises about its own deadlines: one durable timer per
 * planned alert (lead-times.ts), derived from the process's state like every
 * other timer, so a deadline that moves moves its alerts and a raised alert
 * is remembered in `firedTimers` and never raised twice (worker restarts,
 * replays and continue-as-new carry the state).
 *
 * Raising an alert records it in the process's state, undelivered; the
 * workflow then delivers it (inbox, email, webhook) and marks it delivered.
 * A process adopts alerts once (`adoptAlerts`): alerts whose instant had
 * already passed are noted as not raised rather than sent late all at once.
 *
 * Pure: safe inside workflows.
 */
import type { CourtCalendar, IsoDate } from '../calendar';
import type { DeadlineOwner, DeadlineRuleId, TrackedDeadline } from '../deadlines';
import type { DerivedTimer } from '../steps/derived-timers';
import type { Moment } from '../time/moment';
import { plannedAlerts, type AlertAudience, type LeadTime, type PlannedAlert } from './lead-times';

/** The revision of alerting a process follows; absent on processes from before alerts. */
export const ALERT_REVISION = 1;

export interface RaisedAlert {
  /** `<deadline key>@<last day>#<lead>`: unique in its process. */
  key: string;
  deadlineKey: string;
  rule: DeadlineRuleId;
  /** Statutory basis and what the period is for, as computed. */
  basis: string;
  description: string;
  lead: LeadTime;
  due: IsoDate;
  /** The instant it was planned for, and when it was raised (the same, but for a worker that was down). */
  plannedAt: string;
  raisedAt: string;
  owner: DeadlineOwner;
  audience: AlertAudience;
  reason: string;
  /** Set when the last day moved since the period began: from when, and why. */
  moved: { from: IsoDate; because: string } | null;
  /** When it reached its recipients; null while owed. */
  deliveredAt: string | null;
}

/** Which process raised an alert: its recipients are found from it. */
export type AlertingProcess =
  | { kind: 'small-claim'; caseNo: string }
  | { kind: 'filing'; caseNo: string; reference: string; filer: { accountId: string; partyId: string } };

/** What the workflow hands the activity that delivers an alert. */
export interface DeadlineAlertDelivery {
  process: AlertingProcess;
  alert: RaisedAlert;
}

/** The part of a process's state alerting reads and writes. */
export interface Alerting {
  deadlines: TrackedDeadline[];
  calendar: CourtCalendar;
  firedTimers: string[];
  alertRevision?: number;
  deadlineAlerts?: RaisedAlert[];
  /** Bumped when an alert is raised or delivered: each is a new version people read. */
  version: number;
}

const timerKey = (alert: PlannedAlert) => `alert:${alert.key}`;

function raise(state: Alerting, deadline: TrackedDeadline, planned: PlannedAlert, at: Moment): RaisedAlert {
  const firstMove = deadline.moves?.[0];
  const latestMove = deadline.moves?.at(-1);
  const raised: RaisedAlert = {
    key: planned.key,
    deadlineKey: deadline.key,
    rule: deadline.rule,
    basis: deadline.computation.basis,
    description: deadline.computation.description,
    lead: planned.lead,
    due: planned.due,
    plannedAt: new Date(planned.at).toISOString(),
    raisedAt: new Date(at.now).toISOString(),
    owner: deadline.owner,
    audience: planned.audience,
    reason: planned.reason,
    moved: firstMove && latestMove ? { from: firstMove.from, because: latestMove.because } : null,
    deliveredAt: null,
  };
  state.deadlineAlerts = [...(state.deadlineAlerts ?? []), raised];
  state.version += 1;
  return raised;
}

/**
 * One timer per alert still to come on every open deadline. `then` runs after
 * an alert is raised (a process may also note it in its own alert list).
 */
export function alertTimers<S extends Alerting>(state: S, then?: (state: S, alert: RaisedAlert, at: Moment) => void): DerivedTimer<S>[] {
  if ((state.alertRevision ?? 0) < ALERT_REVISION) return [];
  return state.deadlines
    .filter((d) => d.status === 'open')
    .flatMap((deadline) =>
      plannedAlerts(deadline, state.calendar).map((planned) => ({
        key: timerKey(planned),
        at: planned.at,
        fire: (s: S, at: Moment) => {
          const current = s.deadlines.find((d) => d.key === deadline.key && d.status === 'open');
          if (!current) return;
          const raised = raise(s, current, planned, at);
          then?.(s, raised, at);
        },
      })),
    );
}

/**
 * A process starts raising alerts from now on: those whose instant has
 * already passed are marked as handled, so a case from before alerts does
 * not send a week of reminders the moment it adopts them.
 */
export function adoptAlerts(state: Alerting, at: Moment): void {
  if ((state.alertRevision ?? 0) >= ALERT_REVISION) return;
  state.alertRevision = ALERT_REVISION;
  state.deadlineAlerts ??= [];
  for (const timer of alertTimers(state)) if (timer.at <= at.now && !state.firedTimers.includes(timer.key)) state.firedTimers.push(timer.key);
}

/** Alerts raised and not yet delivered, oldest first. */
export const owedAlerts = (state: Alerting): RaisedAlert[] => (state.deadlineAlerts ?? []).filter((a) => a.deliveredAt === null);

export function markAlertDelivered(state: Alerting, key: string, at: Moment): void {
  const alert = state.deadlineAlerts?.find((a) => a.key === key);
  if (!alert || alert.deliveredAt !== null) return;
  alert.deliveredAt = new Date(at.now).toISOString();
  state.version += 1;
}
