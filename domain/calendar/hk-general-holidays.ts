/**
 * Hong Kong general holidays, 2023 to 2029 inclusive, as checked-in data.
 *
 * Law: the General Holidays Ordinance (Cap. 149). Every Sunday is a general
 * holiday (Schedule, item 1); Sundays are handled by rule in `calendar.ts` and
 * are never listed here. The other days are those of the Schedule, with the
 * substitutions of Cap. 149 when one falls on a Sunday: the next day that is
 * not itself a general holiday ("The day following …"); the fourth day of
 * Lunar New Year when Lunar New Year's Day or its second or third day is a
 * Sunday; "The second day following the Chinese Mid-Autumn Festival" when the
 * day following it is a Sunday; "The first weekday after Christmas Day" (a
 * Saturday counts as a weekday). A Saturday holiday has no substitute.
 *
 * Source, per year:
 * - 2023, 2024, 2025, 2026: the Government Gazette notices "General Holidays
 *   for <year>", published in the year before (names and dates as gazetted).
 * - 2027: the Gazette notice "General Holidays for 2027", published in 2026.
 *   Its G.N. number is to be confirmed (it could not be checked offline when
 *   this list was confirmed); the dates were checked against the Cap. 149
 *   rules above and agree with the provisional list they replace.
 * - 2028, 2029: `provisional`. Not yet gazetted at the time of writing;
 *   computed under the Cap. 149 rules above.
 * Lunar dates and Ching Ming (the Qingming solar term, Hong Kong time) were
 * cross-checked against the `date-holidays` package in
 * `test/unit/calendar-holidays.test.ts`; where that package and this list
 * ever differ, this list wins and the test names the difference.
 *
 * The list is versioned. HK_GENERAL_HOLIDAYS_VERSION is recorded on every
 * calendar value and every computed deadline, and its revision (the number
 * after the dot) orders versions: a running case told of a higher revision
 * recomputes its open deadlines on it. Superseded revisions stay in
 * HOLIDAY_LIST_REVISIONS, so a calendar a case computed on long ago still
 * means what it meant (and its recorded history replays).
 *
 * To confirm a provisional year against its Gazette notice: correct any
 * entry, set `provisional: false` and its `source`; to extend the range, add
 * the year. Either way: add a revision to HOLIDAY_LIST_REVISIONS (the previous
 * list, exactly as it was, stays there) and bump the version; what changed
 * is worked out from the two lists (`holidayListChanges`). The new list then reaches every open case through
 * one broadcast (services/calendar/broadcast.ts: `POST /api/v1/calendar/sync`,
 * `courtflow closure sync`, or `syncCalendarOnStart` from a process's start).
 */
import type { IsoDate } from './iso-date';

export interface GeneralHoliday {
  date: IsoDate;
  /** The English name as gazetted, e.g. "The day following Ching Ming Festival". */
  name: string;
}

export interface GeneralHolidayYear {
  year: number;
  /** True when the year is computed under Cap. 149, not yet checked against its Gazette notice. */
  provisional: boolean;
  source: string;
  holidays: readonly GeneralHoliday[];
}

/** Recorded on every calendar value and every computed deadline: `hk-gazette-<last year>.<revision>`. */
export const HK_GENERAL_HOLIDAYS_VERSION = 'hk-gazette-2029.2';

/** First and last year the list covers; any other date is a `CalendarCoverageError`. */
export const HK_GENERAL_HOLIDAYS_COVERAGE = { firstYear: 2023, lastYear: 2029 } as const;

const gazetted = (year: number) => `Gazette notice: General Holidays for ${year} (Cap. 149)`;
/**
 * The 2027 notice by its title and Gazette year. Its G.N. number could not be
 * checked offline when the list was confirmed: to be confirmed, not invented.
 */
const GAZETTE_2027 =
  'Gazette notice: General Holidays for 2027 (Cap. 149), published in the Gazette of 2026; G.N. number to be confirmed';
const computed = (year: number) =>
  `computed under the General Holidays Ordinance (Cap. 149); Gazette notice for ${year} not checked`;

