/**
 * When a tracked deadline raises its alerts, and to whom: lead times set per
 * rule as data (a number of working days before the last day, the last day
 * itself, the day after it when nothing was done), and the instant each is
 * due, so that a process can hold one durable timer per alert instead of a
 * daily sweep noticing a deadline up to a day late.
 *
 * An alert is named by its deadline, its lead time and the last day it was
 * computed for: a deadline that moves (a closure day, an adjournment, an
 * extension of time) gives new alerts under new keys, each saying what it
 * replaced, and the old ones are never raised. "Working days" are the days
 * the registry is open (Cap. 1 s.71(1A)'s calendar): an alert never falls on
 * a day nobody is there to act on it.
 *
 * Pure: safe inside workflows.
 */
import { addDays, isOpenDay, type CourtCalendar, type IsoDate } from '../calendar';
import type { DeadlineRuleId } from '../deadlines/rules';
import type { TrackedDeadline } from '../deadlines/tracked';
import { hkInstant } from '../time/hong-kong-time';

export type LeadTime =
  /** So many working days before the last day. */
  | { kind: 'before'; workingDays: number }
  /** On the last day itself. */
  | { kind: 'due-day' }
  /** The day after the last day, when the deadline is still open. */
  | { kind: 'missed' };

/** Who is told, besides the deadline's owner: the registry watches every period it must police. */
export type AlertAudience = 'owner' | 'owner-and-registry';

export interface AlertPlan {
  leads: readonly LeadTime[];
  audience: AlertAudience;
  /** Why these lead times, in words. */
  why: string;
}

const STANDARD: readonly LeadTime[] = [{ kind: 'before', workingDays: 3 }, { kind: 'due-day' }, { kind: 'missed' }];
const SHORT: readonly LeadTime[] = [{ kind: 'before', workingDays: 1 }, { kind: 'due-day' }, { kind: 'missed' }];

/**
 * The lead times of each rule. A 7-day window (review, set-aside, leave to
 * appeal) gets one working day's warning, since three would fall on its
 * first days; the court's own periods (the hearing, the written award) and
 * the registry's review get three and go to the registry as well.
 */
export const ALERT_PLANS: Readonly<Record<DeadlineRuleId, AlertPlan>> = {
  'sct.hearing': { leads: STANDARD, audience: 'owner-and-registry', why: 'the registrar must fix the hearing within the period (s.14); the registry is told' },
  'sct.written-award': { leads: STANDARD, audience: 'owner-and-registry', why: 'the adjudicator must reduce the award to writing within 14 days (s.18(3)); the registry is told too' },
  'sct.review-by-adjudicator': { leads: STANDARD, audience: 'owner-and-registry', why: "the adjudicator's own review period (s.27A)" },
  'sct.review-application': { leads: SHORT, audience: 'owner', why: 'a 7-day window for a party (s.27A(2)): one working day ahead' },
  'sct.set-aside': { leads: SHORT, audience: 'owner', why: 'a 7-day window for a party (s.32A): one working day ahead' },
  'sct.appeal-leave': { leads: SHORT, audience: 'owner', why: 'a 7-day window for a party (s.28): one working day ahead' },
  'sct.ca-leave': { leads: STANDARD, audience: 'owner', why: 'a party applying to the Court of Appeal for leave' },
  'sct.transfer-review-application': { leads: SHORT, audience: 'owner', why: 'a short window for a party to apply for review of a transfer' },
  'sct.transfer-review': { leads: STANDARD, audience: 'owner-and-registry', why: 'the review of a transfer decision' },
  'sct.order-compliance': { leads: STANDARD, audience: 'owner-and-registry', why: 'compliance with an order; the registry follows it up' },
  'icms.registry-review': { leads: [{ kind: 'due-day' }, { kind: 'missed' }], audience: 'owner', why: 'a 2-working-day service standard: the due day and overdue only' },
  'icms.correction': { leads: SHORT, audience: 'owner', why: 'the filer corrects a rejected document within 14 days' },
};

export interface PlannedAlert {
  /** `<deadline key>@<last day>#<lead>`: unique, and new whenever the last day moves. */
  key: string;
  deadlineKey: string;
  rule: DeadlineRuleId;
  lead: LeadTime;
  /** The day it is raised on (Hong Kong), and the instant (09:00 that day; 00:00 after the last day for `missed`). */
  on: IsoDate;
  at: number;
  due: IsoDate;
  audience: AlertAudience;
  /** What it says, in words, naming the rule and the last day. */
  reason: string;
}

/** Hour (Hong Kong time) an advance or due-day alert is raised: as the registry opens. */
export const ALERT_HOUR = 9;

const leadName = (lead: LeadTime) => (lead.kind === 'before' ? `before-${lead.workingDays}` : lead.kind);

/** `workingDays` open registry days before `due` (not counting `due`). */
function workingDaysBefore(due: IsoDate, workingDays: number, calendar: CourtCalendar): IsoDate {
  let day = due;
  for (let left = workingDays; left > 0; ) {
    day = addDays(day, -1);
    if (isOpenDay(calendar, day, 'registry')) left -= 1;
  }
  return day;
}

/**
 * The alerts an open deadline raises, earliest first. One whose day is
 * already before the deadline's own start (a 7-day window opened on a
 * Friday has no working day "3 before") is left out rather than raised late.
 */
export function plannedAlerts(deadline: TrackedDeadline, calendar: CourtCalendar): PlannedAlert[] {
  if (deadline.status !== 'open') return [];
  const plan = ALERT_PLANS[deadline.rule];
  const { due, from, basis } = deadline.computation;
  const alerts: PlannedAlert[] = [];
  for (const lead of plan.leads) {
    let on: IsoDate;
    let at: number;
    let reason: string;
    if (lead.kind === 'before') {
      on = workingDaysBefore(due, lead.workingDays, calendar);
      if (on <= from) continue;
      at = hkInstant(on, ALERT_HOUR);
      reason = `${lead.workingDays} working day${lead.workingDays === 1 ? '' : 's'} before the last day, ${due} (${basis})`;
    } else if (lead.kind === 'due-day') {
      on = due;
      at = hkInstant(due, ALERT_HOUR);
      reason = `the last day, ${due} (${basis})`;
    } else {
      on = addDays(due, 1);
      at = hkInstant(on);
      reason = `missed: the last day was ${due} (${basis}) and nothing was done by its end`;
    }
    alerts.push({ key: `${deadline.key}@${due}#${leadName(lead)}`, deadlineKey: deadline.key, rule: deadline.rule, lead, on, at, due, audience: plan.audience, reason });
  }
  return alerts.sort((a, b) => a.at - b.at);
}

/**
 * Words for an alert that replaces one of a deadline moved: the earlier last
 * day, the new one, and why (the computation's latest extension, a closure
 * day for instance), so the person told knows the date changed.
 */
export function movedNote(previousDue: IsoDate, deadline: TrackedDeadline): string | null {
  const due = deadline.computation.due;
  if (previousDue === due) return null;
  const latest = deadline.computation.extensions.at(-1);
  const because = latest ? `: ${latest.date} ${latest.reason}` : '';
  return `moved from ${previousDue} to ${due}${because}`;
}
