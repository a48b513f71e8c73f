/**
 * Registering for iCMS on the time-skipping server (seed 000): documents,
 * submission, verification in person only while the Support Centre is open,
 * activation creating the account once, reminders, and the lapse of an
 * application not verified in time.
 */
import { Worker } from '@temporalio/worker';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { addDays, createCalendar } from '../../domain/calendar';
import type { Actor } from '../../domain/identity/actor';
import { applicantId, supportCentreClosedReason, type Registration, type RegistrationPayloads } from '../../domain/registration';
import { hkDateOf, hkInstant } from '../../domain/time/hong-kong-time';
import { REGISTRATION_UPDATES, REGISTRATION_WORKFLOW, registrationQuery, type RegistrationActivities, type RegistrationInput } from '../../workflows/registration/contract';
import { timeSkippingEnvironment, uniqueId, workflowBundle } from '../support/temporal';

const officer: Actor = { id: 'ro-1', role: 'registry-officer', name: 'Registry Officer Lee' };

interface Run {
  handle: WorkflowHandle;
  applicant: Actor;
  created: { reference: string; partyId: string | null }[];
  step: <K extends keyof RegistrationPayloads & string>(name: K, actor: Actor, payload: RegistrationPayloads[K]) => Promise<Registration>;
  /** Skips to `hour`:`minute` Hong Kong time on the first weekday on or after `date` that is not a general holiday. */
  skipTo: (date: string, hour: number, minute?: number) => Promise<Registration>;
  today: () => Promise<string>;
}

async function withRegistration(kind: 'individual' | 'organisation', body: (run: Run) => Promise<void>): Promise<void> {
  const env = await timeSkippingEnvironment();
  const created: Run['created'] = [];
  const activities: RegistrationActivities = {
    async projectRegistration() {},
    async createRegisteredAccount(reference, partyId) {
      created.push({ reference, partyId });
      return 'acct-new';
    },
  };
  const taskQueue = uniqueId('registration');
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities });
  try {
    await worker.runUntil(async () => {
      const reference = `REG-2026-${String(Math.floor(Math.random() * 900_000) + 100_000)}`;
      const input: RegistrationInput = {
        reference,
        kind,
        applicant: { name: 'Chan Tai Man', username: 'chantaiman', email: null, language: 'zh-Hant' },
        organisation: kind === 'organisation' ? { name: 'Chan & Co', registrationNo: 'BR 12345678' } : null,
        caseNo: 'SCTC-2026-000001',
        verifyWithinDays: 30,
        calendar: createCalendar(),
      };
      const handle = await env.client.workflow.start(REGISTRATION_WORKFLOW, { taskQueue, workflowId: reference, args: [input] });
      const applicant: Actor = { id: applicantId(reference), role: 'public', name: 'Chan Tai Man' };
      const step: Run['step'] = async (name, actor, payload) => {
        try {
          return await handle.executeUpdate(REGISTRATION_UPDATES[name], { args: [{ actor, payload }] });
        } catch (err) {
          throw err instanceof WorkflowUpdateFailedError && err.cause ? err.cause : err;
        }
      };
      const today = async () => hkDateOf(await env.currentTimeMs());
      const skipTo: Run['skipTo'] = async (date, hour, minute = 0) => {
        let day = date;
        while (supportCentreClosedReason(hkInstant(day, 10, 0), input.calendar) !== null) day = addDays(day, 1);
        const wait = hkInstant(day, hour, minute) - (await env.currentTimeMs());
        if (wait > 0) await env.sleep(wait);
        return handle.query(registrationQuery);
      };
      try {
        await body({ handle, applicant, created, step, skipTo, today });
      } finally {
        await handle.terminate('test finished').catch(() => undefined);
      }
    });
  } finally {
    await env.teardown();
  }
}

const doc = (n: number) => ({ fileName: `doc${n}.pdf`, sha256: String(n).repeat(64).slice(0, 64), pages: 1 });

describe('registering for iCMS', () => {
  it('when an individual attaches the court document and submits, then identity is verified in person only while the Support Centre is open, and activation creates the account once', () =>
    withRegistration('individual', async ({ applicant, step, skipTo, today, created, handle }) => {
      await expect(step('submitApplication', applicant, {})).rejects.toThrow(/attach court-document first/);
      await expect(step('attachDocument', applicant, { kind: 'authorisation', uploadId: 'U1', file: doc(1) })).rejects.toThrow(/takes court-document, not authorisation/);
      await expect(step('attachDocument', { ...applicant, id: 'registration:REG-2026-999999' }, { kind: 'court-document', uploadId: 'U1', file: doc(1) })).rejects.toThrow(/only the applicant/);
      await step('attachDocument', applicant, { kind: 'court-document', uploadId: 'U1', file: doc(1) });
      const submitted = await step('submitApplication', applicant, {});
      expect(submitted.stage).toBe('awaiting-verification');

      // 20:00 on a weekday: the Centre is closed.
      await skipTo(addDays(await today(), 1), 20, 0);
      await expect(step('recordVerification', officer, { identityDocument: 'HKID card, checked' })).rejects.toThrow(/Support Centre is not open at this time/);
      // The lunch hour is not a session either.
      await skipTo(addDays(await today(), 1), 13, 30);
      await expect(step('recordVerification', officer, { identityDocument: 'HKID card, checked' })).rejects.toThrow(/not open at this time/);
      await skipTo(await today(), 14, 30);
      const verified = await step('recordVerification', officer, { identityDocument: 'HKID card, checked' });
      expect(verified.stage).toBe('verified');

      await step('activate', officer, { partyId: 'C1' });
      const done = (await handle.result()) as Registration;
      expect(done).toMatchObject({ stage: 'activated', decision: { outcome: 'activated', accountId: 'acct-new', partyId: 'C1' } });
      expect(created).toEqual([{ reference: done.reference, partyId: 'C1' }]);
    }));

  it('when an organisation is not verified within its 30 days, then it is reminded twice and the application lapses', () =>
    withRegistration('organisation', async ({ applicant, step, handle }) => {
      await expect(step('submitApplication', applicant, {})).rejects.toThrow(/attach authorisation, party-evidence, registration-certificate first/);
      for (const [n, kind] of (['authorisation', 'party-evidence', 'registration-certificate'] as const).entries()) await step('attachDocument', applicant, { kind, uploadId: `U${n}`, file: doc(n + 1) });
      const submitted = await step('submitApplication', applicant, {});
      const lapsed = (await handle.result()) as Registration;
      expect(lapsed.stage).toBe('lapsed');
      expect(lapsed.reminders.map((r) => r.message)).toEqual([expect.stringContaining(`by ${submitted.verifyBy}`), expect.stringContaining(`by ${submitted.verifyBy}`)]);
      expect(lapsed.history.at(-1)?.detail).toMatch(new RegExp(`not verified by ${submitted.verifyBy}`));
    }));

  it('when the registry rejects an application, then it must give reasons', () =>
    withRegistration('individual', async ({ applicant, step }) => {
      await step('attachDocument', applicant, { kind: 'court-document', uploadId: 'U1', file: doc(1) });
      await step('submitApplication', applicant, {});
      await expect(step('reject', officer, { reasons: [] })).rejects.toThrow(/at least one reason/);
      const rejected = await step('reject', officer, { reasons: ['The court document does not bear the case number'] });
      expect(rejected).toMatchObject({ stage: 'rejected', decision: { reasons: ['The court document does not bear the case number'] } });
    }));
});