export const HK_GENERAL_HOLIDAYS: readonly GeneralHolidayYear[] = [
  {
    year: 2023,
    provisional: false,
    source: gazetted(2023),
    holidays: [
      // The first day of January is a Sunday.
      { date: '2023-01-02', name: 'The day following the first day of January' },
      // Lunar New Year's Day is Sunday 22 January: the fourth day is substituted.
      { date: '2023-01-23', name: 'The second day of Lunar New Year' },
      { date: '2023-01-24', name: 'The third day of Lunar New Year' },
      { date: '2023-01-25', name: 'The fourth day of Lunar New Year' },
      { date: '2023-04-05', name: 'Ching Ming Festival' },
      { date: '2023-04-07', name: 'Good Friday' },
      { date: '2023-04-08', name: 'The day following Good Friday' },
      { date: '2023-04-10', name: 'Easter Monday' },
      { date: '2023-05-01', name: 'Labour Day' },
      { date: '2023-05-26', name: 'The Birthday of the Buddha' },
      { date: '2023-06-22', name: 'Tuen Ng Festival' },
      { date: '2023-07-01', name: 'Hong Kong Special Administrative Region Establishment Day' },
      { date: '2023-09-30', name: 'The day following the Chinese Mid-Autumn Festival' },
      // National Day is Sunday 1 October.
      { date: '2023-10-02', name: 'The day following National Day' },
      { date: '2023-10-23', name: 'Chung Yeung Festival' },
      { date: '2023-12-25', name: 'Christmas Day' },
      { date: '2023-12-26', name: 'The first weekday after Christmas Day' },
    ],
  },
  {
    year: 2024,
    provisional: false,
    source: gazetted(2024),
    holidays: [
      { date: '2024-01-01', name: 'The first day of January' },
      { date: '2024-02-10', name: "Lunar New Year's Day" },
      // The second day (11 February) is a Sunday: the fourth day is substituted.
      { date: '2024-02-12', name: 'The third day of Lunar New Year' },
      { date: '2024-02-13', name: 'The fourth day of Lunar New Year' },
      { date: '2024-03-29', name: 'Good Friday' },
      { date: '2024-03-30', name: 'The day following Good Friday' },
      { date: '2024-04-01', name: 'Easter Monday' },
      { date: '2024-04-04', name: 'Ching Ming Festival' },
      { date: '2024-05-01', name: 'Labour Day' },
      { date: '2024-05-15', name: 'The Birthday of the Buddha' },
      { date: '2024-06-10', name: 'Tuen Ng Festival' },
      { date: '2024-07-01', name: 'Hong Kong Special Administrative Region Establishment Day' },
      { date: '2024-09-18', name: 'The day following the Chinese Mid-Autumn Festival' },
      { date: '2024-10-01', name: 'National Day' },
      { date: '2024-10-11', name: 'Chung Yeung Festival' },
      { date: '2024-12-25', name: 'Christmas Day' },
      { date: '2024-12-26', name: 'The first weekday after Christmas Day' },
    ],
  },
  {
    year: 2025,
    provisional: false,
    source: gazetted(2025),
    holidays: [
      { date: '2025-01-01', name: 'The first day of January' },
      { date: '2025-01-29', name: "Lunar New Year's Day" },
      { date: '2025-01-30', name: 'The second day of Lunar New Year' },
      { date: '2025-01-31', name: 'The third day of Lunar New Year' },
      { date: '2025-04-04', name: 'Ching Ming Festival' },
      { date: '2025-04-18', name: 'Good Friday' },
      { date: '2025-04-19', name: 'The day following Good Friday' },
      { date: '2025-04-21', name: 'Easter Monday' },
      { date: '2025-05-01', name: 'Labour Day' },
      { date: '2025-05-05', name: 'The Birthday of the Buddha' },
      { date: '2025-05-31', name: 'Tuen Ng Festival' },
      { date: '2025-07-01', name: 'Hong Kong Special Administrative Region Establishment Day' },
      { date: '2025-10-01', name: 'National Day' },
      { date: '2025-10-07', name: 'The day following the Chinese Mid-Autumn Festival' },
      { date: '2025-10-29', name: 'Chung Yeung Festival' },
      { date: '2025-12-25', name: 'Christmas Day' },
      { date: '2025-12-26', name: 'The first weekday after Christmas Day' },
    ],
  },
  {
    year: 2026,
    provisional: false,
    source: gazetted(2026),
    holidays: [
      { date: '2026-01-01', name: 'The first day of January' },
      { date: '2026-02-17', name: "Lunar New Year's Day" },
      { date: '2026-02-18', name: 'The second day of Lunar New Year' },
      { date: '2026-02-19', name: 'The third day of Lunar New Year' },
      { date: '2026-04-03', name: 'Good Friday' },
      { date: '2026-04-04', name: 'The day following Good Friday' },
      // Ching Ming Festival and Easter Day are both Sunday 5 April (as in 2021):
      // Ching Ming's substitute takes Monday and Easter Monday's the Tuesday.
      { date: '2026-04-06', name: 'The day following Ching Ming Festival' },
      { date: '2026-04-07', name: 'The day following Easter Monday' },
      { date: '2026-05-01', name: 'Labour Day' },
      // The Birthday of the Buddha is Sunday 24 May.
      { date: '2026-05-25', name: 'The day following the Birthday of the Buddha' },
      { date: '2026-06-19', name: 'Tuen Ng Festival' },
      { date: '2026-07-01', name: 'Hong Kong Special Administrative Region Establishment Day' },
      { date: '2026-09-26', name: 'The day following the Chinese Mid-Autumn Festival' },
      { date: '2026-10-01', name: 'National Day' },
      // Chung Yeung Festival is Sunday 18 October.
      { date: '2026-10-19', name: 'The day following Chung Yeung Festival' },
      { date: '2026-12-25', name: 'Christmas Day' },
      // A Saturday is a weekday for Cap. 149.
      { date: '2026-12-26', name: 'The first weekday after Christmas Day' },
    ],
  },
  {
    year: 2027,
    provisional: false,
    source: GAZETTE_2027,
    holidays: [
      { date: '2027-01-01', name: 'The first day of January' },
      { date: '2027-02-06', name: "Lunar New Year's Day" },
      // The second day (7 February) is a Sunday: the fourth day is substituted.
      { date: '2027-02-08', name: 'The third day of Lunar New Year' },
      { date: '2027-02-09', name: 'The fourth day of Lunar New Year' },
      { date: '2027-03-26', name: 'Good Friday' },
      { date: '2027-03-27', name: 'The day following Good Friday' },
      { date: '2027-03-29', name: 'Easter Monday' },
      { date: '2027-04-05', name: 'Ching Ming Festival' },
      { date: '2027-05-01', name: 'Labour Day' },
      { date: '2027-05-13', name: 'The Birthday of the Buddha' },
      { date: '2027-06-09', name: 'Tuen Ng Festival' },
      { date: '2027-07-01', name: 'Hong Kong Special Administrative Region Establishment Day' },
      { date: '2027-09-16', name: 'The day following the Chinese Mid-Autumn Festival' },
      { date: '2027-10-01', name: 'National Day' },
      { date: '2027-10-08', name: 'Chung Yeung Festival' },
      { date: '2027-12-25', name: 'Christmas Day' },
      // 26 December is a Sunday; Monday 27 December is the first weekday after Christmas Day.
      { date: '2027-12-27', name: 'The first weekday after Christmas Day' },
    ],
  },
  {
    year: 2028,
    provisional: true,
    source: computed(2028),
    holidays: [
      { date: '2028-01-01', name: 'The first day of January' },
      { date: '2028-01-26', name: "Lunar New Year's Day" },
      { date: '2028-01-27', name: 'The second day of Lunar New Year' },
      { date: '2028-01-28', name: 'The third day of Lunar New Year' },
      { date: '2028-04-04', name: 'Ching Ming Festival' },
      { date: '2028-04-14', name: 'Good Friday' },
      { date: '2028-04-15', name: 'The day following Good Friday' },
      { date: '2028-04-17', name: 'Easter Monday' },
      { date: '2028-05-01', name: 'Labour Day' },
      { date: '2028-05-02', name: 'The Birthday of the Buddha' },
      // Tuen Ng Festival is Sunday 28 May.
      { date: '2028-05-29', name: 'The day following Tuen Ng Festival' },
      { date: '2028-07-01', name: 'Hong Kong Special Administrative Region Establishment Day' },
      // National Day is Sunday 1 October.
      { date: '2028-10-02', name: 'The day following National Day' },
      { date: '2028-10-04', name: 'The day following the Chinese Mid-Autumn Festival' },
      { date: '2028-10-26', name: 'Chung Yeung Festival' },
      { date: '2028-12-25', name: 'Christmas Day' },
      { date: '2028-12-26', name: 'The first weekday after Christmas Day' },
    ],
  },
  {
    year: 2029,
    provisional: true,
    source: computed(2029),
    holidays: [
      { date: '2029-01-01', name: 'The first day of January' },
      { date: '2029-02-13', name: "Lunar New Year's Day" },
      { date: '2029-02-14', name: 'The second day of Lunar New Year' },
      { date: '2029-02-15', name: 'The third day of Lunar New Year' },
      { date: '2029-03-30', name: 'Good Friday' },
      { date: '2029-03-31', name: 'The day following Good Friday' },
      { date: '2029-04-02', name: 'Easter Monday' },
      { date: '2029-04-04', name: 'Ching Ming Festival' },
      { date: '2029-05-01', name: 'Labour Day' },
      // The Birthday of the Buddha is Sunday 20 May.
      { date: '2029-05-21', name: 'The day following the Birthday of the Buddha' },
      { date: '2029-06-16', name: 'Tuen Ng Festival' },
      // Establishment Day is Sunday 1 July.
      { date: '2029-07-02', name: 'The day following Hong Kong Special Administrative Region Establishment Day' },
      // Mid-Autumn is Saturday 22 September and the day following it a Sunday.
      { date: '2029-09-24', name: 'The second day following the Chinese Mid-Autumn Festival' },
      { date: '2029-10-01', name: 'National Day' },
      { date: '2029-10-16', name: 'Chung Yeung Festival' },
      { date: '2029-12-25', name: 'Christmas Day' },
      { date: '2029-12-26', name: 'The first weekday after Christmas Day' },
    ],
  },
];

