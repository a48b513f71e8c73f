/**
 * Corrections to the hearing, outcome and payment rules of Cap. 338: default
 * judgment without an affidavit (s.17), the representative's own share of
 * money paid into the tribunal (s.34), and a s.26A stay of proceedings kept
 * apart from a s.31 stay of execution, which a higher court may also order.
 */
import { STEP_SCHEMAS } from '../../api/sct/step-schemas';
import { addDays } from '../../domain/calendar';
import { aClaim, anAward } from '../support/claims';
import { adjudicator, officer, onFreshServer, partyActor, type CaseHarness, type CaseUnderTest } from '../support/sct-case';

const award = anAward;

async function heardCase(h: CaseHarness, c?: CaseUnderTest): Promise<CaseUnderTest> {
  const filed = c ?? (await h.file());
  await filed.step('recordService', officer, { partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'personal-delivery', servedOn: await h.today() });
  await filed.skipToHearing();
  return filed;
}

describe('default judgment (s.17)', () => {
  it('when the claimant files no affidavit, then default judgment is still entered and the history says no affidavit was filed', () =>
    onFreshServer(async (h) => {
      const c = await heardCase(h);
      const { kind: _k, inFavourOf: _f, absentParties: _a, ...terms } = award();
      const judged = await c.step('enterDefaultJudgment', adjudicator, { ...terms, against: ['D1'], affidavitFiled: false });
      expect(judged.stage).toBe('decided');
      expect(judged.outcome).toMatchObject({ kind: 'default-judgment', against: ['D1'] });
      expect(judged.history.find((e) => e.event === 'default-judgment')?.detail).toMatch(/\(s\.17; no affidavit filed\)/);
    }));

  it('when the API body leaves affidavitFiled out, then it is read as false, and true is still accepted', () => {
    const body = { summary: 'Judgment in default', oral: false, amountCents: 100, against: ['D1'] };
    expect(STEP_SCHEMAS.enterDefaultJudgment.parse(body).affidavitFiled).toBe(false);
    expect(STEP_SCHEMAS.enterDefaultJudgment.parse({ ...body, affidavitFiled: true }).affidavitFiled).toBe(true);
  });
});

describe('payment into the tribunal in a representative claim (s.34)', () => {
  it('when money is paid in, then it is shared in proportion to each claim, the representative claimant\'s own claim included', () =>
    onFreshServer(async (h) => {
      const base = aClaim().claimants[0]!;
      const person = { name: 'Lee Mei Ling', address: { lines: ['Flat B, 3/F', '2 Nathan Road', 'Kowloon'] }, amountCents: 100_000, signed: true };
      const c = await heardCase(
        h,
        await h.file(aClaim({ kind: 'representative', claimants: [{ ...base, amountCents: 300_000 }], representedPersons: [person, { ...person, name: 'Ho Ka Ming' }] })),
      );
      const view = await c.view();
      const represented = view.parties.filter((p) => p.side === 'represented').map((p) => p.id);
      expect(represented).toHaveLength(2);
      await c.step('makeAward', adjudicator, award({ amountCents: 500_000, inFavourOf: ['C1', ...represented] }));
      const paid = await c.step('recordPayment', partyActor('D1'), { amountCents: 100_001, paidOn: await h.today() });
      expect(paid.payments.at(-1)?.into).toBe('tribunal');
      // 3 : 1 : 1, the odd cent to the largest remainder.
      expect(paid.distribution).toEqual([
        { partyId: 'C1', cents: 60_001 },
        { partyId: represented[0], cents: 20_000 },
        { partyId: represented[1], cents: 20_000 },
      ]);
    }));
});

describe('stays: s.26A (proceedings) and s.31 (execution)', () => {
  it('when proceedings are stayed for non-compliance with an order, then the stay is recorded under s.26A and lifted under s.26A, not s.31', () =>
    onFreshServer(async (h) => {
      const c = await h.file();
      const ordered = await c.step('makeOrder', adjudicator, { directedTo: 'D1', text: 'File the receipts relied on', periodDays: 5 });
      await c.skipPast(ordered.deadlines.find((d) => d.key === 'order:O1')!.computation.due);
      const stayed = await c.step('applyOrderConsequence', adjudicator, { orderId: 'O1', consequence: 'stayed', summary: 'No receipts filed' });
      expect(stayed.stays).toEqual([{ basis: 'Cap. 338 s.26A', since: await h.today(), liftedOn: null, note: 'proceedings stayed for non-compliance with O1 (s.26A)' }]);
      await expect(c.step('liftStay', adjudicator, { basis: 'Cap. 338 s.31', reason: 'Receipts filed' })).rejects.toThrow(/no stay under Cap\. 338 s\.31 is in force/);
      const lifted = await c.step('liftStay', adjudicator, { basis: 'Cap. 338 s.26A', reason: 'Receipts filed' });
      expect(lifted.stays[0]?.liftedOn).toBe(await h.today());
    }));

  it('when the Court of Appeal stays execution, then the registry records a s.31 stay naming the court and the award does not become enforceable', () =>
    onFreshServer(async (h) => {
      const c = await heardCase(h);
      const today = await h.today();
      const stay = { court: 'Court of Appeal' as const, orderedOn: today, reason: 'Pending the appeal on a point of law' };
      await expect(c.step('recordCourtStay', officer, stay)).rejects.toThrow();
      const payBy = addDays(today, 3);
      await c.step('makeAward', adjudicator, award({ payBy }));
      await expect(c.step('recordCourtStay', officer, { ...stay, orderedOn: addDays(today, 1) })).rejects.toThrow(/after today/);
      await expect(c.step('recordCourtStay', adjudicator, stay)).rejects.toThrow();
      const recorded = await c.step('recordCourtStay', officer, stay);
      expect(recorded.stays).toEqual([{ basis: 'Cap. 338 s.31', since: today, liftedOn: null, note: expect.stringContaining('ordered by the Court of Appeal') }]);
      expect(recorded.history.at(-1)).toMatchObject({ event: 'stay-ordered', detail: expect.stringContaining('Court of Appeal') });
      const after = await c.skipPast(payBy);
      expect(after.stage).toBe('decided');
      expect(after.enforceableSince).toBeNull();
      const lifted = await c.step('liftStay', adjudicator, { basis: 'Cap. 338 s.31', reason: 'Appeal dismissed' });
      expect(lifted.stage).toBe('enforceable');
    }));
});
