/**
 * Reading a document: its description, or its bytes. The uploader and
 * registry officers may; anyone else is told there is no such document, the
 * same answer as for an id that was never issued, so an id never reveals
 * whether someone else uploaded it.
 */
import type { Readable } from 'node:stream';
import { findDocument, type DocumentRecord } from '../../db/documents';
import type { Caller } from '../audit';
import { notFound } from '../errors';
import { documentViewOf, type DocumentDeps, type DocumentView } from './upload';

async function documentFor(deps: Pick<DocumentDeps, 'pool'>, caller: Caller, id: string): Promise<DocumentRecord> {
  const doc = await findDocument(deps.pool, id);
  const mayRead = doc !== undefined && (doc.uploadedBy === caller.actor.id || caller.actor.role === 'registry-officer');
  if (!mayRead) throw notFound(`Document ${id}`);
  return doc;
}

export async function readDocument(deps: Pick<DocumentDeps, 'pool'>, caller: Caller, id: string): Promise<DocumentView> {
  return documentViewOf(await documentFor(deps, caller, id));
}

/** The document and a stream of its bytes, straight from the store. */
export async function openDocumentContent(deps: DocumentDeps, caller: Caller, id: string): Promise<{ document: DocumentView; content: Readable }> {
  const doc = await documentFor(deps, caller, id);
  const content = await deps.documents.store.get(doc.storeKey);
  return { document: documentViewOf(doc), content };
}
