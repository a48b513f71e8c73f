/**
 * Properties of the fee quote (domain/fees) over the real tables, for any
 * court level, any documents and any filing day from before iCMS opened to
 * after the last concession ends: totals are whole, non-negative cents;
 * adding a document never lowers the total (and the total is the sum of
 * its parts, in any order); the quote changes only on a day the tables
 * change; and at each edge of the tables (the day an entry takes effect,
 * the first and last day of each concessionary period, and the days either
 * side) the quote is what the table says.
 *
 * The expected figures are worked out here from the table rows and the
 * concession's terms (80% payable for N years from its first day, rounded to
 * the nearest cent, half a cent up), not by the lookup functions under test.
 * test/unit/fees.test.ts has the examples.
 *
 * Bounded: 200 cases per property. A failure prints its seed and the shrunk
 * case; rerun it with `fc.assert(..., { seed, path })`.
 */
import fc from 'fast-check';
import { concessionaryFee, FEE_SCHEDULE, ICMS_CONCESSIONS, quoteFees, type FeeEntry, type FeeQuote } from '../../domain/fees';
import { COURT_LEVELS, DOCUMENT_TYPES, FILING_PURPOSES, type CourtLevel, type DocumentType, type FilingPurpose } from '../../domain/inbox/terms';

const RUNS = 200;

type Document = { type: DocumentType; purpose: FilingPurpose };

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const plusDays = (iso: string, n: number) => isoOf(day(iso) + n * 86_400_000);

/** The last day of a period of `years` years beginning on `from`: the day before the same date `years` later (29 February: 1 March). */
function lastDayOfPeriod(from: string, years: number): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const anniversary = new Date(Date.UTC(y + years, m - 1, d));
  // Date.UTC rolls 29 February into 1 March of a common year, as the anniversary does.
  return plusDays(isoOf(anniversary.getTime()), -1);
}

const FIRST_DAY = '2021-01-01';
const LAST_DAY = '2031-12-31';
const dayArb = fc.integer({ min: 0, max: (day(LAST_DAY) - day(FIRST_DAY)) / 86_400_000 }).map((n) => plusDays(FIRST_DAY, n));

const courtLevel = fc.constantFrom(...(Object.keys(COURT_LEVELS) as CourtLevel[]));
/** Items the table has (most of the time) and any other combination. */
const documentArb: fc.Arbitrary<Document> = fc.oneof(
  { arbitrary: fc.constantFrom(...FEE_SCHEDULE.map((e) => ({ type: e.documentType, purpose: e.purpose }))), weight: 3 },
  { arbitrary: fc.record({ type: fc.constantFrom(...(Object.keys(DOCUMENT_TYPES) as DocumentType[])), purpose: fc.constantFrom(...(Object.keys(FILING_PURPOSES) as FilingPurpose[])) }), weight: 1 },
);
const documentsArb = fc.array(documentArb, { minLength: 1, maxLength: 12 });

/** The entry in force for an item on a day, read off the table: the latest that has taken effect. */
function entryInForce(courtLevel: CourtLevel, d: Document, on: string): FeeEntry | undefined {
  return FEE_SCHEDULE.filter((e) => e.courtLevel === courtLevel && e.documentType === d.type && e.purpose === d.purpose && e.effectiveFrom <= on).sort((a, b) =>
    a.effectiveFrom < b.effectiveFrom ? -1 : 1,
  ).pop();
}

/** What one document costs on a day, from the table and the concession's terms; undefined when no fee is recorded. */
function expectedNet(courtLevel: CourtLevel, d: Document, on: string): number | undefined {
  const entry = entryInForce(courtLevel, d, on);
  if (!entry) return undefined;
  const concession = ICMS_CONCESSIONS.find((c) => c.courtLevel === courtLevel);
  const inPeriod = concession !== undefined && on >= concession.from && on <= lastDayOfPeriod(concession.from, concession.years);
  if (!entry.icmsItem || !inPeriod || entry.amountCents === 0) return entry.amountCents;
  // 80% to the nearest cent, half a cent up: whole numbers, so no floating point.
  return Math.floor((entry.amountCents * concession.percentPayable + 50) / 100);
}

