/** The periods a case tracks, on the case's own calendar. */
import type { IsoDate } from '../../calendar';
import { closeDeadline, trackDeadline as track, windowRefusal, type DeadlineOwner, type DeadlineRuleId, type TrackedDeadline } from '../../deadlines';
import type { Moment } from '../../time/moment';
import type { SctCase } from './state';

export function trackDeadline(
  state: SctCase,
  key: string,
  rule: DeadlineRuleId,
  from: IsoDate,
  owner: DeadlineOwner,
  options: { periodDays?: number; subject?: TrackedDeadline['subject'] } = {},
): TrackedDeadline {
  const { deadlines, tracked } = track(state.deadlines, key, rule, from, owner, { calendar: state.calendar, ...options });
  state.deadlines = deadlines;
  return tracked;
}

export const findDeadline = (state: SctCase, key: string) => state.deadlines.find((d) => d.key === key);

export function endDeadline(state: SctCase, key: string, status: 'met' | 'lapsed' | 'superseded', outcome: string, at: Moment): void {
  closeDeadline(state.deadlines, key, status, outcome, at);
}

export const windowClosed = (state: SctCase, key: string, label: string, today: IsoDate) => windowRefusal(state.deadlines, key, label, today, state.caseNo);
