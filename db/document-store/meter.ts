/**
 * A pass-through stream that hashes (SHA-256) and counts what flows through
 * it, and fails as soon as the content is longer than promised, or at its
 * end if shorter: a store must never wait for bytes that will not come (a
 * request declared longer than its body hangs until something times out).
 */
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { StoredContentMismatch } from './store';

export interface Meter extends Transform {
  /** The count and hash so far; complete once the stream has finished. */
  result(): { bytes: number; sha256: string };
}

export function meter(key: string, expectedBytes: number): Meter {
  const hash = createHash('sha256');
  let bytes = 0;
  let digest: string | undefined;
  const result = () => ({ bytes, sha256: (digest ??= hash.digest('hex')) });
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      if (bytes > expectedBytes) return done(new StoredContentMismatch(key, result()));
      done(null, chunk);
    },
    flush(done) {
      done(bytes === expectedBytes ? null : new StoredContentMismatch(key, result()));
    },
  });
  return Object.assign(stream, { result });
}
