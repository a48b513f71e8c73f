/**
 * Work queues of registry officers and adjudicators: the list, claim,
 * release, and act (the item's step in one call). Thin: parse, call the
 * use-case, answer; the step's own schema checks its payload.
 */
import type { z } from 'zod';
import type { Role } from '../../domain/identity/actor';
import type { StepPayloads } from '../../domain/sct/case';
import type { FilingPayloads } from '../../domain/filing';
import { actOnItem, claimWorkItem, listWorkQueue, releaseWorkItem, type StepOf, type WorkQueueDeps } from '../../services/work-queue/work-queue';
import { noteAudit } from '../audit';
import { FILING_STEP_SCHEMAS } from '../filing/schemas';
import { problemResponse, type Operation } from '../operations';
import { validationProblem } from '../problem';
import { STEP_SCHEMAS } from '../sct/step-schemas';
import { callerOf, etagOf, versionFromIfMatch } from '../steps/step-operations';
import { parse } from '../validate';
import { actBody, actQuery, actResponse, workItem, workItemParams, workQueueQuery, workQueueResponse } from './schemas';

const QUEUE_ROLES: readonly Role[] = ['registry-officer', 'adjudicator'];
const BASE = '/api/v1/work-queue';
const TAGS = ['Work queues'];

/** The step's payload, checked by the schema its own route uses. */
function parsePayload(step: StepOf, body: unknown): unknown {
  const schema: z.ZodType =
    step.process === 'sct' ? STEP_SCHEMAS[step.name as keyof StepPayloads] : FILING_STEP_SCHEMAS[step.name as keyof FilingPayloads];
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw validationProblem('body', result.error);
  return result.data;
}

const claimResponses = {
  200: { description: 'The item, with who holds it', schema: workItem },
  400: problemResponse('The item id is malformed'),
  404: problemResponse('No such item in your queue (done, or never there)'),
  409: problemResponse('Someone else holds a live claim on it: `claim` names them and until when'),
};

export function workQueueOperations(deps: WorkQueueDeps): Operation[] {
  return [
    {
      method: 'get',
      path: BASE,
      operationId: 'listWorkQueue',
      summary: 'What is waiting on you: small-claim steps and filings to review, due first',
      description:
        "A registry officer sees the registry's items, an adjudicator the adjudicators' (a draft writ for approval is both). " +
        'Derived from the read models; each item shows who holds it while their claim is live (30 minutes, renewed by claiming again).',
      tags: TAGS,
      auth: QUEUE_ROLES,
      query: workQueueQuery,
      responses: { 200: { description: 'The queue', schema: workQueueResponse }, 400: problemResponse('A filter is invalid; each bad field is named') },
      handler: async (req, res) => {
        const { court, kind, assignee, limit } = parse(workQueueQuery, 'query', req);
        res.json(await listWorkQueue(deps, callerOf(res), { limit, ...(court ? { court } : {}), ...(kind ? { kind } : {}), ...(assignee ? { assignee } : {}) }));
      },
    },
    {
      method: 'post',
      path: `${BASE}/:itemId/claim`,
      operationId: 'claimWorkItem',
      summary: 'Claim an item so nobody else acts on it for 30 minutes (again: renew)',
      tags: TAGS,
      auth: QUEUE_ROLES,
      params: workItemParams,
      responses: claimResponses,
      handler: async (req, res) => {
        const { itemId } = parse(workItemParams, 'path', req);
        const item = await claimWorkItem(deps, callerOf(res), itemId);
        noteAudit(res, { target: `work-item:${item.id}`, after: { claim: item.claim } });
        res.json(item);
      },
    },
    {
      method: 'post',
      path: `${BASE}/:itemId/release`,
      operationId: 'releaseWorkItem',
      summary: 'Let go of your claim on an item',
      description: "Only the holder releases a live claim; releasing an item nobody holds changes nothing.",
      tags: TAGS,
      auth: QUEUE_ROLES,
      params: workItemParams,
      responses: { ...claimResponses, 200: { description: 'The item, unclaimed', schema: workItem } },
      handler: async (req, res) => {
        const { itemId } = parse(workItemParams, 'path', req);
        const item = await releaseWorkItem(deps, callerOf(res), itemId);
        noteAudit(res, { target: `work-item:${item.id}`, after: { claim: null } });
        res.json(item);
      },
    },
    {
      method: 'post',
      path: `${BASE}/:itemId/act`,
      operationId: 'actOnWorkItem',
      summary: "Take the item's step in one call (claimed for you if unclaimed, released when done)",
      description:
        "The body is the step's payload, as its own route takes it; `?step=` picks another of the item's steps (`reject-document`). " +
        'Every rule of the step applies, as on its route. Refused with 409 if someone else holds a live claim.',
      tags: TAGS,
      idempotency: 'replay',
      auth: QUEUE_ROLES,
      params: workItemParams,
      query: actQuery,
      body: actBody,
      headers: [
        { name: 'If-Match', required: false, description: 'ETag of the case or filing you last saw, e.g. "v12"' },
        { name: 'Idempotency-Key', required: false, description: 'A retried request with the same key is applied once' },
      ],
      responses: {
        200: { description: 'Step taken; the item is released and the case or filing is shown as it now stands', schema: actResponse },
        400: problemResponse("The payload is invalid for the step, or the step is not one of the item's"),
        403: problemResponse('The step is not for your role'),
        404: problemResponse('No such item in your queue (done, or never there)'),
        409: problemResponse('Someone else holds it (`claim`), or the step is not possible now (named with its section)'),
        412: problemResponse('The case or filing changed since the version in If-Match'),
      },
      handler: async (req, res) => {
        const { itemId } = parse(workItemParams, 'path', req);
        const { step } = parse(actQuery, 'query', req);
        const expectedVersion = versionFromIfMatch(req.get('If-Match'));
        const idempotencyKey = req.get('Idempotency-Key');
        const result = await actOnItem(deps, callerOf(res), itemId, {
          ...(step ? { step } : {}),
          body: req.body as unknown,
          parse: parsePayload,
          ...(expectedVersion === undefined ? {} : { expectedVersion }),
          ...(idempotencyKey ? { idempotencyKey } : {}),
        });
        const noun = result.item.kind === 'sct-step' ? 'case' : 'filing';
        noteAudit(res, { target: `${noun}:${result.item.reference}`, after: { workItem: result.item.id, step: result.step, version: result.view.version } });
        res.set('ETag', etagOf(result.view)).json({ item: result.item, step: result.step, version: result.view.version, view: result.view });
      },
    },
  ];
}
