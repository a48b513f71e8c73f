/**
 * What people read on a case: the hearing with its time and venue, the
 * s.14(1)(a) deadline following the listing, the sums written one way, the
 * party who must pay named, and alerts that stop being pending once what
 * they asked for is done.
 */
import { addDays, createCalendar, isOpenDay } from '../../domain/calendar';
import { anAward } from '../support/claims';
import type { StepPayloads } from '../../domain/sct/case';
import type { SmallClaimView } from '../../workflows/sct/contract';
import { adjudicator, officer, onFreshServer, partyActor } from '../support/sct-case';

function sittingDayAfter(date: string, days: number): string {
  let day = addDays(date, days);
  while (!isOpenDay(createCalendar(), day, 'registry')) day = addDays(day, 1);
  return day;
}

const award = (overrides: Partial<StepPayloads['makeAward']> = {}) => anAward({ costsCents: 35_000, ...overrides });

const hearingDeadline = (view: SmallClaimView) => view.deadlines.find((d) => d.key === 'hearing');

describe('the case as people read it', () => {
  it('when a hearing is re-fixed, then the s.14(1)(a) deadline names the date that stands, and the hearing shows Hong Kong time and the venue', () =>
    onFreshServer(async (h) => {
      const c = await h.file();
      const filed = await c.view();
      expect(filed.hearing).toMatchObject({ time: '09:30', startsAt: `${filed.hearing!.date}T09:30:00+08:00` });
      expect(filed.hearing?.venue?.building).toEqual({ en: 'West Kowloon Law Courts Building', 'zh-Hant': '西九龍法院大樓' });
      expect(hearingDeadline(filed)?.outcome).toBe(`hearing fixed for ${filed.hearing!.date}`);

      const earlier = sittingDayAfter(await h.today(), 20);
      const refixed = await c.step('fixHearing', officer, { date: earlier, reason: 'parties asked for an earlier date' });
      expect(refixed.hearing?.date).toBe(earlier);
      expect(hearingDeadline(refixed)?.outcome).toContain(`hearing fixed for ${earlier} (re-fixed; was ${filed.hearing!.date})`);
      expect(hearingDeadline(refixed)?.outcome).not.toMatch(new RegExp(`^hearing fixed for ${filed.hearing!.date}`));

      const adjourned = await c.step('adjourn', adjudicator, { toDate: null, reason: 'interpreter unavailable' });
      expect(hearingDeadline(adjourned)?.outcome).toContain('adjourned sine die');
    }));

  it('when an award is made, then its sums read HK$12,500.00, the party who must pay is named, and "within jurisdiction" replaces any notion of an admission', () =>
    onFreshServer(async (h) => {
      const c = await h.file();
      await c.step('recordService', officer, { partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'post', servedOn: await h.today() });
      await c.skipToHearing();
      const today = await h.today();
      const decided = await c.step('makeAward', adjudicator, award({ payBy: addDays(today, 14) }));
      expect(decided).not.toHaveProperty('admittedCents');
      expect(decided.withinJurisdictionCents).toBe(1_250_000);
      expect(decided.amounts).toEqual({
        claimed: 'HK$12,500.00',
        withinJurisdiction: 'HK$12,500.00',
        awarded: 'HK$12,500.00',
        costs: 'HK$350.00',
        preAwardInterest: 'HK$0.00',
        paid: 'HK$0.00',
        interestSinceAward: 'HK$0.00',
        balance: 'HK$12,850.00',
      });
      const pay = decided.pendingActions.find((a) => a.step === 'record-payment');
      expect(pay).toMatchObject({ party: 'D1', dueBy: addDays(today, 14) });
      expect(pay?.note).toContain('D1 Wong Siu Ming to pay HK$12,850.00');

      const paid = await c.step('recordPayment', partyActor('D1'), { amountCents: 500_000, paidOn: today });
      expect(paid.history.at(-1)?.detail).toBe(`D1 paid HK$5,000.00 to the claimant on ${today}; HK$7,850.00 remains.`);
      expect(paid.amounts.paid).toBe('HK$5,000.00');
    }));

  it('when an application for review awaits the adjudicator, then its alert is pending; once decided, it is answered and no longer pending', () =>
    onFreshServer(async (h) => {
      const c = await h.file();
      await c.step('recordService', officer, { partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'post', servedOn: await h.today() });
      await c.skipToHearing();
      await c.step('makeAward', adjudicator, award());
      const applied = await c.step('applyForReview', partyActor('D1'), { grounds: 'The works were defective.' });
      const application = applied.applications.at(-1)!;
      const alert = applied.alerts.find((a) => a.to === 'adjudicator' && a.message.includes(application.id));
      expect(alert).toMatchObject({ status: 'pending', resolvedOn: null });
      // Notices to the parties ask nothing of them.
      expect(applied.alerts.filter((a) => a.to === 'C1').every((a) => a.status === 'notice')).toBe(true);

      const decided = await c.step('decideReview', adjudicator, { applicationId: application.id, result: 'confirmed', summary: 'No ground to vary.' });
      expect(decided.alerts.find((a) => a.id === alert!.id)).toMatchObject({ status: 'answered', resolvedOn: await h.today() });
      expect(decided.alerts.filter((a) => a.to === 'adjudicator' && a.status === 'pending')).toEqual([]);
      // The registry's alert to serve the written award stays pending until it is served on every party.
      expect(decided.alerts.find((a) => a.subject?.kind === 'service-of-award')?.status).toBe('pending');
      for (const partyId of ['C1', 'D1']) await c.step('recordService', officer, { partyId, document: 'written-award', manner: 'post', servedOn: await h.today() });
      expect((await c.view()).alerts.find((a) => a.subject?.kind === 'service-of-award')?.status).toBe('answered');
      expect(decided.pendingActions.map((a) => a.step)).not.toContain('decide-review');
    }));
});
