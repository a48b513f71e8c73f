/** Small Claims Tribunal routes: thin declarations over the filing use-case and the read model. */
import { z } from 'zod';
import { assessClaim } from '../../domain/sct/claim-validation';
import { findCaseState, findFiling } from '../../db/sct-filings';
import { notFound, Problem } from '../problem';
import { problemResponse, type Operation } from '../operations';
import { parse } from '../validate';
import { fileSmallClaim, type FilingDeps } from './file-claim';
import { caseNoParams, caseViewResponse, fileClaimBody, filedClaimResponse } from './schemas';

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
        const state = await findCaseState(deps.pool, caseNo);
        if (state) {
          res.json(state);
          return;
        }
        // Accepted but not yet projected by its workflow: show what the registry holds.
        const filing = await findFiling(deps.pool, caseNo);
        if (!filing) throw notFound(`Case ${caseNo}`);
        const { input } = filing;
        const assessment = assessClaim(input.claim, input.filedOn);
        res.json({
          caseNo,
          stage: 'filed',
          filedAt: input.filedAt,
          filedOn: input.filedOn,
          claimedCents: assessment.claimedCents,
          admittedCents: assessment.admittedCents,
          warnings: assessment.warnings,
          hearing: null,
          deadlines: [],
          history: [],
          claim: input.claim,
          version: 0,
        });
      },
    },
  ];
}
