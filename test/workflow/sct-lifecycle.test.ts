/**
 * A small-claims case after the hearing: default judgment, the written award,
 * review, set-aside, appeal, transfer, counterclaims, orders, payment and
 * enforcement — each window opening on its true event and closing with a
 * recorded outcome, on the time-skipping server.
 */
import { judgmentDebtRateOn } from '../../domain/sct/judgment-debt-rate';
import { addDays, declareClosure } from '../../domain/calendar';
import { computeDeadline } from '../../domain/deadlines';
import type { StepPayloads } from '../../domain/sct/case';
import { calendarChangedSignal, type SmallClaimView } from '../../workflows/sct/contract';
import { aClaim, anAward } from '../support/claims';
import { adjudicator, officer, onFreshServer, partyActor, type CaseHarness, type CaseUnderTest } from '../support/sct-case';


const award = (overrides: Partial<StepPayloads['makeAward']> = {}) => anAward({ oral: true, ...overrides });

const deadline = (view: SmallClaimView, key: string) => view.deadlines.find((d) => d.key === key);
const events = (view: SmallClaimView) => view.history.map((e) => e.event);

async function heardCase(h: CaseHarness, served = true): Promise<CaseUnderTest> {
  const c = await h.file();
  if (served) await c.step('recordService', officer, { partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'personal-delivery', servedOn: await h.today() });
  await c.skipToHearing();
  return c;
}

describe('default judgment (s.17) to closed', () => {
  it('when service on a defendant is not proved, then default judgment against them is refused naming s.17; once proved it is entered and the case runs to closed', () =>
    onFreshServer(async (h) => {
      const c = await heardCase(h, false);
      const terms = { ...award(), against: ['D1'], affidavitFiled: true, oral: false, payBy: null };
      await expect(c.step('enterDefaultJudgment', adjudicator, terms)).rejects.toThrow(/s\.17: no judgment by default against D1: service .* s\.14\(2\) has not been proved/);
      expect(events(await c.view())).not.toContain('default-judgment');

      const today = await h.today();
      await c.step('recordService', officer, { partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'left-at-address', servedOn: today });
      const judged = await c.step('enterDefaultJudgment', adjudicator, { ...terms, payBy: addDays(today, 14) });
      expect(judged.stage).toBe('decided');
      expect(judged.outcome).toMatchObject({ kind: 'default-judgment', absentParties: ['D1'], writtenOn: today });
      // Made in D1's absence: D1 may apply to set it aside within 7 days after the hearing (s.32A).
      expect(deadline(judged, 'set-aside:D1')?.computation).toMatchObject({ rule: 'sct.set-aside', from: judged.hearing!.date });
      expect(deadline(judged, 'written-award')).toBeUndefined();

      for (const partyId of ['C1', 'D1']) await c.step('recordService', officer, { partyId, document: 'written-award', manner: 'post', servedOn: today });
      const served = await c.view();
      expect(deadline(served, 'appeal-leave:D1')?.computation).toEqual(computeDeadline('sct.appeal-leave', today, { calendar: served.calendar }));

      await c.step('recordPayment', partyActor('D1'), { amountCents: 1_250_000, paidOn: today });
      const lastWindow = Math.max(...served.deadlines.filter((d) => d.status === 'open').map((d) => Date.parse(d.computation.due)));
      const closed = await c.skipPast(new Date(lastWindow).toISOString().slice(0, 10));
      expect(closed.stage).toBe('closed');
      expect(closed.closed?.reason).toBe('award satisfied and no period left to run');
      expect(closed.deadlines.filter((d) => d.key !== 'hearing').map((d) => [d.key, d.status])).toEqual(
        expect.arrayContaining([
          ['review-by-adjudicator', 'lapsed'],
          ['review-application', 'lapsed'],
          ['set-aside:D1', 'lapsed'],
          ['appeal-leave:C1', 'lapsed'],
          ['appeal-leave:D1', 'lapsed'],
        ]),
      );
      expect(events(closed)).toEqual(expect.arrayContaining(['claim-filed', 'hearing-fixed', 'service-recorded', 'hearing-day', 'default-judgment', 'payment-recorded', 'period-ended', 'case-closed']));
      expect((await c.handle.describe()).status.name).toBe('COMPLETED');
    }));

  it('when an absent defendant applies to set aside the day after the 7 days, then it is refused naming s.32A(2) and the dates', () =>
    onFreshServer(async (h) => {
      const c = await heardCase(h);
      const judged = await c.step('enterDefaultJudgment', adjudicator, { ...award(), against: ['D1'], affidavitFiled: true, oral: false });
      const window = deadline(judged, 'set-aside:D1')!.computation;
      await c.skipToMorningOf(addDays(window.due, 1));
      await expect(c.step('applyToSetAside', partyActor('D1'), { grounds: 'I was in hospital' })).rejects.toThrow(
        new RegExp(`sct\\.set-aside \\(Cap\\. 338 s\\.32A\\(2\\).*closed on ${window.due}`),
      );
    }));

  it('when an absent defendant applies in time and the award is set aside, then the case goes back for rehearing', () =>
    onFreshServer(async (h) => {
      const c = await heardCase(h);
      await c.step('enterDefaultJudgment', adjudicator, { ...award(), against: ['D1'], affidavitFiled: true, oral: false });
      await expect(c.step('applyToSetAside', partyActor('C1'), { grounds: 'x' })).rejects.toThrow(/only a party absent .* C1 was not absent/);
      const applied = await c.step('applyToSetAside', partyActor('D1'), { grounds: 'I was in hospital' });
      const application = applied.applications.at(-1)!;
      expect(deadline(applied, 'set-aside:D1')?.status).toBe('met');
      const reheard = await c.step('decideSetAside', adjudicator, { applicationId: application.id, result: 'set-aside', summary: 'Medical certificate accepted' });
      expect(reheard).toMatchObject({ stage: 'awaiting-listing', outcome: null, hearing: null });
      expect(reheard.deadlines.filter((d) => d.status === 'open')).toEqual([]);
    }));
});

