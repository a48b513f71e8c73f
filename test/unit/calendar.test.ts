/**
 * The court calendar: general holidays (Cap. 149), closure days and the two
 * policies. Expected values are read off the Hong Kong calendar by hand
 * (weekdays checked independently), not produced by the code under test.
 */
import {
  CALENDAR_COVERAGE,
  CalendarCoverageError,
  HK_GENERAL_HOLIDAYS,
  HK_GENERAL_HOLIDAYS_COVERAGE,
  HK_GENERAL_HOLIDAYS_VERSION,
  InvalidCalendarError,
  InvalidClosureError,
  InvalidIsoDateError,
  addDays,
  calendarVersion,
  closedReason,
  createCalendar,
  dayOfWeek,
  declareClosure,
  generalHolidaysOf,
  isGeneralHoliday,
  isIsoDate,
  openDayOnOrAfter,
  validateCalendar,
  type CourtCalendar,
} from '../../domain/calendar';

describe('isGeneralHoliday', () => {
  it('when the date is any Sunday, then the reason is "Sunday"', () => {
    expect(isGeneralHoliday('2026-03-01')).toBe('Sunday');
    expect(isGeneralHoliday('2024-01-07')).toBe('Sunday');
    expect(isGeneralHoliday('2028-12-31')).toBe('Sunday');
  });

  it('when the date is a gazetted holiday, then the reason is its English name', () => {
    expect(isGeneralHoliday('2026-12-25')).toBe('Christmas Day');
    expect(isGeneralHoliday('2026-12-26')).toBe('The first weekday after Christmas Day');
    expect(isGeneralHoliday('2026-02-17')).toBe("Lunar New Year's Day");
    expect(isGeneralHoliday('2026-04-06')).toBe('The day following Ching Ming Festival');
    expect(isGeneralHoliday('2028-10-02')).toBe('The day following National Day');
  });

  it('when the date is an ordinary weekday or a Saturday that is no holiday, then it is null', () => {
    expect(isGeneralHoliday('2026-12-28')).toBeNull(); // Monday
    expect(isGeneralHoliday('2026-12-19')).toBeNull(); // Saturday
    expect(isGeneralHoliday('2028-02-29')).toBeNull(); // Tuesday, leap day
  });

  it('when the date is outside 2023-2029, then a CalendarCoverageError names the date and the range', () => {
    for (const date of ['2022-12-31', '2030-01-01']) {
      let caught: unknown;
      try {
        isGeneralHoliday(date);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(CalendarCoverageError);
      const message = (caught as CalendarCoverageError).message;
      expect(message).toContain(date);
      expect(message).toContain('2023-01-01 to 2029-12-31');
      expect((caught as CalendarCoverageError).date).toBe(date);
    }
  });

  it('when the date is impossible or malformed, then InvalidIsoDateError is thrown', () => {
    for (const bad of ['2026-02-30', '2027-02-29', '2026-2-3', '2026-13-01', '', '2026-12-25T00:00']) {
      expect(() => isGeneralHoliday(bad)).toThrow(InvalidIsoDateError);
    }
  });
});

describe('date arithmetic', () => {
  it('when a leap year is crossed, then 2028-02-29 exists and 2026-02-29 does not', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2028-12-31', 1)).toBe('2029-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('when asked the day of the week, then it matches the calendar', () => {
    expect(dayOfWeek('2026-12-25')).toBe(5); // Friday
    expect(dayOfWeek('2028-02-29')).toBe(2); // Tuesday
    expect(dayOfWeek('1970-01-01')).toBe(4); // Thursday
    expect(dayOfWeek('1969-12-28')).toBe(0); // Sunday, before day 0
  });
});

describe('the checked-in holiday list', () => {
  it('when each year is read, then it has the 17 non-Sunday general holidays of Cap. 149, sorted, in its own year', () => {
    const years = HK_GENERAL_HOLIDAYS.map((y) => y.year);
    expect(years).toEqual([2023, 2024, 2025, 2026, 2027, 2028, 2029]);
    expect(HK_GENERAL_HOLIDAYS_COVERAGE).toEqual({ firstYear: 2023, lastYear: 2029 });
    for (const year of HK_GENERAL_HOLIDAYS) {
      expect(year.holidays).toHaveLength(17);
      const dates = year.holidays.map((h) => h.date);
      expect([...dates].sort()).toEqual(dates);
      expect(new Set(dates).size).toBe(dates.length);
      for (const h of year.holidays) {
        expect(h.date.startsWith(`${year.year}-`)).toBe(true);
        expect(isIsoDate(h.date)).toBe(true);
        // Sundays are general holidays by rule and never listed.
        expect(dayOfWeek(h.date)).not.toBe(0);
        expect(h.name.length).toBeGreaterThan(0);
      }
    }
  });

  it('when the years are flagged, then only 2028 and 2029 are provisional, 2027 cites its Gazette notice, and the version names the last year and the revision', () => {
    expect(HK_GENERAL_HOLIDAYS.filter((y) => y.provisional).map((y) => y.year)).toEqual([2028, 2029]);
    const y2027 = HK_GENERAL_HOLIDAYS.find((y) => y.year === 2027);
    expect(y2027?.provisional).toBe(false);
    expect(y2027?.source).toContain('General Holidays for 2027');
    expect(y2027?.source).toContain('Gazette of 2026');
    // No G.N. number is invented: the source says it is to be confirmed.
    expect(y2027?.source).toContain('G.N. number to be confirmed');
    expect(HK_GENERAL_HOLIDAYS_VERSION).toBe('hk-gazette-2029.2');
    expect(generalHolidaysOf(2027)).toHaveLength(17);
    expect(generalHolidaysOf(2023)).toHaveLength(17);
    expect(() => generalHolidaysOf(2030)).toThrow(CalendarCoverageError);
  });

  it('when a holiday falls on Sunday, then its substitute is listed on the next day that is no holiday', () => {
    // Birthday of the Buddha 2026 is Sunday 24 May; Chung Yeung 2026 is Sunday 18 October.
    expect(isGeneralHoliday('2026-05-24')).toBe('Sunday');
    expect(isGeneralHoliday('2026-05-25')).toBe('The day following the Birthday of the Buddha');
    expect(isGeneralHoliday('2026-10-19')).toBe('The day following Chung Yeung Festival');
    // 2024 and 2027: the second day of Lunar New Year is a Sunday, so the fourth day is a holiday.
    expect(isGeneralHoliday('2024-02-13')).toBe('The fourth day of Lunar New Year');
    expect(isGeneralHoliday('2027-02-09')).toBe('The fourth day of Lunar New Year');
    // 2027: Christmas Day is a Saturday and 26 December a Sunday, so the first weekday after it is Monday 27 December.
    expect(isGeneralHoliday('2027-12-25')).toBe('Christmas Day');
    expect(isGeneralHoliday('2027-12-26')).toBe('Sunday');
    expect(isGeneralHoliday('2027-12-27')).toBe('The first weekday after Christmas Day');
    expect(isGeneralHoliday('2027-02-06')).toBe("Lunar New Year's Day");
    expect(isGeneralHoliday('2027-02-07')).toBe('Sunday');
    // 2023: the first day of January and National Day are Sundays; 2029: the day following Mid-Autumn is one.
    expect(isGeneralHoliday('2023-01-02')).toBe('The day following the first day of January');
    expect(isGeneralHoliday('2023-10-02')).toBe('The day following National Day');
    expect(isGeneralHoliday('2029-09-24')).toBe('The second day following the Chinese Mid-Autumn Festival');
    expect(isGeneralHoliday('2029-07-02')).toBe('The day following Hong Kong Special Administrative Region Establishment Day');
    // A Saturday holiday has no substitute: 1 July 2028 is a Saturday, 3 July an ordinary Monday.
    expect(isGeneralHoliday('2028-07-01')).toBe('Hong Kong Special Administrative Region Establishment Day');
    expect(isGeneralHoliday('2028-07-03')).toBeNull();
  });
});

describe('calendar values and closure days', () => {
  it('when created without closures, then it is on this code’s holiday list at closures version 0', () => {
    const calendar = createCalendar();
    expect(calendar).toEqual({ holidaysVersion: 'hk-gazette-2029.2', closures: [], closuresVersion: 0 });
    expect(calendarVersion(calendar)).toBe('hk-gazette-2029.2+closures.0');
    expect(CALENDAR_COVERAGE).toEqual({ from: '2023-01-01', to: '2029-12-31' });
  });

  it('when closures are declared one by one, then each bumps the version and the list stays sorted', () => {
    let calendar = createCalendar();
    calendar = declareClosure(calendar, { date: '2026-09-15', reason: 'gale warning (signal No. 8)' });
    calendar = declareClosure(calendar, { date: '2026-07-20', reason: 'black rainstorm warning' });
    expect(calendar.closures.map((c) => c.date)).toEqual(['2026-07-20', '2026-09-15']);
    expect(calendarVersion(calendar)).toBe('hk-gazette-2029.2+closures.2');
    // The same declaration again (a repeated signal) changes nothing.
    expect(declareClosure(calendar, { date: '2026-07-20', reason: 'black rainstorm warning' })).toBe(calendar);
    // A different reason for the same day is a correction: replaced, version bumped.
    const corrected = declareClosure(calendar, { date: '2026-07-20', reason: 'gale warning' });
    expect(corrected.closures).toHaveLength(2);
    expect(corrected.closures[0]).toEqual({ date: '2026-07-20', reason: 'gale warning' });
    expect(corrected.closuresVersion).toBe(3);
  });

  it('when the calendar goes through JSON, then it comes back equal and still valid', () => {
    const calendar = createCalendar([{ date: '2026-07-20', reason: 'black rainstorm warning' }]);
    const copy = JSON.parse(JSON.stringify(calendar)) as CourtCalendar;
    expect(copy).toEqual(calendar);
    expect(() => validateCalendar(copy)).not.toThrow();
    expect(calendarVersion(copy)).toBe('hk-gazette-2029.2+closures.1');
  });

  it('when a closure has an impossible date, no reason, a date outside coverage or a duplicate, then it is rejected', () => {
    expect(() => createCalendar([{ date: '2026-02-30', reason: 'black rainstorm warning' }])).toThrow(InvalidClosureError);
    expect(() => createCalendar([{ date: '2026-7-20', reason: 'black rainstorm warning' }])).toThrow(InvalidClosureError);
    expect(() => createCalendar([{ date: '2026-07-20', reason: '   ' }])).toThrow(InvalidClosureError);
    expect(() => createCalendar([{ date: '2030-07-20', reason: 'gale warning' }])).toThrow(InvalidClosureError);
    expect(() =>
      createCalendar([
        { date: '2026-07-20', reason: 'gale warning' },
        { date: '2026-07-20', reason: 'black rainstorm warning' },
      ]),
    ).toThrow(/declared twice/);
    expect(() => declareClosure(createCalendar(), { date: '2026-02-30', reason: 'gale warning' })).toThrow(
      InvalidClosureError,
    );
  });

  it('when a calendar is on a holiday list this code does not know, or malformed, then it is refused', () => {
    const other: CourtCalendar = { holidaysVersion: 'hk-gazette-2027.3', closures: [], closuresVersion: 0 };
    expect(() => validateCalendar(other)).toThrow(InvalidCalendarError);
    expect(() => validateCalendar({ ...createCalendar(), closuresVersion: -1 })).toThrow(InvalidCalendarError);
    expect(() =>
      validateCalendar({ ...createCalendar(), closures: [{ date: '2026-07-20', reason: 'gale warning' }], closuresVersion: 0 }),
    ).toThrow(InvalidCalendarError);
  });
});

describe('closedReason under the two policies', () => {
  const calendar = createCalendar([
    { date: '2026-07-20', reason: 'black rainstorm warning' },
    { date: '2026-10-02', reason: 'gale warning (signal No. 8)' },
  ]);

  it('when the day is a plain Saturday, then only the registry policy treats it as closed', () => {
    expect(closedReason(calendar, '2026-12-19', 'statutory')).toBeNull();
    expect(closedReason(calendar, '2026-12-19', 'registry')).toBe('Saturday (registry closed)');
  });

  it('when a Saturday is also a general holiday, then the holiday is the reason under both policies', () => {
    expect(closedReason(calendar, '2026-12-26', 'statutory')).toBe('The first weekday after Christmas Day');
    expect(closedReason(calendar, '2026-12-26', 'registry')).toBe('The first weekday after Christmas Day');
  });

  it('when the day is a declared closure, then it is closed under both policies with the declared reason', () => {
    expect(closedReason(calendar, '2026-07-20', 'statutory')).toBe('black rainstorm warning');
    expect(closedReason(calendar, '2026-07-20', 'registry')).toBe('black rainstorm warning');
    expect(closedReason(calendar, '2026-07-21', 'registry')).toBeNull();
  });

  it('when a closure follows a holiday, then the next open day depends on the policy', () => {
    // Thu 1 Oct 2026 National Day, Fri 2 Oct gale warning, Sat 3 Oct, Sun 4 Oct.
    expect(openDayOnOrAfter(calendar, '2026-10-01', 'statutory')).toBe('2026-10-03');
    expect(openDayOnOrAfter(calendar, '2026-10-01', 'registry')).toBe('2026-10-05');
  });
});
