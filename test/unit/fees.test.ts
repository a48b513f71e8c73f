/**
 * Court fees as dated data (domain/fees): the table, the iCMS concession over
 * its period, the legal aid exemption, and the quote that puts them together.
 */
import fc from 'fast-check';
import { addDays, InvalidIsoDateError } from '../../domain/calendar';
import {
  concessionaryFee,
  concessionOn,
  FEE_SCHEDULE,
  ICMS_CONCESSIONS,
  lastDayOf,
  LEGAL_AID_EXEMPTION,
  quoteFees,
  type FeeEntry,
  type FeeQuoteRequest,
  type FeeTables,
  type IcmsConcession,
} from '../../domain/fees';
import { DOCUMENT_TYPES, FILING_PURPOSES, type DocumentType, type FilingPurpose } from '../../domain/inbox/terms';

const concessionFor = (courtLevel: IcmsConcession['courtLevel']) => {
  const found = ICMS_CONCESSIONS.find((c) => c.courtLevel === courtLevel);
  if (!found) throw new Error(`no concession for ${courtLevel}`);
  return found;
};
const DC = concessionFor('district-court');

/** Stage B of filing a writ of execution (seeds/003): the writ for sealing, a praecipe and a letter for filing. */
const stageB = (overrides: Partial<FeeQuoteRequest> = {}): FeeQuoteRequest => ({
  courtLevel: 'district-court',
  documents: [
    { type: 'writ-of-fieri-facias', purpose: 'for-sealing' },
    { type: 'praecipe', purpose: 'for-filing' },
    { type: 'letter', purpose: 'for-filing' },
  ],
  on: '2026-03-02',
  legallyAided: false,
  ...overrides,
});

const writFee = (on: string) => {
  const line = quoteFees(stageB({ on, documents: [{ type: 'writ-of-possession', purpose: 'for-sealing' }] })).lines[0];
  if (!line?.recorded) throw new Error(`no recorded fee on ${on}`);
  return line;
};

describe('the fee table as dated data', () => {
  it('when the table is read, then each item is oldest first, and every entry is whole cents with its rule and source', () => {
    const items = new Map<string, FeeEntry[]>();
    for (const e of FEE_SCHEDULE) {
      const key = `${e.courtLevel}/${e.documentType}/${e.purpose}`;
      items.set(key, [...(items.get(key) ?? []), e]);
    }
    expect(items.size).toBeGreaterThan(0);
    for (const [key, entries] of items) {
      const froms = entries.map((e) => e.effectiveFrom);
      expect([key, froms]).toEqual([key, [...froms].sort()]);
    }
    for (const e of FEE_SCHEDULE) {
      expect(Number.isSafeInteger(e.amountCents) && e.amountCents >= 0).toBe(true);
      expect(e.rule).toMatch(/\(Cap\. (336C|4D)\)/);
      expect(e.source.length).toBeGreaterThan(20);
    }
  });

  it('when a figure is not confirmed, then its source says so and where to check it', () => {
    for (const e of FEE_SCHEDULE.filter((entry) => !entry.confirmed)) expect(e.source).toMatch(/not confirmed/i);
    for (const c of ICMS_CONCESSIONS.filter((entry) => !entry.confirmed)) expect(c.source).toMatch(/not confirmed/i);
    expect(LEGAL_AID_EXEMPTION.confirmed).toBe(false);
    expect(LEGAL_AID_EXEMPTION.source).toMatch(/not confirmed/i);
  });

  it('when a praecipe or a letter is filed, or a draft submitted for approval, then "no fee" is a recorded entry with its source, not a gap', () => {
    const zero: [FeeEntry['courtLevel'], DocumentType, FilingPurpose][] = [
      ['district-court', 'praecipe', 'for-filing'],
      ['district-court', 'letter', 'for-filing'],
      ['district-court', 'praecipe', 'for-approval-of-draft'],
      ['district-court', 'writ-of-fieri-facias', 'for-approval-of-draft'],
      ['high-court', 'praecipe', 'for-approval-of-draft'],
      ['high-court', 'writ-of-possession', 'for-approval-of-draft'],
    ];
    for (const [courtLevel, type, purpose] of zero) {
      const [line] = quoteFees({ courtLevel, documents: [{ type, purpose }], on: '2026-03-02', legallyAided: false }).lines;
      expect([courtLevel, type, purpose, line?.recorded, line?.amountCents]).toEqual([courtLevel, type, purpose, true, 0]);
      expect(line?.source).toMatch(/seeds\/003/);
    }
  });

  it('when Stage A of a High Court writ is quoted (draft for approval), then nothing is payable, there is no payment step, and the figures are confirmed', () => {
    const quote = quoteFees({
      courtLevel: 'high-court',
      documents: [
        { type: 'writ-of-fieri-facias', purpose: 'for-approval-of-draft' },
        { type: 'praecipe', purpose: 'for-approval-of-draft' },
      ],
      on: '2026-03-02',
      legallyAided: false,
    });
    expect(quote).toMatchObject({ totalCents: 0, payableCents: 0, complete: true, confirmed: true, paymentRequired: false });
    expect(quote.explanation).toMatch(/no payment step/);
  });
});

