/** Self-registration for iCMS (seed 000): apply, act on the application with its token, and the registry's verification and decision. */
import { z } from 'zod';
import { REGISTRATION_STEPS, type RegistrationPayloads } from '../../domain/registration';
import type { StepTable } from '../../domain/steps/step-kit';
import type { DocumentSetup } from '../../services/documents/setup';
import { applyToRegister, attachSupportingDocument, enterRegistration, registrationsAwaiting, takeRegistrationStep, type RegistrationDeps } from '../../services/registration/registrations';
import { documentSetupProvider } from '../documents/setup';
import { pdfUploadOf, refusingUploads } from '../documents/upload-request';
import { problemResponse, type Operation } from '../operations';
import { callerOf, etagOf, stepOperations } from '../steps/step-operations';
import { parse } from '../validate';
import { applicationBody, applicationResponse, referenceParams, REGISTRATION_STEP_SCHEMAS, registrationView } from './schemas';

const BASE = '/api/v1/registrations';
const TOKEN = 'Registration-Token';
const tokenHeader = { name: TOKEN, required: false, description: 'The access token your application was answered with (not needed by the registry)' };

export function registrationOperations(deps: RegistrationDeps, setup?: DocumentSetup): Operation[] {
  const documents = documentSetupProvider(setup);
  const kindQuery = z.object({ kind: z.enum(['court-document', 'authorisation', 'party-evidence', 'registration-certificate']) });
  const listQuery = z.object({
    stage: z.enum(['awaiting-documents', 'awaiting-verification', 'verified', 'activated', 'rejected', 'lapsed', 'withdrawn']).default('awaiting-verification'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  });
  return [
    {
      method: 'post',
      path: BASE,
      operationId: 'applyToRegister',
      summary: 'Apply to register as an iCMS user or organisation (identity is then verified in person)',
      tags: ['Registration'],
      auth: 'public',
      body: applicationBody,
      responses: {
        201: { description: 'Application received; keep the access token', schema: applicationResponse },
        400: problemResponse('The body is invalid; each bad field is named'),
        409: problemResponse('The username is taken or applied for'),
      },
      handler: async (req, res) => {
        const { registration, accessToken } = await applyToRegister(deps, callerOf(res), parse(applicationBody, 'body', req));
        res.status(201).location(`${BASE}/${registration.reference}`).set('Cache-Control', 'no-store').json({ accessToken, registration });
      },
    },
    {
      method: 'get',
      path: BASE,
      operationId: 'listRegistrations',
      summary: 'Applications in a stage, oldest first (the registry)',
      tags: ['Registration'],
      auth: ['registry-officer'],
      query: listQuery,
      responses: { 200: { description: 'Applications', schema: z.object({ registrations: z.array(registrationView) }) } },
      handler: async (req, res) => {
        const { stage, limit } = parse(listQuery, 'query', req);
        res.json({ registrations: await registrationsAwaiting(deps, stage, limit) });
      },
    },
    {
      method: 'get',
      path: `${BASE}/:reference`,
      operationId: 'readRegistration',
      summary: 'An application: its documents, stage, reminders and the day it lapses',
      tags: ['Registration'],
      auth: 'public',
      params: referenceParams,
      headers: [tokenHeader],
      responses: { 200: { description: 'The application', schema: registrationView }, 404: problemResponse('No such application, or the token does not match') },
      handler: async (req, res) => {
        const { registration } = await enterRegistration(deps, callerOf(res), parse(referenceParams, 'path', req).reference, req.get(TOKEN));
        res.set('ETag', etagOf(registration)).set('Cache-Control', 'no-store').json(registration);
      },
    },
    {
      method: 'post',
      path: `${BASE}/:reference/documents`,
      operationId: 'uploadRegistrationDocument',
      summary: 'Upload a supporting document for your application and attach it as `kind` (the PDF itself as the body)',
      description: 'Checked like every upload (see POST /api/v1/documents). Send the access token as Registration-Token.',
      tags: ['Registration'],
      auth: 'public',
      rawBody: { contentType: 'application/pdf', description: 'The PDF document, as it is' },
      params: referenceParams,
      query: kindQuery,
      headers: [tokenHeader, { name: 'Content-Disposition', required: true, description: 'The file\'s name: attachment; filename="authorisation.pdf"' }],
      responses: {
        200: { description: 'Uploaded and attached; the application as it now stands', schema: registrationView },
        400: problemResponse('No filename, or kind is not a kind of supporting document'),
        403: problemResponse('Only the applicant attaches documents (a registry officer reads the application)'),
        404: problemResponse('No such application, or the token does not match'),
        409: problemResponse('The application does not take this kind of document, or no longer takes documents: checked before the file is read, so nothing was kept'),
        413: problemResponse('The file is larger than the limit (rule too-large); nothing was kept'),
        415: problemResponse('The body is not sent as application/pdf (rule media-type)'),
        422: problemResponse('The file is refused by its content (rule not-a-pdf, truncated, unreadable, encrypted, active-content or too-many-pages); nothing was kept'),
        507: problemResponse('The document store has no space left (rule storage-space); nothing was kept; try again later'),
      },
      // Checked and refused as every upload is (api/documents/upload-request.ts): 415 and 400 naming the header, 413 too large.
      handler: (req, res) =>
        refusingUploads(req, res, async () => {
          const { reference } = parse(referenceParams, 'path', req);
          const applicant = await enterRegistration(deps, callerOf(res), reference, req.get(TOKEN));
          const { kind } = parse(kindQuery, 'query', req);
          const upload = { content: req, ...pdfUploadOf(req) };
          const registration = await attachSupportingDocument({ ...deps, documents: documents() }, applicant, { reference, kind, upload });
          res.set('ETag', etagOf(registration)).json(registration);
        }),
    },
    ...stepOperations({
      steps: REGISTRATION_STEPS as StepTable<never, RegistrationPayloads, string>,
      schemas: REGISTRATION_STEP_SCHEMAS,
      basePath: `${BASE}/:reference/steps`,
      params: referenceParams,
      reference: ({ reference }) => reference,
      tag: 'Registration: steps',
      noun: 'registration',
      headers: [tokenHeader],
      response: { description: 'Step taken; the application as it now stands', schema: registrationView },
      enter: (caller, reference, header) => enterRegistration(deps, caller, reference, header(TOKEN)),
      take: (caller, step, call) => takeRegistrationStep(deps, caller, step, call),
    }),
  ];
}
