/**
 * Hostile uploads against a real stack (PostgreSQL, Temporal dev server,
 * worker and API on free ports), on both routes that take a PDF: a filer's
 * POST /api/v1/documents and an applicant's POST
 * /api/v1/registrations/{reference}/documents. Mislabelled files, files cut
 * short and damaged at random, files past the size limit (declared, and
 * streamed without end), PDFs that carry script, launch actions, embedded
 * files, encryption, nesting past 64 levels, object counts past what a PDF
 * may have, a page count that lies, or a web page inside them; names with a
 * NUL or a path in them.
 *
 * What a registry expects: a court document is a PDF and only a PDF, which
 * every reader opens the same way and which runs nothing. Each refusal is a
 * 4xx problem+json naming the field and the rule; nothing of it is kept (no
 * row, no object in the store, no temporary file); and the server answers
 * the next request. A harmless file (a page-opening /OpenAction, a name with
 * a path) is accepted, made harmless. The limits are lowered through the
 * environment (256 KB, 5 pages) so nothing sends megabytes but the
 * streamed upload, which is cut off.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { startDocumentTestStack, type DocumentTestStack } from '../support/document-stack';
import type { SignedIn, TestStack } from '../support/stack';

const MAX_BYTES = 256 * 1024;
const MAX_PAGES = 5;

let stack: TestStack;
let dataDir: string;
let filer: SignedIn;
let registration: { reference: string; headers: Record<string, string> };
let documents: DocumentTestStack;

beforeAll(async () => {
  documents = await startDocumentTestStack('courtflow-upload-fuzz-', { maxBytes: MAX_BYTES, maxPages: MAX_PAGES });
  ({ stack, dataDir } = documents);
  filer = await stack.newIndividual('Chan Tai Man');
  // No case is filed here: a case's papers would go into the same store while the tests watch it.
  const applied = await fetch(`${stack.baseUrl}/api/v1/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'individual',
      name: 'Ho Ka Ming',
      username: `applicant-${Date.now().toString(36)}`,
      password: 'applicant-password-1',
      caseNo: 'SCTC-2026-000001',
    }),
  });
  expect(applied.status).toBe(201);
  const body = (await applied.json()) as { accessToken: string; registration: { reference: string } };
  registration = { reference: body.registration.reference, headers: { 'registration-token': body.accessToken } };
});
afterAll(async () => {
  await documents?.stop();
});

// ---- PDFs, good and bad ----

async function aPdf(options: { pages?: number; useObjectStreams?: boolean; change?: (doc: PDFDocument) => void | Promise<void> } = {}): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < (options.pages ?? 1); i++) doc.addPage([595, 842]).drawText(`Affidavit of service - page ${i + 1} - ${randomBytes(4).toString('hex')}`, { x: 50, y: 780, size: 12, font });
  await options.change?.(doc);
  return Buffer.from(await doc.save({ useObjectStreams: options.useObjectStreams ?? false }));
}

const latin1 = (pdf: Buffer) => pdf.toString('latin1');
const fromLatin1 = (text: string) => Buffer.from(text, 'latin1');

/** `pdf` with `object` (an indirect object's text) put before its first object: pdf-lib reads objects in order and needs no offsets. */
function withObject(pdf: Buffer, object: string | Buffer): Buffer {
  const first = latin1(pdf).search(/\n\d+ 0 obj/) + 1;
  return Buffer.concat([pdf.subarray(0, first), typeof object === 'string' ? fromLatin1(object) : object, pdf.subarray(first)]);
}

/** An annotation on the first page. */
const annotated = (annotation: Record<string, unknown>) => (doc: PDFDocument) => {
  doc.getPage(0).node.set(PDFName.of('Annots'), doc.context.obj([doc.context.obj({ Type: 'Annot', Rect: [0, 0, 100, 100], ...annotation } as never)]));
};

// ---- calls, and what is kept ----

interface Answer {
  status: number;
  headers: Headers;
  body: { type?: string; errors?: { field: string; rule: string }[]; activeContent?: string[]; filename?: string; id?: string; documents?: unknown[]; [k: string]: unknown };
}

type Route = 'documents' | 'registration';
const ROUTES: readonly Route[] = ['documents', 'registration'];
const urlOf = (route: Route) => (route === 'documents' ? '/api/v1/documents' : `/api/v1/registrations/${registration.reference}/documents?kind=court-document`);
const credentialsOf = (route: Route) => (route === 'documents' ? filer.headers : registration.headers);

