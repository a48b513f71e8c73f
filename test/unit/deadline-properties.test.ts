/**
 * Properties of every deadline under Cap. 1 s.71, for random rules (order
 * compliance with any period from 1 to 30 days), event dates across the
 * calendar's coverage, random declared gale and black rainstorm closures, and
 * both policies.
 *
 * Which days a period skips is worked out here from the law, not from the
 * engine: under s.71(1) (statutory) a public holiday (every Sunday, each
 * general holiday) or a gale or black rainstorm warning day; under s.71(1A)
 * (registry) a closure day of the court office, i.e. those and every Saturday.
 * In a period of 6 days or less none of them is counted at all (s.71(1)(d),
 * s.71(1A)(c)); in a longer one only a last day that is one runs on
 * (s.71(1)(b), s.71(1A)(a)).
 *
 * Bounded: 300 cases per property. A failure prints its seed and the shrunk
 * case; rerun it with `fc.assert(..., { seed, path })`.
 */
import fc from 'fast-check';
import {
  CALENDAR_COVERAGE,
  CLOSURE_REASONS,
  CalendarCoverageError,
  addDays,
  createCalendar,
  dayOfWeek,
  daysBetween,
  isGeneralHoliday,
  weekdayName,
  type CalendarPolicy,
  type ClosureDay,
  type CourtCalendar,
  type IsoDate,
} from '../../domain/calendar';
import {
  DEADLINE_RULES,
  DEADLINE_RULE_IDS,
  SHORT_PERIOD_MAX_DAYS,
  computeDeadline,
  explainDeadline,
  type DeadlineComputation,
  type DeadlineRuleId,
} from '../../domain/deadlines';

const NUM_RUNS = 300;

// Event dates: the first covered day to 30 November of the last covered year
// (2024-01-01..2028-11-30 on a 2024-2028 list; wider when the list is).
const FIRST_EVENT = CALENDAR_COVERAGE.from;
const LAST_EVENT = `${CALENDAR_COVERAGE.to.slice(0, 4)}-11-30`;
const SPAN = daysBetween(FIRST_EVENT, LAST_EVENT);

interface Case {
  rule: DeadlineRuleId;
  /** Used only for `sct.order-compliance`. */
  orderDays: number;
  offset: number;
  policy: CalendarPolicy;
  /** Closures as days after the event (negative: before it), so they land near the period. */
  closures: Array<{ at: number; reason: string }>;
}

const closuresArb = fc.uniqueArray(
  fc.record({ at: fc.integer({ min: -3, max: 75 }), reason: fc.constantFrom(...CLOSURE_REASONS) }),
  { selector: (c) => c.at, maxLength: 12 },
);

const caseArb: fc.Arbitrary<Case> = fc.record({
  // Half the cases are order compliance, so short periods (1..6 days) are well represented.
  rule: fc.oneof({ arbitrary: fc.constant<DeadlineRuleId>('sct.order-compliance'), weight: 1 }, { arbitrary: fc.constantFrom(...DEADLINE_RULE_IDS), weight: 1 }),
  orderDays: fc.oneof(fc.integer({ min: 1, max: SHORT_PERIOD_MAX_DAYS + 1 }), fc.integer({ min: 1, max: 30 })),
  offset: fc.integer({ min: 0, max: SPAN }),
  policy: fc.constantFrom<CalendarPolicy>('statutory', 'registry'),
  closures: closuresArb,
});

function calendarFor(event: IsoDate, closures: Case['closures']): { calendar: CourtCalendar; closed: Map<IsoDate, string> } {
  const days: ClosureDay[] = closures
    .map((c) => ({ date: addDays(event, c.at), reason: c.reason }))
    .filter((c) => c.date >= CALENDAR_COVERAGE.from && c.date <= CALENDAR_COVERAGE.to);
  return { calendar: createCalendar(days), closed: new Map(days.map((d) => [d.date, d.reason])) };
}

/** Why the law skips `day` under `policy`, or null: worked out from the holiday list, the closures and the weekday. */
function skipped(day: IsoDate, policy: CalendarPolicy, closed: ReadonlyMap<IsoDate, string>): string | null {
  const holiday = isGeneralHoliday(day);
  if (holiday !== null) return holiday;
  const warning = closed.get(day);
  if (warning !== undefined) return warning;
  if (policy === 'registry' && dayOfWeek(day) === 6) return 'Saturday';
  return null;
}

const periodOf = (c: Case) => DEADLINE_RULES[c.rule].periodDays ?? c.orderDays;

type Outcome = { ok: true; computation: DeadlineComputation } | { ok: false; error: CalendarCoverageError };

/** The computation, or the coverage error for a deadline that runs past the holiday list (any other error fails the test). */
function compute(c: Case, event: IsoDate, calendar: CourtCalendar): Outcome {
  try {
    const computation = computeDeadline(c.rule, event, {
      calendar,
      policy: c.policy,
      ...(DEADLINE_RULES[c.rule].periodDays === null ? { periodDays: c.orderDays } : {}),
    });
    return { ok: true, computation };
  } catch (error) {
    if (error instanceof CalendarCoverageError) return { ok: false, error };
    throw error;
  }
}