describe('the written award (s.18(3))', () => {
  it('when an oral award is not written by day 14, then the adjudicator is warned before and at the limit and alerted when it passes', () =>
    onFreshServer(async (h) => {
      const c = await heardCase(h);
      const awarded = await c.step('makeAward', adjudicator, award());
      const due = deadline(awarded, 'written-award')!.computation.due;
      expect(deadline(awarded, 'written-award')!.computation.periodDays).toBe(14);
      const before = await c.skipToMorningOf(addDays(due, -2));
      expect(before.alerts.filter((a) => a.rule === 'sct.written-award').map((a) => [a.to, a.severity])).toEqual([['adjudicator', 'warning']]);
      const onTheDay = await c.skipToMorningOf(due);
      expect(onTheDay.alerts.filter((a) => a.rule === 'sct.written-award').map((a) => a.severity)).toEqual(['warning', 'urgent']);
      expect(deadline(onTheDay, 'written-award')?.status).toBe('open');
      const after = await c.skipPast(due);
      expect(deadline(after, 'written-award')?.status).toBe('lapsed');
      expect(after.alerts.at(-1)?.message).toMatch(/not reduced to writing within 14 days/);
      // Written late: recorded as such, and service of it becomes due.
      const written = await c.step('writeAward', adjudicator, { writtenOn: await h.today() });
      expect(written.history.at(-1)?.detail).toMatch(new RegExp(`after the 14 days of s\\.18\\(3\\) ended on ${due}`));
    }));

  it('when a closure day is declared on the last day, then the due date moves to the next open day and so does its timer', () =>
    onFreshServer(async (h) => {
      const c = await heardCase(h);
      const awarded = await c.step('makeAward', adjudicator, award());
      const original = deadline(awarded, 'written-award')!.computation;
      const calendar = declareClosure(awarded.calendar, { date: original.due, reason: 'black rainstorm warning' });
      await c.handle.signal(calendarChangedSignal, { calendar, declared: { date: original.due, reason: 'black rainstorm warning' }, declaredBy: officer });
      const moved = await c.settle();
      const now = deadline(moved, 'written-award')!.computation;
      expect(now.due > original.due).toBe(true);
      expect(now.extensions[0]).toEqual(expect.objectContaining({ date: original.due, reason: 'black rainstorm warning' }));
      expect(now.calendarVersion).toMatch(/\+closures\.1$/);
      const move = moved.history.find((e) => e.event === 'deadline-moved' && e.detail.includes('s.18(3)'));
      expect(move?.detail).toContain(`due ${original.due} → ${now.due} because ${original.due} closed (black rainstorm warning), declared by Registry Officer Lee`);
      // Exactly the periods whose last day was closed moved (the s.27A(1) review ends the same day); no other.
      const endingThatDay = awarded.deadlines.filter((d) => d.status === 'open' && d.computation.due === original.due).map((d) => d.key);
      expect(endingThatDay).toEqual(['written-award', 'review-by-adjudicator']);
      expect(moved.history.filter((e) => e.event === 'deadline-moved')).toHaveLength(endingThatDay.length);
      expect(deadline(moved, 'review-application')?.computation).toEqual(deadline(awarded, 'review-application')?.computation);
      const pastOriginal = await c.skipPast(original.due);
      expect(deadline(pastOriginal, 'written-award')?.status).toBe('open');
      const pastNew = await c.skipPast(now.due);
      expect(deadline(pastNew, 'written-award')?.status).toBe('lapsed');
    }));
});

