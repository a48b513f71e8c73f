/**
 * Hong Kong general holidays, 2024 to 2028 inclusive, as checked-in data.
 *
 * Law: the General Holidays Ordinance (Cap. 149). Every Sunday is a general
 * holiday (Schedule, item 1); Sundays are handled by rule in `calendar.ts` and
 * are never listed here. The other days are those of the Schedule, with the
 * substitutions of Cap. 149 when one falls on a Sunday: the next day that is
 * not itself a general holiday ("The day following …"); the fourth day of
 * Lunar New Year when Lunar New Year's Day or its second or third day is a
 * Sunday; "The first weekday after Christmas Day" (a Saturday counts as a
 * weekday). A Saturday holiday has no substitute.
 *
 * Source, per year:
 * - 2024, 2025, 2026: the Government Gazette notices "General Holidays for
 *   <year>", published in the year before (names and dates as gazetted).
 * - 2027: `provisional`. Its notice is normally published in mid-2026, but
 *   its text was not available to check when this list was written
 *   (November 2026); the days are computed under the Cap. 149 rules above.
 * - 2028: `provisional`. Not yet gazetted at the time of writing; computed
 *   under the Cap. 149 rules above.
 * Lunar dates and Ching Ming (the Qingming solar term, Hong Kong time) were
 * cross-checked against the `date-holidays` package in
 * `test/unit/calendar-holidays.test.ts`; where that package and this list
 * ever differ, this list wins and the test names the difference.
 *
 * To confirm a provisional year against its Gazette notice: correct any entry,
 * set `provisional: false`, and bump HK_GENERAL_HOLIDAYS_VERSION (the version
 * is recorded on every computed deadline, so a changed list is visible in the
 * audit trail). Extending the range: add the year, update the coverage below
 * and bump the version.
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

/** Recorded on every calendar value and every computed deadline. */
export const HK_GENERAL_HOLIDAYS_VERSION = 'hk-gazette-2028.1';

/** First and last year the list covers; any other date is a `CalendarCoverageError`. */
export const HK_GENERAL_HOLIDAYS_COVERAGE = { firstYear: 2024, lastYear: 2028 } as const;

const gazetted = (year: number) => `Gazette notice: General Holidays for ${year} (Cap. 149)`;
const computed = (year: number) =>
  `computed under the General Holidays Ordinance (Cap. 149); Gazette notice for ${year} not checked`;

export const HK_GENERAL_HOLIDAYS: readonly GeneralHolidayYear[] = [
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
    provisional: true,
    source: computed(2027),
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
      // 26 December is a Sunday.
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
];
