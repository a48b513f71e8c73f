/**
 * A Small Claims Tribunal case, from filing to closed (Cap. 338).
 *
 * The procedure itself lives in domain/sct/case: what each human step may do
 * and when, which timers run, what follows by itself. This workflow gives it
 * durability: every step arrives as a validated update, every period is a
 * durable timer, and every change is published to the read model before the
 * person who made it is answered.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  metricMeter,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
  type ActivityOptions,
} from '@temporalio/workflow';
import { PROJECTION_DATA_ERROR } from '../../domain/read-model';
import {
  CURRENT_LAW_REVISION,
  SMALL_CLAIM,
  adoptCurrentLaw,
  applyCalendarChange,
  fireDueTimers,
  nextTimerAt,
  openCase,
  projectionCaughtUp,
  projectionFailed,
  upgradeCase,
  viewOf,
  type SctCase,
  type SmallClaimView,
} from '../../domain/sct/case';
import { papersToIssue, recordPaperIssued } from '../../domain/sct/case/papers';
import { owedAlerts } from '../../domain/alerts/deadline-alerts';
import { deliverOwedAlerts, keepAlerting } from '../alerts/deliver-alerts';
import { registerSteps } from '../steps/register-steps';
import { PAPERWORK, PERSON_WAITING } from '../task-priority';
import { now, workflowNow } from '../workflow-time';
import { STEP_UPDATES, calendarChangedSignal, stateQuery, type SmallClaimActivities, type SmallClaimInput } from './contract';

// Reading the calendar is one query: a slow database is retried until it answers.
const { currentCourtCalendar } = proxyActivities<SmallClaimActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// A projection is one transaction. Retries are bounded (about a minute) and
// data the database refuses is not retried at all: either way the case then
// records that its read model is behind, tells the registry and readers,
// and tries again later on a durable timer, so nothing fails in silence.
const projection: ActivityOptions = {
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '20 seconds', maximumAttempts: 6, nonRetryableErrorTypes: [PROJECTION_DATA_ERROR] },
};
const { projectSmallClaim, markReadModelBehind } = proxyActivities<SmallClaimActivities>(projection);
// The projection a step is answered with goes ahead of whatever a bulk
// filer's burst has queued: the officer is waiting on it, the burst is not.
const { projectSmallClaim: projectForPersonWaiting } = proxyActivities<SmallClaimActivities>({ ...projection, priority: PERSON_WAITING });

// A paper is rendered, stored and sent in one short activity; a few tries,
// then the case records that it is owed and tries again at its next wake,
// so a broken store never holds the case's timers back for long.
const { issueCasePaper } = proxyActivities<SmallClaimActivities>({
  startToCloseTimeout: '1 minute',
  priority: PAPERWORK,
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 4 },
});

const projectionFailures = metricMeter.createCounter('courtflow_read_model_failures', 'projections', 'Case projections the read model could not take');

const view = (state: SctCase) => viewOf(state, now().today);

/**
 * The patch behind which running cases move to revision `n` of the procedure
 * (domain/sct/case/law-revision.ts): one per revision, never renamed, so a
 * history recorded before revision n replays without adopting it.
 */
const lawRevisionPatch = (n: number) => `sct-law-revision-${n}`;