async function upload(content: Uint8Array, options: { route?: Route; contentType?: string | null; disposition?: string } = {}): Promise<Answer> {
  const route = options.route ?? 'documents';
  const res = await fetch(`${stack.baseUrl}${urlOf(route)}`, {
    method: 'POST',
    headers: {
      ...credentialsOf(route),
      ...(options.contentType === null ? {} : { 'content-type': options.contentType ?? 'application/pdf' }),
      'content-disposition': options.disposition ?? 'attachment; filename="affidavit.pdf"',
    },
    body: content,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : {}) as Answer['body'] };
}

const documentsRoot = () => path.join(dataDir, 'documents');

/** Every file under the data dir, relative to it. */
function filesUnder(dir: string, root = dir): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? filesUnder(full, root) : [path.relative(root, full)];
  });
}

/** What the court holds: rows, stored objects (named by SHA-256), working files, the application's documents. */
async function kept(): Promise<{ rows: number; stored: string[]; working: string[]; attached: number }> {
  const rows = Number((await stack.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM documents')).rows[0]?.n);
  const files = filesUnder(documentsRoot());
  const read = await fetch(`${stack.baseUrl}/api/v1/registrations/${registration.reference}`, { headers: registration.headers });
  const attached = ((await read.json()) as { documents: unknown[] }).documents.length;
  return { rows, stored: files.filter((f) => !f.startsWith('.')).sort(), working: files.filter((f) => f.startsWith('.')), attached };
}

/** The server answers the next request at once. */
async function stillAnswers(): Promise<void> {
  expect((await fetch(`${stack.baseUrl}/healthz`)).status).toBe(200);
}

/** Sends `content` on `route`, expects the refusal by `rule`, and checks that nothing was kept and the server answers. */
async function expectRefused(content: Uint8Array, status: number, rule: string, options: Parameters<typeof upload>[1] & { field?: string } = {}): Promise<Answer> {
  const before = await kept();
  const answer = await upload(content, options);
  expect([rule, answer.status, answer.headers.get('content-type')]).toEqual([rule, status, expect.stringMatching(/^application\/problem\+json/)]);
  expect(answer.body.errors).toEqual([expect.objectContaining({ field: options.field ?? '(body)', rule })]);
  expect(await kept()).toEqual(before);
  await stillAnswers();
  return answer;
}

// ---------------------------------------------------------------------------

describe.each(ROUTES)('on the %s upload route', (route) => {
  describe('files that are not what they are labelled', () => {
    it.each([
      ['a PNG', Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), randomBytes(300)])],
      ['a ZIP', Buffer.concat([Buffer.from('PK\u0003\u0004\u0014\u0000', 'latin1'), randomBytes(300), Buffer.from('PK\u0005\u0006', 'latin1'), Buffer.alloc(18)])],
      ['an HTML page', Buffer.from('<!DOCTYPE html><html><body><script>fetch("/api/v1/me")</script></body></html>')],
      ['an HTML page with a PDF behind it', Buffer.from('<html><script>alert(1)</script></html>\n%PDF-1.7\n%%EOF\n')],
      ['a Windows program', Buffer.concat([Buffer.from('MZ'), randomBytes(200)])],
      ['empty', Buffer.alloc(0)],
    ])('when %s is labelled application/pdf and named .pdf, then 422 not-a-pdf and nothing is kept', async (_what, content) => {
      await expectRefused(content, 422, 'not-a-pdf', { route });
    });

    it.each([['text/plain'], ['application/octet-stream'], ['application/x-pdf'], ['multipart/form-data; boundary=x'], [null]])(
      'when a real PDF is sent as %s, then 415 naming Content-Type by the rule media-type, and nothing is kept',
      async (contentType) => {
        await expectRefused(await aPdf(), 415, 'media-type', { route, contentType, field: 'Content-Type' });
      },
    );
  });

  describe('active content and structures made to break readers', () => {
    const cases: [string, () => Promise<Buffer>, number, string, string[]?][] = [
      [
        'JavaScript run on opening (/OpenAction /JS)',
        () => aPdf({ change: (doc) => doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert(1)') } as never)) }),
        422,
        'active-content',
        ['javascript'],
      ],
      ['a form field that runs script (/AA)', () => aPdf({ change: annotated({ Subtype: 'Widget', AA: { E: { S: 'JavaScript', JS: PDFString.of('this.submitForm()') } } }) }), 422, 'active-content', ['javascript']],
      ['a link that launches a program (/Launch)', () => aPdf({ change: annotated({ Subtype: 'Link', A: { S: 'Launch', F: PDFString.of('cmd.exe') } }) }), 422, 'active-content', ['launch']],
      ['a file attachment annotation', () => aPdf({ change: annotated({ Subtype: 'FileAttachment', FS: { Type: 'Filespec', F: PDFString.of('x.exe') } }) }), 422, 'active-content', ['embedded-file']],
      [
        'an embedded file (/EmbeddedFiles)',
        () => aPdf({ change: (doc) => doc.attach(Buffer.from('MZ'), 'invoice.exe', { mimeType: 'application/octet-stream' }) }),
        422,
        'active-content',
        ['embedded-file'],
      ],
      [
        'an encrypted document (AES-256, /Encrypt in the trailer)',
        () =>
          aPdf({
            change: (doc) => {
              doc.context.trailerInfo.Encrypt = doc.context.register(
                doc.context.obj({ Filter: 'Standard', V: 5, R: 6, Length: 256, P: -1028, O: PDFString.of('o'.repeat(48)), U: PDFString.of('u'.repeat(48)) } as never),
              );
            },
          }),
        422,
        'encrypted',
      ],
      ['a PDF that is also a web page (HTML in a comment)', async () => fromLatin1(latin1(await aPdf()).replace(/^%PDF-1\.7\n/, '%PDF-1.7\n%<html><body><script>fetch("/api/v1/me")</script>\n')), 422, 'active-content', ['html']],
      ['a web page in an unused uncompressed stream', async () => withObject(await aPdf(), '900 0 obj\n<< /Length 40 >>\nstream\n<iframe src="https://example.invalid/x">\nendstream\nendobj\n'), 422, 'active-content', ['html']],
      ['arrays nested 65 deep in one object', async () => withObject(await aPdf(), `900 0 obj\n${'['.repeat(65)}${']'.repeat(65)}\nendobj\n`), 422, 'unreadable'],
      ['arrays nested 5,000 deep', async () => withObject(await aPdf(), `900 0 obj\n${'['.repeat(5000)}${']'.repeat(5000)}\nendobj\n`), 422, 'unreadable'],
      ['dictionaries nested 20,000 deep', async () => withObject(await aPdf(), `900 0 obj\n${'<< /A '.repeat(20_000)}1${' >>'.repeat(20_000)}\nendobj\n`), 422, 'unreadable'],
      ['a trailer declaring 2,147,483,647 objects (/Size)', async () => fromLatin1(latin1(await aPdf()).replace(/\/Size \d+/, '/Size 2147483647')), 422, 'unreadable'],
      ['an object numbered past 8,388,607', async () => withObject(await aPdf(), '8388608 0 obj\n<< >>\nendobj\n'), 422, 'unreadable'],
      ['an object stream declaring 100,000,000 objects', async () => {
        const content = deflateSync(Buffer.from('900 0 << >>'));
        return withObject(await aPdf(), Buffer.concat([fromLatin1(`901 0 obj\n<< /Type /ObjStm /N 100000000 /First 6 /Filter /FlateDecode /Length ${content.length} >>\nstream\n`), content, fromLatin1('\nendstream\nendobj\n')]));
      }, 422, 'unreadable'],
      ['a page tree claiming 999,999,999 pages (/Count)', async () => fromLatin1(latin1(await aPdf()).replace(/\/Count 1\b/, '/Count 999999999')), 422, 'unreadable'],
      ['a page tree claiming fewer pages than it has', async () => fromLatin1(latin1(await aPdf({ pages: 3 })).replace(/\/Count 3\b/, '/Count 1')), 422, 'unreadable'],
      ['a ZIP appended after the PDF', async () => Buffer.concat([await aPdf(), Buffer.from('PK\u0005\u0006', 'latin1'), Buffer.alloc(18)]), 422, 'truncated'],
    ];

    it.each(cases.map(([what, make, status, rule, kinds]) => ({ what, make, status, rule, kinds })))('when the file is $what, then $status $rule, and nothing is kept', async ({ make, status, rule, kinds }) => {
      const answer = await expectRefused(await make(), status, rule, { route });
      if (kinds) expect(answer.body.activeContent).toEqual(kinds);
      expect(typeof (answer.body.localisedDetail as { 'zh-Hant'?: unknown } | undefined)?.['zh-Hant']).toBe('string');
    });
  });

  describe('too large', () => {
    it('when Content-Length declares more than the limit, then 413 too-large before the body is read, and the connection is closed', async () => {
      const before = await kept();
      const answer = await new Promise<{ status: number; body: string; connection: string | undefined; sent: number }>((resolve, reject) => {
        let sent = 0;
        const req = httpRequest(`${stack.baseUrl}${urlOf(route)}`, {
          method: 'POST',
          headers: { ...credentialsOf(route), 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="big.pdf"', 'content-length': String(10 * 1024 ** 3) },
        }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection, sent });
            req.destroy();
          });
        });
        req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' || err.code === 'EPIPE' ? undefined : reject(err)));
        req.write(Buffer.from('%PDF-1.7\n'), () => (sent += 9));
      });
      expect(answer.status).toBe(413);
      expect(answer.connection).toBe('close');
      expect(JSON.parse(answer.body)).toMatchObject({ errors: [{ field: '(body)', rule: 'too-large' }] });
      expect(await kept()).toEqual(before);
      await stillAnswers();
    });

    it('when a body is streamed without end and without a length, then 413 once past the limit, without reading the rest; the server answers others meanwhile', async () => {
      const before = await kept();
      const total = 256 * MAX_BYTES; // 64 MB, were it all read
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      let pushed = 0;
      let answeredMeanwhile: number | undefined;
      let gate: Promise<void> | undefined;
      const body = new Readable({
        read() {
          // Half way to the limit, the next chunk waits until the server has answered someone else.
          if (pushed >= MAX_BYTES / 2 && gate === undefined) {
            gate = fetch(`${stack.baseUrl}/healthz`).then((res) => {
              answeredMeanwhile = res.status;
            });
            void gate.then(() => this.push(chunk));
            pushed += chunk.length;
            return;
          }
          if (pushed >= total) {
            this.push(null);
            return;
          }
          pushed += chunk.length;
          this.push(pushed === chunk.length ? Buffer.concat([Buffer.from('%PDF-1.7\n'), chunk]) : chunk);
        },
      });
      const answer = await new Promise<{ status: number; body: string; pushedThen: number }>((resolve, reject) => {
        const req = httpRequest(`${stack.baseUrl}${urlOf(route)}`, {
          method: 'POST',
          headers: { ...credentialsOf(route), 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="endless.pdf"', 'transfer-encoding': 'chunked' },
        }, (res) => {
          const pushedThen = pushed;
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body: text, pushedThen });
            body.destroy();
            req.destroy();
          });
        });
        req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' || err.code === 'EPIPE' ? undefined : reject(err)));
        body.pipe(req);
      });
      expect(answeredMeanwhile).toBe(200);
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({ errors: [{ field: '(body)', rule: 'too-large' }] });
      // Refused long before the end: at most what was in flight in the sockets' buffers had been sent past the limit.
      expect(answer.pushedThen).toBeLessThan(total / 4);
      expect(await kept()).toEqual(before);
      await stillAnswers();
    });

    it('when the file is one byte over the limit, then 413; at the limit, the size is no reason to refuse it', async () => {
      const pdf = await aPdf();
      const padded = (size: number) => Buffer.concat([pdf.subarray(0, pdf.length - 6), Buffer.alloc(size - pdf.length, 0x20), pdf.subarray(pdf.length - 6)]);
      await expectRefused(padded(MAX_BYTES + 1), 413, 'too-large', { route });
      expect((await upload(padded(MAX_BYTES), { route })).status).toBe(route === 'documents' ? 201 : 200);
    });
  });
});

