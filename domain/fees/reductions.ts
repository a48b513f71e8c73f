/**
 * The iCMS concession as dated data: for items "mainly or directly related to
 * using iCMS", a filing through iCMS pays 80% of the fee (a 20% reduction)
 * during a concessionary period that begins on the first day iCMS could be
 * used in that court (seeds/000: 「可按现行费用水平享有为期五年的八折宽减」, for the District Court and
 * the summons courts of the Magistrates' Courts).
 *
 * The rules, each made by the Chief Justice under the Court Proceedings
 * (Electronic Technology) Ordinance (Cap. 638) s.29, say it the same way:
 * during the "concessionary period" the e-fee is "an amount equivalent to 80%"
 * of the ordinary fee for the item, and the concessionary period is "the
 * period of N years beginning on the earliest date specified under section
 * 32(2) of the Ordinance in relation to" the court (the first implementation
 * notice). After it the e-fee is the ordinary fee.
 *
 * - District Court: Cap. 638E (definition as amended by L.N. 188 of 2022), 5 years.
 * - Magistrates' Courts (the summons courts, where iCMS runs): Cap. 638F
 *   (definition as amended by L.N. 189 of 2022), 5 years.
 * - High Court: Cap. 638K, in operation from 30 June 2025, 3 years. Not in
 *   the 2022 brochure (seeds/000), but the same rule for the same kind of
 *   filing, so a High Court writ filed through iCMS in that period is quoted
 *   with it.
 *
 * The Small Claims Tribunal has its own 3-year concession, announced when
 * iCMS opened for its bulk claims on 31 October 2024; it is not recorded,
 * since no Small Claims Tribunal fee is.
 *
 * The rules do not say how 80% of a fee is rounded; fees are whole dollars in
 * practice, so this only matters for odd cents. This project rounds the e-fee
 * to the nearest cent, half a cent up (`concessionaryFee`).
 *
 * Pure and deterministic: safe inside workflows.
 */
import { addDays, isIsoDate, type IsoDate } from '../calendar';
import type { CourtLevel } from '../inbox/terms';

export interface IcmsConcession {
  readonly courtLevel: CourtLevel;
  /** The first day of the concessionary period: the earliest date iCMS may be used in that court (Cap. 638 s.32(2)). */
  readonly from: IsoDate;
  /** Length of the period, in years, from `from` (inclusive). */
  readonly years: number;
  /** Percentage of the fee payable during the period. */
  readonly percentPayable: number;
  /** The rule that grants it, named in every quote it reduces. */
  readonly rule: string;
  /** Where the rule and the start date come from. */
  readonly source: string;
  /** False while the start date rests on announcements rather than the implementation notice. */
  readonly confirmed: boolean;
}

/** One concession per court level; oldest first. */
export const ICMS_CONCESSIONS: readonly IcmsConcession[] = [
  {
    courtLevel: 'district-court',
    from: '2022-05-06',
    years: 5,
    percentPayable: 80,
    rule: 'Court Proceedings (Electronic Technology) (District Court) (Electronic Fees) Rules (Cap. 638E)',
    source:
      'Cap. 638E: e-fee of 80% of the District Court civil fee during the concessionary period, "the period of 5 years beginning on the earliest date ' +
      'specified under section 32(2) of the Ordinance in relation to the District Court" (L.N. 188 of 2022). Start date NOT CONFIRMED: the Judiciary ' +
      'announced the launch for District Court personal injuries actions and tax claims "today (May 6)", year 2022 inferred from its July 2022 ' +
      'announcement ("first implemented ... in May this year"); check the first District Court implementation notice in the Gazette',
    confirmed: false,
  },
  {
    courtLevel: 'magistrates-courts',
    from: '2022-12-30',
    years: 5,
    percentPayable: 80,
    rule: "Court Proceedings (Electronic Technology) (Magistrates' Court) (Electronic Fees) Rules (Cap. 638F)",
    source:
      'Cap. 638F (in operation 21 December 2022, L.N. 190 of 2022): e-fee of 80% of the Magistrates\' Court fee during the concessionary period, "the ' +
      'period of 5 years beginning on the earliest date specified under section 32(2) of the Ordinance in relation to the Magistrates\' Court" ' +
      "(L.N. 189 of 2022); the Judiciary's e-Courts FAQ: iCMS implemented in the Summons Courts of the Magistrates' Courts with effect from 30 December 2022",
    confirmed: true,
  },
  {
    courtLevel: 'high-court',
    from: '2025-06-30',
    years: 3,
    percentPayable: 80,
    rule: 'Court Proceedings (Electronic Technology) (High Court) (Electronic Fees) Rules (Cap. 638K)',
    source:
      'Cap. 638K (in operation 30 June 2025): e-fee of 80% of the general fee during the concessionary period, "the period of 3 years beginning on the ' +
      'earliest date specified under section 32(2) of the Ordinance in relation to the High Court"; the Judiciary\'s announcement of 23 June 2025: ' +
      'iCMS extended to the High Court, beginning with civil appeal cases, from 30 June 2025',
    confirmed: true,
  },
];

/**
 * The day a period of `years` years beginning on `from` has run its course:
 * the same day of the month `years` later (for 29 February in a year with
 * none, 1 March, so the period still ends on 28 February).
 */
function anniversary(from: IsoDate, years: number): IsoDate {
  const year = String(Number(from.slice(0, 4)) + years).padStart(4, '0');
  const sameDay = `${year}${from.slice(4)}`;
  return isIsoDate(sameDay) ? sameDay : `${year}-03-01`;
}

/** The last day of the concessionary period (inclusive): the day before its anniversary. */
export function lastDayOf(concession: IcmsConcession): IsoDate {
  return addDays(anniversary(concession.from, concession.years), -1);
}

export type ConcessionOnDate =
  | { readonly applies: true; readonly concession: IcmsConcession; readonly lastDay: IsoDate }
  | { readonly applies: false; readonly why: 'no-concession'; readonly concession: null }
  | { readonly applies: false; readonly why: 'not-yet-begun' | 'ended'; readonly concession: IcmsConcession; readonly lastDay: IsoDate };

/** Whether a filing made on `on` in `courtLevel` falls inside that court's concessionary period. */
export function concessionOn(courtLevel: CourtLevel, on: IsoDate, concessions: readonly IcmsConcession[] = ICMS_CONCESSIONS): ConcessionOnDate {
  const concession = concessions.find((c) => c.courtLevel === courtLevel);
  if (!concession) return { applies: false, why: 'no-concession', concession: null };
  const lastDay = lastDayOf(concession);
  // ISO dates compare correctly as strings.
  if (on < concession.from) return { applies: false, why: 'not-yet-begun', concession, lastDay };
  if (on > lastDay) return { applies: false, why: 'ended', concession, lastDay };
  return { applies: true, concession, lastDay };
}

/**
 * The e-fee during the concessionary period: `percentPayable`% of the fee,
 * to the nearest cent, half a cent up. Integer arithmetic, so never more
 * than the fee and never below zero.
 */
export function concessionaryFee(feeCents: number, percentPayable: number): number {
  if (!Number.isSafeInteger(feeCents) || feeCents < 0) throw new RangeError(`a fee is a whole, non-negative number of cents, got ${feeCents}`);
  if (!Number.isInteger(percentPayable) || percentPayable < 0 || percentPayable > 100) throw new RangeError(`a percentage payable is 0 to 100, got ${percentPayable}`);
  return Math.floor((feeCents * percentPayable + 50) / 100);
}
