/**
 * Cross-check of the checked-in Hong Kong general holidays against the
 * `date-holidays` package (devDependency, used only here). The checked-in list
 * is the law for courtflow; the package is an independent computation of the
 * same Cap. 149 rules (lunar dates, Ching Ming, Easter, Sunday substitutes).
 *
 * Every difference must be listed in KNOWN_DIFFERENCES with its explanation,
 * so a new one (a corrected Gazette entry, a package update) fails this test
 * and is looked at by a person. At date-holidays 3.37.0 there is none: the two
 * agree on every date and, through the name table below, on every name.
 */
import Holidays from 'date-holidays';
import { HK_GENERAL_HOLIDAYS, type GeneralHoliday } from '../../domain/calendar';

/** date-holidays names Hong Kong holidays in Chinese; the Gazette's English names for them. */
const ENGLISH_NAME: Readonly<Record<string, string>> = {
  一月一日: 'The first day of January',
  一月一日翌日: 'The day following the first day of January',
  農曆年初一: "Lunar New Year's Day",
  農曆年初二: 'The second day of Lunar New Year',
  農曆年初三: 'The third day of Lunar New Year',
  農曆年初四: 'The fourth day of Lunar New Year',
  耶穌受難節: 'Good Friday',
  耶穌受難節翌日: 'The day following Good Friday',
  復活節星期一: 'Easter Monday',
  復活節星期一翌日: 'The day following Easter Monday',
  清明節: 'Ching Ming Festival',
  清明節翌日: 'The day following Ching Ming Festival',
  勞動節: 'Labour Day',
  佛誕: 'The Birthday of the Buddha',
  佛誕翌日: 'The day following the Birthday of the Buddha',
  端午節: 'Tuen Ng Festival',
  端午節翌日: 'The day following Tuen Ng Festival',
  香港特別行政區成立紀念日: 'Hong Kong Special Administrative Region Establishment Day',
  香港特別行政區成立紀念日翌日: 'The day following Hong Kong Special Administrative Region Establishment Day',
  中秋節翌日: 'The day following the Chinese Mid-Autumn Festival',
  中秋節後第二日: 'The second day following the Chinese Mid-Autumn Festival',
  國慶日: 'National Day',
  國慶日翌日: 'The day following National Day',
  重陽節: 'Chung Yeung Festival',
  重陽節翌日: 'The day following Chung Yeung Festival',
  聖誕節: 'Christmas Day',
  聖誕節後第一個周日: 'The first weekday after Christmas Day',
};

interface Difference {
  date: string;
  /** What the checked-in list says (null: not a listed holiday). */
  ours: string | null;
  /** What date-holidays says, in English through ENGLISH_NAME (null: no public holiday). */
  theirs: string | null;
  /** Why the checked-in list is right. */
  explanation?: string;
}

/**
 * Known, explained differences (the checked-in list wins). Add an entry only
 * with the Gazette reference that justifies it, e.g.
 * `{ date, ours, theirs, explanation: 'Gazette G.N. … lists …; date-holidays …' }`.
 */
const KNOWN_DIFFERENCES: readonly Difference[] = [];

function theirHolidays(year: number): GeneralHoliday[] {
  const hd = new Holidays('HK');
  return hd
    .getHolidays(year)
    .filter((h) => h.type === 'public')
    .map((h) => ({ date: h.date.slice(0, 10), name: ENGLISH_NAME[h.name] ?? `untranslated: ${h.name}` }));
}

function differences(year: number, ours: readonly GeneralHoliday[]): Difference[] {
  const theirs = theirHolidays(year);
  const dates = [...new Set([...ours, ...theirs].map((h) => h.date))].sort();
  const out: Difference[] = [];
  for (const date of dates) {
    const a = ours.find((h) => h.date === date)?.name ?? null;
    const b = theirs.find((h) => h.date === date)?.name ?? null;
    if (a !== b) out.push({ date, ours: a, theirs: b });
  }
  return out;
}

describe('the checked-in holidays against date-holidays', () => {
  it.each(HK_GENERAL_HOLIDAYS.map((y) => [y.year, y] as const))(
    'when %i is compared, then the only differences are the known, explained ones',
    (year, entry) => {
      const known = KNOWN_DIFFERENCES.filter((d) => d.date.startsWith(`${year}-`)).map(({ date, ours, theirs }) => ({
        date,
        ours,
        theirs,
      }));
      expect(differences(year, entry.holidays)).toEqual(known);
    },
  );

  it('when a known difference is listed, then it carries an explanation', () => {
    for (const d of KNOWN_DIFFERENCES) expect(d.explanation?.length ?? 0).toBeGreaterThan(20);
  });

  it('when the list is tampered with, then the cross-check reports each change (negative control)', () => {
    const real = HK_GENERAL_HOLIDAYS.find((y) => y.year === 2026)?.holidays ?? [];
    const tampered = real
      .filter((h) => h.date !== '2026-12-26')
      .map((h) => (h.date === '2026-04-07' ? { date: '2026-04-07', name: 'Easter Monday' } : h))
      .concat([{ date: '2026-12-28', name: 'The first weekday after Christmas Day' }]);
    expect(differences(2026, tampered)).toEqual([
      { date: '2026-04-07', ours: 'Easter Monday', theirs: 'The day following Easter Monday' },
      { date: '2026-12-26', ours: null, theirs: 'The first weekday after Christmas Day' },
      { date: '2026-12-28', ours: 'The first weekday after Christmas Day', theirs: null },
    ]);
  });
});