describe('the iCMS concession over its period', () => {
  it('when the periods are read, then the District Court and the summons courts have 80% payable for five years from their first iCMS day', () => {
    expect(DC).toMatchObject({ from: '2022-05-06', years: 5, percentPayable: 80 });
    expect(lastDayOf(DC)).toBe('2027-05-05');
    const mc = concessionFor('magistrates-courts');
    expect(mc).toMatchObject({ from: '2022-12-30', years: 5, percentPayable: 80 });
    expect(lastDayOf(mc)).toBe('2027-12-29');
    expect(lastDayOf(concessionFor('high-court'))).toBe('2028-06-29');
  });

  it('when a filing is on the first or the last day of the five years, then the concession applies; the day before or after, it does not', () => {
    const last = lastDayOf(DC);
    expect(concessionOn('district-court', DC.from)).toMatchObject({ applies: true, lastDay: last });
    expect(concessionOn('district-court', last)).toMatchObject({ applies: true });
    expect(concessionOn('district-court', addDays(DC.from, -1))).toMatchObject({ applies: false, why: 'not-yet-begun' });
    expect(concessionOn('district-court', addDays(last, 1))).toMatchObject({ applies: false, why: 'ended' });
    expect(concessionOn('small-claims-tribunal', '2026-03-02')).toMatchObject({ applies: false, why: 'no-concession' });
  });

  it('when a District Court writ is sealed on the last day, then 80% is payable; on the next day, the full fee', () => {
    const inside = writFee('2027-05-05');
    expect(inside).toMatchObject({ amountCents: 63_000, reductionCents: 12_600, netCents: 50_400 });
    expect(inside.concession).toMatchObject({ from: '2022-05-06', lastDay: '2027-05-05', percentPayable: 80 });
    expect(inside.explanation).toMatch(/inside the concessionary period .*Cap\. 638E/);
    const after = writFee('2027-05-06');
    expect(after).toMatchObject({ amountCents: 63_000, reductionCents: 0, netCents: 63_000, concession: null });
    expect(after.explanation).toMatch(/after the concessionary period ended .*the full fee is payable/);
    expect(writFee(DC.from)).toMatchObject({ netCents: 50_400 });
  });

  it('when a period begins on 29 February, then five years later it ends on 28 February', () => {
    expect(lastDayOf({ ...DC, from: '2024-02-29' })).toBe('2029-02-28');
    expect(lastDayOf({ ...DC, from: '2024-02-28', years: 4 })).toBe('2028-02-27');
  });
});

describe('a legally aided party', () => {
  it('when the party is legally aided, then nothing is payable, there is no payment step, and the quote says why', () => {
    const quote = quoteFees(stageB({ legallyAided: true }));
    expect(quote).toMatchObject({ legallyAided: true, totalCents: 50_400, payableCents: 0, paymentRequired: false });
    expect(quote.exemption?.rule).toMatch(/Legal Aid Ordinance \(Cap\. 91\)/);
    expect(quote.exemption?.reason).toMatch(/legally aided/);
    expect(quote.explanation).toMatch(/Nothing is payable and there is no payment step: the party is legally aided.*Cap\. 91/);
  });

  it('when the party is not legally aided, then the same filing has a payment step for the total', () => {
    expect(quoteFees(stageB())).toMatchObject({ totalCents: 50_400, payableCents: 50_400, paymentRequired: true, exemption: null, complete: true });
  });
});

