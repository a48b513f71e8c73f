/**
 * One application to register for iCMS, from the online form to an active
 * account: the applicant attaches supporting documents and submits; the
 * registry verifies identity in person (only while the Support Centre is
 * open), then activates or rejects. Reminders and the lapse of an
 * application not verified in time are durable timers.
 */
import { ActivityFailure, allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import {
  REGISTRATION,
  accountCreated,
  accountNotCreated,
  fireDueRegistrationTimers,
  nextRegistrationTimerAt,
  openRegistration,
  registrationFinished,
  type Registration,
} from '../../domain/registration';
import { registerSteps } from '../steps/register-steps';
import { now, workflowNow } from '../workflow-time';
import { REGISTRATION_UPDATES, registrationQuery, type RegistrationActivities, type RegistrationInput } from './contract';

const { projectRegistration, createRegisteredAccount } = proxyActivities<RegistrationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function registrationWorkflow(input: RegistrationInput): Promise<Registration> {
  const state = openRegistration(input, now());
  let published = -1;
  const publish = async () => {
    if (state.version === published) return;
    published = state.version;
    await projectRegistration(state);
  };

  setHandler(registrationQuery, () => state);
  registerSteps(REGISTRATION, state, REGISTRATION_UPDATES, () => publish().then(() => state));

  while (!registrationFinished(state)) {
    await publish();
    if (state.stage === 'activated' && state.decision && !state.decision.accountId) {
      try {
        accountCreated(state, await createRegisteredAccount(state.reference, state.decision.partyId ?? null), now());
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        accountNotCreated(state, (err.cause ?? err).message, now());
      }
      continue;
    }
    const next = nextRegistrationTimerAt(state);
    const version = state.version;
    const changed = () => state.version !== version;
    if (next === null) await condition(changed);
    else if (next > workflowNow()) await condition(changed, next - workflowNow());
    fireDueRegistrationTimers(state, now());
  }
  await condition(allHandlersFinished);
  await publish();
  return state;
}
