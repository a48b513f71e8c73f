/**
 * Deadlines under Cap. 338 computed by Cap. 1 s.71 on the court calendar.
 * Every expected date was worked out by hand on the 2024-2028 calendar (the
 * comments show the working); none is read back from the implementation.
 */
import {
  CalendarCoverageError,
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
  type DeadlineComputation,
} from '../../domain/deadlines';

const plain = createCalendar();

function due(rule: string, from: string, options: { calendar?: CourtCalendar; policy?: CalendarPolicy; periodDays?: number } = {}) {
  return computeDeadline(rule, from, { calendar: plain, ...options });
}

const skipped = (c: DeadlineComputation) => c.extensions.map((e) => [e.date, e.reason]);

describe('the rule table', () => {
  it('when the table is read, then it has exactly the ten Cap. 338 rules with their sections and periods', () => {
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
    });
  });

  it('when a party must lodge something, then the default policy is registry; when the tribunal or court must act, statutory', () => {
    for (const id of DEADLINE_RULE_IDS) {
      const rule = DEADLINE_RULES[id];
      expect(rule.id).toBe(id);
      expect(rule.defaultPolicy).toBe(rule.actor === 'party' ? 'registry' : 'statutory');
      expect(policyRationale[id]).toBe(rule.policyRationale);
      expect(policyRationale[id].length).toBeGreaterThan(40);
      expect(rule.trigger.length).toBeGreaterThan(0);
      expect(rule.description.length).toBeGreaterThan(0);
    }
    expect(DEADLINE_RULES['sct.hearing'].defaultPolicy).toBe('statutory');
    expect(DEADLINE_RULES['sct.appeal-leave'].defaultPolicy).toBe('registry');
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
  };

  it.each(DEADLINE_RULE_IDS.map((id) => [id]))('when %s runs from Friday 2026-06-12, then it is due on the hand-computed day', (id) => {
    const c = due(id, '2026-06-12', id === 'sct.order-compliance' ? { periodDays: 10 } : {});
    const [date, extendedPast] = expected[id] ?? ['missing', []];
    expect(c.due).toBe(date);
    expect(c.extensions.map((e) => e.date)).toEqual(extendedPast);
    expect(c.rule).toBe(id);
    expect(c.from).toBe('2026-06-12');
    expect(c.policy).toBe(DEADLINE_RULES[id].defaultPolicy);
    expect(c.calendarVersion).toBe('hk-gazette-2028.1+closures.0');
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
      ['basis', 'calendarVersion', 'description', 'due', 'extensions', 'from', 'periodDays', 'policy', 'rule', 'trigger', 'unextendedDue'].sort(),
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
      expect(c.calendarVersion).toBe('hk-gazette-2028.1+closures.1');
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
      previousCalendarVersion: 'hk-gazette-2028.1+closures.0',
      calendarVersion: 'hk-gazette-2028.1+closures.1',
    });
  });

  it('when a closure does not touch the deadline, then deadlineMoved is null', () => {
    const before = due('sct.review-application', '2026-07-13');
    const after = recomputeOnClosure(before, declareClosure(plain, { date: '2026-07-22', reason: 'gale warning' }));
    expect(after.due).toBe('2026-07-20');
    expect(after.calendarVersion).toBe('hk-gazette-2028.1+closures.1');
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

  it('when a period ends on Sunday 2028-12-31 and would extend into 2029, then a coverage error names 2029-01-01', () => {
    let caught: unknown;
    try {
      due('sct.written-award', '2028-12-17');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CalendarCoverageError);
    expect((caught as CalendarCoverageError).date).toBe('2029-01-01');
    expect((caught as CalendarCoverageError).message).toContain('2028-12-31 (Sunday)');
    expect(() => due('sct.hearing', '2028-11-01')).toThrow(CalendarCoverageError);
  });

  it('when the period itself ends after 2028, then a coverage error names that day', () => {
    expect(() => due('sct.hearing', '2028-12-01')).toThrow(/2029-01-30 is outside/);
  });

  it('when the period ends on an open day just before the end of coverage, then it computes', () => {
    expect(due('sct.written-award', '2028-12-15').due).toBe('2028-12-29');
  });

  it('when the event date is outside 2024-2028, then a coverage error is thrown, never a guess', () => {
    expect(() => due('sct.hearing', '2023-12-20')).toThrow(CalendarCoverageError);
    expect(() => due('sct.set-aside', '2029-01-02')).toThrow(CalendarCoverageError);
  });
});

describe('periods of 6 days or less (order compliance, Cap. 1 s.71(1)(d))', () => {
  it('when 3 days run across a Sunday and Lunar New Year, then those holidays are not counted', () => {
    // From Fri 2026-02-13: Sat 14 (1), Sun 15 no, Mon 16 (2), Tue-Thu 17-19 LNY no, Fri 20 (3).
    const c = due('sct.order-compliance', '2026-02-13', { periodDays: 3, policy: 'statutory' });
    expect(c.unextendedDue).toBe('2026-02-16');
    expect(c.due).toBe('2026-02-20');
    expect(c.extensions).toEqual([
      { date: '2026-02-15', reason: 'Sunday', kind: 'not-counted' },
      { date: '2026-02-17', reason: "Lunar New Year's Day", kind: 'not-counted' },
      { date: '2026-02-18', reason: 'The second day of Lunar New Year', kind: 'not-counted' },
      { date: '2026-02-19', reason: 'The third day of Lunar New Year', kind: 'not-counted' },
    ]);
  });

  it('when an order gives 6 days, then it can end later than 7 days would, because holidays inside are not counted', () => {
    // 6 days from Fri 02-13: 14, 16, 20, 21, 23, 24 -> Tue 02-24. 7 days: Fri 02-20 (open).
    expect(due('sct.order-compliance', '2026-02-13', { periodDays: 6 }).due).toBe('2026-02-24');
    expect(due('sct.order-compliance', '2026-02-13', { periodDays: 7 }).due).toBe('2026-02-20');
  });

  it('when a short period ends on a closure day, then the last-day rule still applies on top', () => {
    const calendar = createCalendar([{ date: '2026-02-20', reason: 'black rainstorm warning' }]);
    const statutory = due('sct.order-compliance', '2026-02-13', { periodDays: 3, policy: 'statutory', calendar });
    expect(statutory.due).toBe('2026-02-21');
    const registry = due('sct.order-compliance', '2026-02-13', { periodDays: 3, calendar });
    expect(registry.due).toBe('2026-02-23');
    expect(registry.extensions.filter((e) => e.kind === 'extended').map((e) => e.date)).toEqual([
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
    ]);
  });

  it('when 1 day runs from a Saturday, then the Sunday is not counted and Monday is the day', () => {
    expect(due('sct.order-compliance', '2026-12-19', { periodDays: 1 }).due).toBe('2026-12-21');
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
    expect(text).toContain('hk-gazette-2028.1+closures.0');
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

  it('when holidays were not counted in a short period, then the paragraph cites s.71(1)(d) and names them', () => {
    const text = explainDeadline(due('sct.order-compliance', '2026-02-13', { periodDays: 3 }));
    expect(text).toContain('Cap. 1 s.71(1)(d)');
    expect(text).toContain('2026-02-15 (Sunday)');
    expect(text).toContain('ends 2026-02-20');
  });
});
