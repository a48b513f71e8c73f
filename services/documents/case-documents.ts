/**
 * E-inspection (seed 000, "court business"): the documents filed on a case
 * (accepted) and the papers the tribunal issued in it, for its parties and
 * court staff; the documents open to public inspection, for anyone; and the
 * public facts of a document reference number, for anyone who holds one.
 * Every opening of a document that is not public is in the audit log.
 */
import type { Readable } from 'node:stream';
import type { Pool } from 'pg';
import { isOpenToPublic } from '../../domain/documents/public-inspection';
import { appendAudit } from '../../db/audit-log';
import { casePaperByReferenceNo, casePapersOf } from '../../db/case-papers';
import type { DocumentStore } from '../../db/document-store/store';
import { findDocument } from '../../db/documents';
import { acceptedDocumentsOfCase, documentByReferenceNo, publicDocumentsOfCase } from '../../db/filings';
import { auditEntryOf, type Caller } from '../audit';
import { enterCase } from '../case-access';
import { notFound } from '../errors';

export interface CaseDocumentDeps {
  pool: Pool;
  store: () => DocumentStore;
}

export interface CaseDocument {
  documentReferenceNo: string;
  caseNo: string;
  /** A filed document's type (`praecipe`…), or the tribunal's paper (`notice-of-hearing`, `written-award`). */
  type: string;
  source: 'filing' | 'tribunal';
  fileName: string;
  sha256: string;
  /** When it was filed (submitted) or issued. */
  on: string | null;
  filingParty: string | null;
  public: boolean;
}

/** Where a document's bytes are: the store key of its upload or of the paper. */
interface Located extends CaseDocument {
  storeKey: string;
}

async function locate(pool: Pool, documentReferenceNo: string): Promise<Located | undefined> {
  const filed = await documentByReferenceNo(pool, documentReferenceNo);
  if (filed && filed.status === 'accepted') {
    const upload = await findDocument(pool, filed.uploadId);
    if (!upload) return undefined;
    return {
      documentReferenceNo,
      caseNo: filed.caseNo,
      type: filed.type,
      source: 'filing',
      fileName: filed.fileName,
      sha256: filed.sha256,
      on: filed.submittedAt?.toISOString() ?? null,
      filingParty: filed.filingParty,
      public: isOpenToPublic(filed.type),
      storeKey: upload.storeKey,
    };
  }
  const paper = await casePaperByReferenceNo(pool, documentReferenceNo);
  if (!paper) return undefined;
  return {
    documentReferenceNo,
    caseNo: paper.caseNo,
    type: paper.kind,
    source: 'tribunal',
    fileName: paper.fileName,
    sha256: paper.sha256,
    on: paper.issuedAt.toISOString(),
    filingParty: null,
    public: false,
    storeKey: paper.storeKey,
  };
}

const withoutKey = ({ storeKey: _key, ...doc }: Located): CaseDocument => doc;

/** The documents of a case, for one of its parties (or their organisation's assigned user) or court staff. */
export async function listCaseDocuments(deps: Pick<CaseDocumentDeps, 'pool'>, caller: Caller, caseNo: string): Promise<CaseDocument[]> {
  await enterCase(deps.pool, caller, caseNo, 'case.documents.listed');
  const filed = (await acceptedDocumentsOfCase(deps.pool, caseNo)).map(
    (d): CaseDocument => ({
      documentReferenceNo: d.documentReferenceNo ?? '',
      caseNo,
      type: d.type,
      source: 'filing',
      fileName: d.fileName,
      sha256: d.sha256,
      on: d.submittedAt?.toISOString() ?? null,
      filingParty: d.filingParty,
      public: isOpenToPublic(d.type),
    }),
  );
  const papers = (await casePapersOf(deps.pool, caseNo)).map(
    (p): CaseDocument => ({ documentReferenceNo: p.documentReferenceNo, caseNo, type: p.kind, source: 'tribunal', fileName: p.fileName, sha256: p.sha256, on: p.issuedAt.toISOString(), filingParty: null, public: false }),
  );
  return [...papers, ...filed];
}

/** A document of the case, to download: its parties and court staff; every opening of a non-public one audited. */
export async function openCaseDocument(deps: CaseDocumentDeps, caller: Caller, caseNo: string, documentReferenceNo: string): Promise<{ document: CaseDocument; content: Readable }> {
  const actor = await enterCase(deps.pool, caller, caseNo, 'case.documents.entered');
  const doc = await locate(deps.pool, documentReferenceNo);
  if (!doc || doc.caseNo !== caseNo) throw notFound(`Document ${documentReferenceNo} of ${caseNo}`);
  if (!doc.public) {
    await appendAudit(deps.pool, auditEntryOf({ ...caller, actor }, { action: 'document.inspected', target: `document:${documentReferenceNo}`, after: { caseNo, sha256: doc.sha256 } }));
  }
  return { document: withoutKey(doc), content: await deps.store().get(doc.storeKey) };
}

/** Documents of a case open to public inspection: anyone may search and read them. */
export async function searchPublicDocuments(deps: Pick<CaseDocumentDeps, 'pool'>, caseNo: string): Promise<CaseDocument[]> {
  return (await publicDocumentsOfCase(deps.pool, caseNo)).map((d) => ({
    documentReferenceNo: d.documentReferenceNo ?? '',
    caseNo,
    type: d.type,
    source: 'filing' as const,
    fileName: d.fileName,
    sha256: d.sha256,
    on: d.submittedAt?.toISOString() ?? null,
    filingParty: d.filingParty,
    public: true,
  }));
}

export async function openPublicDocument(deps: CaseDocumentDeps, documentReferenceNo: string): Promise<{ document: CaseDocument; content: Readable }> {
  const doc = await locate(deps.pool, documentReferenceNo);
  if (!doc?.public) throw notFound(`Public document ${documentReferenceNo}`);
  return { document: withoutKey(doc), content: await deps.store().get(doc.storeKey) };
}

/**
 * What anyone may learn from a document reference number: that it exists,
 * the case, what kind of document, when filed or issued, and its SHA-256 (to
 * check a copy against). Never its content, its file name or its parties.
 */
export async function verifyDocumentReference(deps: Pick<CaseDocumentDeps, 'pool'>, documentReferenceNo: string) {
  const doc = await locate(deps.pool, documentReferenceNo);
  if (!doc) throw notFound(`Document reference number ${documentReferenceNo}`);
  return { documentReferenceNo, caseNo: doc.caseNo, type: doc.type, source: doc.source, on: doc.on, sha256: doc.sha256, openToPublicInspection: doc.public };
}
