/**
 * The closure broadcast on the time-skipping server: it pages through the
 * open cases its activity lists and signals each case's workflow; a case
 * that no longer exists is counted and skipped.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundle } from '@temporalio/worker';
import type { OpenCaseActivities } from '../../workflows/calendar/contract';
import { HK_GENERAL_HOLIDAYS_VERSION, createCalendar, declareClosure, withdrawClosure } from '../../domain/calendar';
import {
  CLOSURE_BROADCAST_WORKFLOW,
  closureBroadcastWorkflowId,
  closureWithdrawalBroadcastWorkflowId,
  holidaysBroadcastWorkflowId,
  type CalendarBroadcastChange,
  type ClosureBroadcastInput,
} from '../../workflows/calendar/contract';
import type { CalendarChange } from '../../workflows/sct/contract';
import { timeSkippingEnvironment, uniqueId } from '../support/temporal';

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundle;

beforeAll(async () => {
  [env, bundle] = await Promise.all([
    timeSkippingEnvironment(),
    bundleWorkflowCode({
      workflowsPath: require.resolve('./fixtures/closure-broadcast-workflows'),
      logger: { log: () => undefined, info: () => undefined, warn: () => undefined, error: console.error, debug: () => undefined, trace: () => undefined },
    }),
  ]);
});
afterAll(async () => {
  await env?.teardown();
});

/** Stub activities over a fixed list of "open" case numbers, recording each page asked for. */
function openCases(caseNos: string[]) {
  const sorted = [...caseNos].sort();
  const calls: Array<[string, number]> = [];
  const activities: OpenCaseActivities = {
    async listOpenSmallClaims(afterCaseNo, limit) {
      calls.push([afterCaseNo, limit]);
      return sorted.filter((no) => no > afterCaseNo).slice(0, limit);
    },
    // Broadcasts started under today's code page through cases and filings alike.
    async listOpenProcesses(afterId, limit) {
      calls.push([afterId, limit]);
      return sorted.filter((no) => no > afterId).slice(0, limit);
    },
  };
  return { activities, calls, sorted };
}

function aChange(): CalendarChange {
  const closure = { date: '2026-07-20', reason: 'black rainstorm warning' };
  return {
    calendar: declareClosure(createCalendar(), closure),
    declared: closure,
    declaredBy: { id: 'officer-1', role: 'registry-officer', name: 'Lee Ka Yan' },
  };
}

describe('closure broadcast workflow', () => {
  it('when two cases are open and a third listed case no longer exists, then both open cases receive the new calendar and the third is counted as not found', async () => {
    const taskQueue = uniqueId('calendar');
    const [first, second] = [uniqueId('SCTC-A'), uniqueId('SCTC-B')];
    const gone = uniqueId('SCTC-0-gone');
    const { activities, calls, sorted } = openCases([first, second, gone]);
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities });

    await worker.runUntil(async () => {
      const listeners = await Promise.all(
        [first, second].map((workflowId) => env.client.workflow.start('calendarListenerWorkflow', { taskQueue, workflowId, args: [] })),
      );
      const change = aChange();
      const input: ClosureBroadcastInput = { change, pageSize: 2 };
      // Awaiting the result means no activity is outstanding when the worker stops.
      const result = await env.client.workflow.execute(CLOSURE_BROADCAST_WORKFLOW, {
        taskQueue,
        workflowId: uniqueId(closureBroadcastWorkflowId(change.declared.date, change.calendar.closuresVersion)),
        args: [input],
      });

      expect(result).toEqual({ signalled: 2, notFound: 1, undelivered: 0, pages: 2 });
      // Two pages in case-number order: a full page, then the rest.
      expect(calls).toEqual([
        ['', 2],
        [sorted[1], 2],
      ]);
      for (const listener of listeners) {
        const received = (await listener.result()) as CalendarChange[];
        expect(received).toEqual([change]);
      }
    });
  });

  it('when no case is open, then the broadcast reads one empty page and signals nobody', async () => {
    const taskQueue = uniqueId('calendar');
    const { activities, calls } = openCases([]);
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities });
    await worker.runUntil(async () => {
      const result = await env.client.workflow.execute(CLOSURE_BROADCAST_WORKFLOW, {
        taskQueue,
        workflowId: uniqueId('calendar-closure'),
        args: [{ change: aChange() } satisfies ClosureBroadcastInput],
      });
      expect(result).toEqual({ signalled: 0, notFound: 0, undelivered: 0, pages: 1 });
      expect(calls).toEqual([['', 100]]);
    });
  });

  it('when a withdrawal and a new holiday list are broadcast, then each case receives the change with its cause, under business keys of their own', async () => {
    expect(closureBroadcastWorkflowId('2026-07-20', 1)).toBe('calendar-closure-2026-07-20-v1');
    expect(closureWithdrawalBroadcastWorkflowId('2026-07-20', 2)).toBe('calendar-closure-2026-07-20-withdrawn-v2');
    expect(holidaysBroadcastWorkflowId(HK_GENERAL_HOLIDAYS_VERSION)).toBe(`calendar-holidays-${HK_GENERAL_HOLIDAYS_VERSION}`);

    const declared = aChange();
    const changes: CalendarBroadcastChange[] = [
      {
        calendar: withdrawClosure(declared.calendar, declared.declared.date),
        cause: { kind: 'closure-withdrawn', closure: declared.declared, reason: 'declared for the wrong day', by: declared.declaredBy },
      },
      { calendar: createCalendar(), cause: { kind: 'holidays-replaced', from: 'hk-gazette-2028.1', to: HK_GENERAL_HOLIDAYS_VERSION } },
    ];
    for (const change of changes) {
      const taskQueue = uniqueId('calendar');
      const caseNo = uniqueId('SCTC-C');
      const { activities } = openCases([caseNo]);
      const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities });
      await worker.runUntil(async () => {
        const listener = await env.client.workflow.start('calendarListenerWorkflow', { taskQueue, workflowId: caseNo, args: [] });
        const result = await env.client.workflow.execute(CLOSURE_BROADCAST_WORKFLOW, {
          taskQueue,
          workflowId: uniqueId('calendar-change'),
          args: [{ change } satisfies ClosureBroadcastInput],
        });
        expect(result).toEqual({ signalled: 1, notFound: 0, undelivered: 0, pages: 1 });
        expect(await listener.result()).toEqual([change]);
      });
    }
  });
});
