/**
 * The Small Claims Tribunal's monetary limit as dated data (Cap. 338 Schedule
 * para 1 and para 2(b); s.9(1) and s.10(3) refer to "the amount in paras 1 and 2").
 *
 * The limit is a rule with an effective date, not a constant: the Legislative
 * Council may amend the Schedule by resolution (s.6), and has done so. The
 * limit that applies to a claim is the one in force on the day it is filed.
 *
 * What the seed text (seeds/004, an older Chinese consolidation) establishes:
 * - Schedule paras 1 and 2(b) read "$50000", with the amending history
 *   "L.N. 81 of 1982; 14 of 1986 s.11; 49 of 1988 s.2; 28 of 1999 s.17". The
 *   last change to the figure is therefore Ord. No. 28 of 1999 s.17.
 * - The seed does not print the Schedule's own commencement date, but every
 *   other section amended by Ord. No. 28 of 1999 (s.7, s.10, s.11, s.15, s.26A,
 *   s.27, s.27A, s.35, s.35A) carries "L.N. 257 of 1999, 19/10/1999". We take
 *   19 October 1999 as the date the $50,000 figure took effect. (A 2017 LegCo
 *   reply, LCQ17 of 15 February 2017, also says the limit "was set at $50,000
 *   in 1999".)
 * - The only later amendment the seed shows (Ord. No. 3 of 2008 s.6, the civil
 *   justice reform amendments, in force in 2009; the date is not in the seed)
 *   changed the proviso: it added para 1(f) and amended para 1(e). It did not
 *   change the figure, so it is not an entry here: the $50,000 dates from the
 *   1999 amendment, not from 2009.
 * - Earlier figures: the seed shows that the figure was amended in 1982, 1986
 *   and 1988 but not what it was or when each change commenced (LegCo paper
 *   CB(2)2180/98-99 says the 1999 change was "from $15,000 to $50,000", with
 *   no commencement date for the $15,000). We cannot justify dated entries
 *   for them, so none are recorded, and a filing date before the first entry
 *   is an explicit error rather than a guess.
 *
 * The HK$75,000 limit is not in the seed: it comes from the LegCo resolution
 * of 27 June 2018 amending the Schedule under s.6, brought into force on
 * 3 December 2018 by the Chief Justice's commencement notice (gazetted
 * 6 July 2018). It applies to claims filed on or after that day.
 *
 * Pure and deterministic: safe inside workflows.
 */
import { isIsoDate } from '../calendar/iso-date';
import type { IsoDate } from '../calendar/iso-date';

export interface MonetaryLimitEntry {
  /** First filing date (inclusive) on which this limit applies. */
  readonly effectiveFrom: IsoDate;
  /** The limit in HK cents; a claim of exactly this amount is within it ("不超過"). */
  readonly limitCents: number;
  /** Where the figure and the date come from. */
  readonly source: string;
}

/** Oldest first. `monetaryLimitOn` relies on this order. */
export const MONETARY_LIMITS: readonly MonetaryLimitEntry[] = [
  {
    effectiveFrom: '1999-10-19',
    limitCents: 5_000_000,
    source:
      'Cap. 338 Schedule paras 1 and 2(b) ("$50000"), as amended by Ord. No. 28 of 1999 s.17; ' +
      'commencement 19 October 1999 inferred from L.N. 257 of 1999, which the seed shows for the ' +
      "same Ordinance's other amendments",
  },
  {
    effectiveFrom: '2018-12-03',
    limitCents: 7_500_000,
    source:
      'Cap. 338 Schedule paras 1 and 2(b) ("$75000"), as amended by LegCo resolution of ' +
      '27 June 2018 under s.6; commencement 3 December 2018 appointed by the Chief Justice',
  },
];

export type MonetaryLimitLookup =
  | { readonly ok: true; readonly limitCents: number; readonly entry: MonetaryLimitEntry }
  | {
      readonly ok: false;
      readonly code: 'filing-date-invalid' | 'filing-date-before-limit-table';
      readonly message: string;
    };

/**
 * The monetary limit in force for a claim filed on `filedOn`: the last entry
 * whose `effectiveFrom` is on or before that date. Returns an error (never
 * throws, so a workflow can branch on it) for a malformed date or a date
 * before the first recorded entry.
 */
export function monetaryLimitOn(
  filedOn: IsoDate,
  limits: readonly MonetaryLimitEntry[] = MONETARY_LIMITS,
): MonetaryLimitLookup {
  if (!isIsoDate(filedOn)) {
    return {
      ok: false,
      code: 'filing-date-invalid',
      message: `The filing date ${JSON.stringify(filedOn)} is not a calendar date in the form YYYY-MM-DD.`,
    };
  }
  let found: MonetaryLimitEntry | undefined;
  // ISO dates compare correctly as strings.
  for (const entry of limits) {
    if (entry.effectiveFrom <= filedOn) found = entry;
  }
  if (found === undefined) {
    const first = limits[0];
    return {
      ok: false,
      code: 'filing-date-before-limit-table',
      message:
        first === undefined
          ? 'No monetary limit is recorded for any date.'
          : `No monetary limit is recorded for a claim filed on ${filedOn}; ` +
            `the earliest recorded limit applies from ${first.effectiveFrom} (Cap. 338 Schedule para 1).`,
    };
  }
  return { ok: true, limitCents: found.limitCents, entry: found };
}

/** True for an amount the claim form can state: a whole, positive number of cents (s.13(c)). */
export function isPositiveCents(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0;
}

/** `HK$75,000.00`: money is written one way everywhere (domain/money.ts). */
export { formatHkd } from '../money';