/** One version of the holiday list, kept so that a calendar on it always means what it meant. */
export interface HolidayListRevision {
  /** `hk-gazette-<last year>.<revision>`. */
  version: string;
  /** Orders the versions: a higher revision replaces a lower one. */
  revision: number;
  coverage: { readonly firstYear: number; readonly lastYear: number };
  years: readonly GeneralHolidayYear[];
}

/**
 * Every version of the list, oldest first; the last is the one in force.
 * Revision 1 is kept exactly as it was shipped: 2024 to 2028, with 2027 and
 * 2028 provisional. Its 2027 dates are the ones the Gazette has since
 * confirmed, so only its flag and source differ from revision 2's 2027.
 */
export const HOLIDAY_LIST_REVISIONS: readonly HolidayListRevision[] = [
  {
    version: 'hk-gazette-2028.1',
    revision: 1,
    coverage: { firstYear: 2024, lastYear: 2028 },
    years: HK_GENERAL_HOLIDAYS.filter((y) => y.year >= 2024 && y.year <= 2028).map((y) =>
      y.year === 2027 ? { ...y, provisional: true, source: computed(2027) } : y,
    ),
  },
  {
    version: HK_GENERAL_HOLIDAYS_VERSION,
    revision: 2,
    coverage: HK_GENERAL_HOLIDAYS_COVERAGE,
    years: HK_GENERAL_HOLIDAYS,
  },
];