describe('review and appeal', () => {
  it('when a party applies for review, asks for reasons, appeals and seeks leave to the Court of Appeal, then each window opens on its own event', () =>
    onFreshServer(async (h) => {
      const c = await heardCase(h);
      await c.step('makeAward', adjudicator, award({ payBy: null }));
      const review = await c.step('applyForReview', partyActor('D1'), { grounds: 'The works were defective' });
      const reviewApp = review.applications.at(-1)!;
      expect(review.alerts.filter((a) => a.to === 'C1').at(-1)?.message).toMatch(/applied for a review .*s\.27A\(2\)\(b\)/);
      await c.step('decideReview', adjudicator, { applicationId: reviewApp.id, result: 'confirmed', summary: 'No new evidence' });

      const today = await h.today();
      await c.step('writeAward', adjudicator, { writtenOn: today });
      await c.step('recordService', officer, { partyId: 'D1', document: 'written-award', manner: 'post', servedOn: today });
      // s.28(2)(b): asking for reasons within the 7 days restarts them from service of the reasons.
      const asked = await c.step('requestReasons', partyActor('D1'), {});
      expect(deadline(asked, 'appeal-leave:D1')?.status).toBe('superseded');
      const reasonsServedOn = addDays(today, 0);
      const restarted = await c.step('recordService', officer, { partyId: 'D1', document: 'reasons', manner: 'personal-delivery', servedOn: reasonsServedOn });
      expect(deadline(restarted, 'appeal-leave:D1')).toMatchObject({ status: 'open', computation: { from: reasonsServedOn } });

      const leave = await c.step('applyForLeaveToAppeal', partyActor('D1'), { grounds: 'Outside jurisdiction' });
      const leaveApp = leave.applications.at(-1)!;
      expect(leave.history.at(-1)?.detail).toMatch(/does not stay execution unless a stay is ordered \(s\.31\)/);
      // s.27A(1): no own-motion review while a leave application stands.
      await expect(c.step('reviewOnOwnMotion', adjudicator, { grounds: 'second thoughts' })).rejects.toThrow(/s\.27A\(1\): D1 lodged an application for leave to appeal/);

      await c.step('recordCourtDecision', officer, { applicationId: leaveApp.id, decision: 'leave-granted', decidedOn: today, note: '' });
      const decided = await c.step('recordCourtDecision', officer, { applicationId: leaveApp.id, decision: 'appeal-dismissed', decidedOn: today, note: 'HCSA 1/2027' });
      expect(deadline(decided, 'ca-leave:D1')?.computation).toMatchObject({ rule: 'sct.ca-leave', from: today, basis: expect.stringContaining('s.29A(1)') });

      const caDue = deadline(decided, 'ca-leave:C1')!.computation.due;
      await c.skipToMorningOf(addDays(caDue, 1));
      await expect(c.step('applyForCaLeave', partyActor('C1'), { grounds: 'late' })).rejects.toThrow(new RegExp(`closed on ${caDue}`));
      const caDueD1 = deadline(decided, 'ca-leave:D1')!;
      expect(caDueD1.computation.due).toBe(caDue);
    }));

  it('when the adjudicator reviews on their own motion after 14 days, then it is refused naming s.27A(1)', () =>
    onFreshServer(async (h) => {
      const c = await heardCase(h);
      const awarded = await c.step('makeAward', adjudicator, award({ oral: false }));
      const due = deadline(awarded, 'review-by-adjudicator')!.computation.due;
      await c.skipPast(due);
      await expect(c.step('reviewOnOwnMotion', adjudicator, { grounds: 'error in arithmetic' })).rejects.toThrow(new RegExp(`sct\\.review-by-adjudicator \\(Cap\\. 338 s\\.27A\\(1\\).*closed on ${due}`));
    }));
});

