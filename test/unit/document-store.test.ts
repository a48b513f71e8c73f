/**
 * The document stores: local disk (layout, modes, atomic and
 * content-addressed writes, refusal of bytes that do not match their key),
 * the S3-compatible store against a small fake endpoint that speaks just
 * enough of the S3 protocol, and which store the configuration selects.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { loadConfig } from '../../config';
import { localDiskStore } from '../../db/document-store/local-disk';
import { s3Store } from '../../db/document-store/s3';
import { DocumentNotStored, StoredContentMismatch, type DocumentStore } from '../../db/document-store/store';
import { UPLOAD_LIMITS } from '../../domain/documents/upload-rules';
import { documentSetupOf, documentStoreOf, limitsWithOverrides, s3SettingsOf } from '../../services/documents/setup';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const streamOf = (bytes: Buffer) => Readable.from([bytes.subarray(0, 3), bytes.subarray(3)]);
const readAll = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};
const mode = (file: string) => statSync(file).mode & 0o777;

/** The contract both stores keep. */
function behavesAsADocumentStore(name: string, make: () => DocumentStore) {
  describe(`${name}: the store contract`, () => {
    const content = Buffer.from('%PDF-1.7 some bytes %%EOF');
    const key = sha256(content);

    it('when bytes are put under their hash, then they can be read back, exist, and are gone once deleted', async () => {
      const store = make();
      expect(await store.exists(key)).toBe(false);
      await expect(store.put(key, streamOf(content), content.length)).resolves.toEqual({ key, bytes: content.length, sha256: key });
      expect(await store.exists(key)).toBe(true);
      expect(await readAll(await store.get(key))).toEqual(content);
      await store.delete(key);
      expect(await store.exists(key)).toBe(false);
      await expect(store.get(key)).rejects.toBeInstanceOf(DocumentNotStored);
      await expect(store.delete(key)).resolves.toBeUndefined();
    });

    it('when the bytes do not hash to the key, or are not as long as promised, then nothing is kept', async () => {
      const store = make();
      const other = Buffer.from('something else');
      await expect(store.put(key, streamOf(other), other.length)).rejects.toBeInstanceOf(StoredContentMismatch);
      await expect(store.put(key, streamOf(content), content.length + 1)).rejects.toBeInstanceOf(Error);
      expect(await store.exists(key)).toBe(false);
    });

    it('when a key is not a SHA-256, then no store touches anything with it', async () => {
      const store = make();
      for (const bad of ['../../etc/passwd', 'ABCDEF', `${key}/x`, '']) {
        await expect(store.exists(bad)).rejects.toThrow(/not a document store key/);
      }
    });
  });
}

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'courtflow-docs-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

behavesAsADocumentStore('local disk', () => localDiskStore(path.join(root, 'documents')));

describe('local disk', () => {
  it('when a document is stored, then it is at <root>/ab/cd/<sha256>, 0600 in 0700 folders, with no temporary file left', async () => {
    const documents = path.join(root, 'documents');
    const store = localDiskStore(documents);
    const content = Buffer.from('%PDF-1.4 layout %%EOF');
    const key = sha256(content);
    await store.put(key, streamOf(content), content.length);
    const file = path.join(documents, key.slice(0, 2), key.slice(2, 4), key);
    expect(mode(file)).toBe(0o600);
    expect(mode(path.dirname(file))).toBe(0o700);
    expect(mode(path.join(documents, key.slice(0, 2)))).toBe(0o700);
    expect(readdirSync(path.join(documents, '.tmp'))).toEqual([]);
  });

  it('when the same bytes are put twice, then they are stored once and the second put reads nothing', async () => {
    const documents = path.join(root, 'documents');
    const store = localDiskStore(documents);
    const content = Buffer.from('%PDF-1.4 twice %%EOF');
    const key = sha256(content);
    await store.put(key, streamOf(content), content.length);
    const second = streamOf(content);
    await expect(store.put(key, second, content.length)).resolves.toEqual({ key, bytes: content.length, sha256: key });
    expect(second.destroyed).toBe(true);
    expect(readdirSync(path.join(documents, key.slice(0, 2), key.slice(2, 4)))).toEqual([key]);
  });
});

/**
 * Just enough of S3 (path-style PutObject, HeadObject, GetObject,
 * DeleteObject) to prove the store's requests: objects kept in memory, and a
 * PutObject whose x-amz-checksum-sha256 does not match its body refused, as S3 does.
 */
