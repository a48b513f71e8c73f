/** Small Claims Tribunal routes: thin declarations over the filing use-case and the read model. */
import type { Request } from 'express';
import type { Pool } from 'pg';
import { z } from 'zod';
import { FILER_ROLES, type Actor, type Role } from '../../domain/identity/actor';
import { STEP_NAMES, STEPS, stepRoles, type StepName } from '../../domain/sct/case';
import { assessClaim } from '../../domain/sct/claim-validation';
import { findCaseState, findFiling } from '../../db/sct-filings';
import { stateQuery } from '../../workflows/sct/contract';
import { actorFromRequest } from '../actor';
import { auditEntryFor, noteAudit } from '../audit';
import { actorOf } from '../identity/authenticate';
import { ALL_CASES_ROLES, partyIdFor } from '../identity/case-access';
import { notFound, Problem } from '../problem';
import { problemResponse, type Operation } from '../operations';
import { parse } from '../validate';
import { FILER_PARTY, fileSmallClaim, type FilingDeps } from './file-claim';
import { caseNoParams, caseViewResponse, fileClaimBody, filedClaimResponse } from './schemas';
import { STEP_SCHEMAS, stepSlug } from './step-schemas';
import { etagOf, takeStep, versionFromIfMatch } from './take-step';

const idempotencyKey = z.string().min(1).max(200).optional();

/** Who may ask for a case's full view: court staff and auditors all cases, filers the cases they are linked to. */
const CASE_READERS: readonly Role[] = ['individual-user', 'org-user', 'registry-officer', 'adjudicator', 'auditor'];

const caseNotFound = (caseNo: string) => notFound(`Case ${caseNo}`);

/**
 * The actor, allowed into `caseNo`: staff who see every case as they are;
 * a filer with the party of the case they act as or for (`partyId`). A
 * filer with no link to the case, an administrator or the public gets 404,
 * so the answer never tells whether the case exists.
 */
async function actorInCase(pool: Pool, actor: Actor, caseNo: string): Promise<Actor> {
  if (ALL_CASES_ROLES.includes(actor.role)) return actor;
  const partyId = await partyIdFor(pool, actor, caseNo);
  if (partyId === undefined) throw caseNotFound(caseNo);
  return { ...actor, partyId };
}

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
      },
      handler: async (req, res) => {
        const actor = actorFromRequest(req, ...FILER_ROLES);
        const key = idempotencyKey.safeParse(req.get('Idempotency-Key'));
        if (!key.success) throw new Problem(400, 'validation', 'The request is not valid', 'Idempotency-Key must be 1 to 200 characters');
        const claim = parse(fileClaimBody, 'body', req);
        const { filing, replayed } = await fileSmallClaim(deps, claim, key.data, {
          actor,
          audit: (caseNo) => auditEntryFor(actor, res, { action: 'fileSmallClaim', onBehalfOf: `party:${FILER_PARTY}`, after: { caseNo } }),
        });
        const self = `/api/v1/sct/claims/${filing.caseNo}`;
        res
          .status(replayed ? 200 : 201)
          .location(self)
          .json(
            filedClaimResponse.parse({
              caseNo: filing.caseNo,
              filedAt: filing.input.filedAt,
              filedOn: filing.input.filedOn,
              warnings: assessClaim(filing.input.claim, filing.input.filedOn).warnings,
              links: { self },
            }),
          );
      },
    },
    {
      method: 'get',
      path: '/api/v1/sct/claims/:caseNo',
      operationId: 'getSmallClaim',
      summary: 'A small-claim case as its workflow last projected it',
      description:
        'Registry officers, adjudicators and auditors see every case; individual and organisation users the cases they ' +
        'are linked to. Anyone else, the public included, gets 404 (the cause book shows the public part). Each read is audited.',
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
        const actor = await actorInCase(deps.pool, actorOf(res), caseNo);
        // The read model first; a case accepted but not yet projected is asked live.
        const view = (await findCaseState(deps.pool, caseNo)) ?? ((await findFiling(deps.pool, caseNo)) && (await deps.temporal.workflow.getHandle(caseNo).query(stateQuery)));
        if (!view) throw caseNotFound(caseNo);
        noteAudit(res, {
          action: 'sct.case.viewed',
          target: `case:${caseNo}`,
          ...(actor.partyId ? { onBehalfOf: `party:${actor.partyId}` } : {}),
          after: { version: view.version, stage: view.stage },
        });
        res.set('ETag', etagOf(view)).json(view);
      },
    },
    ...STEP_NAMES.map((name) => stepOperation(deps, name)),
  ];
}

/** A filer acts for the party of the case their account is linked to; court staff act in their office. */
async function actorForCase(pool: Pool, req: Request, caseNo: string, name: StepName): Promise<Actor> {
  const actor = actorFromRequest(req, ...stepRoles(name));
  return FILER_ROLES.includes(actor.role) ? actorInCase(pool, actor, caseNo) : actor;
}

function stepOperation<K extends StepName>(deps: FilingDeps, name: K): Operation {
  const rule = STEPS[name];
  return {
    method: 'post',
    path: `/api/v1/sct/claims/:caseNo/steps/${stepSlug(name)}`,
    operationId: name,
    summary: `${name} (${rule.section})`,
    description: `Taken by: ${stepRoles(name).join(', ')}. Possible while the case is ${rule.stages.join(', ')}. Send If-Match with the case's ETag to refuse the step if the case changed meanwhile.`,
    tags: ['Small claims: steps'],
    idempotency: 'replay',
    auth: stepRoles(name),
    params: caseNoParams,
    body: STEP_SCHEMAS[name],
    headers: [{ name: 'If-Match', required: false, description: 'ETag of the case you last saw, e.g. "v12"' }, { name: 'Idempotency-Key', required: false, description: 'A retried request with the same key is applied once' }],
    responses: {
      200: { description: 'Step taken; the case as it now stands', schema: caseViewResponse },
      400: problemResponse('The body or a header is invalid; each bad field is named'),
      401: problemResponse('No or invalid credentials'),
      403: problemResponse('The step is not for your role, or not for the party you act for'),
      404: problemResponse('No such case, or (a filer) not a case you are linked to'),
      409: problemResponse('The step is not possible now: wrong stage, its period has closed, or another rule refuses it (named with its section and dates)'),
      412: problemResponse('The case changed since the version in If-Match'),
    },
    handler: async (req, res) => {
      const { caseNo } = parse(caseNoParams, 'path', req);
      const actor = await actorForCase(deps.pool, req, caseNo, name);
      const payload = parse(STEP_SCHEMAS[name], 'body', req);
      const expectedVersion = versionFromIfMatch(req.get('If-Match'));
      const idempotencyKey = req.get('Idempotency-Key');
      const view = await takeStep(deps.temporal, {
        caseNo,
        step: name,
        actor,
        payload: payload as never,
        ...(expectedVersion === undefined ? {} : { expectedVersion }),
        ...(idempotencyKey ? { idempotencyKey } : {}),
      });
      noteAudit(res, {
        ...(expectedVersion === undefined ? {} : { before: { version: expectedVersion } }),
        after: { version: view.version, stage: view.stage },
      });
      res.set('ETag', etagOf(view)).json(view);
    },
  };
}