export async function smallClaimWorkflow(input: SmallClaimInput): Promise<SctCase> {
  // Filing and fixing the hearing are one step (s.14(1)); a continued run resumes the case as it stood.
  const state = input.resume ? upgradeCase(input.resume) : openCase(input, now());

  let published = '';
  /** A version (or calendar) newer than the last one published or tried. */
  const unpublished = () => `${state.version}:${state.calendar.closuresVersion}` !== published;
  /** While the read model is behind: when to try publishing again. */
  let retryAt: number | null = null;
  /**
   * Projects the case unless this version (and calendar) is there already;
   * answers with the view it projected (or the current one). `personWaiting`:
   * a step's answer waits on it, so it is queued ahead of a burst's work.
   */
  const publish = async (personWaiting = false): Promise<SmallClaimView> => {
    const key = `${state.version}:${state.calendar.closuresVersion}`;
    // A copy: the view shares the state's arrays, which a paper issued meanwhile may grow before this is answered.
    const current = JSON.parse(JSON.stringify(view(state))) as SmallClaimView;
    if (key === published) return current;
    published = key;
    try {
      await (personWaiting ? projectForPersonWaiting : projectSmallClaim)(current);
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      const dataError = err.cause instanceof ApplicationFailure && err.cause.type === PROJECTION_DATA_ERROR;
      const kind = dataError ? 'data' : 'unavailable';
      const reason = (err.cause ?? err).message;
      retryAt = projectionFailed(state, kind, reason, now());
      projectionFailures.add(1, { kind });
      log.error('read model not written', { caseNo: state.caseNo, version: state.version, kind, reason });
      await markReadModelBehind(state.caseNo, state.version, kind, reason).catch((markErr: unknown) =>
        log.error('could not record that the read model is behind', { caseNo: state.caseNo, error: String(markErr) }),
      );
      // Not projected: the answer is the case as it now stands, its lag recorded with it.
      return view(state);
    }
    retryAt = null;
    if (state.projection) {
      // Back after failures: the episode's end is itself a new version, published at once.
      projectionCaughtUp(state, now());
      return publish(personWaiting);
    }
    return current;
  };

  setHandler(stateQuery, () => view(state));
  setHandler(calendarChangedSignal, (change) => {
    applyCalendarChange(state, change, now());
  });
  /**
   * Corrected rules reach a running case at its next step or timer; a new
   * case follows them from the start. Behind `patched()`, so a history made
   * under the earlier rules replays under them.
   */
  const keepLawCurrent = (opening = false) => {
    // Each revision's patch in turn: a history made when revision n was the
    // newest has n's marker and not n+1's, and so replays stopping at n.
    let to = state.lawRevision ?? 1;
    while (to < CURRENT_LAW_REVISION && patched(lawRevisionPatch(to + 1))) to += 1;
    adoptCurrentLaw(state, now(), opening, to);
  };
  registerSteps(
    SMALL_CLAIM,
    state,
    STEP_UPDATES,
    () => {
      // Read your own writes: the read model holds this version before the
      // step is answered, so a GET right after it never shows the one before.
      // The answer is the version projected: a paper issued meanwhile may already have made a newer one.
      if (patched('project-before-answering')) return publish(true);
      return view(state);
    },
    {
      adopt: () => keepLawCurrent(),
      asAdopted: (current) => {
        if ((current.lawRevision ?? 1) >= CURRENT_LAW_REVISION) return current;
        // Plain JSON (state.ts), so a JSON copy is exact; the sandbox has no structuredClone.
        const copy = JSON.parse(JSON.stringify(current)) as SctCase;
        adoptCurrentLaw(copy, now(), false);
        return copy;
      },
    },
  );

  if (!input.resume) keepLawCurrent(true);

  if (!input.resume && patched('adopt-calendar-at-start')) {
    // A closure declared after the API read the calendar but before this case
    // existed reached no broadcast: take the calendar as it stands now.
    applyCalendarChange(state, { calendar: await currentCourtCalendar() }, now());
  }

  /**
   * The case's own papers (notice of hearing, written award), each issued
   * once, then recorded in its history. Issued beside the case's loop, never
   * in its way: a slow store must not hold the case's timers back.
   */
  let issuing: Promise<void> | null = null;
  const issuePapers = async () => {
    for (const paper of papersToIssue(state)) {
      try {
        const documentReferenceNo = await issueCasePaper(paper);
        state.papersIssued = [...(state.papersIssued ?? []), { key: paper.key, kind: paper.kind, documentReferenceNo }];
        recordPaperIssued(state, paper.kind, documentReferenceNo, now());
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        log.error('case paper not issued', { caseNo: state.caseNo, paper: paper.key, error: (err.cause ?? err).message });
      }
    }
  };
  const papersSettled = (): Promise<void> => issuing ?? Promise.resolve();
  const startIssuingPapers = () => {
    if (issuing || papersToIssue(state).length === 0 || !patched('sct-case-papers')) return;
    issuing = issuePapers().finally(() => {
      issuing = null;
    });
  };

  /** Deadline alerts raised, each delivered once, beside the case's loop like its papers. */
  let alerting: Promise<void> | null = null;
  const alertsSettled = (): Promise<void> => alerting ?? Promise.resolve();
  const startDeliveringAlerts = () => {
    if (alerting || owedAlerts(state).length === 0) return;
    alerting = deliverOwedAlerts(state, { kind: 'small-claim', caseNo: state.caseNo })
      .then(() => undefined)
      .finally(() => {
        alerting = null;
      });
  };

  while (state.stage !== 'closed') {
    keepAlerting(state);
    await publish();
    startIssuingPapers();
    startDeliveringAlerts();
    if (workflowInfo().continueAsNewSuggested) {
      // Keep the history well inside Temporal's limits on cases that run for months.
      await condition(allHandlersFinished);
      return continueAsNew<typeof smallClaimWorkflow>({ ...input, resume: state });
    }
    const next = nextTimerAt(state);
    const wake = retryAt === null ? next : Math.min(next ?? retryAt, retryAt);
    if (wake === null || wake > workflowNow()) {
      const version = state.version;
      const calendar = state.calendar.closuresVersion;
      const changedSince = () => state.version !== version || state.calendar.closuresVersion !== calendar;
      // A version made while the last projection was being written (an alert
      // delivered, a paper issued beside the loop) is published before the
      // case sleeps, not at its next timer.
      const changed = patched('publish-versions-made-while-publishing') ? () => changedSince() || unpublished() : changedSince;
      await (wake === null ? condition(changed) : condition(changed, wake - workflowNow()));
    }
    if (retryAt !== null && retryAt <= workflowNow()) published = '';
    const due = nextTimerAt(state);
    if (due !== null && due <= workflowNow()) keepLawCurrent();
    fireDueTimers(state, now());
  }
  await condition(allHandlersFinished);
  startIssuingPapers();
  startDeliveringAlerts();
  await papersSettled();
  await alertsSettled();
  await publish();
  return state;
}
