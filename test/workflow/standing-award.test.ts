/**
 * The award that stands (procedure revision 2): a fresh s.28 period after a
 * rehearing, enforcement following a review or an appeal, s.33 interest at
 * the dated judgment-debt rate on what is unpaid, an award with no date for
 * payment becoming enforceable, and a running case moving to these rules at
 * its next step.
 */
import { addDays, createCalendar, type IsoDate } from '../../domain/calendar';
import { isSittingDay } from '../../domain/sct/case/hearing';
import { CURRENT_LAW_REVISION } from '../../domain/sct/case/law-revision';
import { JUDGMENT_DEBT_RATES } from '../../domain/sct/judgment-debt-rate';
import { anAward } from '../support/claims';
import type { SmallClaimView } from '../../workflows/sct/contract';
import { adjudicator, officer, onFreshServer, partyActor, type CaseHarness, type CaseUnderTest } from '../support/sct-case';

const deadline = (view: SmallClaimView, key: string) => view.deadlines.find((d) => d.key === key);

/** The first day after `from` on which the tribunal sits. */
function sittingDayAfter(from: IsoDate): IsoDate {
  const calendar = createCalendar();
  let day = addDays(from, 7);
  while (!isSittingDay(day, calendar)) day = addDays(day, 1);
  return day;
}

async function heardCase(h: CaseHarness): Promise<CaseUnderTest> {
  const c = await h.file();
  await c.step('recordService', officer, { partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'personal-delivery', servedOn: await h.today() });
  await c.skipToHearing();
  return c;
}

const serveAward = async (h: CaseHarness, c: CaseUnderTest, partyId: string) =>
  c.step('recordService', officer, { partyId, document: 'written-award', manner: 'post', servedOn: await h.today() });

describe('s.28(2)(b) after a rehearing', () => {
  it('when an award made at a rehearing ordered on set-aside is served, then the party has a fresh 7 days for leave to appeal, and may ask for reasons again', () =>
    onFreshServer(async (h) => {
      const c = await heardCase(h);
      const { kind: _k, inFavourOf: _f, absentParties: _a, ...terms } = anAward();
      await c.step('enterDefaultJudgment', adjudicator, { ...terms, against: ['D1'], affidavitFiled: false });
      await serveAward(h, c, 'D1');
      await c.step('requestReasons', partyActor('D1'), {});
      const applied = await c.step('applyToSetAside', partyActor('D1'), { grounds: 'I never received the notice of hearing' });
      const rehearing = sittingDayAfter(await h.today());
      const setAside = await c.step('decideSetAside', adjudicator, { applicationId: applied.applications.at(-1)!.id, result: 'set-aside', summary: 'Good reason shown', rehearingDate: rehearing });
      expect(deadline(setAside, 'appeal-leave:D1')?.status).toBe('superseded');
      expect(setAside.priorOutcomes?.[0]).toMatchObject({ kind: 'default-judgment', replacedBecause: expect.stringContaining('set aside') });

      await c.skipToHearing();
      await c.step('makeAward', adjudicator, anAward({ amountCents: 900_000, summary: 'After hearing both sides' }));
      const pending = (await c.view()).pendingActions.filter((a) => a.party === 'D1').map((a) => a.note);
      expect(pending).toContain('serve the written award on D1');
      const served = await serveAward(h, c, 'D1');
      const window = deadline(served, 'appeal-leave:D1')!;
      expect(window).toMatchObject({ status: 'open', computation: { from: await h.today() } });

      const reasons = await c.step('requestReasons', partyActor('D1'), {});
      expect(reasons.reasonsRequested).toHaveLength(2);
      await c.step('recordService', officer, { partyId: 'D1', document: 'reasons', manner: 'post', servedOn: await h.today() });
      const leave = await c.step('applyForLeaveToAppeal', partyActor('D1'), { grounds: 'Wrong in law' });
      expect(leave.applications.at(-1)).toMatchObject({ kind: 'appeal-leave', by: 'D1', status: 'pending' });
    }));
});

describe('s.32 follows the award that stands', () => {
  it('when an enforceable award is reversed on review, then it is no longer enforceable, nothing is owed, and the case closes when its periods end', () =>
    onFreshServer(async (h) => {
      const c = await heardCase(h);
      const payBy = addDays(await h.today(), 1);
      await c.step('makeAward', adjudicator, anAward({ payBy }));
      const review = await c.step('applyForReview', partyActor('D1'), { grounds: 'New evidence of payment' });
      const enforceable = await c.skipToMorningOf(addDays(payBy, 1));
      expect(enforceable.stage).toBe('enforceable');

      const reversed = await c.step('decideReview', adjudicator, { applicationId: review.applications.at(-1)!.id, result: 'reversed', summary: 'The price was paid in cash' });
      expect(reversed.stage).toBe('decided');
      expect(reversed.enforceableSince).toBeNull();
      expect(reversed.balanceCents).toBe(0);
      expect(reversed.outcome).toMatchObject({ reversed: true, amountCents: 0, changes: [{ result: 'reversed', fromCents: 1_250_000, toCents: 0 }] });
      expect(reversed.history.map((e) => e.event)).toContain('award-not-enforceable');
      expect(reversed.alerts.find((a) => a.subject?.kind === 'enforcement')?.status).toBe('answered');
      expect(reversed.pendingActions.some((a) => a.step === 'record-payment')).toBe(false);
    }));

  it('when the Court of First Instance allows an appeal, then the registry must say what was left of the award, and a varied award is what is owed', () =>
    onFreshServer(async (h) => {
      const c = await heardCase(h);
      await c.step('makeAward', adjudicator, anAward({ payBy: addDays(await h.today(), 14) }));
      await serveAward(h, c, 'D1');
      const leave = await c.step('applyForLeaveToAppeal', partyActor('D1'), { grounds: 'Outside jurisdiction' });
      const id = leave.applications.at(-1)!.id;
      const today = await h.today();
      await c.step('recordCourtDecision', officer, { applicationId: id, decision: 'leave-granted', decidedOn: today, note: '' });
      await expect(c.step('recordCourtDecision', officer, { applicationId: id, decision: 'appeal-allowed', decidedOn: today, note: '' })).rejects.toThrow(
        /s\.29, s\.32: say what the appeal left of the award/,
      );
      const varied = await c.step('recordCourtDecision', officer, { applicationId: id, decision: 'appeal-allowed', decidedOn: today, note: 'Part of the claim was time-barred', award: 'varied', amountCents: 400_000 });
      expect(varied.outcome).toMatchObject({ amountCents: 400_000, changes: [{ result: 'varied', fromCents: 1_250_000, toCents: 400_000, by: expect.stringContaining('s.29') }] });
      expect(varied.balanceCents).toBe(400_000);
    }));
});

