/** The registration workflow's side effects: its read model, and the approved account. */
import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import type { Registration } from '../domain/registration';
import { createAccountFromRegistration, projectRegistrationReadModel, RegistrationAccountError } from '../db/registrations';

export const REGISTRATION_REFUSED = 'RegistrationRefused';

export function createRegistrationActivities({ pool }: { pool: Pool }) {
  return {
    async projectRegistration(state: Registration): Promise<void> {
      await projectRegistrationReadModel(pool, state);
    },
    async createRegisteredAccount(reference: string, partyId: string | null): Promise<string> {
      try {
        return await createAccountFromRegistration(pool, reference, partyId);
      } catch (err) {
        // The same application would fail the same way every time: say so at once.
        if (err instanceof RegistrationAccountError) throw ApplicationFailure.create({ type: REGISTRATION_REFUSED, message: err.message, nonRetryable: true });
        throw err;
      }
    },
  };
}
