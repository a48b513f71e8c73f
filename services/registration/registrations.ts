/**
 * Registering for iCMS as use-cases (seed 000): apply (anyone; the answer
 * carries the application's access token, shown once), act on the
 * application with that token, and the registry's verification and
 * decision. Each application is a workflow under its reference.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { CourtCalendar } from '../../domain/calendar';
import type { Actor } from '../../domain/identity/actor';
import { applicantId, REGISTRATION, type Registration, type RegistrationKind, type RegistrationPayloads, type SupportingDocumentKind } from '../../domain/registration';
import { checkStep } from '../../domain/steps/step-kit';
import { momentAt } from '../../domain/time/moment';
import { hkDateOf, yearOf } from '../../domain/time/hong-kong-time';
import { appendAudit } from '../../db/audit-log';
import { nextSerial } from '../../db/case-numbers';
import { findDocument } from '../../db/documents';
import { hashPassword } from '../../db/passwords';
import { inTransaction } from '../../db/pool';
import { findRegistration, insertRegistration, projectRegistrationReadModel, registrationsIn } from '../../db/registrations';
import { REGISTRATION_TASK_QUEUE, REGISTRATION_UPDATES, REGISTRATION_WORKFLOW, registrationQuery, type RegistrationInput } from '../../workflows/registration/contract';
import { auditEntryOf, type Caller } from '../audit';
import { notFound, UseCaseError } from '../errors';
import { startOnce } from '../start-once';
import { uploadDocument, type DocumentDeps, type UploadRequest } from '../documents/upload';
import { scopedKey, stepRefused, takeStep } from '../steps/take-step';

export interface RegistrationDeps {
  pool: Pool;
  temporal: Client;
  calendar: () => Promise<CourtCalendar>;
  /** Days an application has to be verified in person before it lapses. */
  verifyWithinDays?: number;
  now?: () => Date;
}

export const DEFAULT_VERIFY_WITHIN_DAYS = 30;

export interface ApplicationRequest {
  kind: RegistrationKind;
  name: string;
  username: string;
  password: string;
  email?: string;
  language: 'en' | 'zh-Hant';
  caseNo: string;
  organisation?: { name: string; registrationNo: string };
}

export const REGISTRATION_SERIES = 'REG';
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Applies to register; the access token is returned once and kept only as a hash. */
export async function applyToRegister(deps: RegistrationDeps, caller: Caller, request: ApplicationRequest): Promise<{ registration: Registration; accessToken: string }> {
  if ((request.kind === 'organisation') !== (request.organisation !== undefined)) {
    throw new UseCaseError('invalid', 'validation', 'The request is not valid', 'An organisation application names the organisation; an individual one does not', {
      errors: [{ field: 'organisation', rule: request.kind === 'organisation' ? 'required' : 'forbidden', message: `${request.kind === 'organisation' ? 'required' : 'not allowed'} for a ${request.kind} application` }],
    });
  }
  const passwordHash = await hashPassword(request.password);
  const accessToken = randomBytes(32).toString('base64url');
  const now = (deps.now ?? (() => new Date()))();
  const calendar = await deps.calendar();
  const reference = await inTransaction(deps.pool, async (tx) => {
    const year = yearOf(hkDateOf(now.getTime()));
    const ref = `${REGISTRATION_SERIES}-${year}-${String(await nextSerial(tx, REGISTRATION_SERIES, year)).padStart(6, '0')}`;
    const inserted = await insertRegistration(tx, {
      reference: ref,
      kind: request.kind,
      username: request.username,
      displayName: request.name,
      organisationName: request.organisation?.name ?? null,
      caseNo: request.caseNo,
      language: request.language,
      passwordHash,
      accessTokenHash: tokenHash(accessToken),
    });
    if (!inserted) {
      throw new UseCaseError('conflict', 'username-taken', 'Username taken', `The username ${request.username} is already in use or applied for`, {
        errors: [{ field: 'username', rule: 'unique', message: 'is already in use or applied for' }],
      });
    }
    await appendAudit(tx, auditEntryOf(caller, { action: 'registration.apply', target: `registration:${ref}`, after: { kind: request.kind, username: request.username, caseNo: request.caseNo } }));
    return ref;
  });
  const input: RegistrationInput = {
    reference,
    kind: request.kind,
    applicant: { name: request.name, username: request.username, email: request.email ?? null, language: request.language },
    organisation: request.organisation ?? null,
    caseNo: request.caseNo,
    verifyWithinDays: deps.verifyWithinDays ?? DEFAULT_VERIFY_WITHIN_DAYS,
    calendar,
  };
  await startOnce(deps.temporal, { workflowType: REGISTRATION_WORKFLOW, workflowId: reference, taskQueue: REGISTRATION_TASK_QUEUE, args: [input] });
  const registration = await deps.temporal.workflow.getHandle(reference).query(registrationQuery);
  await projectRegistrationReadModel(deps.pool, registration);
  return { registration, accessToken };
}

