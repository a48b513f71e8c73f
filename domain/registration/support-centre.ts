/**
 * The iCMS Support Centre, where applicants prove their identity in person
 * (seed 000): open Monday to Friday except general holidays, 08:45 to 13:00
 * and 14:00 to 17:30, Hong Kong time. Kept as dated data, like every rule
 * that changes by notice; a day the registries are closed by a warning or a
 * planned closure is a day the Centre is closed too.
 */
import { closedReason, type CourtCalendar, type IsoDate } from '../calendar';
import { dayOfWeek } from '../calendar/iso-date';
import { hkDateOf, hkInstant } from '../time/hong-kong-time';

export interface SupportCentreHours {
  readonly from: IsoDate;
  /** Sessions of each open day, Hong Kong time, [opens, closes). */
  readonly sessions: readonly { opens: [number, number]; closes: [number, number] }[];
  readonly source: string;
}

/** Oldest first. */
export const SUPPORT_CENTRE_HOURS: readonly SupportCentreHours[] = [
  {
    from: '2019-01-01',
    sessions: [
      { opens: [8, 45], closes: [13, 0] },
      { opens: [14, 0], closes: [17, 30] },
    ],
    source: 'iCMS brochure (seed 000): Monday to Friday (except public holidays), 8:45 a.m. to 1:00 p.m. and 2:00 p.m. to 5:30 p.m.',
  },
];

const hoursOn = (date: IsoDate) => {
  let found = SUPPORT_CENTRE_HOURS[0]!;
  for (const entry of SUPPORT_CENTRE_HOURS) if (entry.from <= date) found = entry;
  return found;
};

const hhmm = ([h, m]: [number, number]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

export const describeHours = (date: IsoDate) =>
  `Monday to Friday except general holidays, ${hoursOn(date).sessions.map((s) => `${hhmm(s.opens)} to ${hhmm(s.closes)}`).join(' and ')}, Hong Kong time`;

/** Null when the Support Centre is open at `now` (epoch ms); otherwise why it is not. */
export function supportCentreClosedReason(now: number, calendar: CourtCalendar): string | null {
  const day = hkDateOf(now);
  const weekday = dayOfWeek(day);
  if (weekday === 0 || weekday === 6) return `${day} is a ${weekday === 0 ? 'Sunday' : 'Saturday'}; the Support Centre opens ${describeHours(day)}`;
  const closed = closedReason(calendar, day, 'registry');
  if (closed) return `the Support Centre is closed on ${day} (${closed}); it opens ${describeHours(day)}`;
  const inSession = hoursOn(day).sessions.some((s) => now >= hkInstant(day, ...s.opens) && now < hkInstant(day, ...s.closes));
  return inSession ? null : `the Support Centre is not open at this time on ${day}; it opens ${describeHours(day)}`;
}
