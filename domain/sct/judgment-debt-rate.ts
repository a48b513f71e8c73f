/**
 * The rate of interest on judgment debts, as dated data (Cap. 338 s.33(4)).
 *
 * s.33(4) fixes the rate for both kinds of s.33 interest (on the claim up to
 * the award, s.33(1); on the sum awarded until it is paid, s.33(3)) as "the
 * rate applicable from time to time to judgment debts under section 50 of the
 * District Court Ordinance (Cap. 336)". That rate is determined by the Chief
 * Justice and published by the Judiciary; it changes by notice, so it is a
 * table of rates with the first day each applies, like the monetary limit,
 * and interest over a period that spans a change is computed piece by piece.
 *
 * Keep this table current from the Judiciary's published rates: a new rate is
 * a new entry (never an edit of an old one, which would change what earlier
 * balances were). An entry marked `confirmed: false` is the figure in force
 * as publicly reported, awaiting the notice that fixed it.
 *
 * Pure and deterministic: safe inside workflows.
 */
import { addDays, daysBetween, type IsoDate } from '../calendar';

export interface JudgmentDebtRate {
  /** First day (inclusive) on which the rate applies. */
  readonly from: IsoDate;
  /** Percent a year, simple interest. */
  readonly ratePercent: number;
  readonly source: string;
  /** False while the figure rests on public reports rather than the notice that fixed it. */
  readonly confirmed: boolean;
}

/** Oldest first. */
export const JUDGMENT_DEBT_RATES: readonly JudgmentDebtRate[] = [
  {
    from: '2009-07-01',
    ratePercent: 8,
    source:
      'District Court Ordinance (Cap. 336) s.50(1)(b), rate determined by the Chief Justice; 8% a year, as reported in force ' +
      'in Lo Yuk Sui v Fubon Bank (Hong Kong) Ltd (2017, "the judgment rate (currently 8%)"); start date as the Judiciary lists it',
    confirmed: false,
  },
];

/** Interest is simple and by the day: a year's rate over 365 days (leap years included), as judgment interest is computed. */
export const DAYS_IN_YEAR = 365;

/** The rate in force on `date`, or null before the first entry. */
export function judgmentDebtRateOn(date: IsoDate, rates: readonly JudgmentDebtRate[] = JUDGMENT_DEBT_RATES): JudgmentDebtRate | null {
  let found: JudgmentDebtRate | null = null;
  for (const rate of rates) if (rate.from <= date) found = rate;
  return found;
}

/** One stretch of days at one rate. */
export interface InterestPiece {
  /** First and last day of interest (inclusive). */
  from: IsoDate;
  to: IsoDate;
  days: number;
  ratePercent: number;
  onCents: number;
  /** Exact, in fractional cents; rounded only when a sum is shown or paid. */
  cents: number;
}

/**
 * Simple interest on `onCents` for each day after `start` up to and including
 * `end` (Cap. 1 s.71(1)(a): the day of the event is not counted), at the rate
 * in force on each day.
 */
export function interestPieces(onCents: number, start: IsoDate, end: IsoDate, rates: readonly JudgmentDebtRate[] = JUDGMENT_DEBT_RATES): InterestPiece[] {
  if (onCents <= 0 || end <= start) return [];
  const pieces: InterestPiece[] = [];
  let from = addDays(start, 1);
  while (from <= end) {
    const rate = judgmentDebtRateOn(from, rates);
    const next = rates.find((r) => r.from > from);
    const to = next && next.from <= end ? addDays(next.from, -1) : end;
    const days = daysBetween(from, to) + 1;
    const ratePercent = rate?.ratePercent ?? 0;
    pieces.push({ from, to, days, ratePercent, onCents, cents: (onCents * ratePercent * days) / (100 * DAYS_IN_YEAR) });
    from = addDays(to, 1);
  }
  return pieces;
}
