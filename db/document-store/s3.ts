/**
 * Documents in an S3-compatible object store (AWS S3, MinIO, Ceph RGW…):
 * the second implementation of the document store, for API machines that
 * share no disk. Objects are named `<prefix><sha256>`; the content is
 * streamed to the store with its length and SHA-256 checksum
 * (`x-amz-checksum-sha256`), so the store itself refuses bytes that changed
 * on the way, and we check the hash again as they pass.
 *
 * Configured by COURTFLOW_DOCUMENT_STORE=s3 and the COURTFLOW_S3_* variables
 * (config/index.ts, README "Documents"). The client computes and checks
 * checksums only where an operation requires them: the newer default (a
 * CRC32 on every request, sent as an aws-chunked trailer) is not understood
 * by every S3-compatible store, and the SHA-256 we send covers the content.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { meter } from './meter';
import { assertStoreKey, DocumentNotStored, StoredContentMismatch, type DocumentStore, type StoredObject } from './store';

export interface S3StoreSettings {
  bucket: string;
  region: string;
  /** An S3-compatible endpoint; unset: AWS S3. */
  endpoint?: string;
  forcePathStyle: boolean;
  /** Prefix of every key: `documents/`. */
  prefix: string;
  /** Unset: the SDK's default credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export function s3ClientConfig(settings: S3StoreSettings): S3ClientConfig {
  return {
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    forcePathStyle: settings.forcePathStyle,
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

/** What S3 (and S3-compatible stores) answer when the content does not match its checksum. */
const CHECKSUM_REFUSALS = new Set(['BadDigest', 'InvalidDigest', 'XAmzContentChecksumMismatch']);

const isNotFound = (err: unknown) =>
  err instanceof S3ServiceException && (err.name === 'NotFound' || err.name === 'NoSuchKey' || err.$metadata.httpStatusCode === 404);

export function s3Store(settings: S3StoreSettings, client: S3Client = new S3Client(s3ClientConfig(settings))): DocumentStore {
  const Bucket = settings.bucket;
  const objectKey = (key: string) => {
    assertStoreKey(key);
    return `${settings.prefix}${key}`;
  };
  const exists = async (key: string): Promise<boolean> => {
    try {
      await client.send(new HeadObjectCommand({ Bucket, Key: objectKey(key) }));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  };

  return {
    kind: 's3',
    exists,

    async put(key: string, content: Readable, bytes: number): Promise<StoredObject> {
      if (await exists(key)) {
        content.destroy();
        return { key, bytes, sha256: key };
      }
      const measured = meter(key, bytes);
      // A body that breaks off (or runs longer than declared) must end the request:
      // the store would otherwise wait for the missing bytes until something times out.
      const abort = new AbortController();
      const flowing = pipeline(content, measured).then(
        () => undefined,
        (failure: unknown) => {
          abort.abort();
          return failure;
        },
      );
      try {
        await client.send(
          new PutObjectCommand({
            Bucket,
            Key: objectKey(key),
            Body: measured,
            ContentLength: bytes,
            ContentType: 'application/pdf',
            ChecksumSHA256: Buffer.from(key, 'hex').toString('base64'),
            Metadata: { sha256: key },
          }),
          { abortSignal: abort.signal },
        );
      } catch (err) {
        measured.destroy();
        const failure = await flowing;
        if (failure instanceof StoredContentMismatch) throw failure;
        // The store checked the SHA-256 we sent against what arrived, and refused: the same failure as ours below.
        if (err instanceof S3ServiceException && CHECKSUM_REFUSALS.has(err.name)) throw new StoredContentMismatch(key, measured.result());
        throw err;
      }
      const failure = await flowing;
      if (failure !== undefined) throw failure;
      const actual = measured.result();
      if (actual.sha256 !== key || actual.bytes !== bytes) {
        // Only a store that ignores the checksum header gets this far with the wrong bytes.
        await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(key) }));
        throw new StoredContentMismatch(key, actual);
      }
      return { key, bytes: actual.bytes, sha256: actual.sha256 };
    },

    async get(key: string): Promise<Readable> {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket, Key: objectKey(key) }));
        if (!(answer.Body instanceof Readable)) throw new Error(`the store returned no stream for ${key}`);
        return answer.Body;
      } catch (err) {
        if (isNotFound(err)) throw new DocumentNotStored(key);
        throw err;
      }
    },

    async delete(key: string): Promise<void> {
      await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(key) }));
    },
  };
}
