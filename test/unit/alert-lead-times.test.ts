/**
 * Alert lead times as data: each open deadline's alerts fall on working days
 * before its last day, on the day, and the day after when missed; a moved
 * deadline gives new alerts under new keys and says why it moved.
 */
import { createCalendar, declareClosure } from '../../domain/calendar';
import { ALERT_PLANS, movedNote, plannedAlerts } from '../../domain/alerts/lead-times';
import { DEADLINE_RULE_IDS } from '../../domain/deadlines/rules';
import { trackDeadline } from '../../domain/deadlines';
import { hkDateOf } from '../../domain/time/hong-kong-time';

const calendar = createCalendar();

describe('alert lead times', () => {
  it('when any rule is tracked, then it has a plan with a missed alert', () => {
    for (const rule of DEADLINE_RULE_IDS) expect([rule, ALERT_PLANS[rule].leads.some((l) => l.kind === 'missed')]).toEqual([rule, true]);
  });

  it('when the written award is due in 14 days, then the adjudicator is told 3 working days before, on the day at 09:00, and the day after if missed', () => {
    // A hearing on Monday 2027-03-01: the award is due by Monday 2027-03-15.
    const { tracked } = trackDeadline([], 'written-award', 'sct.written-award', '2027-03-01', 'adjudicator', { calendar });
    expect(tracked.computation.due).toBe('2027-03-15');
    const alerts = plannedAlerts(tracked, calendar);
    expect(alerts.map((a) => [a.on, a.lead.kind])).toEqual([
      ['2027-03-10', 'before'],
      ['2027-03-15', 'due-day'],
      ['2027-03-16', 'missed'],
    ]);
    expect(new Date(alerts[0]!.at).toISOString()).toBe('2027-03-10T01:00:00.000Z');
    expect(hkDateOf(alerts[2]!.at)).toBe('2027-03-16');
    expect(alerts.map((a) => a.key)).toEqual(['written-award@2027-03-15#before-3', 'written-award@2027-03-15#due-day', 'written-award@2027-03-15#missed']);
    expect(alerts[0]!.audience).toBe('owner-and-registry');
    expect(alerts[0]!.reason).toMatch(/3 working days before the last day, 2027-03-15/);
  });

  it('when the working days before the last day cross a weekend and a closure, then the advance alert counts only open days', () => {
    const closed = declareClosure(calendar, { date: '2027-03-12', reason: 'black rainstorm warning' });
    const { tracked } = trackDeadline([], 'written-award', 'sct.written-award', '2027-03-01', 'adjudicator', { calendar: closed });
    // Fri 12 closed, Sat 13 and Sun 14 not working days: three open days before Mon 15 are Thu 11, Wed 10, Tue 9.
    expect(plannedAlerts(tracked, closed).find((a) => a.lead.kind === 'before')?.on).toBe('2027-03-09');
  });

  it('when a closure day moves the last day, then the alerts have new keys and the move is worded', () => {
    const before = trackDeadline([], 'written-award', 'sct.written-award', '2027-03-01', 'adjudicator', { calendar }).tracked;
    const closed = declareClosure(calendar, { date: '2027-03-15', reason: 'black rainstorm warning' });
    const after = trackDeadline([], 'written-award', 'sct.written-award', '2027-03-01', 'adjudicator', { calendar: closed }).tracked;
    expect(after.computation.due).toBe('2027-03-16');
    const oldKeys = new Set(plannedAlerts(before, calendar).map((a) => a.key));
    expect(plannedAlerts(after, closed).some((a) => oldKeys.has(a.key))).toBe(false);
    expect(movedNote(before.computation.due, after)).toBe('moved from 2027-03-15 to 2027-03-16: 2027-03-15 black rainstorm warning');
    expect(movedNote(after.computation.due, after)).toBeNull();
  });

  it('when a short window leaves no working day for the advance alert, then it is left out rather than raised late', () => {
    // A 7-day review window opened on Friday 2027-03-05 ends Friday 2027-03-12; one working day before is Thursday 11.
    const { tracked } = trackDeadline([], 'review:C1', 'sct.review-application', '2027-03-05', 'C1', { calendar });
    const alerts = plannedAlerts(tracked, calendar);
    expect(alerts.every((a) => a.on > tracked.computation.from)).toBe(true);
    expect(alerts.map((a) => a.lead.kind)).toEqual(['before', 'due-day', 'missed']);
  });

  it('when the deadline is no longer open, then it raises nothing', () => {
    const { tracked } = trackDeadline([], 'written-award', 'sct.written-award', '2027-03-01', 'adjudicator', { calendar });
    expect(plannedAlerts({ ...tracked, status: 'met' }, calendar)).toEqual([]);
  });
});
