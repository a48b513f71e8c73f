/**
 * Documents: upload a PDF, read what the court holds about it, download it.
 * The upload is the first half of the large-file path: a filing names the
 * documents it uses by id, so no filing request ever carries a file.
 */
import { pipeline } from 'node:stream/promises';
import type { Pool } from 'pg';
import { appendAudit } from '../../db/audit-log';
import type { IsoDate } from '../../domain/calendar';
import type { Role } from '../../domain/identity/actor';
import { openDocumentContent, readDocument } from '../../services/documents/read';
import type { DocumentSetup } from '../../services/documents/setup';
import { uploadDocument, type DocumentView } from '../../services/documents/upload';
import { auditEntryFor, noteAudit } from '../audit';
import { actorOf } from '../identity/authenticate';
import { problemResponse, type Operation } from '../operations';
import { callerOf } from '../steps/step-operations';
import { parse } from '../validate';
import { attachmentHeader } from './content-disposition';
import { documentSetupProvider } from './setup';
import { pdfUploadOf, refusingUploads } from './upload-request';
import { documentIdParams, documentResponse, pdfContent, type DocumentResponse } from './schemas';

/** Who uploads and reads their own documents (iCMS court business), and the registry, which reads any. */
export const DOCUMENT_ROLES: readonly Role[] = ['individual-user', 'org-user', 'org-principal-admin', 'org-sub-admin', 'registry-officer'];

const BASE = '/api/v1/documents';

const responseOf = (doc: DocumentView): DocumentResponse =>
  documentResponse.parse({ ...doc, links: { self: `${BASE}/${doc.id}`, content: `${BASE}/${doc.id}/content` } });

/**
 * `setup` defaults to the store and limits of the configuration, made on
 * first use: the API process has validated that configuration at start
 * (api/main.ts, loadConfig), and an app that never touches a document
 * (most tests) never creates a directory or a client for one.
 */
export function documentOperations(deps: { pool: Pool; today?: () => IsoDate }, setup?: DocumentSetup): Operation[] {
  const documents = documentSetupProvider(setup);

  return [
    {
      method: 'post',
      path: BASE,
      operationId: 'uploadDocument',
      summary: 'Upload a PDF document, to use in a filing by its id',
      description:
        'Send the PDF itself as the body (`Content-Type: application/pdf`) and its name in `Content-Disposition` ' +
        "(`attachment; filename=\"writ.pdf\"`, or `filename*=UTF-8''%E4%BB%A4%E7%8B%80.pdf` for a name that is not ASCII). " +
        'The file is checked by its content, never its name: the PDF signature, a complete file, a structural parse ' +
        '(objects nested at most 64 levels, no more objects than a PDF may have, the page count it declares true), ' +
        'no encryption, no active content (JavaScript, launch actions, embedded files, rich media, XFA forms, form ' +
        'submission, HTML a web browser would run), and the size and page limits. An accepted file is answered with its id and SHA-256; a refused ' +
        'one names the rule it broke, with what to do in English and Traditional Chinese (`localisedDetail`), and ' +
        'nothing of it is kept. Large files take the same path: upload first, then quote the id in the filing.',
      tags: ['Documents'],
      auth: DOCUMENT_ROLES,
      rawBody: { contentType: 'application/pdf', description: 'The PDF document, as it is: no encoding, no multipart form' },
      headers: [
        {
          name: 'Content-Disposition',
          required: true,
          description: "The file's name: attachment; filename=\"writ.pdf\" (or filename*=UTF-8''… for a name that is not ASCII)",
        },
      ],
      responses: {
        201: { description: 'Accepted and stored; quote the id in a filing', schema: documentResponse },
        400: problemResponse('No filename in Content-Disposition, or the upload was interrupted; the field and rule are named'),
        401: problemResponse('No credentials, or they are not valid (requiredRoles names the roles needed)'),
        403: problemResponse('Your role may not upload documents (requiredRoles names the roles needed)'),
        413: problemResponse('The file is larger than the limit (rule too-large); nothing was kept'),
        415: problemResponse('The body is not sent as application/pdf (rule media-type)'),
        422: problemResponse(
          'The file is refused by its content (rule not-a-pdf, truncated, unreadable, encrypted, active-content or too-many-pages); nothing was kept',
        ),
        507: problemResponse('The document store has no space left (rule storage-space); nothing was kept; try again later'),
      },
      handler: (req, res) =>
        refusingUploads(req, res, async () => {
          const doc = await uploadDocument({ pool: deps.pool, documents: documents(), ...(deps.today ? { today: deps.today } : {}) }, callerOf(res), { content: req, ...pdfUploadOf(req) });
          noteAudit(res, { target: `document:${doc.id}`, after: { sha256: doc.sha256, bytes: doc.bytes, pages: doc.pages } });
          const body = responseOf(doc);
          res.status(201).location(body.links.self).json(body);
        }),
    },
    {
      method: 'get',
      path: `${BASE}/:documentId`,
      operationId: 'getDocument',
      summary: 'What the court holds about a document you uploaded',
      description: 'The uploader and registry officers may read it; to anyone else it does not exist (404).',
      tags: ['Documents'],
      auth: DOCUMENT_ROLES,
      refuseAs: 'not-found',
      params: documentIdParams,
      responses: {
        200: { description: 'The document', schema: documentResponse },
        400: problemResponse('The document id is malformed'),
        401: problemResponse('The credentials are not valid'),
        404: problemResponse('No such document, or not one you may see'),
      },
      handler: async (req, res) => {
        const { documentId } = parse(documentIdParams, 'path', req);
        res.json(responseOf(await readDocument(deps, callerOf(res), documentId)));
      },
    },
    {
      method: 'get',
      path: `${BASE}/:documentId/content`,
      operationId: 'getDocumentContent',
      summary: 'Download a document you uploaded: the PDF as stored',
      description:
        'Streams the PDF from the document store, with its SHA-256 in `Repr-Digest` (RFC 9530). The uploader and ' +
        'registry officers may; to anyone else it does not exist (404). Each download is recorded in the audit log before its first byte is sent.',
      tags: ['Documents'],
      auth: DOCUMENT_ROLES,
      refuseAs: 'not-found',
      params: documentIdParams,
      responses: {
        200: { description: 'The PDF', schema: pdfContent, contentType: 'application/pdf' },
        400: problemResponse('The document id is malformed'),
        401: problemResponse('The credentials are not valid'),
        404: problemResponse('No such document, or not one you may see'),
      },
      handler: async (req, res) => {
        const { documentId } = parse(documentIdParams, 'path', req);
        const { document, content } = await openDocumentContent({ pool: deps.pool, documents: documents() }, callerOf(res), documentId);
        // Recorded before the first byte leaves: a streamed body is complete for the
        // client once Content-Length bytes arrive, before any wrapper could append
        // after it. A download that cannot be recorded is not served.
        try {
          await appendAudit(deps.pool, auditEntryFor(actorOf(res), res, { action: 'document.content.read', target: `document:${document.id}` }));
        } catch (err) {
          content.destroy();
          throw err;
        }
        res.status(200).set({
          'Content-Type': 'application/pdf',
          'Content-Length': String(document.bytes),
          'Content-Disposition': attachmentHeader(document.filename),
          'Repr-Digest': `sha-256=:${Buffer.from(document.sha256, 'hex').toString('base64')}:`,
        });
        try {
          // The end is left to the audit wrapper, which holds it until the handler returns.
          await pipeline(content, res, { end: false });
        } catch {
          // The client went away or the store broke off mid-stream: the status is sent, so all that is left is to close.
          res.destroy();
          return;
        }
        res.end();
      },
    },
  ];
}