/** The caller as they act on the application: the registry as it is; anyone else only with its access token, as its applicant. */
export async function enterRegistration(deps: Pick<RegistrationDeps, 'pool'>, caller: Caller, reference: string, token: string | undefined): Promise<Caller & { registration: Registration }> {
  const row = await findRegistration(deps.pool, reference);
  if (!row?.snapshot) throw notFound(`Registration ${reference}`);
  if (caller.actor.role === 'registry-officer') return { ...caller, registration: row.snapshot };
  const given = Buffer.from(tokenHash(token ?? ''), 'hex');
  if (token === undefined || !timingSafeEqual(given, Buffer.from(row.accessTokenHash, 'hex'))) throw notFound(`Registration ${reference}`);
  const actor: Actor = { id: applicantId(reference), role: 'public', name: row.snapshot.applicant.name };
  return { ...caller, actor, registration: row.snapshot };
}

export interface RegistrationStepCall<P> {
  reference: string;
  payload: P;
  expectedVersion?: number;
  idempotencyKey?: string;
}

export async function takeRegistrationStep<K extends keyof RegistrationPayloads & string>(
  deps: RegistrationDeps,
  caller: Caller,
  step: K,
  call: RegistrationStepCall<RegistrationPayloads[K]>,
): Promise<Registration> {
  let payload = call.payload;
  if ('uploadId' in payload && typeof payload.uploadId === 'string') {
    // Only an upload made for this application may support it.
    const doc = await findDocument(deps.pool, payload.uploadId);
    if (doc && doc.forRegistration === call.reference) payload = { ...payload, file: { fileName: doc.filename, sha256: doc.sha256, pages: doc.pages } };
  }
  return takeStep(deps.temporal, REGISTRATION_UPDATES[step], {
    reference: call.reference,
    noun: 'Registration',
    step,
    actor: caller.actor,
    payload,
    ...(call.expectedVersion === undefined ? {} : { expectedVersion: call.expectedVersion }),
    ...(call.idempotencyKey ? { idempotencyKey: scopedKey(caller.actor.id, step, call.idempotencyKey) } : {}),
  });
}

/**
 * An applicant's supporting document, uploaded and attached. Whether the
 * application takes a document of this kind now (its kind, its stage) is
 * asked first, of the application as last recorded, so a document it would
 * refuse is never received or kept; then the file is received and checked as
 * every upload is, and attached by the application's own step, which asks
 * again of the application as it stands.
 */
export async function attachSupportingDocument(
  deps: RegistrationDeps & Pick<DocumentDeps, 'documents'>,
  applicant: Caller & { registration: Registration },
  request: { reference: string; kind: SupportingDocumentKind; upload: Omit<UploadRequest, 'forRegistration'> },
): Promise<Registration> {
  // The file is not known yet: the check asks about everything else.
  const payload = { kind: request.kind, uploadId: '(to come)', file: { fileName: '(to come)', sha256: '', pages: 1 } };
  const now = (deps.now ?? (() => new Date()))().getTime();
  const refusal = checkStep(REGISTRATION, applicant.registration, 'attachDocument', { actor: applicant.actor, payload }, momentAt(now));
  if (refusal) throw stepRefused('attachDocument', refusal);
  const doc = await uploadDocument({ ...deps, today: () => hkDateOf(now) }, applicant, { ...request.upload, forRegistration: request.reference });
  return takeRegistrationStep(deps, applicant, 'attachDocument', { reference: request.reference, payload: { kind: request.kind, uploadId: doc.id } });
}

/** The registry's queue: applications in a stage, oldest first. */
export const registrationsAwaiting = (deps: Pick<RegistrationDeps, 'pool'>, stage: string, limit: number) => registrationsIn(deps.pool, stage, limit);
