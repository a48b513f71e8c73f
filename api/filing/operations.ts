/** iCMS filing routes: open a filing on a case, its steps, read it, list, the acknowledgement PDF. */
import type { Response } from 'express';
import { z } from 'zod';
import { FILING_STEPS, acknowledgementFacts, type FilingPayloads } from '../../domain/filing';
import { FILER_ROLES, type Role } from '../../domain/identity/actor';
import type { StepTable } from '../../domain/steps/step-kit';
import { makePaper, type Paper } from '../../papers/papers';
import { attachmentHeader } from '../documents/content-disposition';
import { enterFiling, listFilings, openFilingOnCase, readFiling, takeFilingStep, type FilingDeps } from '../../services/filing/filings';
import { beginEnforcement } from '../../services/filing/enforcement';
import type { DocumentSetup } from '../../services/documents/setup';
import { documentSetupProvider } from '../documents/setup';
import { caseNoParams } from '../sct/schemas';
import { problemResponse, type Operation } from '../operations';
import { Problem } from '../problem';
import { callerOf, etagOf, stepOperations } from '../steps/step-operations';
import { parse } from '../validate';
import { FILING_STEP_SCHEMAS, filingList, filingParams, filingView, openFilingBody } from './schemas';

/** A paper rendered for download, named as the inbox names its attachments. */
const sendPaper = (res: Response, paper: Paper) => res.type(paper.contentType).set('Content-Disposition', attachmentHeader(paper.fileName)).send(paper.bytes);

const READERS: readonly Role[] = [...FILER_ROLES, 'registry-officer', 'adjudicator', 'auditor'];
const BASE = '/api/v1/filings';

export function filingOperations(deps: FilingDeps, setup?: DocumentSetup): Operation[] {
  const documents = documentSetupProvider(setup);
  return [
    {
      method: 'post',
      path: BASE,
      operationId: 'openFiling',
      summary: 'Open a filing of documents on an existing case (iCMS, step 1)',
      description: 'Opens a draft under a new filing reference (its workflow ID). Add documents (uploaded first), preview and remove them, then submit.',
      tags: ['Filings'],
      auth: FILER_ROLES,
      body: openFilingBody,
      responses: {
        201: { description: 'The draft filing', schema: filingView },
        400: problemResponse('The body is invalid; each bad field is named'),
        404: problemResponse('No such case, or not one you act in'),
      },
      handler: async (req, res) => {
        const view = await openFilingOnCase(deps, callerOf(res), parse(openFilingBody, 'body', req));
        res.status(201).set('ETag', etagOf(view)).location(`${BASE}/${view.reference}`).json(view);
      },
    },
    {
      method: 'get',
      path: BASE,
      operationId: 'listFilings',
      summary: 'Your filings; for the registry, those awaiting review (overdue first)',
      tags: ['Filings'],
      auth: READERS,
      query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      responses: { 200: { description: 'Filings', schema: filingList } },
      handler: async (req, res) => {
        const { limit } = parse(z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }), 'query', req);
        res.json({ filings: await listFilings(deps, callerOf(res), limit) });
      },
    },
    {
      method: 'get',
      path: `${BASE}/:reference`,
      operationId: 'readFiling',
      summary: 'A filing: its documents, their review, its deadlines explained',
      tags: ['Filings'],
      auth: READERS,
      refuseAs: 'not-found',
      params: filingParams,
      responses: { 200: { description: 'The filing', schema: filingView }, 404: problemResponse('No such filing, or not one you may see') },
      handler: async (req, res) => {
        const view = await readFiling(deps, callerOf(res), parse(filingParams, 'path', req).reference);
        res.set('ETag', etagOf(view)).json(view);
      },
    },
    {
      method: 'get',
      path: `${BASE}/:reference/acknowledgement`,
      operationId: 'downloadAcknowledgement',
      summary: 'The acknowledgement of a submitted filing, as a PDF (Chinese and English)',
      tags: ['Filings'],
      auth: READERS,
      refuseAs: 'not-found',
      params: filingParams,
      responses: {
        200: { description: 'The acknowledgement', contentType: 'application/pdf' },
        404: problemResponse('No such filing, or not one you may see'),
        409: problemResponse('Not submitted yet: there is nothing to acknowledge'),
      },
      handler: async (req, res) => {
        const { reference } = parse(filingParams, 'path', req);
        const view = await readFiling(deps, callerOf(res), reference);
        if (!view.submittedAt) throw new Problem(409, 'not-submitted', 'Not submitted yet', `${reference} has not been submitted, so it has no acknowledgement`);
        const paper = await makePaper({ kind: 'filing-acknowledgement', facts: acknowledgementFacts(view) });
        sendPaper(res, paper);
      },
    },
    {
      method: 'get',
      path: `${BASE}/:reference/receipt`,
      operationId: 'downloadPaymentReceipt',
      summary: "The receipt for a filing's fees, as a PDF (Chinese and English)",
      description: 'Issued once, when the payment succeeded; this is the same paper the inbox message carries.',
      tags: ['Filings'],
      auth: READERS,
      refuseAs: 'not-found',
      params: filingParams,
      responses: {
        200: { description: 'The receipt', contentType: 'application/pdf' },
        404: problemResponse('No such filing, or not one you may see'),
        409: problemResponse('Nothing has been paid on this filing'),
      },
      handler: async (req, res) => {
        const { reference } = parse(filingParams, 'path', req);
        const view = await readFiling(deps, callerOf(res), reference);
        const receipt = view.payment?.receipt;
        if (!receipt) throw new Problem(409, 'not-paid', 'Nothing paid', `${reference} has no payment receipt: nothing has been paid on it`);
        const paper = await makePaper({ kind: 'payment-receipt', facts: receipt });
        sendPaper(res, paper);
      },
    },
    {
      method: 'post',
      path: '/api/v1/sct/claims/:caseNo/enforcement',
      operationId: 'beginEnforcement',
      summary: 'Enforce an unpaid small-claim award: begin a writ of execution in the District Court (Cap. 338 s.32)',
      description:
        'For the party the award favours, once the case is enforceable (unpaid after the date for payment). Opens a District Court filing on the ' +
        'same case number with the written award already in it as the judgment enforced; add the draft writ and the praecipe (purpose ' +
        'for-approval-of-draft) and submit. The small claim lists the filing and its progress under `enforcement`.',
      tags: ['Filings'],
      auth: FILER_ROLES,
      params: caseNoParams,
      responses: {
        201: { description: 'The draft filing, the award in it', schema: filingView },
        404: problemResponse('No such case, or not one you act in'),
        409: problemResponse('Not enforceable now, not in your favour, paid, or already being enforced (the detail says which)'),
      },
      handler: async (req, res) => {
        const { caseNo } = parse(caseNoParams, 'path', req);
        const view = await beginEnforcement({ ...deps, documents }, callerOf(res), caseNo);
        res.status(201).set('ETag', etagOf(view)).location(`${BASE}/${view.reference}`).json(view);
      },
    },
    ...stepOperations({
      steps: FILING_STEPS as StepTable<never, FilingPayloads, string>,
      schemas: FILING_STEP_SCHEMAS,
      basePath: `${BASE}/:reference/steps`,
      params: filingParams,
      reference: ({ reference }) => reference,
      tag: 'Filings: steps',
      noun: 'filing',
      response: { description: 'Step taken; the filing as it now stands', schema: filingView },
      enter: (caller, reference) => enterFiling(deps, caller, reference),
      take: (caller, step, call) => takeFilingStep(deps, caller, step, call),
    }),
  ];
}
