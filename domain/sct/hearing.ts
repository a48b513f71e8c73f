/**
 * Fixing the hearing (Cap. 338 s.14(1)(a)): the registrar fixes the place and
 * date of hearing, not later than 60 days after the claim is filed.
 */
import { addDays, isOpenDay, type CourtCalendar, type IsoDate } from '../calendar';

/**
 * The latest day on or before `latest` on which the tribunal sits: a weekday
 * that is neither a general holiday nor a declared closure day. Fixing the
 * latest sitting day leaves the most time to serve every defendant before
 * the hearing (s.14(1)(b)); the registrar may re-fix it earlier.
 */
export function latestSittingDayOnOrBefore(latest: IsoDate, calendar: CourtCalendar): IsoDate {
  let day = latest;
  // The registry policy closes Saturdays as well as Sundays, holidays and closures.
  while (!isOpenDay(calendar, day, 'registry')) day = addDays(day, -1);
  return day;
}