describe('an application to register', () => {
  it('when it is sent a kind of document it does not take, then the refusal comes before the file is read, and nothing is kept', async () => {
    const before = await kept();
    // An individual's application takes a court document; an authorisation is an organisation's.
    const res = await fetch(`${stack.baseUrl}/api/v1/registrations/${registration.reference}/documents?kind=authorisation`, {
      method: 'POST',
      headers: { ...registration.headers, 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="authorisation.pdf"' },
      body: await aPdf(),
    });
    expect([res.status, res.headers.get('content-type')]).toEqual([409, expect.stringMatching(/^application\/problem\+json/)]);
    expect(await res.json()).toMatchObject({ step: 'attachDocument', reason: 'refused' });
    expect(await kept()).toEqual(before);
    await stillAnswers();
  });

  it('when a registry officer sends it a document, then 403 (only the applicant attaches) before the file is read, and nothing is kept', async () => {
    const before = await kept();
    const res = await fetch(`${stack.baseUrl}${urlOf('registration')}`, {
      method: 'POST',
      headers: { ...(await stack.officer()).headers, 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="court-document.pdf"' },
      body: await aPdf(),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ step: 'attachDocument', reason: 'wrong-role' });
    expect(await kept()).toEqual(before);
  });
});

describe('damaged at random', () => {
  const RULES = ['not-a-pdf', 'truncated', 'unreadable', 'encrypted', 'active-content', 'too-many-pages'];
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await aPdf({ pages: 2 });
  });

  /** A change to the bytes: some flipped, a slice cut out, a slice repeated, or bytes put in. */
  const damage = fc.oneof(
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 20 }).map((flips) => (bytes: Buffer) => {
      const out = Buffer.from(bytes);
      for (const [at, mask] of flips) out[at % out.length] = (out[at % out.length] as number) ^ mask;
      return out;
    }),
    fc.tuple(fc.nat(), fc.nat({ max: 400 })).map(([at, length]) => (bytes: Buffer) => Buffer.concat([bytes.subarray(0, at % bytes.length), bytes.subarray((at % bytes.length) + length)])),
    fc.tuple(fc.nat(), fc.nat({ max: 400 })).map(([at, length]) => (bytes: Buffer) => {
      const from = at % bytes.length;
      return Buffer.concat([bytes.subarray(0, from + length), bytes.subarray(from)]);
    }),
    fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([at, inserted]) => (bytes: Buffer) => Buffer.concat([bytes.subarray(0, at % bytes.length), inserted, bytes.subarray(at % bytes.length)])),
    fc.nat().map((at) => (bytes: Buffer) => bytes.subarray(0, at % bytes.length)),
  );

  it('when a good PDF is damaged anywhere, then it is accepted or refused by a rule of its content (never 5xx), and a refusal keeps nothing', async () => {
    await fc.assert(
      fc.asyncProperty(damage, fc.constantFrom(...ROUTES), async (change, route) => {
        const before = await kept();
        const answer = await upload(change(pdf), { route });
        if (answer.status === 201 || answer.status === 200) {
          expect((await kept()).rows).toBe(before.rows + 1);
          return;
        }
        expect([answer.status, answer.headers.get('content-type')]).toEqual([422, expect.stringMatching(/^application\/problem\+json/)]);
        expect(RULES).toContain(answer.body.errors?.[0]?.rule);
        expect(await kept()).toEqual(before);
      }),
      { numRuns: 40 },
    );
    await stillAnswers();
  });
});

