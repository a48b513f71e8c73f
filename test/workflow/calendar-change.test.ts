/**
 * The real small-claim workflow, told of calendar changes through its
 * `calendarChanged` signal on the time-skipping server: a new general
 * holiday list (a case filed on the provisional 2027 list learns of the
 * gazetted one) and a closure withdrawn after it vacated the hearing.
 */
import { createCalendar, declareClosure, withdrawClosure, HK_GENERAL_HOLIDAYS_VERSION, type CourtCalendar } from '../../domain/calendar';
import { calendarBroadcastSignal, type CalendarBroadcastChange } from '../../workflows/calendar/contract';
import { SMALL_CLAIM_WORKFLOW, type SmallClaimInput, type SmallClaimView } from '../../workflows/sct/contract';
import { aClaim } from '../support/claims';
import { CaseUnderTest, officer, onFreshServer, type CaseHarness } from '../support/sct-case';
import { uniqueId } from '../support/temporal';

const OLD = 'hk-gazette-2028.1';

/** Files a case whose calendar is `calendar` (also what the database answers when it starts). */
async function fileOn(h: CaseHarness, calendar: CourtCalendar): Promise<CaseUnderTest> {
  h.calendar = calendar;
  const caseNo = uniqueId('SCTC');
  const now = await h.env.currentTimeMs();
  const input: SmallClaimInput = { caseNo, filedAt: new Date(now).toISOString(), filedOn: await h.today(), claim: aClaim(), calendar };
  const handle = await h.env.client.workflow.start(SMALL_CLAIM_WORKFLOW, { taskQueue: h.taskQueue, workflowId: caseNo, args: [input] });
  h.started.push(handle);
  const c = new CaseUnderTest(h, handle);
  await c.settle();
  return c;
}

/** Signals the change and waits until the case has recorded something more and settled. */
async function tell(c: CaseUnderTest, change: CalendarBroadcastChange): Promise<SmallClaimView> {
  const before = (await c.view()).version;
  await c.handle.signal(calendarBroadcastSignal, change);
  for (let i = 0; i < 100; i += 1) {
    if ((await c.view()).version > before) return c.settle();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the case did not record the change');
}

describe('a running case told of a calendar change', () => {
  it('when a case computed on the provisional list is told of the gazetted one, then it rechecks its deadlines on it and its history says what changed', () =>
    onFreshServer(async (h) => {
      const old: CourtCalendar = { ...createCalendar(), holidaysVersion: OLD };
      const c = await fileOn(h, old);
      expect((await c.view()).calendar.holidaysVersion).toBe(OLD);

      const view = await tell(c, { calendar: createCalendar(), cause: { kind: 'holidays-replaced', from: OLD, to: HK_GENERAL_HOLIDAYS_VERSION } });
      expect(view.calendar.holidaysVersion).toBe(HK_GENERAL_HOLIDAYS_VERSION);
      const entry = view.history.find((e) => e.event === 'holidays-changed');
      expect(entry?.detail).toContain(`changed from ${OLD} to ${HK_GENERAL_HOLIDAYS_VERSION}`);
      expect(entry?.detail).toContain('2027 now as gazetted');
      expect(entry?.detail).toContain('G.N. number to be confirmed');
      // The same broadcast again (a retried signal) records nothing more.
      const version = view.version;
      await c.handle.signal(calendarBroadcastSignal, { calendar: createCalendar(), cause: { kind: 'holidays-replaced', from: OLD, to: HK_GENERAL_HOLIDAYS_VERSION } });
      expect((await c.settle()).version).toBe(version);
    }));

  it('when the closure that vacated the hearing is withdrawn, then the hearing is not restored: the case stays awaiting listing and its history says why', () =>
    onFreshServer(async (h) => {
      const c = await fileOn(h, createCalendar());
      const hearing = (await c.view()).hearing!.date;
      const closure = { date: hearing, reason: 'black rainstorm warning' };
      const declared = declareClosure(createCalendar(), closure);
      h.calendar = declared;
      const vacated = await tell(c, { calendar: declared, declared: closure, declaredBy: officer });
      expect(vacated).toMatchObject({ stage: 'awaiting-listing', hearing: null });

      const withdrawn = withdrawClosure(declared, hearing);
      h.calendar = withdrawn;
      const view = await tell(c, { calendar: withdrawn, cause: { kind: 'closure-withdrawn', closure, reason: 'no warning was in force that day', by: officer } });
      expect(view.calendar.closuresVersion).toBe(2);
      expect(view.calendar.closures).toEqual([]);
      expect(view).toMatchObject({ stage: 'awaiting-listing', hearing: null });
      expect(view.history.at(-1)).toMatchObject({ event: 'closure-withdrawn' });
      expect(view.history.at(-1)?.detail).toContain(`The closure of ${hearing} that vacated the hearing on ${hearing} was withdrawn by ${officer.name} (no warning was in force that day)`);
      expect(view.history.at(-1)?.detail).toContain('The hearing is not restored');
      expect(view.pendingActions.map((a) => a.step)).toEqual(['fix-hearing']);
    }));
});
