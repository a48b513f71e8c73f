/**
 * One filing of documents on an existing case, from draft to decision (iCMS,
 * seed 003). The rules live in domain/filing; this workflow makes them
 * durable: each step of the filer and the registry is an update, the
 * registry's review time and each correction window are durable timers, and
 * every message the filing owes (acknowledgement, defects, confirmation) is
 * delivered once, however often the worker restarts.
 */
import { allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { FILING, applyFilingCalendarChange, fireDueFilingTimers, filingView, isFinished, nextFilingTimerAt, openFiling, type Filing } from '../../domain/filing';
import { INBOX_DELIVERY_REFUSED } from '../../domain/inbox/messages';
import { registerSteps } from '../steps/register-steps';
import { now, workflowNow } from '../workflow-time';
import { FILING_UPDATES, filingCalendarSignal, filingQuery, type FilingActivities, type FilingInput } from './contract';

// Projections and deliveries are short database work, retried until the
// database answers; a delivery the inbox refuses outright is not retried.
const { projectFiling, deliverFilingMessage } = proxyActivities<FilingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: [INBOX_DELIVERY_REFUSED] },
});

export async function filingWorkflow(input: FilingInput): Promise<Filing> {
  // The calendar comes with the input, read by the service as it opened the filing.
  const state = input.resume ?? openFiling(input, now());

  let published = -1;
  const publish = async () => {
    if (state.version === published) return;
    published = state.version;
    await projectFiling(filingView(state));
  };
  /** Every message owed and not yet delivered, in the order owed; each marked when the inbox has it. */
  const deliverOwed = async () => {
    for (const owed of state.messages.filter((m) => m.deliveredAt === null)) {
      const { deliveredAt: _unsent, ...message } = owed;
      await deliverFilingMessage(message);
      owed.deliveredAt = new Date(workflowNow()).toISOString();
      state.version += 1;
    }
  };

  setHandler(filingQuery, () => filingView(state));
  setHandler(filingCalendarSignal, ({ calendar }) => applyFilingCalendarChange(state, calendar, now()));
  registerSteps(FILING, state, FILING_UPDATES, () => publish().then(() => filingView(state)));

  while (!isFinished(state) || state.messages.some((m) => m.deliveredAt === null)) {
    await publish();
    await deliverOwed();
    await publish();
    if (isFinished(state)) continue;
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof filingWorkflow>({ ...input, resume: state });
    }
    const next = nextFilingTimerAt(state);
    const version = state.version;
    const changed = () => state.version !== version;
    if (next === null) await condition(changed);
    else if (next > workflowNow()) await condition(changed, next - workflowNow());
    fireDueFilingTimers(state, now());
  }
  await condition(allHandlersFinished);
  await publish();
  return state;
}
