/**
 * Calendar changes that reach running cases: a new holiday list (2027 as
 * gazetted, 2023 and 2029 added), a closure withdrawn, a planned closure.
 * Exercised on the domain itself (calendar values and a case's state), so
 * each rule is seen without a server; the workflow tests drive the same code
 * through the real signal.
 */
import {
  HK_GENERAL_HOLIDAYS_VERSION,
  HOLIDAY_LIST_REVISIONS,
  InvalidCalendarError,
  calendarVersion,
  closedReason,
  createCalendar,
  declareClosure,
  holidayListChanges,
  holidaysRevisionOf,
  isGeneralHoliday,
  newerCalendar,
  validateCalendar,
  withdrawClosure,
  type CourtCalendar,
} from '../../domain/calendar';
import { computeDeadline } from '../../domain/deadlines';
import { track } from '../../domain/deadlines/tracked';
import { applyCalendarChange, openCase, type SctCase } from '../../domain/sct/case';
import { momentAt } from '../../domain/time/moment';
import { hkInstant } from '../../domain/time/hong-kong-time';
import { aClaim } from '../support/claims';

const officer = { id: 'ro-1', role: 'registry-officer' as const, name: 'Registry Officer Lee' };
const OLD = 'hk-gazette-2028.1';
/** A calendar as every case running before this change holds it: on the first holiday list. */
const onOldList = (c: CourtCalendar): CourtCalendar => ({ ...c, holidaysVersion: OLD });

function aCase(filedOn: string, calendar: CourtCalendar): SctCase {
  return openCase(
    { caseNo: 'SCTC-2026-000777', filedAt: new Date(hkInstant(filedOn, 10)).toISOString(), filedOn, claim: aClaim(), calendar },
    momentAt(hkInstant(filedOn, 10)),
  );
}

/** Adds an open deadline the case tracks: sct.review-application from `from` (7 days, registry policy). */
function withReviewWindow(state: SctCase, from: string): void {
  state.deadlines = track(state.deadlines, 'review-application:C1', 'sct.review-application', from, 'C1', { calendar: state.calendar }).deadlines;
}

const at = momentAt(hkInstant('2026-11-22', 12));

