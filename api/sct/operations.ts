/** Small Claims Tribunal routes: thin declarations over the filing use-case and the read model. */
import type { Request } from 'express';
import { z } from 'zod';
import { FILER_ROLES, type Actor } from '../../domain/identity/actor';
import { STEP_NAMES, STEPS, stepRoles, type StepName } from '../../domain/sct/case';
import { assessClaim } from '../../domain/sct/claim-validation';
import { findCaseState, findFiling } from '../../db/sct-filings';
import { stateQuery } from '../../workflows/sct/contract';
import { ACTOR_HEADERS, actorFromRequest } from '../actor';
import { notFound, Problem } from '../problem';
import { problemResponse, type Operation } from '../operations';
import { parse } from '../validate';
import { fileSmallClaim, type FilingDeps } from './file-claim';
import { caseNoParams, caseViewResponse, fileClaimBody, filedClaimResponse } from './schemas';
import { STEP_SCHEMAS, stepSlug } from './step-schemas';
import { etagOf, takeStep, versionFromIfMatch } from './take-step';

const idempotencyKey = z.string().min(1).max(200).optional();

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
      body: fileClaimBody,
      headers: [{ name: 'Idempotency-Key', required: false, description: 'Retry-safe key: the same key and body file the claim once' }],
      responses: {
        201: { description: 'Claim filed; its case number is the workflow ID', schema: filedClaimResponse },
        200: { description: 'Already filed under this Idempotency-Key: the original answer', schema: filedClaimResponse },
        400: problemResponse('The body is invalid; each bad field is named'),
        422: problemResponse('The registry refuses the claim (each refusal names its field and section), or the Idempotency-Key was used for a different body'),
      },
      handler: async (req, res) => {
        const key = idempotencyKey.safeParse(req.get('Idempotency-Key'));
        if (!key.success) throw new Problem(400, 'validation', 'The request is not valid', 'Idempotency-Key must be 1 to 200 characters');
        const claim = parse(fileClaimBody, 'body', req);
        const { filing, replayed } = await fileSmallClaim(deps, claim, key.data);
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
      tags: ['Small claims'],
      params: caseNoParams,
      responses: {
        200: { description: 'The case', schema: caseViewResponse },
        400: problemResponse('The case number is malformed'),
        404: problemResponse('No such case'),
      },
      handler: async (req, res) => {
        const { caseNo } = parse(caseNoParams, 'path', req);
        // The read model first; a case accepted but not yet projected is asked live.
        const view = (await findCaseState(deps.pool, caseNo)) ?? ((await findFiling(deps.pool, caseNo)) && (await deps.temporal.workflow.getHandle(caseNo).query(stateQuery)));
        if (!view) throw notFound(`Case ${caseNo}`);
        res.set('ETag', etagOf(view)).json(view);
      },
    },
    ...STEP_NAMES.map((name) => stepOperation(deps, name)),
  ];
}

const PARTY_HEADER = {
  name: 'X-Actor-Party',
  required: false,
  description: 'For a filer: the party of this case they act for (C1, D2…). Interim, until identity links accounts to parties',
};

/** A filer acts for one party of the case; court staff act in their office. */
function actorForCase(req: Request, name: StepName): Actor {
  const actor = actorFromRequest(req, ...stepRoles(name));
  if (!FILER_ROLES.includes(actor.role)) return actor;
  const partyId = req.get('X-Actor-Party');
  if (!partyId || !/^[CRD]\d{1,4}$/.test(partyId)) {
    throw new Problem(400, 'validation', 'The request is not valid', 'X-Actor-Party must name the party you act for, e.g. D1', {
      errors: [{ field: 'X-Actor-Party', rule: 'required', message: 'name the party you act for' }],
    });
  }
  return { ...actor, partyId };
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
    params: caseNoParams,
    body: STEP_SCHEMAS[name],
    headers: [...ACTOR_HEADERS, PARTY_HEADER, { name: 'If-Match', required: false, description: 'ETag of the case you last saw, e.g. "v12"' }, { name: 'Idempotency-Key', required: false, description: 'A retried request with the same key is applied once' }],
    responses: {
      200: { description: 'Step taken; the case as it now stands', schema: caseViewResponse },
      400: problemResponse('The body or a header is invalid; each bad field is named'),
      401: problemResponse('No or invalid credentials'),
      403: problemResponse('The step is not for your role, or you do not act for a party of this case'),
      404: problemResponse('No such case'),
      409: problemResponse('The step is not possible now: wrong stage, its period has closed, or another rule refuses it (named with its section and dates)'),
      412: problemResponse('The case changed since the version in If-Match'),
    },
    handler: async (req, res) => {
      const { caseNo } = parse(caseNoParams, 'path', req);
      const actor = actorForCase(req, name);
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
      res.set('ETag', etagOf(view)).json(view);
    },
  };
}