const quote = (courtLevel: CourtLevel, documents: readonly Document[], on: string, legallyAided = false): FeeQuote => quoteFees({ courtLevel, documents, on, legallyAided });

/** Every day on which something in the tables begins or ends (the first day a figure no longer applies). */
const CHANGE_DAYS = [
  ...FEE_SCHEDULE.map((e) => e.effectiveFrom),
  ...ICMS_CONCESSIONS.flatMap((c) => [c.from, plusDays(lastDayOfPeriod(c.from, c.years), 1)]),
].sort();

describe('totals', () => {
  it('when any documents are quoted in any court on any day, then every figure is whole, non-negative cents and the total is the sum of the recorded lines', () => {
    fc.assert(
      fc.property(courtLevel, documentsArb, dayArb, fc.boolean(), (level, documents, on, legallyAided) => {
        const q = quote(level, documents, on, legallyAided);
        const whole = (n: number) => Number.isSafeInteger(n) && n >= 0;
        expect([whole(q.totalCents), whole(q.payableCents)]).toEqual([true, true]);
        let sum = 0;
        for (const line of q.lines) {
          if (!line.recorded) continue;
          expect([whole(line.amountCents), whole(line.netCents), whole(line.reductionCents)]).toEqual([true, true, true]);
          expect(line.netCents + line.reductionCents).toBe(line.amountCents);
          sum += line.netCents;
        }
        expect(q.totalCents).toBe(sum);
        expect(q.payableCents).toBe(legallyAided ? 0 : sum);
        expect(q.complete).toBe(q.lines.every((l) => l.recorded));
        expect(q.paymentRequired).toBe(!legallyAided && (sum > 0 || !q.complete));
      }),
      { numRuns: RUNS },
    );
  });

  it('when each line is worked out from the table and the concession, then the quote says the same, line by line', () => {
    fc.assert(
      fc.property(courtLevel, documentsArb, dayArb, (level, documents, on) => {
        const q = quote(level, documents, on);
        expect(q.lines.map((l) => (l.recorded ? l.netCents : undefined))).toEqual(documents.map((d) => expectedNet(level, d, on)));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('rounding', () => {
  it('when a fee of any amount is reduced by the concession, then the net is the percentage payable to the nearest cent, half a cent up', () => {
    // The recorded fees are whole dollars, where rounding never shows: a table of one item at any amount.
    fc.assert(
      fc.property(fc.constantFrom(...ICMS_CONCESSIONS), fc.integer({ min: 1, max: 1_000_000_000 }), (concession, amountCents) => {
        const entry: FeeEntry = {
          courtLevel: concession.courtLevel,
          documentType: 'summons',
          purpose: 'for-filing',
          effectiveFrom: concession.from,
          amountCents,
          rule: 'a rule',
          source: 'a source',
          confirmed: true,
          icmsItem: true,
        };
        const q = quoteFees({ courtLevel: concession.courtLevel, documents: [{ type: 'summons', purpose: 'for-filing' }], on: concession.from, legallyAided: false }, { schedule: [entry], concessions: ICMS_CONCESSIONS });
        // Exact: amount × percent is a whole number, and a half is exactly representable.
        expect(q.totalCents).toBe(Math.round((amountCents * concession.percentPayable) / 100));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('monotonic where the schedule is', () => {
  it('when a document is added, then the total never falls; two filings together cost what each costs alone, in any order', () => {
    fc.assert(
      fc.property(courtLevel, documentsArb, documentsArb, dayArb, (level, first, second, on) => {
        const alone = quote(level, first, on).totalCents;
        const together = quote(level, [...first, ...second], on).totalCents;
        expect(together).toBeGreaterThanOrEqual(alone);
        expect(together).toBe(alone + quote(level, second, on).totalCents);
        expect(quote(level, [...second, ...first], on).totalCents).toBe(together);
      }),
      { numRuns: RUNS },
    );
  });

  it('when the fee or the percentage payable is higher, then the concessionary fee is never lower, and never more than the fee', () => {
    const fee = fc.integer({ min: 0, max: 1_000_000_000 });
    const percent = fc.integer({ min: 0, max: 100 });
    fc.assert(
      fc.property(fee, fee, percent, percent, (a, b, p, q) => {
        const [lowFee, highFee] = a <= b ? [a, b] : [b, a];
        const [lowPct, highPct] = p <= q ? [p, q] : [q, p];
        expect(concessionaryFee(highFee, lowPct)).toBeGreaterThanOrEqual(concessionaryFee(lowFee, lowPct));
        expect(concessionaryFee(lowFee, highPct)).toBeGreaterThanOrEqual(concessionaryFee(lowFee, lowPct));
        expect(concessionaryFee(highFee, highPct)).toBeLessThanOrEqual(highFee);
      }),
      { numRuns: RUNS },
    );
  });

  it('when two days have no change of the tables between them, then the quote is the same on both', () => {
    fc.assert(
      fc.property(courtLevel, documentsArb, dayArb, fc.integer({ min: 1, max: 120 }), (level, documents, from, days) => {
        const to = plusDays(from, days);
        fc.pre(!CHANGE_DAYS.some((change) => change > from && change <= to));
        expect(quote(level, documents, to).lines).toEqual(quote(level, documents, from).lines.map((l) => ({ ...l, explanation: expect.any(String) })));
        expect(quote(level, documents, to).totalCents).toBe(quote(level, documents, from).totalCents);
      }),
      { numRuns: RUNS },
    );
  });

  it('when a concessionary period ends and the same entries stay in force, then no filing costs less the day after than on any day inside it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ICMS_CONCESSIONS),
        documentsArb,
        fc.integer({ min: 0, max: 3_000 }),
        fc.integer({ min: 1, max: 400 }),
        (concession, documents, inside, after) => {
          const last = lastDayOfPeriod(concession.from, concession.years);
          const during = plusDays(concession.from, inside);
          fc.pre(during <= last);
          const later = plusDays(last, after);
          const sameEntries = documents.every((d) => entryInForce(concession.courtLevel, d, during) === entryInForce(concession.courtLevel, d, later));
          fc.pre(sameEntries);
          expect(quote(concession.courtLevel, documents, later).totalCents).toBeGreaterThanOrEqual(quote(concession.courtLevel, documents, during).totalCents);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('the table at its edges', () => {
  /** Every item of the table, each on the days around each of its edges and each concession's. */
  const edges = FEE_SCHEDULE.flatMap((entry) => {
    const concession = ICMS_CONCESSIONS.find((c) => c.courtLevel === entry.courtLevel);
    const concessionDays = concession ? [concession.from, lastDayOfPeriod(concession.from, concession.years)] : [];
    return [entry.effectiveFrom, ...concessionDays].flatMap((edge) => [-1, 0, 1].map((n) => ({ entry, on: plusDays(edge, n) })));
  });

  it.each(edges.map(({ entry, on }) => [`${entry.courtLevel} ${entry.documentType} ${entry.purpose}`, on, entry] as const))(
    'when %s is quoted on %s, then the figure is the table\'s',
    (_item, on, entry) => {
      const document = { type: entry.documentType, purpose: entry.purpose };
      const [line] = quote(entry.courtLevel, [document], on).lines;
      const expected = expectedNet(entry.courtLevel, document, on);
      if (expected === undefined) {
        expect(line).toMatchObject({ recorded: false, netCents: null });
        expect(line?.explanation).toContain(`only from ${entry.effectiveFrom}`);
      } else {
        expect(line).toMatchObject({ recorded: true, amountCents: entryInForce(entry.courtLevel, document, on)?.amountCents, netCents: expected });
      }
    },
  );

  it('when a District Court writ is sealed on the first and the last day of the concession, then 80% (HK$504.00); the day after, the full HK$630.00; the day before iCMS opened, no fee is recorded', () => {
    const writ = [{ type: 'writ-of-possession' as const, purpose: 'for-sealing' as const }];
    const at = (on: string) => quote('district-court', writ, on).totalCents;
    expect([at('2022-05-06'), at('2027-05-05'), at('2027-05-06')]).toEqual([50_400, 50_400, 63_000]);
    expect(quote('district-court', writ, '2022-05-05')).toMatchObject({ totalCents: 0, complete: false, paymentRequired: true });
  });
});