describe('transfer, counterclaim, orders and enforcement', () => {
  it('when proceedings are transferred and nobody applies for review within 7 days, then the case closes as transferred (s.7, s.27)', () =>
    onFreshServer(async (h) => {
      const c = await h.file();
      const transferred = await c.step('transfer', adjudicator, { to: 'District Court', reason: 'complex issues of title' });
      expect(transferred.stage).toBe('transferred');
      const application = deadline(transferred, 'transfer-review-application')!.computation;
      expect(application.periodDays).toBe(7);
      expect(deadline(transferred, 'transfer-review')!.computation.periodDays).toBe(14);
      const closed = await c.skipPast(application.due);
      expect(closed).toMatchObject({ stage: 'closed', closed: { reason: expect.stringContaining('transferred to the District Court') } });
    }));

  it('when a counterclaim within the limit is for defamation, then it is outside the jurisdiction and to be transferred (s.10(1))', () =>
    onFreshServer(async (h) => {
      const c = await h.file();
      const counter = await c.step('fileCounterclaim', partyActor('D1'), { amountCents: 500_000, particulars: 'The claimant defamed me to my customers', abandonExcess: false, subjectMatter: 'defamation' });
      expect(counter.counterclaim?.disposition).toBe('transfer-required');
      expect(counter.history.at(-1)?.detail).toMatch(/s\.10\(1\)/);
      expect(counter.alerts.at(-1)).toMatchObject({ to: 'adjudicator', rule: 'Cap. 338 s.10(1)' });
    }));

  it('when a counterclaim beyond jurisdiction is transferred, then the claimant\'s award is not enforceable until it is decided (s.10(2))', () =>
    onFreshServer(async (h) => {
      const c = await h.file();
      const counter = await c.step('fileCounterclaim', partyActor('D1'), { amountCents: 20_000_000, particulars: 'Losses from defective works exceed the claim', abandonExcess: false });
      expect(counter.counterclaim?.disposition).toBe('transfer-required');
      await c.step('transferCounterclaim', adjudicator, { to: 'District Court', stayEnforcement: true });
      await c.skipToHearing();
      const payBy = addDays(await h.today(), 3);
      await c.step('makeAward', adjudicator, award({ oral: false, payBy }));
      const stayed = await c.skipPast(payBy);
      expect(stayed.stage).toBe('decided');
      expect(stayed.enforceableSince).toBeNull();
      const decided = await c.step('recordCounterclaimDecided', officer, { decidedOn: await h.today(), summary: 'Counterclaim dismissed' });
      expect(decided).toMatchObject({ stage: 'enforceable', enforceableSince: await h.today() });
      expect(decided.history.map((e) => e.event)).toEqual(expect.arrayContaining(['counterclaim-decided', 'award-enforceable']));
    }));

  it('when an award is unpaid after its date, then it becomes enforceable (s.32), with s.33 interest accruing', () =>
    onFreshServer(async (h) => {
      const c = await heardCase(h);
      const payBy = addDays(await h.today(), 10);
      await c.step('makeAward', adjudicator, award({ oral: false, payBy }));
      const enforceable = await c.skipPast(payBy);
      expect(enforceable.stage).toBe('enforceable');
      expect(enforceable.alerts.at(-1)).toMatchObject({ to: 'C1', rule: 'Cap. 338 s.32' });
      // 11 days of interest on HK$12,500 at the judgment-debt rate in force (s.33(3), (4)).
      const rate = judgmentDebtRateOn(enforceable.outcome!.madeOn)!.ratePercent;
      expect(enforceable.balanceCents).toBe(1_250_000 + Math.round((1_250_000 * rate * 11) / 36_500));
    }));

  it('when a party misses the time an order set, then the adjudicator is alerted and may strike the claim out (s.26A)', () =>
    onFreshServer(async (h) => {
      const c = await h.file();
      const ordered = await c.step('makeOrder', adjudicator, { directedTo: 'C1', text: 'File the quotation and invoices', periodDays: 5 });
      const due = deadline(ordered, 'order:O1')!.computation.due;
      await expect(c.step('applyOrderConsequence', adjudicator, { orderId: 'O1', consequence: 'struck-out', summary: 'x' })).rejects.toThrow(/no failure to comply yet/);
      const lapsed = await c.skipPast(due);
      expect(lapsed.alerts.at(-1)).toMatchObject({ to: 'adjudicator', rule: 'sct.order-compliance' });
      expect(lapsed.pendingActions.map((a) => a.step)).toContain('apply-order-consequence');
      const struck = await c.step('applyOrderConsequence', adjudicator, { orderId: 'O1', consequence: 'struck-out', summary: 'No documents filed' });
      expect(struck.outcome?.kind).toBe('struck-out');
    }));

  it('when a joint claimant never signs, then they may be struck out and the claim reduced (s.12(4)), and payment into the tribunal is shared pro rata (s.34)', () =>
    onFreshServer(async (h) => {
      const base = aClaim().claimants[0]!;
      const c = await h.file(aClaim({ kind: 'joint', claimants: [{ ...base, amountCents: 300_000 }, { ...base, name: 'Chan Siu Wah', amountCents: 100_000 }, { ...base, name: 'Ho Ka Ming', amountCents: 50_000, signed: false }] }));
      await c.step('recordService', officer, { partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'post', servedOn: await h.today() });
      await c.skipToHearing();
      await expect(c.step('strikeOutUnsigned', adjudicator, { partyIds: ['C1'] })).rejects.toThrow(/C1 signed the claim/);
      const struck = await c.step('strikeOutUnsigned', adjudicator, { partyIds: ['C3'] });
      expect(struck.withinJurisdictionCents).toBe(400_000);
      await c.step('makeAward', adjudicator, award({ oral: false, amountCents: 400_000, inFavourOf: ['C1', 'C2'] }));
      const paid = await c.step('recordPayment', partyActor('D1'), { amountCents: 100_001, paidOn: await h.today() });
      expect(paid.payments.at(-1)?.into).toBe('tribunal');
      expect(paid.distribution).toEqual([
        { partyId: 'C1', cents: 75_001 },
        { partyId: 'C2', cents: 25_000 },
      ]);
    }));

  it('when an officer acts on a stale view of the case, then the step is refused and nothing changes', () =>
    onFreshServer(async (h) => {
      const c = await h.file();
      const seen = await c.view();
      await c.step('recordService', officer, { partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'post', servedOn: await h.today() }, seen.version);
      await expect(c.step('recordService', officer, { partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'personal-delivery', servedOn: await h.today() }, seen.version)).rejects.toThrow(/the case changed since version/);
      expect((await c.view()).service).toHaveLength(1);
    }));
});

describe('continue-as-new', () => {
  it('when a case continues as new with its state, then the new run carries on exactly where the old one stood, timers included', () =>
    onFreshServer(async (h) => {
      const original = await h.file();
      await original.step('recordService', officer, { partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'post', servedOn: await h.today() });
      const before = await original.view();
      // What continueAsNew carries: the case itself, without what the query derives from it.
      const { pendingActions: _p, balanceCents: _b, distribution: _d, deadlines, ...rest } = before;
      const state = { ...rest, deadlines: deadlines.map(({ explanation: _e, ...d }) => d) };
      const resumed = await h.resume(JSON.parse(JSON.stringify(state)));
      const after = await resumed.view();
      // The same case under the test's new workflow ID: its number (and the paper keys that carry it) aside, nothing differs.
      const renumbered = JSON.parse(JSON.stringify(after).replaceAll(after.caseNo, before.caseNo)) as typeof after;
      expect(renumbered).toEqual(before);
      const heard = await resumed.skipToHearing();
      expect(heard.stage).toBe('awaiting-outcome');
      expect(heard.history.at(-1)?.event).toBe('hearing-day');
    }));
});
