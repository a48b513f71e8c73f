/**
 * The alerts a run delivers: what a small claim raises on the last day of
 * its written-award period (Cap. 338 s.18(3)), for the adjudicator and the
 * registry, computed by courtflow's own rules (the tracked deadline, its
 * lead times and words), with only the instant changed to one a few seconds
 * ahead. Each alert names a case number of its own, so each is a new alert
 * to its recipients; no such case exists, and none need: an adjudicator's
 * alert goes to every active adjudicator whatever the case.
 */
import type { AlertingProcess } from '../../domain/alerts/deadline-alerts';
import { plannedAlerts } from '../../domain/alerts/lead-times';
import { createCalendar, type IsoDate } from '../../domain/calendar';
import { trackDeadline } from '../../domain/deadlines';
import { deadlineKeys } from '../../domain/sct/case';
import type { AlertAtInput } from './contract';

/** The oral award the period runs from: a Monday, so the last day falls on an open day. */
const AWARD_MADE_ON: IsoDate = '2026-11-23';

/** The written-award period's due-day alert, as courtflow plans it. */
function dueDayAlert() {
  const calendar = createCalendar();
  const { tracked } = trackDeadline([], deadlineKeys.writtenAward(), 'sct.written-award', AWARD_MADE_ON, 'adjudicator', { calendar });
  const planned = plannedAlerts(tracked, calendar).find((p) => p.lead.kind === 'due-day');
  if (!planned) throw new Error('the written-award period plans no due-day alert');
  return { tracked, planned };
}

const caseNoOf = (serial: number) => `SCTC-2026-${String(serial).padStart(6, '0')}`;

/** The inbox (and email) dedupe key of an alert, as activities/deadline-alerts.ts makes it: the kind, the case and the alert's key. */
export const alertIdOf = (input: AlertAtInput) => `${input.process.kind === 'filing' ? input.process.reference : input.process.caseNo}/${input.alert.key}`;

/** One alert per instant, each on a case number of its own. */
export function alertInputs(dueAts: readonly number[]): AlertAtInput[] {
  const { tracked, planned } = dueDayAlert();
  return dueAts.map((dueAt, index) => {
    const process: AlertingProcess = { kind: 'small-claim', caseNo: caseNoOf(index + 1) };
    return {
      dueAt,
      process,
      alert: {
        key: planned.key,
        deadlineKey: tracked.key,
        rule: tracked.rule,
        basis: tracked.computation.basis,
        description: tracked.computation.description,
        lead: planned.lead,
        due: planned.due,
        plannedAt: new Date(dueAt).toISOString(),
        owner: tracked.owner,
        audience: planned.audience,
        reason: planned.reason,
        moved: null,
        deliveredAt: null,
      },
    };
  });
}