describe('file names', () => {
  /** Sends a request as it is written, bytes and all, as no well-behaved client would. */
  function rawRequest(head: string, body: Buffer): Promise<{ status: number; headers: string; body: string }> {
    const { port } = new URL(stack.baseUrl);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.end(Buffer.concat([fromLatin1(head), body])));
      let text = '';
      socket.setEncoding('latin1');
      socket.on('data', (c: string) => (text += c));
      socket.on('error', reject);
      socket.on('close', () => {
        const [headers = '', rest = ''] = text.split('\r\n\r\n', 2);
        resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(headers)?.[1]), headers, body: rest });
      });
    });
  }

  it('when Content-Disposition carries a NUL byte as it is, then 400 problem+json naming the headers by the rule http-syntax, nothing kept, and the server answers the next request', async () => {
    const before = await kept();
    const pdf = await aPdf();
    const head =
      `POST /api/v1/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${filer.headers.authorization}\r\nContent-Type: application/pdf\r\n` +
      `Content-Disposition: attachment; filename="writ.exe\u0000.pdf"\r\nContent-Length: ${pdf.length}\r\nConnection: close\r\n\r\n`;
    const answer = await rawRequest(head, pdf);
    expect(answer.status).toBe(400);
    expect(answer.headers).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 400, errors: [{ field: '(headers)', rule: 'http-syntax' }] });
    expect(await kept()).toEqual(before);
    await stillAnswers();
  });

  it('when the name is so long the headers pass what the server takes, then 431 problem+json by the rule header-size, and the server answers the next request', async () => {
    const head =
      `POST /api/v1/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${filer.headers.authorization}\r\nContent-Type: application/pdf\r\n` +
      `Content-Disposition: attachment; filename="${'a'.repeat(64 * 1024)}.pdf"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`;
    const answer = await rawRequest(head, Buffer.alloc(0));
    expect(answer.status).toBe(431);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 431, errors: [{ field: '(headers)', rule: 'header-size' }] });
    await stillAnswers();
  });

  it('when the name carries a NUL percent-encoded (RFC 8187), then the NUL is dropped from the name kept, which still ends in .pdf', async () => {
    const answer = await upload(await aPdf(), { disposition: "attachment; filename*=UTF-8''writ.exe%00.pdf" });
    expect([answer.status, answer.body.filename]).toEqual([201, 'writ.exe.pdf']);
  });

  it.each([
    ['attachment; filename="../../../../etc/passwd"', 'passwd.pdf'],
    ['attachment; filename="..\\\\..\\\\Windows\\\\win.ini"', 'win.ini.pdf'],
    ["attachment; filename*=UTF-8''..%2F..%2F..%2Ftmp%2Fevil.pdf", 'evil.pdf'],
    ["attachment; filename*=UTF-8''%2Fetc%2Fcron.d%2Fevil", 'evil.pdf'],
  ])('when the name is a path that climbs out (%s), then only its last part is kept as the name, and nothing is written outside the store', async (disposition, name) => {
    const named = (files: string[]) => files.filter((f) => /passwd|win\.ini|evil/.test(f));
    // Where a climbing name would land: beside the data dir, or anywhere in it.
    const besideBefore = named(readdirSync(path.dirname(dataDir)));
    const answer = await upload(await aPdf(), { disposition });
    expect([answer.status, answer.body.filename]).toEqual([201, name]);
    expect(named(readdirSync(path.dirname(dataDir)))).toEqual(besideBefore);
    expect(named(filesUnder(dataDir))).toEqual([]);
    // The bytes are kept under their SHA-256, nowhere else.
    expect(filesUnder(documentsRoot()).filter((f) => !f.startsWith('.')).every((f) => /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(f))).toBe(true);
  });

  it('when the name is only dots or slashes, then 400 filename-required naming Content-Disposition, and nothing is kept', async () => {
    for (const disposition of ['attachment; filename=".."', 'attachment; filename="../.."', "attachment; filename*=UTF-8''%2F"]) {
      await expectRefused(await aPdf(), 400, 'filename-required', { disposition, field: 'Content-Disposition' });
    }
  });

  it('when a kept name has quotes, semicolons or a line break in it, then the download names it without letting any of them into the header', async () => {
    const answer = await upload(await aPdf(), { disposition: "attachment; filename*=UTF-8''a%22%3B%20filename%3D%22x.exe%0D%0AX-Injected%3A%201.pdf" });
    expect(answer.status).toBe(201);
    const res = await fetch(`${stack.baseUrl}/api/v1/documents/${String(answer.body.id)}/content`, { headers: filer.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-injected')).toBeNull();
    const disposition = res.headers.get('content-disposition') ?? '';
    // One fallback name in quotes that no quote, backslash or line break ends early, and the real name percent-encoded.
    expect(disposition).toMatch(/^attachment; filename="[^"\\\r\n]*"; filename\*=UTF-8''[A-Za-z0-9%._~!$&+,=:@-]*$/);
    await res.arrayBuffer();
  });
});

describe('harmless files', () => {
  it('when a PDF opens on its first page (/OpenAction /GoTo), quotes HTML as text, and nests 64 levels, then it is accepted', async () => {
    const pdf = await aPdf({
      change: (doc) => {
        doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj([doc.getPage(0).ref, PDFName.of('Fit')]));
        doc.setTitle('Exhibit C: the <title> and <a href> of the web page complained of');
      },
    });
    const answer = await upload(withObject(pdf, `900 0 obj\n${'['.repeat(64)}${']'.repeat(64)}\nendobj\n`));
    expect(answer.status).toBe(201);
    await stillAnswers();
  });
});
