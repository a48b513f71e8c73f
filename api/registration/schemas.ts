/** Registration routes' schemas: the single source of their request types and OpenAPI entries. */
import { z } from 'zod';
import type { RegistrationPayloads, SupportingDocumentKind } from '../../domain/registration';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../db/passwords';

const text = (max: number) => z.string().trim().min(1, 'must not be blank').max(max);
const DOCUMENT_KINDS = ['court-document', 'authorisation', 'party-evidence', 'registration-certificate'] as const satisfies readonly SupportingDocumentKind[];

export const applicationBody = z
  .strictObject({
    kind: z.enum(['individual', 'organisation']).describe('An individual user, or an organisation (you apply as its principal administrator)'),
    name: text(200).describe('Your name as on your identity document'),
    username: z.string().trim().regex(/^[A-Za-z0-9._-]{3,64}$/, 'must be 3 to 64 letters, digits, dots, dashes or underscores'),
    password: z.string().min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`).max(PASSWORD_MAX_LENGTH),
    email: z.email().max(200).optional(),
    language: z.enum(['en', 'zh-Hant']).default('en').describe('The language of your inbox and messages'),
    caseNo: text(40).describe('The case number on the court document you rely on'),
    organisation: z.strictObject({ name: text(200), registrationNo: text(60).describe('Business, company or society registration number') }).optional(),
  })
  .meta({ id: 'RegistrationApplication' });

export const referenceParams = z.object({ reference: z.string().regex(/^REG-\d{4}-\d{6}$/, 'must be a registration reference such as REG-2026-000001') });

export const REGISTRATION_STEP_SCHEMAS = {
  attachDocument: z.strictObject({ kind: z.enum(DOCUMENT_KINDS), uploadId: z.string().min(1).max(100).describe('An upload made for this application') }),
  submitApplication: z.strictObject({}),
  withdraw: z.strictObject({ reason: text(500) }),
  recordVerification: z.strictObject({ identityDocument: text(100).describe('The identity document seen, e.g. "HKID card, checked"; never its full number') }),
  activate: z.strictObject({ partyId: z.string().regex(/^[A-Z]{1,3}\d{1,4}$/).optional().describe('The party of the case the account acts for') }),
  reject: z.strictObject({ reasons: z.array(text(500)).min(1, 'give at least one reason').max(20) }),
} satisfies { [K in keyof RegistrationPayloads]: z.ZodType<RegistrationPayloads[K], unknown> };

export const registrationView = z
  .object({ reference: z.string(), kind: z.string(), stage: z.string(), verifyBy: z.string().nullable(), documents: z.array(z.object({ kind: z.string() }).loose()), version: z.number() })
  .loose()
  .meta({ id: 'Registration' });

export const applicationResponse = z
  .object({ accessToken: z.string().describe('Shown once: send it as Registration-Token to act on your application'), registration: registrationView })
  .meta({ id: 'RegistrationApplied' });
