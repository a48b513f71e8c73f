/**
 * A Small Claims Tribunal case, from filing to closed (Cap. 338).
 *
 * The procedure itself lives in domain/sct/case: what each human step may do
 * and when, which timers run, what follows by itself. This workflow gives it
 * durability: every step arrives as a validated update, every period is a
 * durable timer, and every change is published to the read model.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { explainDeadline } from '../../domain/deadlines';
import {
  STEP_NAMES,
  applyCalendarChange,
  applyStep,
  balanceCents,
  checkStep,
  distribution,
  fireDueTimers,
  momentAt,
  nextTimerAt,
  openCase,
  pendingActions,
  type Moment,
  type SctCase,
  type StepEnvelope,
  type StepName,
  type StepRefusal,
} from '../../domain/sct/case';
import type { CourtCalendarActivities } from '../../activities/court-calendar';
import type { SmallClaimActivities } from '../../activities/sct-projection';
import { STEP_REFUSED, STEP_UPDATES, calendarChangedSignal, stateQuery, type SmallClaimInput, type SmallClaimView, type StepUpdate } from './contract';

// A projection is one upsert, and reading the calendar one query: a slow
// database is retried, never skipped, so the read model always catches up.
const { projectSmallClaim, currentCourtCalendar } = proxyActivities<SmallClaimActivities & CourtCalendarActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Workflow time, never the wall clock. */
const now = () => momentAt(Date.now());

export function viewOf(state: SctCase): SmallClaimView {
  const { today } = now();
  return {
    ...state,
    deadlines: state.deadlines.map((d) => ({ ...d, explanation: explainDeadline(d.computation) })),
    pendingActions: pendingActions(state, today),
    balanceCents: balanceCents(state, today),
    distribution: distribution(state),
  };
}

export async function smallClaimWorkflow(input: SmallClaimInput): Promise<SctCase> {
  // Filing and fixing the hearing are one step (s.14(1)); a continued run resumes the case as it stood.
  const state = input.resume ?? openCase(input, now());

  setHandler(stateQuery, () => viewOf(state));
  setHandler(calendarChangedSignal, (change) => {
    applyCalendarChange(state, change, now());
  });
  for (const name of STEP_NAMES) handleStep(state, name);

  if (!input.resume && patched('adopt-calendar-at-start')) {
    // A closure declared after the API read the calendar but before this case
    // existed reached no broadcast: take the calendar as it stands now.
    applyCalendarChange(state, { calendar: await currentCourtCalendar() }, now());
  }

  let published = '';
  const publish = async () => {
    const key = `${state.version}:${state.calendar.closuresVersion}`;
    if (key === published) return;
    published = key;
    await projectSmallClaim(viewOf(state));
  };

  while (state.stage !== 'closed') {
    await publish();
    if (workflowInfo().continueAsNewSuggested) {
      // Keep the history well inside Temporal's limits on cases that run for months.
      await condition(allHandlersFinished);
      return continueAsNew<typeof smallClaimWorkflow>({ ...input, resume: state });
    }
    const wake = nextTimerAt(state);
    if (wake === null || wake > Date.now()) {
      const version = state.version;
      const calendar = state.calendar.closuresVersion;
      const changed = () => state.version !== version || state.calendar.closuresVersion !== calendar;
      await (wake === null ? condition(changed) : condition(changed, wake - Date.now()));
    }
    fireDueTimers(state, now());
  }
  await condition(allHandlersFinished);
  await publish();
  return state;
}

/**
 * Applies the step to a copy first. A step the rules accept but the data
 * cannot carry (a date beyond the calendar's coverage, say) is refused here,
 * instead of failing the workflow task inside the handler.
 */
function rehearse<K extends StepName>(state: SctCase, name: K, envelope: StepEnvelope<K>, at: Moment): StepRefusal | null {
  try {
    // The case is plain JSON by design, so a JSON round trip is a faithful copy.
    applyStep(JSON.parse(JSON.stringify(state)) as SctCase, name, envelope, at);
    return null;
  } catch (err) {
    return { code: 'refused', step: name, section: 'courtflow', message: err instanceof Error ? err.message : String(err) };
  }
}

function handleStep<K extends StepName>(state: SctCase, name: K): void {
  const update: StepUpdate<K> = STEP_UPDATES[name];
  setHandler(
    update,
    (envelope: StepEnvelope<K>) => {
      applyStep(state, name, envelope, now());
      return viewOf(state);
    },
    {
      validator: (envelope: StepEnvelope<K>) => {
        const at = now();
        const refusal = checkStep(state, name, envelope, at) ?? rehearse(state, name, envelope, at);
        if (refusal) throw ApplicationFailure.create({ type: STEP_REFUSED, message: refusal.message, nonRetryable: true, details: [refusal] });
      },
    },
  );
}
