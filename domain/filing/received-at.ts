/**
 * When a filing made through iCMS counts as received by the court office.
 *
 * iCMS takes submissions at any hour, but the registry works office hours on
 * its open days. courtflow keeps the rule as dated data: a submission made
 * during office hours on a day the office is open counts as received when it
 * was made; one made outside them counts as received when the office next
 * opens (the same morning, if made before it opens). The submission time
 * itself is recorded apart and never changed.
 *
 * The hours are the registry's published office hours, the lunch hour
 * excepted (iCMS receives through it). The statutory footing is the Court
 * Proceedings (Electronic Technology) Ordinance (Cap. 638) and the e-rules
 * and practice directions made under it; the rule number that fixes the
 * cut-off is to be confirmed against them, and a change is a new entry here.
 */
import { addDays, closedReason, type CourtCalendar, type IsoDate } from '../calendar';
import { hkDateOf, hkInstant } from '../time/hong-kong-time';

export interface ReceivingHours {
  /** First day (inclusive) the entry applies. */
  readonly from: IsoDate;
  readonly opens: { hour: number; minute: number };
  readonly closes: { hour: number; minute: number };
  readonly source: string;
  readonly confirmed: boolean;
}

/** Oldest first. */
export const RECEIVING_HOURS: readonly ReceivingHours[] = [
  {
    from: '2019-01-01',
    opens: { hour: 8, minute: 45 },
    closes: { hour: 17, minute: 30 },
    source: 'registry office hours (Monday to Friday, 08:45 to 17:30, except general holidays and closure days); Cap. 638 and its e-rules, rule to be confirmed',
    confirmed: false,
  },
];

export interface Receipt {
  /** The instant the filing counts as received (epoch ms). */
  receivedAt: number;
  /** Null when received as submitted; otherwise why it counts later, in words. */
  deferredBecause: string | null;
  rule: string;
}

const hoursOn = (date: IsoDate) => {
  let found = RECEIVING_HOURS[0]!;
  for (const entry of RECEIVING_HOURS) if (entry.from <= date) found = entry;
  return found;
};

const fmt = (t: { hour: number; minute: number }) => `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;

/** When a submission made at `submittedAt` (epoch ms) counts as received. */
export function receiptOf(submittedAt: number, calendar: CourtCalendar): Receipt {
  const day = hkDateOf(submittedAt);
  const hours = hoursOn(day);
  const rule = `received when submitted during office hours (${fmt(hours.opens)}-${fmt(hours.closes)} Hong Kong time on a day the registry is open), otherwise when it next opens; ${hours.source}`;
  const opens = (date: IsoDate) => hkInstant(date, hoursOn(date).opens.hour, hoursOn(date).opens.minute);
  const closes = hkInstant(day, hours.closes.hour, hours.closes.minute);
  const closedToday = closedReason(calendar, day, 'registry');

  if (!closedToday && submittedAt >= opens(day) && submittedAt <= closes) return { receivedAt: submittedAt, deferredBecause: null, rule };
  if (!closedToday && submittedAt < opens(day)) {
    return { receivedAt: opens(day), deferredBecause: `submitted before the registry opened at ${fmt(hours.opens)}`, rule };
  }
  let next = addDays(day, 1);
  const skipped: string[] = [];
  for (let reason = closedReason(calendar, next, 'registry'); reason; reason = closedReason(calendar, next, 'registry')) {
    skipped.push(`${next} (${reason})`);
    next = addDays(next, 1);
  }
  const why = closedToday ? `submitted on ${day}, a day the registry is closed (${closedToday})` : `submitted after the registry closed at ${fmt(hours.closes)}`;
  return { receivedAt: opens(next), deferredBecause: skipped.length ? `${why}; the registry was also closed on ${skipped.join(', ')}` : why, rule };
}
