/**
 * s.33 interest at the judgment-debt rate (Cap. 338 s.33(3), (4)): by the day,
 * at the rate in force on each day, on the part of the sum awarded unpaid.
 */
import fc from 'fast-check';
import { addDays } from '../../domain/calendar';
import { amountOwed } from '../../domain/sct/case/money-owed';
import type { Outcome } from '../../domain/sct/case';
import { interestPieces, judgmentDebtRateOn, JUDGMENT_DEBT_RATES, type JudgmentDebtRate } from '../../domain/sct/judgment-debt-rate';

const outcome = (overrides: Partial<Outcome> = {}): Outcome => ({
  kind: 'award',
  madeOn: '2027-03-01',
  hearingDate: '2027-03-01',
  oral: false,
  writtenOn: '2027-03-01',
  summary: 'x',
  amountCents: 1_000_000,
  against: ['D1'],
  inFavourOf: ['C1'],
  absentParties: [],
  costsCents: 0,
  preAwardInterestCents: 0,
  postAwardInterestRatePercent: 0,
  payBy: null,
  madeBy: 'adj-1',
  ...overrides,
});

const rate = (on: string) => judgmentDebtRateOn(on)!.ratePercent;

describe('the judgment-debt rate as dated data', () => {
  it('when the table is read, then it is oldest first and every entry names its source', () => {
    const froms = JUDGMENT_DEBT_RATES.map((r) => r.from);
    expect([...froms].sort()).toEqual(froms);
    for (const r of JUDGMENT_DEBT_RATES) expect(r.source).toMatch(/Cap\. 336\) s\.50/);
  });

  it('when a day is before the first entry, then there is no rate', () => {
    expect(judgmentDebtRateOn(addDays(JUDGMENT_DEBT_RATES[0]!.from, -1))).toBeNull();
  });

  it('when a period spans a change of rate, then each day bears the rate in force on it', () => {
    const rates: JudgmentDebtRate[] = [
      { from: '2020-01-01', ratePercent: 8, source: 'test', confirmed: true },
      { from: '2027-03-11', ratePercent: 6, source: 'test', confirmed: true },
    ];
    const pieces = interestPieces(3_650_000, '2027-03-01', '2027-03-20', rates);
    expect(pieces.map((p) => [p.from, p.to, p.days, p.ratePercent])).toEqual([
      ['2027-03-02', '2027-03-10', 9, 8],
      ['2027-03-11', '2027-03-20', 10, 6],
    ]);
    // 3,650,000 cents at 8% is 800 cents a day; at 6%, 600.
    expect(pieces.reduce((s, p) => s + p.cents, 0)).toBeCloseTo(9 * 800 + 10 * 600, 6);
  });
});

describe('what is owed (s.33(3))', () => {
  it('when nothing is paid, then interest runs on the whole sum awarded, interest to the award included', () => {
    const owed = amountOwed(outcome({ preAwardInterestCents: 95_000 }), [], '2027-03-31');
    expect(owed.interestCents).toBe(Math.round((1_095_000 * rate('2027-03-31') * 30) / 36_500));
    expect(owed.balanceCents).toBe(1_095_000 + owed.interestCents);
  });

  it('when part is paid, then the payment reduces the sum bearing interest at once, and interest already run stays owed', () => {
    const owed = amountOwed(outcome(), [{ amountCents: 400_000, paidOn: '2027-03-11' }], '2027-03-31');
    const r = rate('2027-03-31');
    expect(owed.sumCents).toBe(600_000);
    expect(owed.interestCents).toBe(Math.round((1_000_000 * r * 10) / 36_500 + (600_000 * r * 20) / 36_500));
  });

  it('when more is paid than the sum, then the rest pays interest and then costs', () => {
    const made = outcome({ costsCents: 50_000 });
    const tenDays = (1_000_000 * rate('2027-03-11') * 10) / 36_500;
    const owed = amountOwed(made, [{ amountCents: 1_000_000 + Math.round(tenDays) + 20_000, paidOn: '2027-03-11' }], '2027-03-11');
    expect(owed).toMatchObject({ sumCents: 0, interestCents: 0, costsCents: 30_000, balanceCents: 30_000 });
  });

  it('when payments are added, then what is owed never grows, and paying everything owed leaves nothing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50_000_000 }),
        fc.array(fc.record({ amountCents: fc.integer({ min: 1, max: 10_000_000 }), day: fc.integer({ min: 0, max: 700 }) }), { maxLength: 6 }),
        fc.integer({ min: 0, max: 700 }),
        (amountCents, raw, lateDay) => {
          const made = outcome({ amountCents });
          const on = addDays(made.madeOn, 700);
          const payments = raw.map((p) => ({ amountCents: p.amountCents, paidOn: addDays(made.madeOn, p.day) }));
          let before = amountOwed(made, [], on).balanceCents;
          for (let i = 1; i <= payments.length; i++) {
            const after = amountOwed(made, payments.slice(0, i), on).balanceCents;
            expect(after).toBeLessThanOrEqual(before);
            before = after;
          }
          const payDay = addDays(made.madeOn, lateDay);
          const due = amountOwed(made, [], payDay).balanceCents;
          expect(amountOwed(made, [{ amountCents: due, paidOn: payDay }], payDay).balanceCents).toBe(0);
        },
      ),
    );
  });
});
