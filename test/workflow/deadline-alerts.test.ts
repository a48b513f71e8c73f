/**
 * Deadline alerts on the time-skipping server: each lead time raised at its
 * instant (09:00 Hong Kong time on the day, 00:00 after the last day for a
 * missed one), to the deadline's owner and, for the tribunal's own duties,
 * the registry; each exactly once across a worker restart; and moved with
 * the deadline when a closure day moves it.
 */
import { addDays, declareClosure } from '../../domain/calendar';
import { plannedAlerts } from '../../domain/alerts/lead-times';
import type { DeadlineAlertDelivery } from '../../domain/alerts/deadline-alerts';
import type { StepPayloads } from '../../domain/sct/case';
import { calendarChangedSignal, type SmallClaimView } from '../../workflows/sct/contract';
import { anAward } from '../support/claims';
import { adjudicator, CaseHarness, CaseUnderTest, officer, onFreshServer } from '../support/sct-case';
import { timeSkippingEnvironment, uniqueId } from '../support/temporal';

const oralAward = (overrides: Partial<StepPayloads['makeAward']> = {}) => anAward({ oral: true, ...overrides });
const writtenAward = (view: SmallClaimView) => view.deadlines.find((d) => d.key === 'written-award')!;
const about = (key: string) => (d: DeadlineAlertDelivery) => d.alert.deadlineKey === key;

async function awardedOrally(h: CaseHarness): Promise<{ c: CaseUnderTest; awarded: SmallClaimView }> {
  const c = await h.file();
  await c.step('recordService', officer, { partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'personal-delivery', servedOn: await h.today() });
  await c.skipToHearing();
  return { c, awarded: await c.step('makeAward', adjudicator, oralAward()) };
}

