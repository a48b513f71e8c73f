/**
 * Filing and the hearing (Cap. 338 s.12, s.14), on the time-skipping server:
 * 60 days of durable timers pass in seconds.
 */
import { addDays, createCalendar, declareClosure, isOpenDay } from '../../domain/calendar';
import { aClaim } from '../support/claims';
import { adjudicator, officer, onFreshServer, partyActor } from '../support/sct-case';


/** The first day after `date` on which the tribunal sits. */
function sittingDayAfter(date: string): string {
  let day = addDays(date, 1);
  while (!isOpenDay(createCalendar(), day, 'registry')) day = addDays(day, 1);
  return day;
}

describe('small-claim workflow: filing and the hearing', () => {
  it('when a claim is filed on 2026-12-01, then the hearing is fixed for Friday 2027-01-29, the last sitting day within 60 days (s.14(1)(a))', () =>
    onFreshServer(async (h) => {
      const c = await h.file(aClaim(), '2026-12-01');
      const view = await c.view();
      // Day 60 is Saturday 2027-01-30; the tribunal does not sit on Saturdays.
      expect(view.latestHearing).toMatchObject({ rule: 'sct.hearing', from: '2026-12-01', unextendedDue: '2027-01-30' });
      expect(view.hearing).toMatchObject({ date: '2027-01-29', time: '09:30', startsAt: '2027-01-29T09:30:00+08:00' });
      expect(Date.parse(view.hearing!.startsAt)).toBe(Date.parse('2027-01-29T01:30:00.000Z'));
      expect(view.stage).toBe('awaiting-hearing');
      expect(view.history.map((e) => e.event)).toEqual(['claim-filed', 'hearing-fixed', 'paper-issued']);
      expect(h.issuedPapers.map((p) => [p.kind, p.kind === 'notice-of-hearing' ? p.facts.hearing.date : null])).toEqual([['notice-of-hearing', '2027-01-29']]);
    }));

  it('when the 60th day falls in the Easter holidays, then the hearing is fixed on the last sitting day before them', () =>
    onFreshServer(async (h) => {
      // 2027-01-26 + 60 days = Saturday 2027-03-27, the day following Good Friday.
      const view = await (await h.file(aClaim(), '2027-01-26')).view();
      expect(view.latestHearing.unextendedDue).toBe('2027-03-27');
      // Friday 2027-03-26 is Good Friday: the last sitting day before it is Thursday 2027-03-25.
      expect(view.hearing?.date).toBe('2027-03-25');
    }));

  it('when the registrar re-fixes the first hearing beyond the 60 days, then it is refused naming s.14(1)(a) and the case is unchanged', () =>
    onFreshServer(async (h) => {
      const c = await h.file();
      const before = await c.view();
      const late = sittingDayAfter(before.latestHearing.unextendedDue);
      await expect(c.step('fixHearing', officer, { date: late, reason: 'list congestion' })).rejects.toThrow(/s\.14\(1\)\(a\).*not later than 60 days/);
      expect((await c.view()).version).toBe(before.version);
    }));

  it('when someone other than the registry fixes the hearing, then it is refused for the wrong role and nothing changes', () =>
    onFreshServer(async (h) => {
      const c = await h.file();
      const before = await c.view();
      await expect(c.step('fixHearing', partyActor('C1'), { date: before.hearing!.date, reason: 'suits me' })).rejects.toThrow(/fixHearing .* is for registry-officer/);
      await expect(c.step('makeAward', adjudicator, { kind: 'award', oral: true, summary: 'x', amountCents: 1, costsCents: 0, preAwardInterestCents: 0, postAwardInterestRatePercent: 0, payBy: null, against: ['D1'], inFavourOf: ['C1'], absentParties: [] })).rejects.toThrow(/not possible while the case is awaiting-hearing/);
      expect((await c.view()).history).toEqual(before.history);
    }));

  it('when a defendant is still unserved a week before the hearing, then the registry is alerted, and the hearing day moves the case on', () =>
    onFreshServer(async (h) => {
      const c = await h.file(aClaim({ defendants: [aClaim().defendants[0]!, { name: 'Lam Ka Yan', address: { lines: ['2 Shek Kip Mei Street'] } }] }));
      const { hearing } = await c.view();
      await c.step('recordService', officer, { partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'post', servedOn: await h.today() });
      const weekBefore = await c.skipToMorningOf(addDays(hearing!.date, -7));
      const alert = weekBefore.alerts.find((a) => a.rule?.includes('s.14(1)(b)'));
      expect(alert).toMatchObject({ to: 'registry', severity: 'warning' });
      expect(alert?.message).toContain('D2 Lam Ka Yan');
      expect(alert?.message).not.toContain('D1');
      expect(weekBefore.pendingActions).toEqual(expect.arrayContaining([expect.objectContaining({ step: 'record-service', party: 'D2' })]));
      const onTheDay = await c.skipToHearing();
      expect(onTheDay.stage).toBe('awaiting-outcome');
      expect(onTheDay.alerts.filter((a) => a.rule?.includes('s.14(1)(b)')).map((a) => a.severity)).toEqual(['warning', 'urgent']);
    }));

  it('when the hearing is adjourned without a date, then the registrar must list it, and a later date beyond 60 days is then allowed (s.26)', () =>
    onFreshServer(async (h) => {
      const c = await h.file();
      await c.skipToHearing();
      const adjourned = await c.step('adjourn', adjudicator, { toDate: null, reason: 'claimant unwell' });
      expect(adjourned.stage).toBe('awaiting-listing');
      expect(adjourned.pendingActions.map((a) => a.step)).toEqual(['fix-hearing']);
      const date = sittingDayAfter(addDays(adjourned.latestHearing.unextendedDue, 20));
      const relisted = await c.step('fixHearing', officer, { date, reason: 'adjourned hearing relisted' });
      expect(relisted).toMatchObject({ stage: 'awaiting-hearing', hearing: { date } });
    }));

  it('when a closure day on the hearing date was declared while the case was being filed, then the case adopts it at start and the hearing is vacated', () =>
    onFreshServer(async (h) => {
      const planned = (await (await h.file()).view()).hearing!.date;
      // The API read the calendar before the declaration; the database has it now.
      h.calendar = declareClosure(createCalendar(), { date: planned, reason: 'gale warning (signal No. 8 or above)' });
      const c = await h.file();
      const view = await c.view();
      expect(view.calendar.closuresVersion).toBe(1);
      expect(view).toMatchObject({ stage: 'awaiting-listing', hearing: null });
      expect(view.history.at(-1)).toMatchObject({ event: 'hearing-vacated' });
      expect(view.history.at(-1)?.detail).toContain(`${planned} closed (gale warning (signal No. 8 or above))`);
      expect(view.pendingActions.map((a) => a.step)).toEqual(['fix-hearing']);
      // Vacated is adjourned (s.26): the new date may fall beyond the first 60 days.
      const later = sittingDayAfter(view.latestHearing.unextendedDue);
      expect((await c.step('fixHearing', officer, { date: later, reason: 'relisted after the gale' })).hearing?.date).toBe(later);
    }));
});