/** Every day from `a` to `b`, both included. */
function daysFrom(a: IsoDate, b: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = a; d <= b; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Runs `check` on the case's computation; a coverage error is accepted only for a day past the coverage. */
function withComputation(c: Case, check: (d: DeadlineComputation, closed: ReadonlyMap<IsoDate, string>) => void): void {
  const event = addDays(FIRST_EVENT, c.offset);
  const { calendar, closed } = calendarFor(event, c.closures);
  const outcome = compute(c, event, calendar);
  if (!outcome.ok) {
    expect(outcome.error.date > CALENDAR_COVERAGE.to).toBe(true);
    return;
  }
  check(outcome.computation, closed);
}

describe('deadline properties (fast-check)', () => {
  it('when any deadline is computed, then its due date is never a day its policy skips', () => {
    fc.assert(
      fc.property(caseArb, (c) =>
        withComputation(c, (d, closed) => {
          expect(skipped(d.due, d.policy, closed)).toBeNull();
        }),
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('when any deadline is computed, then it is never before the unextended date (event + period)', () => {
    fc.assert(
      fc.property(caseArb, (c) =>
        withComputation(c, (d) => {
          expect(d.unextendedDue).toBe(addDays(d.from, periodOf(c)));
          expect(d.due >= d.unextendedDue).toBe(true);
        }),
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('when the event is later, then the deadline is never earlier (same rule, period, policy and closures)', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 20 }), (c, later) => {
        const first = addDays(FIRST_EVENT, c.offset);
        const second = addDays(first, later);
        fc.pre(second <= LAST_EVENT);
        // The closures are placed relative to the first event and stay put for the second.
        const { calendar } = calendarFor(first, c.closures);
        const a = compute(c, first, calendar);
        const b = compute(c, second, calendar);
        if (!a.ok) {
          // Running past the coverage from the earlier event means running past it from the later one too.
          expect(b.ok).toBe(false);
          return;
        }
        if (b.ok) expect(b.computation.due >= a.computation.due).toBe(true);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('when the period is 6 days or less, then exactly that many counted days lie after the event up to the due date; when longer, the due date is the first counted day from event + period', () => {
    fc.assert(
      fc.property(caseArb, (c) =>
        withComputation(c, (d, closed) => {
          const period = periodOf(c);
          if (period <= SHORT_PERIOD_MAX_DAYS) {
            const counted = daysFrom(addDays(d.from, 1), d.due).filter((day) => skipped(day, d.policy, closed) === null);
            expect(counted).toHaveLength(period);
          } else {
            const before = daysFrom(d.unextendedDue, addDays(d.due, -1));
            expect(before.every((day) => skipped(day, d.policy, closed) !== null)).toBe(true);
          }
        }),
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('when any deadline is computed, then its record and its explanation name exactly the days not counted or that pushed it later, each with its reason', () => {
    fc.assert(
      fc.property(caseArb, (c) =>
        withComputation(c, (d, closed) => {
          const short = periodOf(c) <= SHORT_PERIOD_MAX_DAYS;
          // Short: every skipped day after the event up to the due date; long: every day from event + period up to (not including) the due date.
          const window = short ? daysFrom(addDays(d.from, 1), d.due) : daysFrom(d.unextendedDue, addDays(d.due, -1));
          const expected = window.flatMap((day) => {
            const reason = skipped(day, d.policy, closed);
            return reason === null ? [] : [day];
          });
          expect(d.extensions.map((e) => e.date)).toEqual(expected);
          const registry = d.policy === 'registry';
          expect(d.subsection).toBe(short ? (registry ? 's.71(1A)(c)' : 's.71(1)(d)') : registry ? 's.71(1A)(a)' : 's.71(1)(b)');
          for (const e of d.extensions) {
            expect(e.kind).toBe(short ? 'not-counted' : 'extended');
            expect(e.subsection).toBe(d.subsection);
            // The recorded reason is the law's ground for that day (a holiday's name, the warning, or the registry's Saturday).
            const reason = skipped(e.date, d.policy, closed) ?? '';
            expect(e.reason.startsWith(reason)).toBe(true);
          }

          const text = explainDeadline(d);
          const named = new Set(text.match(/\d{4}-\d{2}-\d{2}/g) ?? []);
          const framing = new Set([d.from, d.unextendedDue, d.due]);
          const skippedNamed = [...named].filter((day) => !framing.has(day)).sort();
          expect(skippedNamed).toEqual(expected.filter((day) => !framing.has(day)));
          for (const e of d.extensions) {
            if (short) expect(text).toContain(`${weekdayName(e.date)} ${e.date}: ${e.ground} (${e.subsection})`);
            else expect(text).toContain(`${e.date} (${e.reason})`);
          }
          if (!short || d.extensions.length === 0) expect(text).not.toContain('days not counted are');
          if (short) expect(text).not.toContain('extended past');
        }),
      ),
      { numRuns: NUM_RUNS },
    );
  });
});
