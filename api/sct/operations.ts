/** Small Claims Tribunal routes: thin declarations over the small-claim use-cases. */
import { z } from 'zod';
import { FILER_ROLES, type Role } from '../../domain/identity/actor';
import { STEPS, type StepPayloads } from '../../domain/sct/case';
import type { StepTable } from '../../domain/steps/step-kit';
import { fileSmallClaim, type FilingDeps } from '../../services/sct/file-claim';
import { enterSmallClaim, readSmallClaim, takeSmallClaimStep } from '../../services/sct/small-claim-case';
import { noteAudit } from '../audit';
import { problemResponse, type Operation } from '../operations';
import { Problem } from '../problem';
import { callerOf, etagOf, stepOperations } from '../steps/step-operations';
import { parse } from '../validate';
import { caseNoParams, caseViewResponse, fileClaimBody, filedClaimResponse } from './schemas';
import { STEP_SCHEMAS } from './step-schemas';

const idempotencyKey = z.string().min(1).max(200).optional();

/** Who may ask for a case's full view: court staff and auditors all cases, filers the cases they are linked to. */
const CASE_READERS: readonly Role[] = ['individual-user', 'org-user', 'registry-officer', 'adjudicator', 'auditor'];

export function sctOperations(deps: FilingDeps): Operation[] {
  return [
    {
      method: 'post',
      path: '/api/v1/sct/claims',
      operationId: 'fileSmallClaim',
      summary: 'File a small claim (Cap. 338 s.12)',
      description:
        'Accepts a claim, allocates its case number and starts its workflow, which fixes the hearing no later than ' +
        '60 days after filing (s.14(1)(a)). The same Idempotency-Key with the same body returns the same case.',
      tags: ['Small claims'],
      auth: FILER_ROLES,
      audit: 'self',
      body: fileClaimBody,
      headers: [{ name: 'Idempotency-Key', required: false, description: 'Retry-safe key: the same key and body file the claim once' }],
      responses: {
        201: { description: 'Claim filed; its case number is the workflow ID', schema: filedClaimResponse },
        200: { description: 'Already filed under this Idempotency-Key: the original answer', schema: filedClaimResponse },
        400: problemResponse('The body is invalid; each bad field is named'),
        401: problemResponse('No credentials, or they are not valid'),
        403: problemResponse('Only individual users and organisation users file claims'),
        422: problemResponse('The registry refuses the claim (each refusal names its field and section), or the Idempotency-Key was used for a different body'),
        503: problemResponse(
          'The database or the workflow service did not answer (dependency names which), or the workers are behind a burst of filings ' +
            '(worker-backlog, FILING_BACKLOG_LIMIT_SECONDS): nothing was filed; Retry-After says when to file again',
        ),
      },
      handler: async (req, res) => {
        const key = idempotencyKey.safeParse(req.get('Idempotency-Key'));
        if (!key.success) throw new Problem(400, 'validation', 'The request is not valid', 'Idempotency-Key must be 1 to 200 characters');
        const claim = parse(fileClaimBody, 'body', req);
        const { filing, replayed, warnings } = await fileSmallClaim(deps, callerOf(res), claim, key.data);
        const self = `/api/v1/sct/claims/${filing.caseNo}`;
        res
          .status(replayed ? 200 : 201)
          .location(self)
          .json(filedClaimResponse.parse({ caseNo: filing.caseNo, filedAt: filing.input.filedAt, filedOn: filing.input.filedOn, warnings, links: { self } }));
      },
    },
    {
      method: 'get',
      path: '/api/v1/sct/claims/:caseNo',
      operationId: 'getSmallClaim',
      summary: 'A small-claim case as its workflow last projected it',
      description:
        'Registry officers, adjudicators and auditors see every case; individual and organisation users the cases they ' +
        'are linked to. Anyone else, the public included, gets 404 (the cause book shows the public part). Each read is audited. ' +
        'After a step answered with version N, the same caller reads version N or later.',
      tags: ['Small claims'],
      auth: CASE_READERS,
      refuseAs: 'not-found',
      params: caseNoParams,
      responses: {
        200: { description: 'The case', schema: caseViewResponse },
        400: problemResponse('The case number is malformed'),
        401: problemResponse('The credentials are not valid'),
        404: problemResponse('No such case, or not one you may see'),
      },
      handler: async (req, res) => {
        const { caseNo } = parse(caseNoParams, 'path', req);
        const { view, partyId, readModel, enforcement } = await readSmallClaim(deps, callerOf(res), caseNo);
        noteAudit(res, {
          action: 'sct.case.viewed',
          target: `case:${caseNo}`,
          ...(partyId ? { onBehalfOf: `party:${partyId}` } : {}),
          after: { version: view.version, stage: view.stage },
        });
        res.set('ETag', etagOf(view)).json({ ...view, readModel, enforcement });
      },
    },
    ...stepOperations({
      steps: STEPS as StepTable<never, StepPayloads, string>,
      schemas: STEP_SCHEMAS,
      basePath: '/api/v1/sct/claims/:caseNo/steps',
      params: caseNoParams,
      reference: ({ caseNo }) => caseNo,
      tag: 'Small claims: steps',
      noun: 'case',
      response: { description: 'Step taken; the case as it now stands', schema: caseViewResponse },
      enter: (caller, caseNo) => enterSmallClaim(deps, caller, caseNo),
      take: (caller, step, call) =>
        takeSmallClaimStep(deps, caller, {
          caseNo: call.reference,
          step,
          payload: call.payload,
          ...(call.expectedVersion === undefined ? {} : { expectedVersion: call.expectedVersion }),
          ...(call.idempotencyKey ? { idempotencyKey: call.idempotencyKey } : {}),
        }),
    }),
  ];
}