describe('the holiday list versions', () => {
  it('when the list is read, then 2027 is gazetted in revision 2, and revision 1 (2024-2028, 2027 provisional) is still known', () => {
    expect(HOLIDAY_LIST_REVISIONS.map((r) => [r.version, r.revision])).toEqual([
      [OLD, 1],
      [HK_GENERAL_HOLIDAYS_VERSION, 2],
    ]);
    const [first] = HOLIDAY_LIST_REVISIONS;
    expect(first?.coverage).toEqual({ firstYear: 2024, lastYear: 2028 });
    expect(first?.years.filter((y) => y.provisional).map((y) => y.year)).toEqual([2027, 2028]);
    expect(holidaysRevisionOf(HK_GENERAL_HOLIDAYS_VERSION)).toBeGreaterThan(holidaysRevisionOf(OLD));
  });

  it('when a calendar on the old list is used (a case running since before), then it is valid and its computations still record the old list', () => {
    const old = onOldList(createCalendar());
    expect(() => validateCalendar(old)).not.toThrow();
    const c = computeDeadline('sct.review-application', '2026-09-02', { calendar: old });
    expect(c.calendarVersion).toBe('hk-gazette-2028.1+closures.0');
    // An old calendar computes on the old list: 2029 is outside it.
    expect(() => isGeneralHoliday('2029-01-01', old)).toThrow(/outside/);
    expect(() => validateCalendar({ ...old, holidaysVersion: 'hk-gazette-2031.9' })).toThrow(InvalidCalendarError);
  });

  it('when the old list is compared with the new, then the changes are named: 2023 added, 2027 as gazetted with no date changed, 2029 added', () => {
    const changes = holidayListChanges(OLD, HK_GENERAL_HOLIDAYS_VERSION);
    expect(changes).toEqual([
      expect.stringMatching(/^2023 added \(Gazette notice: General Holidays for 2023/),
      expect.stringMatching(/^2027 now as gazetted \(.*General Holidays for 2027.*G\.N\. number to be confirmed.*\), replacing the provisional list$/),
      '2027: no date changed',
      expect.stringMatching(/^2029 added \(provisional: computed under the General Holidays Ordinance/),
    ]);
    expect(holidayListChanges(HK_GENERAL_HOLIDAYS_VERSION, HK_GENERAL_HOLIDAYS_VERSION)).toEqual([]);
  });
});

describe('newerCalendar: the holiday list and the closures each move only forward', () => {
  const closure = { date: '2026-07-20', reason: 'black rainstorm warning' };

  it('when a new holiday list arrives, then the case keeps its closures and takes the list', () => {
    const current = onOldList(declareClosure(createCalendar(), closure));
    const next = newerCalendar(current, createCalendar());
    expect(next).toEqual({ holidaysVersion: HK_GENERAL_HOLIDAYS_VERSION, closures: [closure], closuresVersion: 1 });
  });

  it('when an older closure broadcast on the old list arrives after the new list, then the list is not taken back', () => {
    const current = createCalendar();
    const stale = onOldList(declareClosure(createCalendar(), closure));
    expect(newerCalendar(current, stale)).toEqual({ holidaysVersion: HK_GENERAL_HOLIDAYS_VERSION, closures: [closure], closuresVersion: 1 });
    expect(newerCalendar(current, current)).toBeNull();
  });
});

describe('withdrawn and planned closures', () => {
  it('when a closure is withdrawn, then it leaves the calendar with a new version; withdrawing a day never declared changes nothing', () => {
    const declared = declareClosure(createCalendar(), { date: '2026-09-09', reason: 'gale warning (signal No. 8 or above)' });
    const withdrawn = withdrawClosure(declared, '2026-09-09');
    expect(withdrawn.closures).toEqual([]);
    expect(calendarVersion(withdrawn)).toBe(`${HK_GENERAL_HOLIDAYS_VERSION}+closures.2`);
    expect(withdrawClosure(withdrawn, '2026-09-09')).toBe(withdrawn);
  });

  it('when a planned closure (closed by order) is declared, then it counts under the registry policy only (s.71(1A), not s.71(1))', () => {
    const calendar = declareClosure(createCalendar(), { date: '2026-09-09', reason: 'registry closed by order: office move', kind: 'planned' });
    expect(calendar.closures).toEqual([{ date: '2026-09-09', reason: 'registry closed by order: office move', kind: 'planned' }]);
    expect(closedReason(calendar, '2026-09-09', 'registry')).toBe('registry closed by order: office move (planned closure)');
    expect(closedReason(calendar, '2026-09-09', 'statutory')).toBeNull();
  });
});

describe('applyCalendarChange on a running case', () => {
  it('when the new holiday list reaches a case on the old one, then it rechecks every open deadline on it and records what changed in the list', () => {
    const state = aCase('2026-11-02', onOldList(createCalendar()));
    withReviewWindow(state, '2026-11-23');
    const version = state.version;
    const changed = applyCalendarChange(state, { calendar: createCalendar(), cause: { kind: 'holidays-replaced', from: OLD, to: HK_GENERAL_HOLIDAYS_VERSION } }, at);
    expect(changed).toBe(true);
    expect(state.calendar.holidaysVersion).toBe(HK_GENERAL_HOLIDAYS_VERSION);
    expect(state.version).toBeGreaterThan(version);
    const open = state.deadlines.filter((d) => d.status === 'open');
    expect(open.length).toBeGreaterThan(0);
    for (const d of open) expect(d.computation.calendarVersion).toBe(`${HK_GENERAL_HOLIDAYS_VERSION}+closures.0`);
    const entry = state.history.at(-1);
    expect(entry?.event).toBe('holidays-changed');
    expect(entry?.detail).toContain(`changed from ${OLD} to ${HK_GENERAL_HOLIDAYS_VERSION}`);
    expect(entry?.detail).toContain('2027 now as gazetted');
    expect(entry?.detail).toContain('2029 added');
    expect(entry?.detail).toMatch(/rechecked on calendar .*; none moved\.$/);
    // Told twice (a repeated broadcast): nothing more.
    expect(applyCalendarChange(state, { calendar: createCalendar(), cause: { kind: 'holidays-replaced', from: OLD, to: HK_GENERAL_HOLIDAYS_VERSION } }, at)).toBe(false);
  });

  it('when a closure extended a deadline and is then withdrawn, then the deadline returns to its day and the history says who withdrew it and why', () => {
    const state = aCase('2026-08-20', createCalendar());
    withReviewWindow(state, '2026-09-02'); // 7 days: Wed 2026-09-09
    const closure = { date: '2026-09-09', reason: 'gale warning (signal No. 8 or above)' };
    const declared = declareClosure(state.calendar, closure);
    applyCalendarChange(state, { calendar: declared, declared: closure, declaredBy: officer }, at);
    expect(state.deadlines.find((d) => d.rule === 'sct.review-application')?.computation.due).toBe('2026-09-10');

    const withdrawn = withdrawClosure(declared, closure.date);
    const changed = applyCalendarChange(
      state,
      { calendar: withdrawn, cause: { kind: 'closure-withdrawn', closure, reason: 'declared for the wrong day', by: officer } },
      at,
    );
    expect(changed).toBe(true);
    const deadline = state.deadlines.find((d) => d.rule === 'sct.review-application');
    expect(deadline?.computation.due).toBe('2026-09-09');
    expect(deadline?.computation.extensions).toEqual([]);
    const move = state.history.at(-1);
    expect(move?.event).toBe('deadline-moved');
    expect(move?.detail).toContain('due 2026-09-10 → 2026-09-09 because the closure declared for 2026-09-09 (gale warning (signal No. 8 or above)) was withdrawn by Registry Officer Lee: declared for the wrong day');
  });

  it('when a closure vacated the hearing and is then withdrawn, then the hearing is not restored: the case stays awaiting listing and the history says why', () => {
    const state = aCase('2026-11-02', createCalendar());
    const hearingDate = state.hearing?.date;
    expect(hearingDate).toBeDefined();
    const closure = { date: hearingDate!, reason: 'black rainstorm warning' };
    const declared = declareClosure(state.calendar, closure);
    applyCalendarChange(state, { calendar: declared, declared: closure, declaredBy: officer }, at);
    expect(state.stage).toBe('awaiting-listing');
    expect(state.hearing).toBeNull();

    applyCalendarChange(
      state,
      { calendar: withdrawClosure(declared, closure.date), cause: { kind: 'closure-withdrawn', closure, reason: 'no warning was in force that day', by: officer } },
      at,
    );
    expect(state.stage).toBe('awaiting-listing');
    expect(state.hearing).toBeNull();
    const entry = state.history.at(-1);
    expect(entry?.event).toBe('closure-withdrawn');
    expect(entry?.detail).toContain(`vacated the hearing on ${hearingDate}`);
    expect(entry?.detail).toContain('The hearing is not restored');
    expect(entry?.detail).toContain('registrar is to fix a new date');
  });
});