function fakeS3(): { server: Server; objects: Map<string, Buffer>; puts: IncomingMessage['headers'][] } {
  const objects = new Map<string, Buffer>();
  const puts: IncomingMessage['headers'][] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const key = decodeURIComponent(new URL(req.url ?? '/', 'http://fake').pathname);
      const body = Buffer.concat(chunks);
      const error = (status: number, code: string) => {
        res.writeHead(status, { 'content-type': 'application/xml' });
        res.end(req.method === 'HEAD' ? undefined : `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`);
      };
      if (req.method === 'PUT') {
        puts.push(req.headers);
        const claimed = req.headers['x-amz-checksum-sha256'];
        if (claimed !== undefined && claimed !== createHash('sha256').update(body).digest('base64')) return error(400, 'BadDigest');
        objects.set(key, body);
        res.writeHead(200, { etag: '"fake"' });
        return res.end();
      }
      const object = objects.get(key);
      if (req.method === 'DELETE') {
        objects.delete(key);
        res.writeHead(204);
        return res.end();
      }
      if (object === undefined) return error(404, req.method === 'HEAD' ? 'NotFound' : 'NoSuchKey');
      res.writeHead(200, { 'content-length': String(object.length), 'content-type': 'application/pdf' });
      res.end(req.method === 'HEAD' ? undefined : object);
    });
  });
  return { server, objects, puts };
}

describe('S3-compatible store, against a fake endpoint', () => {
  let fake: ReturnType<typeof fakeS3>;
  let endpoint: string;
  beforeAll(async () => {
    fake = fakeS3();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    fake.server.closeAllConnections();
    await new Promise((resolve) => fake.server.close(resolve));
  });
  const store = () =>
    s3Store({
      bucket: 'court-documents',
      region: 'ap-east-1',
      endpoint,
      forcePathStyle: true,
      prefix: 'documents/',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test-secret' },
    });

  behavesAsADocumentStore('S3', store);

  it('when a document is put, then it goes to <bucket>/<prefix><sha256> with its length, type and SHA-256 checksum', async () => {
    const content = Buffer.from('%PDF-1.7 to the bucket %%EOF');
    const key = sha256(content);
    await store().put(key, streamOf(content), content.length);
    expect(fake.objects.get(`/court-documents/documents/${key}`)).toEqual(content);
    const headers = fake.puts[fake.puts.length - 1] ?? {};
    expect(headers['content-length']).toBe(String(content.length));
    expect(headers['content-type']).toBe('application/pdf');
    expect(headers['x-amz-checksum-sha256']).toBe(Buffer.from(key, 'hex').toString('base64'));
  });
});

describe('which store the configuration selects', () => {
  it('when nothing is set, then local disk under <dataDir>/documents, uploads received beside it', () => {
    const config = loadConfig({ COURTFLOW_DATA_DIR: root });
    expect(documentStoreOf(config).kind).toBe('local');
    expect(documentSetupOf(config).incomingDir).toBe(path.join(root, 'documents', '.incoming'));
  });

  it('when COURTFLOW_DOCUMENT_STORE=s3, then the S3 store with the COURTFLOW_S3_* settings', () => {
    const config = loadConfig({
      COURTFLOW_DATA_DIR: root,
      COURTFLOW_DOCUMENT_STORE: 's3',
      COURTFLOW_S3_BUCKET: 'court-documents',
      COURTFLOW_S3_ENDPOINT: 'https://minio.internal:9000',
      COURTFLOW_S3_FORCE_PATH_STYLE: 'true',
      COURTFLOW_S3_ACCESS_KEY_ID: 'id',
      COURTFLOW_S3_SECRET_ACCESS_KEY: 'secret',
    });
    expect(documentStoreOf(config).kind).toBe('s3');
    expect(s3SettingsOf(config)).toEqual({
      bucket: 'court-documents',
      region: 'us-east-1',
      endpoint: 'https://minio.internal:9000',
      forcePathStyle: true,
      prefix: 'documents/',
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
    });
  });

  it('when s3 is chosen without a bucket, or with half the credentials, then the configuration is refused naming the variable', () => {
    expect(() => loadConfig({ COURTFLOW_DOCUMENT_STORE: 's3' })).toThrow(/COURTFLOW_S3_BUCKET: is required when COURTFLOW_DOCUMENT_STORE=s3/);
    expect(() => loadConfig({ COURTFLOW_S3_ACCESS_KEY_ID: 'id' })).toThrow(/COURTFLOW_S3_SECRET_ACCESS_KEY/);
    expect(() => loadConfig({ COURTFLOW_DOCUMENT_STORE: 'ftp' })).toThrow(/COURTFLOW_DOCUMENT_STORE/);
    expect(() => loadConfig({ COURTFLOW_DOCUMENT_MAX_BYTES: '10MB' })).toThrow(/COURTFLOW_DOCUMENT_MAX_BYTES: must be a whole number/);
  });

  it('when a limit is set in the environment, then it replaces the recorded one and the source says so', () => {
    const recorded = UPLOAD_LIMITS[UPLOAD_LIMITS.length - 1]!;
    expect(limitsWithOverrides(loadConfig({}))('2026-11-22')).toBe(recorded);
    const overridden = limitsWithOverrides(loadConfig({ COURTFLOW_DOCUMENT_MAX_BYTES: '65536' }))('2026-11-22');
    expect(overridden).toMatchObject({ maxBytes: 65536, maxPages: recorded.maxPages });
    expect(overridden.source).toContain('overridden by COURTFLOW_DOCUMENT_MAX_BYTES');
  });
});
