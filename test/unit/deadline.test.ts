/**
 * Deadlines under Cap. 338 computed by Cap. 1 s.71 on the court calendar.
 * Every expected date was worked out by hand on the checked-in holiday list
 * (the comments show the working); none is read back from the implementation.
 * The calendar version and the coverage edges are read from the calendar
 * module, which owns them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CALENDAR_COVERAGE,
  CalendarCoverageError,
  HK_GENERAL_HOLIDAYS_VERSION,
  addDays,
  InvalidCalendarError,
  InvalidIsoDateError,
  createCalendar,
  declareClosure,
  type CalendarPolicy,
  type CourtCalendar,
} from '../../domain/calendar';
import {
  DEADLINE_RULES,
  DEADLINE_RULE_IDS,
  DeadlineInputError,
  UnknownRuleError,
  computeDeadline,
  deadlineMoved,
  explainDeadline,
  policyRationale,
  recomputeOnClosure,
  section71For,
  type DeadlineComputation,
} from '../../domain/deadlines';

const plain = createCalendar();
const version = (closures: number) => `${HK_GENERAL_HOLIDAYS_VERSION}+closures.${closures}`;

function due(rule: string, from: string, options: { calendar?: CourtCalendar; policy?: CalendarPolicy; periodDays?: number } = {}) {
  return computeDeadline(rule, from, { calendar: plain, ...options });
}

const skipped = (c: DeadlineComputation) => c.extensions.map((e) => [e.date, e.reason]);

describe('the rule table', () => {
  it('when the table is read, then it has exactly the ten Cap. 338 rules and the two iCMS service periods, with their sections and periods', () => {
    const table = Object.fromEntries(
      DEADLINE_RULE_IDS.map((id) => [id, [DEADLINE_RULES[id].basis, DEADLINE_RULES[id].periodDays]]),
    );
    expect(table).toEqual({
      'sct.hearing': ['Cap. 338 s.14(1)(a); Cap. 1 s.71', 60],
      'sct.written-award': ['Cap. 338 s.18(3); Cap. 1 s.71', 14],
      'sct.review-by-adjudicator': ['Cap. 338 s.27A(1); Cap. 1 s.71', 14],
      'sct.review-application': ['Cap. 338 s.27A(2)(b); Cap. 1 s.71', 7],
      'sct.set-aside': ['Cap. 338 s.32A(2); Cap. 1 s.71', 7],
      'sct.appeal-leave': ['Cap. 338 s.28(2)(b); Cap. 1 s.71', 7],
      'sct.ca-leave': ['Cap. 338 s.29A(1); Cap. 1 s.71', 7],
      'sct.transfer-review-application': ['Cap. 338 s.27(2); Cap. 1 s.71', 7],
      'sct.transfer-review': ['Cap. 338 s.27(1); Cap. 1 s.71', 14],
      'sct.order-compliance': ['Cap. 338 s.26A; Cap. 1 s.71', null],
      // Not law: the registry's own standards for e-filing, computed the same way and saying so.
      'icms.registry-review': ['courtflow registry service standard (not a statutory period); Cap. 1 s.71', 2],
      'icms.correction': ['courtflow registry practice for e-filing (not a statutory period); Cap. 1 s.71', 14],
    });
  });

  it('when a party must lodge something, then the default policy is registry (s.71(1A)); when the tribunal or court must act, statutory (s.71(1))', () => {
    for (const id of DEADLINE_RULE_IDS) {
      const rule = DEADLINE_RULES[id];
      expect(rule.id).toBe(id);
      // The registry's own review is done at its office: counted in the office's working days.
      expect(rule.defaultPolicy).toBe(rule.actor === 'party' || id === 'icms.registry-review' ? 'registry' : 'statutory');
      expect(policyRationale[id]).toBe(rule.policyRationale);
      expect(policyRationale[id].length).toBeGreaterThan(40);
      // The rationale rests on Cap. 1 s.71 and names the subsection behind the policy, never rules of court.
      expect(policyRationale[id]).toContain(rule.defaultPolicy === 'registry' ? 's.71(1A)' : 's.71(1)(b)');
      expect(policyRationale[id]).not.toMatch(/rules of court/i);
      expect(rule.trigger.length).toBeGreaterThan(0);
      expect(rule.description.length).toBeGreaterThan(0);
    }
    expect(DEADLINE_RULES['sct.hearing'].defaultPolicy).toBe('statutory');
    expect(DEADLINE_RULES['sct.appeal-leave'].defaultPolicy).toBe('registry');
  });

  it('when the table is read, then each rule names the subsections of Cap. 1 s.71 behind its default policy', () => {
    const subsections = Object.fromEntries(DEADLINE_RULE_IDS.map((id) => [id, DEADLINE_RULES[id].policySubsections]));
    expect(subsections).toEqual({
      'sct.hearing': ['s.71(1)(b)'],
      'sct.written-award': ['s.71(1)(b)'],
      'sct.review-by-adjudicator': ['s.71(1)(b)'],
      'sct.review-application': ['s.71(1A)(a)'],
      'sct.set-aside': ['s.71(1A)(a)'],
      'sct.appeal-leave': ['s.71(1A)(a)'],
      'sct.ca-leave': ['s.71(1A)(a)'],
      'sct.transfer-review-application': ['s.71(1A)(a)'],
      'sct.transfer-review': ['s.71(1)(b)'],
      // The order sets the period: 6 days or less counts no closure day, a longer one is extended past one at its end.
      'sct.order-compliance': ['s.71(1A)(c)', 's.71(1A)(a)'],
      'icms.registry-review': ['s.71(1A)(c)'],
      'icms.correction': ['s.71(1A)(a)'],
    });
    expect([section71For('statutory', 6), section71For('statutory', 7), section71For('registry', 6), section71For('registry', 7)]).toEqual([
      's.71(1)(d)',
      's.71(1)(b)',
      's.71(1A)(c)',
      's.71(1A)(a)',
    ]);
  });
});

describe('the README rule table', () => {
  it('when the README is read, then the row of each rule gives its default policy, its subsections of Cap. 1 s.71 and the rationale the code holds', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    for (const id of DEADLINE_RULE_IDS) {
      const rule = DEADLINE_RULES[id];
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${id}\` |`));
      expect(row).toBeDefined();
      const cells = (row ?? '').split(' | ');
      expect(cells[4]).toBe(rule.defaultPolicy);
      for (const subsection of rule.policySubsections) expect(cells[5]).toContain(subsection);
      expect(row).toContain(`| ${rule.policyRationale} |`);
    }
  });
});

describe('every rule computes', () => {
  // Event Friday 2026-06-12. +7 = Fri 06-19, Tuen Ng Festival; Sat 06-20; Sun 06-21; open Mon 06-22.
  // +14 = Fri 06-26 (open). +60 = Tue 2026-08-11 (open). Order of 10 days: Mon 06-22.
  const expected: Record<string, [string, string[]]> = {
    'sct.hearing': ['2026-08-11', []],
    'sct.written-award': ['2026-06-26', []],
    'sct.review-by-adjudicator': ['2026-06-26', []],
    'sct.transfer-review': ['2026-06-26', []],
    'sct.review-application': ['2026-06-22', ['2026-06-19', '2026-06-20', '2026-06-21']],
    'sct.set-aside': ['2026-06-22', ['2026-06-19', '2026-06-20', '2026-06-21']],
    'sct.appeal-leave': ['2026-06-22', ['2026-06-19', '2026-06-20', '2026-06-21']],
    'sct.ca-leave': ['2026-06-22', ['2026-06-19', '2026-06-20', '2026-06-21']],
    'sct.transfer-review-application': ['2026-06-22', ['2026-06-19', '2026-06-20', '2026-06-21']],
    'sct.order-compliance': ['2026-06-22', []],
    // Two working days of the registry: Saturday and Sunday are not counted (as s.71(1A)(c)).
    'icms.registry-review': ['2026-06-16', ['2026-06-13', '2026-06-14']],
    'icms.correction': ['2026-06-26', []],
  };

  it.each(DEADLINE_RULE_IDS.map((id) => [id]))('when %s runs from Friday 2026-06-12, then it is due on the hand-computed day', (id) => {
    const c = due(id, '2026-06-12', id === 'sct.order-compliance' ? { periodDays: 10 } : {});
    const [date, extendedPast] = expected[id] ?? ['missing', []];
    expect(c.due).toBe(date);
    expect(c.extensions.map((e) => e.date)).toEqual(extendedPast);
    expect(c.rule).toBe(id);
    expect(c.from).toBe('2026-06-12');
    expect(c.policy).toBe(DEADLINE_RULES[id].defaultPolicy);
    expect(c.subsection).toBe(section71For(c.policy, c.periodDays));
    expect(c.calendarVersion).toBe(version(0));
  });

  it('when a 7-day party period ends on Tuen Ng Festival, then each skipped day has its reason', () => {
    expect(skipped(due('sct.set-aside', '2026-06-12'))).toEqual([
      ['2026-06-19', 'Tuen Ng Festival'],
      ['2026-06-20', 'Saturday (registry closed)'],
      ['2026-06-21', 'Sunday'],
    ]);
  });

  it('when computed, then the result is plain JSON with the full record', () => {
    const c = due('sct.review-application', '2026-12-18');
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
    expect(Object.keys(c).sort()).toEqual(
      ['basis', 'calendarVersion', 'description', 'due', 'extensions', 'from', 'periodDays', 'policy', 'rule', 'subsection', 'trigger', 'unextendedDue'].sort(),
    );
  });
});

describe('Sundays', () => {
  it('when a 14-day period ends on a Sunday, then it runs to Monday', () => {
    // Sun 2026-03-01 + 14 = Sun 03-15 -> Mon 03-16.
    const c = due('sct.written-award', '2026-03-01');
    expect(c.unextendedDue).toBe('2026-03-15');
    expect(c.due).toBe('2026-03-16');
    expect(skipped(c)).toEqual([['2026-03-15', 'Sunday']]);
  });
});

describe('Christmas 2026: Friday 25, Saturday 26 (a general holiday), Sunday 27', () => {
  it('when a statutory period ends on Christmas Day, then it runs past all three days to Monday 28', () => {
    const c = due('sct.written-award', '2026-12-11');
    expect(c.unextendedDue).toBe('2026-12-25');
    expect(c.due).toBe('2026-12-28');
    expect(skipped(c)).toEqual([
      ['2026-12-25', 'Christmas Day'],
      ['2026-12-26', 'The first weekday after Christmas Day'],
      ['2026-12-27', 'Sunday'],
    ]);
  });

  it('when a registry period ends on Christmas Day, then it also ends Monday 28 and Saturday 26 is skipped as the holiday', () => {
    const c = due('sct.review-application', '2026-12-18');
    expect(c.policy).toBe('registry');
    expect(c.due).toBe('2026-12-28');
    expect(skipped(c)).toEqual([
      ['2026-12-25', 'Christmas Day'],
      ['2026-12-26', 'The first weekday after Christmas Day'],
      ['2026-12-27', 'Sunday'],
    ]);
  });

  it('when a statutory period ends on Saturday 26, then that holiday extends it too', () => {
    expect(due('sct.written-award', '2026-12-12').due).toBe('2026-12-28');
  });

  it('when a period ends on a plain Saturday, then only the registry policy extends it', () => {
    // Sat 2026-12-19 is no holiday.
    expect(due('sct.written-award', '2026-12-05').due).toBe('2026-12-19');
    const registry = due('sct.review-application', '2026-12-12');
    expect(registry.due).toBe('2026-12-21');
    expect(skipped(registry)).toEqual([
      ['2026-12-19', 'Saturday (registry closed)'],
      ['2026-12-20', 'Sunday'],
    ]);
    expect(due('sct.review-application', '2026-12-12', { policy: 'statutory' }).due).toBe('2026-12-19');
  });

  it('when Christmas 2027 is a Saturday, then the first weekday after it is Monday 27 and the period ends Tuesday 28', () => {
    const c = due('sct.written-award', '2027-12-11');
    expect(skipped(c)).toEqual([
      ['2027-12-25', 'Christmas Day'],
      ['2027-12-26', 'Sunday'],
      ['2027-12-27', 'The first weekday after Christmas Day'],
    ]);
    expect(c.due).toBe('2027-12-28');
  });
});

describe('Lunar New Year', () => {
  it('when a period ends on Lunar New Year 2027 (Saturday), then it runs past the fourth day to Wednesday 10 February', () => {
    // Sat 01-23 + 14 = Sat 02-06 LNY; Sun 07; Mon 08 third day; Tue 09 fourth day (2nd day was a Sunday).
    for (const policy of ['statutory', 'registry'] as const) {
      const c = due('sct.written-award', '2027-01-23', { policy });
      expect(c.due).toBe('2027-02-10');
      expect(skipped(c)).toEqual([
        ['2027-02-06', "Lunar New Year's Day"],
        ['2027-02-07', 'Sunday'],
        ['2027-02-08', 'The third day of Lunar New Year'],
        ['2027-02-09', 'The fourth day of Lunar New Year'],
      ]);
    }
  });

  it('when a 7-day period ends on the second day of Lunar New Year 2026, then it ends Friday 20 February', () => {
    // Wed 02-11 + 7 = Wed 02-18; Thu 02-19 third day; Fri 02-20 open.
    expect(due('sct.appeal-leave', '2026-02-11').due).toBe('2026-02-20');
  });
});

describe('the Easter block', () => {
  it('when a period ends on Good Friday 2026, then it runs past five days to Wednesday 8 April', () => {
    // Fri 03-20 + 14 = Fri 04-03. Ching Ming and Easter Day are both Sunday 5 April.
    const c = due('sct.written-award', '2026-03-20');
    expect(c.due).toBe('2026-04-08');
    expect(skipped(c)).toEqual([
      ['2026-04-03', 'Good Friday'],
      ['2026-04-04', 'The day following Good Friday'],
      ['2026-04-05', 'Sunday'],
      ['2026-04-06', 'The day following Ching Ming Festival'],
      ['2026-04-07', 'The day following Easter Monday'],
    ]);
  });

  it('when a period ends on Easter Monday 2027, then it ends Tuesday 30 March', () => {
    // Mon 03-15 + 14 = Mon 03-29.
    expect(due('sct.transfer-review', '2027-03-15').due).toBe('2027-03-30');
  });
});

describe('closure days', () => {
  const rainstorm = createCalendar([{ date: '2026-07-20', reason: 'black rainstorm warning' }]);

  it('when the last day is a declared closure, then the period runs to the next open day under either policy', () => {
    // Mon 07-13 + 7 = Mon 07-20, closed.
    for (const policy of ['statutory', 'registry'] as const) {
      const c = due('sct.review-application', '2026-07-13', { calendar: rainstorm, policy });
      expect(c.due).toBe('2026-07-21');
      expect(skipped(c)).toEqual([['2026-07-20', 'black rainstorm warning']]);
      expect(c.calendarVersion).toBe(version(1));
    }
  });

  it('when a closure falls inside a long period, then it does not move the deadline', () => {
    const inside = createCalendar([{ date: '2026-07-15', reason: 'gale warning' }]);
    expect(due('sct.review-application', '2026-07-13', { calendar: inside }).due).toBe('2026-07-20');
  });

  it('when a closure adjoins a holiday, then the chain is followed and the policies differ on the Saturday', () => {
    // Thu 09-17 + 14 = Thu 10-01 National Day; Fri 10-02 gale; Sat 10-03; Sun 10-04.
    const calendar = createCalendar([{ date: '2026-10-02', reason: 'gale warning (signal No. 8)' }]);
    const statutory = due('sct.written-award', '2026-09-17', { calendar });
    expect(statutory.due).toBe('2026-10-03');
    expect(skipped(statutory)).toEqual([
      ['2026-10-01', 'National Day'],
      ['2026-10-02', 'gale warning (signal No. 8)'],
    ]);
    const registry = due('sct.written-award', '2026-09-17', { calendar, policy: 'registry' });
    expect(registry.due).toBe('2026-10-05');
    expect(skipped(registry)).toEqual([
      ['2026-10-01', 'National Day'],
      ['2026-10-02', 'gale warning (signal No. 8)'],
      ['2026-10-03', 'Saturday (registry closed)'],
      ['2026-10-04', 'Sunday'],
    ]);
  });

  it('when a closure is declared after computing, then recomputing moves the deadline and deadlineMoved says by how much', () => {
    const before = due('sct.review-application', '2026-07-13');
    expect(before.due).toBe('2026-07-20');
    const calendar = declareClosure(plain, { date: '2026-07-20', reason: 'black rainstorm warning' });
    const after = recomputeOnClosure(before, calendar);
    expect(after.due).toBe('2026-07-21');
    expect(deadlineMoved(before, after)).toEqual({
      rule: 'sct.review-application',
      from: '2026-07-13',
      previousDue: '2026-07-20',
      due: '2026-07-21',
      days: 1,
      previousCalendarVersion: version(0),
      calendarVersion: version(1),
    });
  });

  it('when a closure does not touch the deadline, then deadlineMoved is null', () => {
    const before = due('sct.review-application', '2026-07-13');
    const after = recomputeOnClosure(before, declareClosure(plain, { date: '2026-07-22', reason: 'gale warning' }));
    expect(after.due).toBe('2026-07-20');
    expect(after.calendarVersion).toBe(version(1));
    expect(deadlineMoved(before, after)).toBeNull();
  });

  it('when two different deadlines are compared, then deadlineMoved refuses', () => {
    expect(() => deadlineMoved(due('sct.set-aside', '2026-07-13'), due('sct.set-aside', '2026-07-14'))).toThrow(
      DeadlineInputError,
    );
  });

  it('when a recomputed order-compliance deadline is recomputed, then its ordered period is kept', () => {
    const before = due('sct.order-compliance', '2026-07-06', { periodDays: 14 });
    expect(before.due).toBe('2026-07-20');
    expect(recomputeOnClosure(before, rainstorm).due).toBe('2026-07-21');
  });
});

describe('leap years', () => {
  it('when a period ends on 29 February 2028, then that day is the due date', () => {
    expect(due('sct.written-award', '2028-02-15').due).toBe('2028-02-29');
    expect(due('sct.review-application', '2028-02-22').due).toBe('2028-02-29');
  });

  it('when 60 days run from 29 February 2028, then they end Saturday 29 April, extended under registry to Wednesday 3 May', () => {
    // March 31 days + April 29 = 60. Sat 04-29; Sun 04-30; Mon 05-01 Labour Day; Tue 05-02 Buddha.
    const statutory = due('sct.hearing', '2028-02-29');
    expect(statutory.due).toBe('2028-04-29');
    expect(statutory.extensions).toEqual([]);
    const registry = due('sct.hearing', '2028-02-29', { policy: 'registry' });
    expect(registry.due).toBe('2028-05-03');
    expect(skipped(registry)).toEqual([
      ['2028-04-29', 'Saturday (registry closed)'],
      ['2028-04-30', 'Sunday'],
      ['2028-05-01', 'Labour Day'],
      ['2028-05-02', 'The Birthday of the Buddha'],
    ]);
  });

  it('when a non-leap February is crossed, then 14 days from 15 February 2027 end on 1 March', () => {
    expect(due('sct.written-award', '2027-02-15').due).toBe('2027-03-01');
  });
});

describe('year ends and coverage', () => {
  it('when a period runs into the new year onto The first day of January, then it is extended in the new year', () => {
    // Fri 2026-12-25 + 7 = Fri 2027-01-01; Sat 01-02; Sun 01-03.
    const registry = due('sct.review-application', '2026-12-25');
    expect(registry.due).toBe('2027-01-04');
    expect(skipped(registry)).toEqual([
      ['2027-01-01', 'The first day of January'],
      ['2027-01-02', 'Saturday (registry closed)'],
      ['2027-01-03', 'Sunday'],
    ]);
    expect(due('sct.review-application', '2026-12-25', { policy: 'statutory' }).due).toBe('2027-01-02');
  });

  // The edges are the calendar's (CALENDAR_COVERAGE); the working below holds for any last covered year.
  const lastDay = CALENDAR_COVERAGE.to;

  it('when a period ends on the last covered day and that day is closed, then a coverage error names the day after, never a guess', () => {
    const closed = createCalendar([{ date: lastDay, reason: 'black rainstorm warning' }]);
    let caught: unknown;
    try {
      due('sct.written-award', addDays(lastDay, -14), { calendar: closed });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CalendarCoverageError);
    expect((caught as CalendarCoverageError).date).toBe(addDays(lastDay, 1));
    expect((caught as CalendarCoverageError).message).toContain(`${lastDay} (black rainstorm warning)`);
  });

  it('when the period itself ends after the coverage, then a coverage error names that day', () => {
    const from = addDays(lastDay, -30);
    expect(() => due('sct.hearing', from)).toThrow(new RegExp(`${addDays(from, 60)} is outside`));
  });

  it('when a short period would count past the coverage, then a coverage error is thrown while counting', () => {
    expect(() => due('sct.order-compliance', lastDay, { periodDays: 1 })).toThrow(CalendarCoverageError);
  });

  it('when the period ends on an open day just before the end of 2028, then it computes', () => {
    expect(due('sct.written-award', '2028-12-15').due).toBe('2028-12-29');
  });

  it('when the event date is outside the coverage, then a coverage error is thrown, never a guess', () => {
    expect(() => due('sct.hearing', addDays(CALENDAR_COVERAGE.from, -1))).toThrow(CalendarCoverageError);
    expect(() => due('sct.set-aside', addDays(lastDay, 1))).toThrow(CalendarCoverageError);
  });
});

describe('periods of 6 days or less under s.71(1)(d) (statutory): public holidays and warning days are not counted', () => {
  it('when 3 days run across a Sunday and Lunar New Year, then those holidays are not counted but the Saturday is', () => {
    // From Fri 2026-02-13: Sat 14 (1), Sun 15 no, Mon 16 (2), Tue-Thu 17-19 LNY no, Fri 20 (3).
    const c = due('sct.order-compliance', '2026-02-13', { periodDays: 3, policy: 'statutory' });
    expect(c.unextendedDue).toBe('2026-02-16');
    expect(c.due).toBe('2026-02-20');
    expect(c.subsection).toBe('s.71(1)(d)');
    expect(c.extensions).toEqual([
      { date: '2026-02-15', reason: 'Sunday', kind: 'not-counted', subsection: 's.71(1)(d)', ground: 'a public holiday (Sunday)' },
      { date: '2026-02-17', reason: "Lunar New Year's Day", kind: 'not-counted', subsection: 's.71(1)(d)', ground: "a public holiday (Lunar New Year's Day)" },
      { date: '2026-02-18', reason: 'The second day of Lunar New Year', kind: 'not-counted', subsection: 's.71(1)(d)', ground: 'a public holiday (The second day of Lunar New Year)' },
      { date: '2026-02-19', reason: 'The third day of Lunar New Year', kind: 'not-counted', subsection: 's.71(1)(d)', ground: 'a public holiday (The third day of Lunar New Year)' },
    ]);
  });

  it('when a black rainstorm warning day falls inside a 2-day period, then it is not counted (it used to be, and the deadline came a day early)', () => {
    // From Mon 2026-07-20, warning Tue 21: Tue 21 no, Wed 22 (1), Thu 23 (2). Before: Tue 21 (1), Wed 22 (2).
    const calendar = createCalendar([{ date: '2026-07-21', reason: 'black rainstorm warning' }]);
    const c = due('sct.order-compliance', '2026-07-20', { periodDays: 2, policy: 'statutory', calendar });
    expect(c.due).toBe('2026-07-23');
    expect(c.extensions).toEqual([
      {
        date: '2026-07-21',
        reason: 'black rainstorm warning',
        kind: 'not-counted',
        subsection: 's.71(1)(d)',
        ground: 'a gale or black rainstorm warning day (black rainstorm warning)',
      },
    ]);
  });

  it('when a short period would end on a warning day, then that day is simply not counted: nothing is left to extend', () => {
    // From Fri 02-13, warning Fri 20: Sat 14 (1), Mon 16 (2), Fri 20 no, Sat 21 (3).
    const calendar = createCalendar([{ date: '2026-02-20', reason: 'black rainstorm warning' }]);
    const c = due('sct.order-compliance', '2026-02-13', { periodDays: 3, policy: 'statutory', calendar });
    expect(c.due).toBe('2026-02-21');
    expect(c.extensions.filter((e) => e.kind === 'extended')).toEqual([]);
    expect(c.extensions.map((e) => e.date)).toEqual(['2026-02-15', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
  });
});

describe('periods of 6 days or less under s.71(1A)(c) (registry): no closure day of the office is counted', () => {
  it('when an order gives 3 days from Friday 2026-12-04, then Saturday and Sunday are not counted and it ends Wednesday 9 (not Tuesday 8)', () => {
    // Sat 05 no, Sun 06 no, Mon 07 (1), Tue 08 (2), Wed 09 (3). Before: Sat 05 counted, so Tue 08.
    const c = due('sct.order-compliance', '2026-12-04', { periodDays: 3 });
    expect(c.policy).toBe('registry');
    expect(c.subsection).toBe('s.71(1A)(c)');
    expect(c.due).toBe('2026-12-09');
    expect(c.extensions).toEqual([
      { date: '2026-12-05', reason: 'Saturday (registry closed)', kind: 'not-counted', subsection: 's.71(1A)(c)', ground: 'the registry is closed' },
      { date: '2026-12-06', reason: 'Sunday', kind: 'not-counted', subsection: 's.71(1A)(c)', ground: 'the registry is closed (Sunday)' },
    ]);
  });

  it('when 3 days run across a weekend and Lunar New Year, then the Saturday is not counted either', () => {
    // From Fri 2026-02-13: Sat 14 no, Sun 15 no, Mon 16 (1), Tue-Thu LNY no, Fri 20 (2), Sat 21 no, Sun 22 no, Mon 23 (3).
    const c = due('sct.order-compliance', '2026-02-13', { periodDays: 3 });
    expect(c.due).toBe('2026-02-23');
    expect(c.extensions.map((e) => [e.date, e.kind])).toEqual([
      ['2026-02-14', 'not-counted'],
      ['2026-02-15', 'not-counted'],
      ['2026-02-17', 'not-counted'],
      ['2026-02-18', 'not-counted'],
      ['2026-02-19', 'not-counted'],
      ['2026-02-21', 'not-counted'],
      ['2026-02-22', 'not-counted'],
    ]);
  });

  it('when a gale closes the registry inside a 5-day period, then neither it nor the weekend is counted', () => {
    // From Mon 2026-09-07, gale Wed 09: Tue 08 (1), Wed 09 no, Thu 10 (2), Fri 11 (3), Sat 12 no, Sun 13 no, Mon 14 (4), Tue 15 (5).
    // Before: 08, 09, 10, 11, Sat 12 counted -> last day Saturday, extended to Mon 14.
    const calendar = createCalendar([{ date: '2026-09-09', reason: 'gale warning (signal No. 8 or above)' }]);
    const c = due('sct.order-compliance', '2026-09-07', { periodDays: 5, calendar });
    expect(c.due).toBe('2026-09-15');
    expect(c.extensions.map((e) => [e.date, e.reason])).toEqual([
      ['2026-09-09', 'gale warning (signal No. 8 or above)'],
      ['2026-09-12', 'Saturday (registry closed)'],
      ['2026-09-13', 'Sunday'],
    ]);
  });

  it('when a closure day falls inside a 3-day period across Lunar New Year, then it ends a day later than when the closure was only a last-day matter', () => {
    // From Fri 02-13, closure Fri 20: Mon 16 (1), Mon 23 (2), Tue 24 (3). Before: 02-23.
    const calendar = createCalendar([{ date: '2026-02-20', reason: 'black rainstorm warning' }]);
    expect(due('sct.order-compliance', '2026-02-13', { periodDays: 3, calendar }).due).toBe('2026-02-24');
  });

  it('when the registry is closed by a planned closure inside a short period, then only the registry policy leaves it out (it is no warning day under s.71(1))', () => {
    // From Mon 2026-07-20, planned closure Tue 21. Registry: Wed 22 (1), Thu 23 (2). Statutory: Tue 21 (1), Wed 22 (2).
    const calendar = createCalendar([{ date: '2026-07-21', reason: 'office move', kind: 'planned' }]);
    expect(due('sct.order-compliance', '2026-07-20', { periodDays: 2, calendar }).due).toBe('2026-07-23');
    expect(due('sct.order-compliance', '2026-07-20', { periodDays: 2, calendar, policy: 'statutory' }).due).toBe('2026-07-22');
  });

  it('when an order gives 6 days, then it can end later than 7 days would, because the closure days inside are not counted', () => {
    // 6 days from Fri 02-13: Mon 16, Fri 20, Mon 23, Tue 24, Wed 25, Thu 26 -> Thu 02-26. 7 days: Fri 02-20 (open).
    expect(due('sct.order-compliance', '2026-02-13', { periodDays: 6 }).due).toBe('2026-02-26');
    expect(due('sct.order-compliance', '2026-02-13', { periodDays: 7 }).due).toBe('2026-02-20');
  });

  it('when 1 day runs from a Saturday, then the Sunday is not counted and Monday is the day', () => {
    expect(due('sct.order-compliance', '2026-12-19', { periodDays: 1 }).due).toBe('2026-12-21');
  });

  it('when 7 days or more are ordered, then every day counts and only a closed last day is extended (s.71(1A)(a))', () => {
    // From Fri 2026-12-04 + 8 = Sat 12-12 -> Mon 14.
    const c = due('sct.order-compliance', '2026-12-04', { periodDays: 8 });
    expect(c.subsection).toBe('s.71(1A)(a)');
    expect(c.due).toBe('2026-12-14');
    expect(c.extensions.map((e) => [e.date, e.kind, e.subsection])).toEqual([
      ['2026-12-12', 'extended', 's.71(1A)(a)'],
      ['2026-12-13', 'extended', 's.71(1A)(a)'],
    ]);
  });

  it('when periodDays is missing, zero, fractional, or given for a fixed rule, then it is refused', () => {
    expect(() => due('sct.order-compliance', '2026-02-13')).toThrow(/needs periodDays/);
    expect(() => due('sct.order-compliance', '2026-02-13', { periodDays: 0 })).toThrow(DeadlineInputError);
    expect(() => due('sct.order-compliance', '2026-02-13', { periodDays: 2.5 })).toThrow(DeadlineInputError);
    expect(() => due('sct.written-award', '2026-02-13', { periodDays: 10 })).toThrow(/fixed period of 14 days/);
    expect(due('sct.written-award', '2026-02-13', { periodDays: 14 }).due).toBe('2026-02-27');
  });
});

describe('bad input', () => {
  it('when the rule is unknown, then UnknownRuleError lists every valid id', () => {
    let caught: unknown;
    try {
      due('sct.appeal', '2026-06-12');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UnknownRuleError);
    for (const id of DEADLINE_RULE_IDS) expect((caught as Error).message).toContain(id);
  });

  it('when the event date is impossible, then InvalidIsoDateError is thrown', () => {
    expect(() => due('sct.hearing', '2026-02-30')).toThrow(InvalidIsoDateError);
  });

  it('when the policy is not one of the two, then it is refused', () => {
    const weekly = 'weekly' as unknown as CalendarPolicy;
    expect(() => due('sct.hearing', '2026-06-12', { policy: weekly })).toThrow(/unknown calendar policy/);
  });

  it('when the calendar is on another holiday list, then it is refused', () => {
    const stale: CourtCalendar = { holidaysVersion: 'hk-gazette-2027.2', closures: [], closuresVersion: 0 };
    expect(() => due('sct.hearing', '2026-06-12', { calendar: stale })).toThrow(InvalidCalendarError);
  });
});

describe('explainDeadline', () => {
  it('when the deadline was extended, then the paragraph gives the rule, the count and every skipped day', () => {
    const text = explainDeadline(due('sct.review-application', '2026-12-18'));
    expect(text).toContain('Due 2026-12-28 under Cap. 338 s.27A(2)(b); Cap. 1 s.71');
    expect(text).toContain('7 days after 2026-12-18 ends 2026-12-25');
    expect(text).toContain(
      'extended past 2026-12-25 (Christmas Day), 2026-12-26 (The first weekday after Christmas Day), 2026-12-27 (Sunday) to 2026-12-28',
    );
    expect(text).toContain('registry');
    expect(text).toContain(version(0));
  });

  it('when nothing extended it, then the paragraph says so', () => {
    const text = explainDeadline(due('sct.written-award', '2026-12-14'));
    expect(text).toContain('Due 2026-12-28 under Cap. 338 s.18(3)');
    expect(text).toContain('no extension');
    expect(text).not.toContain("rule's default");
  });

  it('when the policy overrides the rule default, then the paragraph says which default it replaced', () => {
    const text = explainDeadline(due('sct.review-application', '2026-12-12', { policy: 'statutory' }));
    expect(text).toContain("Policy statutory (chosen instead of the rule's default, registry)");
  });

  it('when closure days were not counted in a short registry period, then the paragraph names each with its reason and s.71(1A)(c), apart from any extension', () => {
    const text = explainDeadline(due('sct.order-compliance', '2026-12-04', { periodDays: 3 }));
    expect(text).toContain('Due 2026-12-09');
    expect(text).toContain('Cap. 1 s.71(1A)(c)');
    expect(text).toContain('Saturday 2026-12-05: the registry is closed (s.71(1A)(c))');
    expect(text).toContain('Sunday 2026-12-06: the registry is closed (Sunday) (s.71(1A)(c))');
    expect(text).toContain('counting only the others it ends 2026-12-09');
    expect(text).toContain('2026-12-09 is open under the registry policy, so no extension applies');
    expect(text).toContain('for an act to be done at a court office (Cap. 1 s.71(1A))');
  });

  it('when holidays and a warning day were not counted in a short statutory period, then the paragraph cites s.71(1)(d) and names them', () => {
    const calendar = createCalendar([{ date: '2026-02-16', reason: 'gale warning (signal No. 8 or above)' }]);
    const text = explainDeadline(due('sct.order-compliance', '2026-02-13', { periodDays: 3, policy: 'statutory', calendar }));
    // Sat 14 (1), Sun 15 no, Mon 16 gale no, 17-19 LNY no, Fri 20 (2), Sat 21 (3).
    expect(text).toContain('Due 2026-02-21');
    expect(text).toContain('Cap. 1 s.71(1)(d)');
    expect(text).toContain('Sunday 2026-02-15: a public holiday (Sunday) (s.71(1)(d))');
    expect(text).toContain('Monday 2026-02-16: a gale or black rainstorm warning day (gale warning (signal No. 8 or above)) (s.71(1)(d))');
    expect(text).toContain("Tuesday 2026-02-17: a public holiday (Lunar New Year's Day) (s.71(1)(d))");
    expect(text).not.toContain('extended past');
  });

  it('when a long period is extended, then the paragraph cites the last-day subsection', () => {
    expect(explainDeadline(due('sct.review-application', '2026-12-18'))).toContain('the next day that is open (Cap. 1 s.71(1A)(a))');
    expect(explainDeadline(due('sct.written-award', '2026-12-11'))).toContain('the next day that is open (Cap. 1 s.71(1)(b))');
  });
});

describe('a time extended by order', () => {
  it('when a closure day is declared after an order extended a period, then the order still decides the last day and the explanation names it', () => {
    const calendar = createCalendar();
    const base = computeDeadline('sct.set-aside', '2026-11-02', { calendar });
    const extended = {
      ...base,
      due: '2026-11-20',
      extensions: [...base.extensions, { date: base.due, until: '2026-11-20', reason: 'extended by order', kind: 'by-order' as const, subsection: base.subsection, ground: "the tribunal's order under Cap. 338 s.32A(2)" }],
    };
    const next = recomputeOnClosure(extended, declareClosure(calendar, { date: base.due, reason: 'black rainstorm warning' }));
    expect(next.due).toBe('2026-11-20');
    expect(next.extensions.filter((e) => e.kind === 'by-order')).toHaveLength(1);
    expect(explainDeadline(next)).toContain("The time was extended to 2026-11-20 by order: the tribunal's order under Cap. 338 s.32A(2).");
  });
});
