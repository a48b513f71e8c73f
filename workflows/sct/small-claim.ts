/**
 * A Small Claims Tribunal case, from filing to its outcome (Cap. 338).
 * The main function is the case's story; each wait is a durable timer or a
 * human step, so the case survives restarts of every process around it.
 */
import { condition, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import { computeDeadline } from '../../domain/deadlines';
import { assessClaim } from '../../domain/sct/claim-validation';
import { latestSittingDayOnOrBefore } from '../../domain/sct/hearing';
import { hkInstant } from '../../domain/time/hong-kong-time';
import type { SmallClaimActivities } from '../../activities/sct-projection';
import { stateQuery, type SmallClaimInput, type SmallClaimStage, type SmallClaimState } from './contract';

const { projectSmallClaim } = proxyActivities<SmallClaimActivities>({
  // A projection is one upsert; a slow database is retried, never skipped, so
  // the read model always catches up with the case.
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** When a hearing day's list begins, Hong Kong time. */
const HEARING_HOUR = 9;
const HEARING_MINUTE = 30;

export async function smallClaimWorkflow(input: SmallClaimInput): Promise<SmallClaimState> {
  const assessment = assessClaim(input.claim, input.filedOn);
  const state: SmallClaimState = {
    caseNo: input.caseNo,
    stage: 'filed',
    filedAt: input.filedAt,
    filedOn: input.filedOn,
    claim: input.claim,
    claimedCents: assessment.claimedCents,
    admittedCents: assessment.admittedCents,
    warnings: assessment.warnings,
    hearing: null,
    deadlines: [],
    history: [],
    version: 0,
  };
  setHandler(stateQuery, () => state);

  const record = (stage: SmallClaimStage, event: string, detail: string) => {
    state.stage = stage;
    state.history.push({ at: new Date().toISOString(), event, detail });
    state.version += 1;
  };
  /** Publishes the state to the read model; called once a step is complete. */
  const project = () => projectSmallClaim(state);

  record('filed', 'claim-filed', `Claim filed with the registrar on ${input.filedOn} (s.12).`);

  // s.14(1): on the filing of a claim the registrar fixes the hearing, not later
  // than 60 days after filing; filing and fixing are one step.
  // The hearing itself must fall within the 60 days, so it is fixed on or before
  // the unextended last day even where Cap. 1 s.71 would carry a time limit further.
  const latest = computeDeadline('sct.hearing', input.filedOn, { calendar: input.calendar });
  const hearingDate = latestSittingDayOnOrBefore(latest.unextendedDue, input.calendar);
  state.deadlines.push(latest);
  state.hearing = {
    date: hearingDate,
    startsAt: new Date(hkInstant(hearingDate, HEARING_HOUR, HEARING_MINUTE)).toISOString(),
    latest,
  };
  record('hearing-fixed', 'hearing-fixed', `Hearing fixed for ${hearingDate}; s.14(1)(a) allows no later than ${latest.unextendedDue}.`);
  await project();

  await untilHearingDay(state.hearing.startsAt);
  record('awaiting-outcome', 'hearing-day', `The hearing day ${hearingDate} has come.`);
  await project();

  // The tribunal's outcomes (award, default judgment, transfer...) arrive as human steps.
  await condition(() => false);
  return state;
}

/** A durable timer to the hearing's start, measured in workflow time. */
async function untilHearingDay(startsAt: string): Promise<void> {
  const wait = Date.parse(startsAt) - Date.now();
  if (wait > 0) await sleep(wait);
}