describe('deadline alerts', () => {
  it('when an oral award is not reduced to writing, then the adjudicator and the registry are alerted 3 working days before, on the last day and once when it is missed', () =>
    onFreshServer(async (h) => {
      const { c, awarded } = await awardedOrally(h);
      const deadline = writtenAward(awarded);
      const planned = plannedAlerts(deadline, awarded.calendar);
      expect(planned.map((p) => p.lead.kind)).toEqual(['before', 'due-day', 'missed']);
      expect(planned[0]!.lead).toEqual({ kind: 'before', workingDays: 3 });

      // Nothing before its instant; each lead at its instant, no earlier and no later.
      const [before, dueDay, missed] = planned as [(typeof planned)[0], (typeof planned)[0], (typeof planned)[0]];
      await c.skipTo(before.at - 60_000);
      expect(h.deliveredAlerts.filter(about('written-award'))).toEqual([]);
      await c.skipTo(before.at + 60_000);
      expect(h.deliveredAlerts.filter(about('written-award')).map((d) => d.alert.key)).toEqual([before.key]);
      await c.skipTo(dueDay.at + 60_000);
      await c.skipTo(missed.at + 60_000);

      const sent = h.deliveredAlerts.filter(about('written-award'));
      expect(sent.map((d) => [d.alert.key, d.alert.plannedAt])).toEqual(planned.map((p) => [p.key, new Date(p.at).toISOString()]));
      for (const { alert, process } of sent) {
        expect(process).toEqual({ kind: 'small-claim', caseNo: c.caseNo });
        expect(alert).toMatchObject({ owner: 'adjudicator', audience: 'owner-and-registry', rule: 'sct.written-award', due: deadline.computation.due, moved: null });
        // Raised on time: the durable timer woke the case at the planned instant.
        expect(Date.parse(alert.raisedAt) - Date.parse(alert.plannedAt)).toBeLessThan(60_000);
      }
      expect(sent.at(-1)!.alert.reason).toMatch(new RegExp(`missed: the last day was ${deadline.computation.due} \\(Cap\\. 338 s\\.18\\(3\\);`));

      // The case's own record shows each, delivered; the period then lapsed.
      const after = await c.view();
      expect(after.deadlineAlerts?.filter((a) => a.deadlineKey === 'written-award').map((a) => [a.lead.kind, a.deliveredAt !== null])).toEqual([
        ['before', true],
        ['due-day', true],
        ['missed', true],
      ]);
      expect(writtenAward(after).status).toBe('lapsed');
      expect(after.alerts.filter((a) => a.rule === 'sct.written-award').map((a) => [a.to, a.severity])).toEqual([
        ['adjudicator', 'warning'],
        ['adjudicator', 'urgent'],
        ['adjudicator', 'urgent'],
        ['adjudicator', 'urgent'],
      ]);
    }));

  it('when the worker restarts between the lead times, then the new worker replays the case and raises each remaining alert once, none again', async () => {
    const env = await timeSkippingEnvironment();
    const taskQueue = uniqueId('sct-restart');
    try {
      const first = await CaseHarness.run(
        env,
        async (h) => {
          const { c, awarded } = await awardedOrally(h);
          const planned = plannedAlerts(writtenAward(awarded), awarded.calendar);
          await c.skipTo(planned[0]!.at + 60_000);
          return { caseNo: c.caseNo, planned, delivered: [...h.deliveredAlerts] };
        },
        { taskQueue, keepCases: true, replayEveryTask: true },
      );
      expect(first.delivered.filter(about('written-award')).map((d) => d.alert.key)).toEqual([first.planned[0]!.key]);

      // Neither worker caches a case: every task, and the new worker's first, rebuilds it by replaying its history.
      const second = await CaseHarness.run(
        env,
        async (h) => {
          const c = new CaseUnderTest(h, env.client.workflow.getHandle(first.caseNo));
          await c.skipTo(first.planned.at(-1)!.at + 60_000);
          await c.handle.terminate('test finished');
          return [...h.deliveredAlerts];
        },
        { taskQueue, keepCases: true, replayEveryTask: true },
      );
      const all = [...first.delivered, ...second].filter(about('written-award')).map((d) => d.alert.key);
      expect(all).toEqual(first.planned.map((p) => p.key));
    } finally {
      await env.teardown();
    }
  });

  it('when a closure day moves the last day, then the pending alerts move with it, say so, and none is raised for the old day', () =>
    onFreshServer(async (h) => {
      const { c, awarded } = await awardedOrally(h);
      const original = writtenAward(awarded);
      const oldPlan = plannedAlerts(original, awarded.calendar);
      const closure = { date: original.computation.due, reason: 'black rainstorm warning' };
      await c.handle.signal(calendarChangedSignal, { calendar: declareClosure(awarded.calendar, closure), declared: closure, declaredBy: officer });
      const moved = await c.settle();
      const now = writtenAward(moved);
      expect(now.computation.due > original.computation.due).toBe(true);
      expect(now.moves).toEqual([{ from: original.computation.due, to: now.computation.due, on: await h.today(), because: expect.stringContaining(`${closure.date} closed (black rainstorm warning)`) }]);

      const newPlan = plannedAlerts(now, moved.calendar);
      expect(newPlan.map((p) => p.key)).not.toEqual(oldPlan.map((p) => p.key));
      await c.skipTo(newPlan.at(-1)!.at + 60_000);
      const sent = h.deliveredAlerts.filter(about('written-award')).map((d) => d.alert);
      expect(sent.map((a) => a.key)).toEqual(newPlan.map((p) => p.key));
      expect(sent.every((a) => a.due === now.computation.due)).toBe(true);
      for (const a of sent) expect(a.moved).toEqual({ from: original.computation.due, because: expect.stringContaining('black rainstorm warning') });
    }));

  it('when a case continues as new between the lead times, then the new run raises only the alerts still to come', () =>
    onFreshServer(async (h) => {
      const { c, awarded } = await awardedOrally(h);
      const planned = plannedAlerts(writtenAward(awarded), awarded.calendar);
      await c.skipTo(planned[1]!.at + 60_000);
      // The state a continue-as-new carries, with the alerts raised so far.
      const resumed = await h.resume(JSON.parse(JSON.stringify(await c.view())));
      await resumed.skipTo(planned[2]!.at + 60_000);
      const keysOf = (caseNo: string) => h.deliveredAlerts.filter((d) => d.process.caseNo === caseNo && d.alert.deadlineKey === 'written-award').map((d) => d.alert.key);
      expect(keysOf(c.caseNo)).toEqual(planned.map((p) => p.key));
      // The resumed run carried the two already raised: only "missed" is new to it.
      expect(keysOf(resumed.caseNo)).toEqual([planned[2]!.key]);
    }));

  it('when the tribunal extends a lapsed window by order, then the party is alerted afresh for the new last day, and told it moved and why', () =>
    onFreshServer(async (h) => {
      const c = await h.file();
      await c.step('recordService', officer, { partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'personal-delivery', servedOn: await h.today() });
      await c.skipToHearing();
      const judged = await c.step('enterDefaultJudgment', adjudicator, { ...oralAward(), oral: false, against: ['D1'], affidavitFiled: true });
      const window = judged.deadlines.find((d) => d.key === 'set-aside:D1')!;
      const first = plannedAlerts(window, judged.calendar);
      await c.skipTo(first.at(-1)!.at + 60_000);
      expect(h.deliveredAlerts.filter(about('set-aside:D1')).map((d) => [d.alert.lead.kind, d.alert.owner])).toEqual([
        ['before', 'D1'],
        ['due-day', 'D1'],
        ['missed', 'D1'],
      ]);

      const until = addDays(await h.today(), 10);
      const extended = await c.step('extendTimeToSetAside', adjudicator, { partyId: 'D1', until, reason: 'medical certificate produced' });
      const reopened = extended.deadlines.find((d) => d.key === 'set-aside:D1')!;
      expect(reopened.moves?.at(-1)).toMatchObject({ from: window.computation.due, to: until, because: expect.stringContaining('s.32A(2)') });
      const second = plannedAlerts(reopened, extended.calendar);
      await c.skipTo(second.at(-1)!.at + 60_000);
      const after = h.deliveredAlerts.filter(about('set-aside:D1')).slice(3).map((d) => d.alert);
      expect(after.map((a) => a.key)).toEqual(second.map((p) => p.key));
      for (const a of after) expect(a.moved).toEqual({ from: window.computation.due, because: expect.stringContaining('medical certificate produced') });
    }));
});