describe('s.33 interest at the judgment-debt rate', () => {
  it('when a typed rate or a typed sum of interest is given, then the award is refused naming s.33', () =>
    onFreshServer(async (h) => {
      const c = await heardCase(h);
      await expect(c.step('makeAward', adjudicator, anAward({ postAwardInterestRatePercent: 8 }))).rejects.toThrow(/s\.33\(3\), \(4\): interest on the sum awarded runs by law/);
      await expect(c.step('makeAward', adjudicator, anAward({ preAwardInterestCents: 5_000 }))).rejects.toThrow(/s\.33\(1\), \(4\).*preAwardInterest/);
      await expect(
        c.step('makeAward', adjudicator, anAward({ preAwardInterest: { onCents: 2_000_000, from: '2026-01-01' } })),
      ).rejects.toThrow(/s\.33\(1\): interest may be on all or part of the sum awarded/);
    }));

  it('when part is paid, then interest runs on the unpaid part only, at the rate in force, and interest to the award is part of the sum awarded', () =>
    onFreshServer(async (h) => {
      const c = await heardCase(h);
      const awardDay = await h.today();
      const rate = JUDGMENT_DEBT_RATES.at(-1)!.ratePercent;
      const awarded = await c.step('makeAward', adjudicator, anAward({ amountCents: 1_000_000, preAwardInterest: { onCents: 1_000_000, from: addDays(awardDay, -365) }, payBy: addDays(awardDay, 60) }));
      const pre = Math.round((1_000_000 * rate * 365) / (100 * 365));
      expect(awarded.outcome?.preAwardInterestCents).toBe(pre);
      expect(awarded.outcome?.preAwardInterest).toEqual({ onCents: 1_000_000, from: addDays(awardDay, -365), to: awardDay });

      // Half paid after 10 days; then 20 more days on the other half.
      await c.skipToMorningOf(addDays(awardDay, 10));
      const sum = 1_000_000 + pre;
      const paidCents = Math.round(sum / 2);
      await c.step('recordPayment', partyActor('D1'), { amountCents: paidCents, paidOn: addDays(awardDay, 10) });
      await c.skipToMorningOf(addDays(awardDay, 30));
      // A second payment on day 30: the case computes its balance that day.
      const later = await c.step('recordPayment', partyActor('D1'), { amountCents: 100, paidOn: addDays(awardDay, 30) });
      const interest = (sum * rate * 10) / (100 * 365) + ((sum - paidCents) * rate * 20) / (100 * 365);
      expect(later.balanceCents).toBe(sum - paidCents - 100 + Math.round(interest));
      // On the original principal, as before, it would have been more.
      expect(later.balanceCents).toBeLessThan(sum - paidCents - 100 + Math.round((sum * rate * 30) / (100 * 365)));
    }));
});

describe('an award that names no date for payment', () => {
  it('when it is unpaid the day after it was made, then it is enforceable, citing RDC O.42 r.2(2)', () =>
    onFreshServer(async (h) => {
      const c = await heardCase(h);
      const awarded = await c.step('makeAward', adjudicator, anAward({ payBy: null }));
      expect(awarded.pendingActions.find((a) => a.step === 'record-payment')).toMatchObject({ dueBy: awarded.outcome?.madeOn, note: expect.stringContaining('at once') });
      const next = await c.skipToMorningOf(addDays(awarded.outcome!.madeOn, 1));
      expect(next.stage).toBe('enforceable');
      expect(next.history.find((e) => e.event === 'award-enforceable')?.detail).toMatch(/payable at once \(RDC O\.42 r\.2\(2\), r\.3\(1\)\)/);
    }));
});

describe('a case opened under the first revision', () => {
  it('when it takes its next step, then it follows the corrected procedure from then, and its history says so', () =>
    onFreshServer(async (h) => {
      const first = await heardCase(h);
      await first.step('makeAward', adjudicator, anAward({ payBy: null }));
      // As a case opened before revisions were recorded: no revision, rules of revision 1.
      const { lawRevision: _r, outcome, ...older } = await first.view();
      const { recordsFrom: _f, ...olderOutcome } = outcome!;
      const resumed = await h.resume({ ...older, outcome: olderOutcome });
      expect((await resumed.view()).lawRevision).toBeUndefined();

      const paid = await resumed.step('recordPayment', partyActor('D1'), { amountCents: 100, paidOn: await h.today() });
      // The current revision: the one it moves to lists every correction since the first.
      expect(paid.lawRevision).toBe(CURRENT_LAW_REVISION);
      expect(paid.history.at(-2)).toMatchObject({ event: 'procedure-revised', detail: expect.stringContaining('payable at once') });
    }));
});
