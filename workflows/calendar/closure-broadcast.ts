/**
 * A change of the court calendar reaches every open case (Cap. 1 s.71): a
 * closure day declared or withdrawn, or a new general holiday list. Page through
 * the open small claims in case-number order and signal each one with the new
 * calendar. Each case recomputes its own deadlines; this workflow only
 * delivers the news, durably: a signal is a command Temporal retries, and a
 * worker restart resumes from the page it was on.
 *
 * A broadcast carries the whole calendar of its closures version. Two
 * broadcasts may overlap and reach a case in either order, so a case must
 * keep whichever calendar has the higher `closuresVersion`.
 */
import {
  ApplicationFailure,
  continueAsNew,
  getExternalWorkflowHandle,
  isCancellation,
  log,
  patched,
  proxyActivities,
  workflowInfo,
} from '@temporalio/workflow';
import {
  CLOSURE_BROADCAST_PAGE_SIZE,
  calendarBroadcastSignal,
  type CalendarBroadcastChange,
  type ClosureBroadcastInput,
  type ClosureBroadcastProgress,
  type ClosureBroadcastResult,
  type OpenCaseActivities,
} from './contract';

const { listOpenSmallClaims, listOpenProcesses } = proxyActivities<OpenCaseActivities>({
  // One indexed read of at most a page of case numbers. Reading is harmless to
  // repeat, so a slow or restarting database is retried until it answers: a
  // closure must never silently fail to reach the cases.
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function closureBroadcastWorkflow(input: ClosureBroadcastInput): Promise<ClosureBroadcastResult> {
  const pageSize = input.pageSize ?? CLOSURE_BROADCAST_PAGE_SIZE;
  const progress: ClosureBroadcastProgress = { ...(input.progress ?? { signalled: 0, notFound: 0, undelivered: 0, pages: 0 }) };
  let after = input.afterCaseNo ?? '';

  for (;;) {
    // Filings' periods run on the calendar too: they are told from the first page read under this code.
    const page = patched('broadcast-to-filings') ? await listOpenProcesses(after, pageSize) : await listOpenSmallClaims(after, pageSize);
    progress.pages += 1;
    const outcomes = await Promise.all(page.map((caseNo) => tellCase(caseNo, input.change)));
    progress.signalled += outcomes.filter((o) => o === 'signalled').length;
    progress.notFound += outcomes.filter((o) => o === 'not-found').length;
    progress.undelivered += outcomes.filter((o) => o === 'undelivered').length;

    const last = page[page.length - 1];
    if (last === undefined || page.length < pageSize) return progress;
    after = last;
    // A long list of open cases makes a long history: start afresh from this page.
    if (workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof closureBroadcastWorkflow>({ ...input, afterCaseNo: after, progress });
    }
  }
}

/** What Temporal reports when the workflow to signal does not exist (or has closed). */
const NOT_FOUND = 'ExternalWorkflowExecutionNotFound';

type Outcome = 'signalled' | 'not-found' | 'undelivered';

/** Signals one case's workflow (its ID is its case number) with the new calendar. */
async function tellCase(caseNo: string, change: CalendarBroadcastChange): Promise<Outcome> {
  try {
    // The cases' `calendarChanged` signal, under the type that also allows a withdrawal or a new holiday list.
    await getExternalWorkflowHandle(caseNo).signal(calendarBroadcastSignal, change);
    return 'signalled';
  } catch (err) {
    if (isCancellation(err)) throw err;
    if (err instanceof ApplicationFailure && err.type === NOT_FOUND) {
      // The case closed after it was listed, or its filing's workflow has not
      // started yet (it will start on the calendar in force then): nothing to
      // tell, and the other cases must still be told.
      log.info('case not signalled: its workflow was not found', { caseNo });
      return 'not-found';
    }
    // Any other refusal (e.g. the case's signal limit) must not stop the
    // broadcast either; it is counted in the result and logged for the registry.
    log.warn('case not signalled', { caseNo, error: err instanceof Error ? err.message : String(err) });
    return 'undelivered';
  }
}
