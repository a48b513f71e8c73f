/**
 * A Small Claims Tribunal case, from filing to closed (Cap. 338).
 *
 * The procedure itself lives in domain/sct/case: what each human step may do
 * and when, which timers run, what follows by itself. This workflow gives it
 * durability: every step arrives as a validated update, every period is a
 * durable timer, and every change is published to the read model before the
 * person who made it is answered.
 */
import { allHandlersFinished, condition, continueAsNew, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { SMALL_CLAIM, applyCalendarChange, fireDueTimers, nextTimerAt, openCase, upgradeCase, viewOf, type SctCase } from '../../domain/sct/case';
import { registerSteps } from '../steps/register-steps';
import { now, workflowNow } from '../workflow-time';
import { STEP_UPDATES, calendarChangedSignal, stateQuery, type SmallClaimActivities, type SmallClaimInput } from './contract';

// A projection is one upsert, and reading the calendar one query: a slow
// database is retried, never skipped, so the read model always catches up.
const { projectSmallClaim, currentCourtCalendar } = proxyActivities<SmallClaimActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const view = (state: SctCase) => viewOf(state, now().today);

export async function smallClaimWorkflow(input: SmallClaimInput): Promise<SctCase> {
  // Filing and fixing the hearing are one step (s.14(1)); a continued run resumes the case as it stood.
  const state = input.resume ? upgradeCase(input.resume) : openCase(input, now());

  let published = '';
  /** Publishes the case to the read model unless this version (and calendar) is there already. */
  const publish = async () => {
    const key = `${state.version}:${state.calendar.closuresVersion}`;
    if (key === published) return;
    published = key;
    await projectSmallClaim(view(state));
  };

  setHandler(stateQuery, () => view(state));
  setHandler(calendarChangedSignal, (change) => {
    applyCalendarChange(state, change, now());
  });
  registerSteps(SMALL_CLAIM, state, STEP_UPDATES, () => {
    // Read your own writes: the read model holds this version before the
    // step is answered, so a GET right after it never shows the one before.
    if (patched('project-before-answering')) return publish().then(() => view(state));
    return view(state);
  });

  if (!input.resume && patched('adopt-calendar-at-start')) {
    // A closure declared after the API read the calendar but before this case
    // existed reached no broadcast: take the calendar as it stands now.
    applyCalendarChange(state, { calendar: await currentCourtCalendar() }, now());
  }

  while (state.stage !== 'closed') {
    await publish();
    if (workflowInfo().continueAsNewSuggested) {
      // Keep the history well inside Temporal's limits on cases that run for months.
      await condition(allHandlersFinished);
      return continueAsNew<typeof smallClaimWorkflow>({ ...input, resume: state });
    }
    const wake = nextTimerAt(state);
    if (wake === null || wake > workflowNow()) {
      const version = state.version;
      const calendar = state.calendar.closuresVersion;
      const changed = () => state.version !== version || state.calendar.closuresVersion !== calendar;
      await (wake === null ? condition(changed) : condition(changed, wake - workflowNow()));
    }
    fireDueTimers(state, now());
  }
  await condition(allHandlersFinished);
  await publish();
  return state;
}
