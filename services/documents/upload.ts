/**
 * Uploading a document: the first half of the large-file path (upload first,
 * then pick the document in a filing by its id), as iCMS has large files
 * uploaded to the Judiciary cloud platform before the filing takes them.
 *
 * The story: the name is checked; the body is streamed to a temporary file,
 * hashed and counted as it arrives, and reading stops as soon as it passes
 * the size limit; the file is checked by its content; an accepted file goes
 * into the document store under its SHA-256 and gets its row; the temporary
 * file is removed whatever happens. A refused file changes nothing: no row,
 * nothing in the store. Nor does a file there is no room for (the disk is
 * full): that is the court's 507, not the filer's refusal.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Pool } from 'pg';
import { insertDocument, type DocumentRecord } from '../../db/documents';
import {
  documentIdFrom,
  refusalMessage,
  sanitiseFilename,
  uploadVerdict,
  type ActiveContentKind,
  type LocalisedText,
  type UploadLimits,
  type UploadRefusalCode,
} from '../../domain/documents/upload-rules';
import { hkDateOf } from '../../domain/time/hong-kong-time';
import type { IsoDate } from '../../domain/calendar';
import type { Caller } from '../audit';
import { UseCaseError } from '../errors';
import { checkPdf } from './check-pdf';
import type { DocumentSetup } from './setup';

export interface DocumentDeps {
  pool: Pool;
  documents: DocumentSetup;
  /** Today in Hong Kong as the court counts it (a training stack's simulated clock); the machine's clock if absent. */
  today?: () => IsoDate;
}

export interface UploadRequest {
  /** The body, as it arrives: read once, never held whole. */
  content: Readable;
  /** Content-Length, when the client sent one: a body declared too large is refused before a byte is read. */
  declaredBytes?: number;
  /** The name the filer gave the file. */
  filename: string;
  /** Where the request carried the name, for the error that names it: `filename` unless said otherwise. */
  filenameField?: string;
  /** A supporting document of an application to register: it belongs to the application, whose applicant has no account yet. */
  forRegistration?: string;
}

/** What a filer is shown about a document: the SHA-256 lets them check that what the court holds is what they sent. */
export interface DocumentView {
  id: string;
  filename: string;
  contentType: 'application/pdf';
  bytes: number;
  pages: number;
  sha256: string;
  status: DocumentRecord['status'];
  uploadedAt: string;
}

export const documentViewOf = (doc: DocumentRecord): DocumentView => ({
  id: doc.id,
  filename: doc.filename,
  contentType: doc.contentType,
  bytes: doc.bytes,
  pages: doc.pages,
  sha256: doc.sha256,
  status: doc.status,
  uploadedAt: doc.uploadedAt.toISOString(),
});

/** The refusal of a file, naming the rule it broke, with what to tell the litigant in English and Traditional Chinese. */
export function documentRefusal(code: UploadRefusalCode, limits: UploadLimits, details: { pages?: number; activeContent?: readonly ActiveContentKind[] } = {}): UseCaseError {
  const message = refusalMessage(code, limits, details.pages);
  return new UseCaseError('refused', code === 'too-large' ? 'document-too-large' : 'document-refused', 'The document cannot be accepted', message.en, {
    errors: [{ field: '(body)', rule: code, message: message.en }],
    localisedDetail: message,
    ...(details.activeContent ? { activeContent: details.activeContent } : {}),
  });
}

/** What the filer is told when there is no room to keep the upload: the court's fault, not the file's. */
const STORE_FULL: LocalisedText = {
  en: "The court's document store has no space left to keep this file, so nothing of it was kept. Please try again later.",
  'zh-Hant': '法院的文件儲存空間已滿，未能保存此檔案，檔案的任何部分均未有保留。請稍後再試。',
};

/** The disk under the upload or the store has no room (ENOSPC), or the account's quota is used up (EDQUOT). */
const outOfSpace = (err: unknown) => ['ENOSPC', 'EDQUOT'].includes(String((err as { code?: unknown } | null)?.code));

/** A write that found no room is the store being full (507), whichever write it was; anything else is passed on. */
function orStoreFull(err: unknown): never {
  if (!outOfSpace(err)) throw err;
  throw new UseCaseError('insufficient-storage', 'document-store-full', 'Insufficient storage', STORE_FULL.en, {
    errors: [{ field: '(body)', rule: 'storage-space', message: STORE_FULL.en }],
    localisedDetail: STORE_FULL,
  });
}