describe('a document with no fee recorded', () => {
  it('when a combination has no entry, then its line names it and says no fee is recorded, and the quote is incomplete, not zero', () => {
    const quote = quoteFees({ courtLevel: 'small-claims-tribunal', documents: [{ type: 'praecipe', purpose: 'for-sealing' }], on: '2026-03-02', legallyAided: false });
    expect(quote.lines).toEqual([
      expect.objectContaining({ recorded: false, amountCents: null, netCents: null, rule: null, confirmed: false }),
    ]);
    expect(quote.lines[0]?.explanation).toBe(
      'No fee recorded for a Praecipe for sealing in the Small Claims Tribunal on 2026-03-02: the fee table has no entry for it, so this quote cannot say what the registry will charge for it.',
    );
    expect(quote).toMatchObject({ totalCents: 0, complete: false, confirmed: false, paymentRequired: true });
  });

  it('when the date is before the first entry for the item, then the line says from when it is recorded', () => {
    const [line] = quoteFees(stageB({ on: '2021-12-31', documents: [{ type: 'writ-of-delivery', purpose: 'for-sealing' }] })).lines;
    expect(line).toMatchObject({ recorded: false });
    expect(line?.explanation).toMatch(/records it only from 2022-05-06/);
  });

  it('when the filing date is not a calendar date, then the quote is refused naming the field', () => {
    expect(() => quoteFees(stageB({ on: '2026-02-30' }))).toThrow(InvalidIsoDateError);
    expect(() => quoteFees(stageB({ on: '2026-02-30' }))).toThrow(/^on "2026-02-30"/);
  });
});

describe('amounts', () => {
  /** One District Court item at `amountCents`, with the real concession. */
  const oneItem = (amountCents: number): FeeTables => ({
    schedule: [
      { courtLevel: 'district-court', documentType: 'summons', purpose: 'for-filing', effectiveFrom: '2022-05-06', amountCents, rule: 'a rule', source: 'a source', confirmed: true, icmsItem: true },
    ],
    concessions: ICMS_CONCESSIONS,
  });
  const quoteOf = (amountCents: number) => quoteFees(stageB({ documents: [{ type: 'summons', purpose: 'for-filing' }] }), oneItem(amountCents));

  it('when 80% of a fee is not a whole number of cents, then it is rounded to the nearest cent, half a cent up', () => {
    expect(quoteOf(12_347).lines[0]).toMatchObject({ amountCents: 12_347, netCents: 9_878, reductionCents: 2_469 });
    expect(quoteOf(12_345).lines[0]).toMatchObject({ netCents: 9_876, reductionCents: 2_469 });
    expect([concessionaryFee(1, 80), concessionaryFee(3, 80), concessionaryFee(5, 50), concessionaryFee(0, 80)]).toEqual([1, 2, 3, 0]);
    expect(quoteOf(12_347).explanation).toMatch(/HK\$98\.78 \(HK\$24\.69 off, rounded to the cent\)/);
  });

  it('when any fee and percentage are reduced, then the net is never negative and never more than the fee', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 0, max: 100 }), (fee, percent) => {
        const net = concessionaryFee(fee, percent);
        return Number.isSafeInteger(net) && net >= 0 && net <= fee;
      }),
    );
  });

  it('when any quote is made, then every line has 0 <= net <= amount, the reduction is the difference, and the total is their sum', () => {
    const documentType = fc.constantFrom(...(Object.keys(DOCUMENT_TYPES) as DocumentType[]));
    const purpose = fc.constantFrom(...(Object.keys(FILING_PURPOSES) as FilingPurpose[]));
    const day = fc.integer({ min: 0, max: 365 * 10 }).map((n) => addDays('2021-01-01', n));
    fc.assert(
      fc.property(
        fc.array(fc.record({ type: documentType, purpose }), { minLength: 1, maxLength: 20 }),
        day,
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.boolean(),
        (documents, on, amountCents, legallyAided) => {
          const tables: FeeTables = {
            schedule: [...FEE_SCHEDULE, ...oneItem(amountCents).schedule],
            concessions: ICMS_CONCESSIONS,
          };
          const quote = quoteFees({ courtLevel: 'district-court', documents, on, legallyAided }, tables);
          let sum = 0;
          for (const line of quote.lines) {
            if (!line.recorded) continue;
            if (line.netCents < 0 || line.netCents > line.amountCents || line.reductionCents !== line.amountCents - line.netCents) return false;
            sum += line.netCents;
          }
          return quote.totalCents === sum && quote.payableCents === (legallyAided ? 0 : sum) && (!legallyAided || !quote.paymentRequired);
        },
      ),
    );
  });
});
