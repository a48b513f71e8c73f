/**
 * The registration workflow's contract (iCMS accounts, seed 000): the
 * workflow ID is the registration reference.
 */
import { defineQuery } from '@temporalio/workflow';
import { REGISTRATION_STEPS, type OpenRegistrationInput, type Registration, type RegistrationPayloads } from '../../domain/registration';
import { stepNames, type StepTable } from '../../domain/steps/step-kit';
import { defineStepUpdates } from '../steps/contract';

export { STEP_REFUSED } from '../steps/contract';

export const REGISTRATION_TASK_QUEUE = 'courtflow-sct';
export const REGISTRATION_WORKFLOW = 'registrationWorkflow';

export type RegistrationInput = OpenRegistrationInput;

export const registrationQuery = defineQuery<Registration>('registration');

export const REGISTRATION_STEP_NAMES = stepNames(REGISTRATION_STEPS as StepTable<never, RegistrationPayloads, string>);
export const REGISTRATION_UPDATES = defineStepUpdates<RegistrationPayloads, Registration>(REGISTRATION_STEP_NAMES);

export interface RegistrationActivities {
  /** Writes the registration to the read model, if newer. */
  projectRegistration(state: Registration): Promise<void>;
  /**
   * Creates the approved account (and its organisation) from the application
   * kept in the database, links it to the case's party if one was named, and
   * forgets the password hash. Once: a second call returns the same account.
   */
  createRegisteredAccount(reference: string, partyId: string | null): Promise<string>;
}
