/**
 * Where the bytes of uploaded documents live. PostgreSQL keeps what a
 * document is (db/documents.ts); a store keeps its content, addressed by its
 * SHA-256, so the same bytes uploaded twice are kept once and a stored
 * object can always be checked against its name.
 *
 * Two implementations: local disk under the data dir (`local-disk.ts`, the
 * default) and an S3-compatible object store (`s3.ts`). Both take a stream
 * and never hold a whole document in memory.
 */
import type { Readable } from 'node:stream';

export interface StoredObject {
  key: string;
  bytes: number;
  sha256: string;
}

export interface DocumentStore {
  /** `local` or `s3`: recorded with each document, so a row says where its bytes are. */
  readonly kind: 'local' | 's3';
  /**
   * Stores `content` under `key`, the SHA-256 (lowercase hex) of the content,
   * which must be `bytes` long. The content is hashed and counted as it is
   * written; if either differs, nothing is kept and `StoredContentMismatch`
   * is thrown. Storing the same bytes again is no error and keeps one copy.
   */
  put(key: string, content: Readable, bytes: number): Promise<StoredObject>;
  /** A stream of the object's bytes; `DocumentNotStored` if there is none. */
  get(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  /** Removes the object; removing one that is not there is no error. */
  delete(key: string): Promise<void>;
}

/** A store key: the content's SHA-256 in lowercase hex, and nothing a path or URL could misread. */
export const STORE_KEY_PATTERN = /^[0-9a-f]{64}$/;

export function assertStoreKey(key: string): void {
  if (!STORE_KEY_PATTERN.test(key)) throw new Error(`not a document store key (a SHA-256 in lowercase hex): ${JSON.stringify(key)}`);
}

export class DocumentNotStored extends Error {
  override name = 'DocumentNotStored';
  constructor(readonly key: string) {
    super(`no stored document under ${key}`);
  }
}

/** The content given to `put` was not what its key and length promised: it changed on the way. */
export class StoredContentMismatch extends Error {
  override name = 'StoredContentMismatch';
  constructor(
    readonly key: string,
    readonly actual: { bytes: number; sha256: string },
  ) {
    super(`content for ${key} hashed to ${actual.sha256} (${actual.bytes} bytes)`);
  }
}