function filenameRefusal(field: string, message: LocalisedText, rule: string): UseCaseError {
  return new UseCaseError('invalid', 'validation', 'The request is not valid', message.en, {
    errors: [{ field, rule, message: message.en }],
    localisedDetail: message,
  });
}

export async function uploadDocument(deps: DocumentDeps, caller: Caller, request: UploadRequest): Promise<DocumentView> {
  const name = sanitiseFilename(request.filename);
  if (!name.ok) throw filenameRefusal(request.filenameField ?? 'filename', name.message, name.rule);
  // The limits in force on the court's today: the same day the filing the upload is for is dated on.
  const limits = deps.documents.limitsOn(deps.today?.() ?? hkDateOf(Date.now()));
  if (request.declaredBytes !== undefined && uploadVerdict({ bytes: request.declaredBytes }, limits).kind === 'refused') {
    throw documentRefusal('too-large', limits);
  }

  const received = await receive(request.content, deps.documents.incomingDir, limits.maxBytes).catch(orStoreFull);
  try {
    if (received.bytes > limits.maxBytes) throw documentRefusal('too-large', limits);
    const { facts, verdict } = await checkPdf(received.file, received.bytes, limits);
    if (verdict.kind !== 'accepted') {
      const structure = facts.structure;
      throw documentRefusal(verdict.kind === 'refused' ? verdict.code : 'unreadable', limits, {
        ...(structure?.readable ? { pages: structure.pages } : {}),
        ...(verdict.kind === 'refused' && verdict.activeContent ? { activeContent: verdict.activeContent } : {}),
      });
    }
    const stored = await deps.documents.store.put(received.sha256, createReadStream(received.file), received.bytes).catch(orStoreFull);
    const record = await insertWithNewId(deps.pool, {
      sha256: stored.sha256,
      bytes: stored.bytes,
      pages: verdict.pages,
      filename: name.filename,
      uploadedBy: request.forRegistration ? null : caller.actor.id,
      ...(request.forRegistration ? { forRegistration: request.forRegistration } : {}),
      store: deps.documents.store.kind,
      storeKey: stored.key,
    });
    return documentViewOf(record);
  } finally {
    await rm(received.file, { force: true });
  }
}

/**
 * Ids are drawn at random (60 bits): a clash is all but impossible, and
 * answered by drawing again rather than by failing the upload.
 */
async function insertWithNewId(pool: Pool, doc: Omit<Parameters<typeof insertDocument>[1], 'id'>): Promise<DocumentRecord> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const inserted = await insertDocument(pool, { ...doc, id: documentIdFrom(randomBytes(8)) });
    if (inserted) return inserted;
  }
  throw new Error('could not draw an unused document id in 5 attempts');
}

interface Received {
  file: string;
  /** Bytes read; one chunk past the limit at most, when reading stopped there. */
  bytes: number;
  sha256: string;
}

/**
 * Streams `content` into a new owner-only file under `dir`, hashing and
 * counting as it goes, chunk by chunk, so memory holds one chunk at a time.
 * Past `maxBytes` it stops reading at once and keeps nothing of that chunk;
 * the rest of the body is left unread (the API closes the connection). The
 * source is not destroyed on the way out, so the answer can still be sent.
 */
async function receive(content: Readable, dir: string, maxBytes: number): Promise<Received> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${randomUUID()}.part`);
  const handle = await open(file, 'wx', 0o600);
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    const chunks = content.iterator({ destroyOnReturn: false })[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<unknown>;
      try {
        next = await chunks.next();
      } catch {
        // The client went away or broke the body off: there is nobody to answer but the log.
        const message = 'The body ended before the upload was complete; send the file again';
        throw new UseCaseError('invalid', 'upload-interrupted', 'The upload was interrupted', message, {
          errors: [{ field: '(body)', rule: 'complete-body', message }],
        });
      }
      if (next.done) break;
      const chunk = next.value as Buffer;
      bytes += chunk.length;
      if (bytes > maxBytes) {
        await chunks.return?.();
        break;
      }
      hash.update(chunk);
      await handle.write(chunk);
    }
  } catch (err) {
    await handle.close();
    await rm(file, { force: true });
    throw err;
  }
  await handle.close();
  return { file, bytes, sha256: hash.digest('hex') };
}
