/** E-inspection routes: a case's documents for its parties and staff, public inspection and verification for anyone. */
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import { z } from 'zod';
import type { Pool } from 'pg';
import { FILER_ROLES, type Role } from '../../domain/identity/actor';
import { listCaseDocuments, openCaseDocument, openPublicDocument, searchPublicDocuments, verifyDocumentReference, type CaseDocument } from '../../services/documents/case-documents';
import type { DocumentSetup } from '../../services/documents/setup';
import { problemResponse, type Operation } from '../operations';
import { callerOf } from '../steps/step-operations';
import { parse } from '../validate';
import { attachmentHeader } from './content-disposition';
import { documentSetupProvider } from './setup';

const INSPECTORS: readonly Role[] = [...FILER_ROLES, 'registry-officer', 'adjudicator', 'auditor'];
const caseNo = z.string().trim().min(1).max(40);
const referenceNo = z.string().regex(/^[A-Z]{2,5}-[0-9]{4}-[0-9]{6}-[A-Z0-9-]{2,20}$/, 'must be a document reference number such as EF-2026-000001-D1');

const caseDocument = z
  .object({
    documentReferenceNo: z.string(),
    caseNo: z.string(),
    type: z.string(),
    source: z.enum(['filing', 'tribunal']),
    fileName: z.string(),
    sha256: z.string(),
    on: z.string().nullable(),
    filingParty: z.string().nullable(),
    public: z.boolean(),
  })
  .meta({ id: 'CaseDocument' });
const documentList = z.object({ documents: z.array(caseDocument) });
const verification = z
  .object({ documentReferenceNo: z.string(), caseNo: z.string(), type: z.string(), source: z.string(), on: z.string().nullable(), sha256: z.string(), openToPublicInspection: z.boolean() })
  .meta({ id: 'DocumentVerification' });

/** Streams the PDF; the response's end is left to the audit wrapper, which holds it until the handler returns (as for uploads' downloads). */
async function send(res: Response, opened: { document: CaseDocument; content: NodeJS.ReadableStream }): Promise<void> {
  res.status(200).set({
    'Content-Type': 'application/pdf',
    'Content-Disposition': attachmentHeader(opened.document.fileName),
    'Repr-Digest': `sha-256=:${Buffer.from(opened.document.sha256, 'hex').toString('base64')}:`,
  });
  try {
    await pipeline(opened.content, res, { end: false });
  } catch {
    // The client went away or the store broke off mid-stream: the status is sent, so all that is left is to close.
    res.destroy();
    return;
  }
  res.end();
}

export function caseDocumentOperations(deps: { pool: Pool }, setup?: DocumentSetup): Operation[] {
  const documents = documentSetupProvider(setup);
  const store = () => documents().store;
  const caseParams = z.object({ caseNo });
  const docParams = z.object({ caseNo, documentReferenceNo: referenceNo });
  const refParams = z.object({ documentReferenceNo: referenceNo });
  const publicQuery = z.object({ caseNo });
  return [
    {
      method: 'get',
      path: '/api/v1/cases/:caseNo/documents',
      operationId: 'listCaseDocuments',
      summary: "E-inspection: the documents filed on a case (accepted) and the tribunal's papers in it",
      tags: ['Documents'],
      auth: INSPECTORS,
      refuseAs: 'not-found',
      params: caseParams,
      responses: { 200: { description: 'The documents', schema: documentList }, 404: problemResponse('No such case, or not one you act in') },
      handler: async (req, res) => {
        res.json({ documents: await listCaseDocuments(deps, callerOf(res), parse(caseParams, 'path', req).caseNo) });
      },
    },
    {
      method: 'get',
      path: '/api/v1/cases/:caseNo/documents/:documentReferenceNo/content',
      operationId: 'getCaseDocumentContent',
      summary: 'E-inspection: download a document of the case (each opening of one not open to the public is audited)',
      tags: ['Documents'],
      auth: INSPECTORS,
      refuseAs: 'not-found',
      params: docParams,
      responses: { 200: { description: 'The PDF', contentType: 'application/pdf' }, 404: problemResponse('No such document in the case, or not a case you act in') },
      handler: async (req, res) => {
        const { caseNo: no, documentReferenceNo } = parse(docParams, 'path', req);
        await send(res, await openCaseDocument({ pool: deps.pool, store }, callerOf(res), no, documentReferenceNo));
      },
    },
    {
      method: 'get',
      path: '/api/v1/public/documents',
      operationId: 'searchPublicDocuments',
      summary: 'Documents of a case open to public inspection (orders and judgments)',
      tags: ['Documents'],
      auth: 'public',
      query: publicQuery,
      responses: { 200: { description: 'The documents', schema: documentList } },
      handler: async (req, res) => {
        res.json({ documents: await searchPublicDocuments(deps, parse(publicQuery, 'query', req).caseNo) });
      },
    },
    {
      method: 'get',
      path: '/api/v1/public/documents/:documentReferenceNo/content',
      operationId: 'getPublicDocumentContent',
      summary: 'Download a document open to public inspection',
      tags: ['Documents'],
      auth: 'public',
      params: refParams,
      responses: { 200: { description: 'The PDF', contentType: 'application/pdf' }, 404: problemResponse('No such document open to public inspection') },
      handler: async (req, res) => {
        await send(res, await openPublicDocument({ pool: deps.pool, store }, parse(refParams, 'path', req).documentReferenceNo));
      },
    },
    {
      method: 'get',
      path: '/api/v1/document-references/:documentReferenceNo',
      operationId: 'verifyDocumentReference',
      summary: 'Verify a document reference number: its public facts only (case, kind, date, SHA-256)',
      tags: ['Documents'],
      auth: 'public',
      params: refParams,
      responses: { 200: { description: 'The public facts', schema: verification }, 404: problemResponse('No document has this number') },
      handler: async (req, res) => {
        res.json(await verifyDocumentReference(deps, parse(refParams, 'path', req).documentReferenceNo));
      },
    },
  ];
}
