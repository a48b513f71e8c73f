/** Hearing days: when the tribunal sits, and when a day's list begins. */
import { addDays, isOpenDay, type CourtCalendar, type IsoDate } from '../../calendar';
import { hkInstant } from '../../time/hong-kong-time';
import type { Moment } from '../../time/moment';
import { inHongKongTime, SCT_VENUE } from '../tribunal';
import { deadlineKeys } from './deadline-keys';
import type { Hearing, SctCase } from './state';

/** When a hearing day's list begins, Hong Kong time. */
export const HEARING_HOUR = 9;
export const HEARING_MINUTE = 30;

/** A hearing on `date`: the list begins at 09:30 Hong Kong time, at the tribunal's venue. */
export const hearingOn = (date: IsoDate): Hearing => {
  const { time, startsAt } = inHongKongTime(hkInstant(date, HEARING_HOUR, HEARING_MINUTE));
  return { date, time, startsAt, venue: SCT_VENUE };
};

/** The tribunal sits on a weekday that is neither a general holiday nor a declared closure day. */
export const isSittingDay = (date: IsoDate, calendar: CourtCalendar) => isOpenDay(calendar, date, 'registry');

/**
 * The latest day on or before `latest` on which the tribunal sits. Fixing
 * the latest sitting day leaves the most time to serve every defendant
 * before the hearing (s.14(1)(b)); the registrar may re-fix it earlier.
 */
export function latestSittingDayOnOrBefore(latest: IsoDate, calendar: CourtCalendar): IsoDate {
  let day = latest;
  while (!isSittingDay(day, calendar)) day = addDays(day, -1);
  return day;
}

/** A date a hearing (or rehearing) may be fixed for: after today, on a sitting day. */
export function hearingDateRefusal(state: SctCase, date: IsoDate, at: Moment): string | null {
  if (date <= at.today) return `a hearing date must be after today (${at.today}); ${date} is not`;
  return isSittingDay(date, state.calendar) ? null : `${date} is not a day the tribunal sits (weekend, general holiday or closure day)`;
}

/**
 * The s.14(1)(a) deadline's outcome follows the listing: whatever date
 * stands now (or that none does), so it never names a date that was moved.
 */
export function noteListing(state: SctCase, at: Moment, what: string): void {
  const deadline = state.deadlines.find((d) => d.key === deadlineKeys.hearing());
  if (!deadline) return;
  deadline.outcome = `${what} (${at.today})`;
}
