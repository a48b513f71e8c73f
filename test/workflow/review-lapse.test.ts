/**
 * Procedure revision 3 (s.27A(1)): the adjudicator may review an award only
 * within 14 days from it, so a review still undecided when they end lapses,
 * its applicant is told, and the case no longer waits for it; a case opened
 * under revision 2 moves to this rule at its next step.
 */
import { anAward } from '../support/claims';
import type { SmallClaimView } from '../../workflows/sct/contract';
import { adjudicator, officer, onFreshServer, partyActor, type CaseHarness, type CaseUnderTest } from '../support/sct-case';

async function awardUnderReview(h: CaseHarness): Promise<{ c: CaseUnderTest; lastDay: string; applicationId: string }> {
  const c = await h.file();
  await c.step('recordService', officer, { partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'personal-delivery', servedOn: await h.today() });
  await c.skipToHearing();
  const awarded = await c.step('makeAward', adjudicator, anAward());
  const applied = await c.step('applyForReview', partyActor('D1'), { grounds: 'the works were never finished' });
  return {
    c,
    lastDay: awarded.deadlines.find((d) => d.key === 'review-by-adjudicator')!.computation.due,
    applicationId: applied.applications.at(-1)!.id,
  };
}

const payInFull = async (h: CaseHarness, c: CaseUnderTest) => c.step('recordPayment', partyActor('D1'), { amountCents: 1_250_000, paidOn: await h.today() });

const application = (view: SmallClaimView, id: string) => view.applications.find((a) => a.id === id);

describe('s.27A(1): a review not decided within the 14 days', () => {
  it('when the period ends with the application undecided, then it lapses, the applicant is told, the award stands and the paid case closes', () =>
    onFreshServer(async (h) => {
      const { c, lastDay, applicationId } = await awardUnderReview(h);
      const paid = await payInFull(h, c);
      expect(paid.lawRevision).toBe(3);
      expect(paid.stage).toBe('decided');
      expect(paid.pendingActions.map((a) => a.step)).toContain('decide-review');

      const after = await c.skipPast(lastDay);
      expect(application(after, applicationId)).toMatchObject({ status: 'decided', result: expect.stringContaining(`lapsed: not decided within 14 days from the award (s.27A(1)), the last day being ${lastDay}`) });
      expect(after.history.find((e) => e.event === 'review-lapsed')?.detail).toMatch(/power of review under s\.27A\(1\) is spent/);
      expect(after.alerts.find((a) => a.to === 'D1' && a.rule === 'Cap. 338 s.27A(1)')?.message).toContain(`last day ${lastDay}`);
      // The adjudicator's "awaits a decision" is no longer pending.
      expect(after.alerts.find((a) => a.subject?.kind === 'application')?.resolvedOn).toBeTruthy();
      expect(after.pendingActions.map((a) => a.step)).not.toContain('decide-review');
      expect(after.outcome?.amountCents).toBe(1_250_000);
      expect(after.stage).toBe('closed');
    }));

  it('when a review opened on the tribunal\'s own motion is still undecided at the end of the 14 days, then it lapses too', () =>
    onFreshServer(async (h) => {
      const c = await h.file();
      await c.step('recordService', officer, { partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'personal-delivery', servedOn: await h.today() });
      await c.skipToHearing();
      const awarded = await c.step('makeAward', adjudicator, anAward());
      const opened = await c.step('reviewOnOwnMotion', adjudicator, { grounds: 'a slip in the sum' });
      const lastDay = awarded.deadlines.find((d) => d.key === 'review-by-adjudicator')!.computation.due;
      const after = await c.skipPast(lastDay);
      expect(application(after, opened.applications.at(-1)!.id)).toMatchObject({ status: 'decided', result: expect.stringMatching(/^lapsed: /) });
      expect(after.history.find((e) => e.event === 'review-lapsed')?.detail).toContain("the tribunal's own motion");
    }));

  it('when the period has not yet ended, then the application still awaits the adjudicator', () =>
    onFreshServer(async (h) => {
      const { c, applicationId } = await awardUnderReview(h);
      expect(application(await c.view(), applicationId)?.status).toBe('pending');
    }));
});

describe('a case opened under revision 2', () => {
  it('when it takes its next step, then it moves to revision 3, its history says so, and its undecided review lapses with the period', () =>
    onFreshServer(async (h) => {
      const { c, lastDay, applicationId } = await awardUnderReview(h);
      // As a case running before revision 3: the same state, following revision 2.
      const older = await h.resume({ ...(await c.view()), lawRevision: 2 });
      expect((await older.view()).lawRevision).toBe(2);

      const paid = await payInFull(h, older);
      expect(paid.lawRevision).toBe(3);
      const revised = paid.history.filter((e) => e.event === 'procedure-revised');
      expect(revised).toHaveLength(1);
      expect(revised[0]!.detail).toMatch(/s\.27A\(1\): a review not decided within 14 days/);
      // Only what changed since revision 2 is listed.
      expect(revised[0]!.detail).not.toMatch(/s\.28\(2\)\(b\)/);

      const after = await older.skipPast(lastDay);
      expect(application(after, applicationId)?.status).toBe('decided');
      expect(after.stage).toBe('closed');
    }));

  it('when it reaches the end of the period without a step, then it moves to revision 3 at that timer and the review lapses', () =>
    onFreshServer(async (h) => {
      const { c, lastDay, applicationId } = await awardUnderReview(h);
      await payInFull(h, c);
      const older = await h.resume({ ...(await c.view()), lawRevision: 2 });
      const after = await older.skipPast(lastDay);
      expect(after.lawRevision).toBe(3);
      expect(after.history.map((e) => e.event)).toEqual(expect.arrayContaining(['procedure-revised', 'period-ended', 'review-lapsed', 'case-closed']));
      expect(application(after, applicationId)?.status).toBe('decided');
    }));
});
