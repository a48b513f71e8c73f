/**
 * Review, set-aside and appeal corrections: s.27A(1) bars a review while leave
 * to appeal is sought and limits it to 14 days from the award; extensions of
 * time under s.32A(2) and s.28(2)(b) are orders recorded with their new date.
 */
import { addDays } from '../../domain/calendar';
import { anAward } from '../support/claims';
import type { SmallClaimView } from '../../workflows/sct/contract';
import { adjudicator, officer, onFreshServer, partyActor, type CaseHarness, type CaseUnderTest } from '../support/sct-case';

const award = anAward;

const deadline = (view: SmallClaimView, key: string) => view.deadlines.find((d) => d.key === key);

async function heardCase(h: CaseHarness): Promise<CaseUnderTest> {
  const c = await h.file();
  await c.step('recordService', officer, { partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'personal-delivery', servedOn: await h.today() });
  await c.skipToHearing();
  return c;
}

describe('s.27A(1): review', () => {
  it('when a leave application is pending, then deciding a review and applying for one are refused naming s.27A(1); after it is withdrawn the review is decided', () =>
    onFreshServer(async (h) => {
      const c = await heardCase(h);
      await c.step('makeAward', adjudicator, award());
      const today = await h.today();
      await c.step('recordService', officer, { partyId: 'C1', document: 'written-award', manner: 'post', servedOn: today });
      const review = await c.step('applyForReview', partyActor('D1'), { grounds: 'The works were defective' });
      const reviewApp = review.applications.at(-1)!;
      const leave = await c.step('applyForLeaveToAppeal', partyActor('C1'), { grounds: 'Wrong in law' });
      const leaveApp = leave.applications.at(-1)!;

      await expect(c.step('decideReview', adjudicator, { applicationId: reviewApp.id, result: 'confirmed', summary: 'x' })).rejects.toThrow(
        new RegExp(`s\\.27A\\(1\\): C1 lodged an application for leave to appeal \\(${leaveApp.id}`),
      );
      await expect(c.step('applyForReview', partyActor('C1'), { grounds: 'Also' })).rejects.toThrow(/s\.27A\(1\): C1 lodged an application for leave to appeal/);

      await c.step('withdrawApplication', partyActor('C1'), { applicationId: leaveApp.id });
      const decided = await c.step('decideReview', adjudicator, { applicationId: reviewApp.id, result: 'confirmed', summary: 'No new evidence' });
      expect(decided.applications.find((a) => a.id === reviewApp.id)).toMatchObject({ status: 'decided', result: 'confirmed' });
    }));

  it('when a review applied for in time is decided after the 14 days from the award, then it is refused naming s.27A(1) and the day they ended', () =>
    onFreshServer(async (h) => {
      const c = await heardCase(h);
      const awarded = await c.step('makeAward', adjudicator, award());
      const due = deadline(awarded, 'review-by-adjudicator')!.computation.due;
      const review = await c.step('applyForReview', partyActor('D1'), { grounds: 'The works were defective' });
      const reviewApp = review.applications.at(-1)!;
      await c.skipPast(due);
      await expect(c.step('decideReview', adjudicator, { applicationId: reviewApp.id, result: 'confirmed', summary: 'x' })).rejects.toThrow(
        new RegExp(`s\\.27A\\(1\\): .*14 days from it; .*ended on ${due}`),
      );
    }));
});

describe('extensions of time by order', () => {
  it('when the tribunal extends an absent party\'s time under s.32A(2), then a late application to set aside, refused before, is accepted', () =>
    onFreshServer(async (h) => {
      const c = await heardCase(h);
      const judged = await c.step('enterDefaultJudgment', adjudicator, { ...award(), against: ['D1'], affidavitFiled: true });
      const window = deadline(judged, 'set-aside:D1')!.computation;
      const late = await c.skipToMorningOf(addDays(window.due, 1));
      expect(deadline(late, 'set-aside:D1')?.status).toBe('lapsed');
      await expect(c.step('applyToSetAside', partyActor('D1'), { grounds: 'I was in hospital' })).rejects.toThrow(new RegExp(`closed on ${window.due}`));

      const today = await h.today();
      await expect(c.step('extendTimeToSetAside', adjudicator, { partyId: 'D1', until: today, reason: 'x' })).rejects.toThrow(/must be after today/);
      await expect(c.step('extendTimeToSetAside', adjudicator, { partyId: 'D1', until: window.due, reason: 'x' })).rejects.toThrow(/must be after the current one/);
      await expect(c.step('extendTimeToSetAside', partyActor('D1'), { partyId: 'D1', until: addDays(today, 7), reason: 'x' })).rejects.toThrow();

      const until = addDays(today, 7);
      const extended = await c.step('extendTimeToSetAside', adjudicator, { partyId: 'D1', until, reason: 'medical certificate produced' });
      const d = deadline(extended, 'set-aside:D1')!;
      expect(d).toMatchObject({ status: 'open', closedOn: null, computation: { due: until } });
      expect(d.outcome).toMatch(/s\.32A\(2\).*medical certificate produced/);
      expect(d.computation.extensions.at(-1)).toMatchObject({ date: window.due, kind: 'by-order', ground: expect.stringContaining('s.32A(2)') });
      expect(d.explanation).toContain(`The time was extended to ${until} by order:`);
      expect(d.explanation).toContain('s.32A(2)');
      expect(d.explanation).not.toContain('is not open under');

      const applied = await c.step('applyToSetAside', partyActor('D1'), { grounds: 'I was in hospital' });
      expect(applied.applications.at(-1)).toMatchObject({ kind: 'set-aside', by: 'D1', status: 'pending' });
      expect(deadline(applied, 'set-aside:D1')?.status).toBe('met');
    }));

  it('when the registry records the Registrar\'s extension under s.28(2)(b), then a late application for leave to appeal, refused before, is accepted', () =>
    onFreshServer(async (h) => {
      const c = await heardCase(h);
      await c.step('makeAward', adjudicator, award());
      const served = await c.step('recordService', officer, { partyId: 'D1', document: 'written-award', manner: 'post', servedOn: await h.today() });
      const window = deadline(served, 'appeal-leave:D1')!.computation;
      await c.skipToMorningOf(addDays(window.due, 1));
      await expect(c.step('applyForLeaveToAppeal', partyActor('D1'), { grounds: 'Wrong in law' })).rejects.toThrow(new RegExp(`closed on ${window.due}`));

      const today = await h.today();
      await expect(c.step('recordAppealTimeExtension', officer, { partyId: 'D1', until: today, reason: 'x' })).rejects.toThrow(/must be after today/);
      const until = addDays(today, 5);
      const extended = await c.step('recordAppealTimeExtension', officer, { partyId: 'D1', until, reason: 'HCMP 12/2027' });
      const d = deadline(extended, 'appeal-leave:D1')!;
      expect(d).toMatchObject({ status: 'open', closedOn: null, computation: { due: until } });
      expect(d.outcome).toMatch(/Registrar of the High Court.*s\.28\(2\)\(b\).*HCMP 12\/2027/);
      expect(d.explanation).toContain('s.28(2)(b)');

      const leave = await c.step('applyForLeaveToAppeal', partyActor('D1'), { grounds: 'Wrong in law' });
      expect(leave.applications.at(-1)).toMatchObject({ kind: 'appeal-leave', by: 'D1', status: 'pending' });
      expect(deadline(leave, 'appeal-leave:D1')?.status).toBe('met');
    }));
});
