/**
 * Filing documents on an existing case through the API (iCMS, seed 003), on
 * a real Temporal dev server and PostgreSQL: upload, open a filing, add two
 * documents, submit (acknowledged, with its PDF, in the filer's language),
 * the registry accepts one and rejects the other with a coded reason, the
 * filer corrects and re-submits it, and the filing is accepted.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { aClaim } from '../support/claims';
import { eventually, startTestStack, type SignedIn, type TestStack } from '../support/stack';

let stack: TestStack;
let filer: SignedIn;
let officer: SignedIn;
let caseNo: string;

interface FilingBody {
  reference: string;
  stage: string;
  version: number;
  submittedAt: string | null;
  receivedAt: string | null;
  documents: { id: string; status: string; documentReferenceNo?: string; file: { sha256: string } }[];
  deadlines: { key: string; status: string; explanation: string }[];
  messages: { key: string; deliveredAt: string | null }[];
}

async function aPdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage();
  page.drawText(text, { x: 50, y: 700, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save();
}

const call = async (method: string, url: string, who: SignedIn, body?: unknown) => {
  const res = await fetch(`${stack.baseUrl}${url}`, {
    method,
    headers: { ...who.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, headers: res.headers, body: (type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer())) as never };
};

async function upload(who: SignedIn, name: string, text: string): Promise<string> {
  const res = await fetch(`${stack.baseUrl}/api/v1/documents`, {
    method: 'POST',
    headers: { ...who.headers, 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${name}"` },
    body: Buffer.from(await aPdf(text)),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const step = (who: SignedIn, reference: string, name: string, body: unknown) => call('POST', `/api/v1/filings/${reference}/steps/${name}`, who, body);

const pdfText = (bytes: Buffer) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ack-'));
  const file = path.join(dir, 'ack.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
};

beforeAll(async () => {
  stack = await startTestStack();
  filer = await stack.newIndividual('Chan Tai Man');
  officer = await stack.officer();
  const filed = await fetch(`${stack.baseUrl}/api/v1/sct/claims`, { method: 'POST', headers: { ...filer.headers, 'content-type': 'application/json' }, body: JSON.stringify(aClaim()) });
  caseNo = ((await filed.json()) as { caseNo: string }).caseNo;
  // In the read model with its parties (a filing names them), not only answered by the case itself.
  await eventually(() => call('GET', `/api/v1/sct/claims/${caseNo}`, filer), (r) => r.status === 200 && (r.body as { readModel?: { source: string } }).readModel?.source === 'read-model');
  expect((await call('PUT', '/api/v1/me/language', filer, { language: 'zh-Hant' })).status).toBe(200);
});
afterAll(async () => {
  await stack?.stop();
});

describe('filing documents on an existing case', () => {
  it('when two documents are filed, one accepted and one rejected, corrected and accepted, then every message arrives in the filer\'s language and the acknowledgement reads back', async () => {
    const writ = await upload(filer, 'writ.pdf', 'Writ of fieri facias (draft)');
    const praecipe = await upload(filer, 'praecipe.pdf', 'Praecipe');

    const opened = await call('POST', '/api/v1/filings', filer, { caseNo });
    expect(opened.status).toBe(201);
    const filing = opened.body as FilingBody;
    expect(filing).toMatchObject({ stage: 'draft', submittedAt: null });
    const ref = filing.reference;
    expect(ref).toMatch(/^EF-\d{4}-\d{6}$/);

    const described = { purpose: 'for-approval-of-draft', language: 'en', filingParty: 'C1', filedAgainst: ['D1'] };
    expect((await step(filer, ref, 'add-document', { ...described, uploadId: writ, type: 'writ-of-fieri-facias' })).status).toBe(200);
    // Preview and delete before submitting.
    const extra = await upload(filer, 'extra.pdf', 'Not needed');
    const added = (await step(filer, ref, 'add-document', { ...described, uploadId: extra, type: 'letter' })).body as FilingBody;
    expect((await step(filer, ref, 'remove-document', { documentId: added.documents.at(-1)!.id })).status).toBe(200);
    const two = (await step(filer, ref, 'add-document', { ...described, uploadId: praecipe, type: 'praecipe' })).body as FilingBody;
    expect(two.documents.map((d) => d.id)).toEqual(['D1', 'D3']);

    // Someone else's upload is not theirs to file.
    const stranger = await stack.newIndividual('Ho Ka Ming');
    const theirs = await upload(stranger, 'theirs.pdf', 'Theirs');
    const refused = await step(filer, ref, 'add-document', { ...described, uploadId: theirs, type: 'letter' });
    expect(refused.status).toBe(409);
    expect((refused.body as { detail: string }).detail).toMatch(/no upload .* among your documents/);
    // A stranger to the case does not see the filing at all.
    expect((await call('GET', `/api/v1/filings/${ref}`, stranger)).status).toBe(404);

    const submitted = (await step(filer, ref, 'submit', {})).body as FilingBody;
    expect(submitted.stage).toBe('submitted');
    expect(submitted.submittedAt).not.toBeNull();
    expect(submitted.deadlines.find((d) => d.key === 'registry-review')?.explanation).toMatch(/icms\.registry-review/);
    // A double submission is refused, and changes nothing.
    const again = await step(filer, ref, 'submit', {});
    expect(again.status).toBe(409);

    // The acknowledgement reaches the inbox in Traditional Chinese, with its PDF.
    const inbox = await eventually(
      () => call('GET', '/api/v1/inbox', filer),
      (r) => (r.body as { messages: { kind: string }[] }).messages.some((m) => m.kind === 'filing-acknowledged'),
    );
    const ack = (inbox.body as { messages: { kind: string; language: string; subject: string; attachments: { links: { self: string } }[] }[] }).messages.find((m) => m.kind === 'filing-acknowledged')!;
    expect(ack.language).toBe('zh-Hant');
    expect(ack.subject).toMatch(/認收/);
    const attached = await call('GET', ack.attachments[0]!.links.self, filer);
    const download = await call('GET', `/api/v1/filings/${ref}/acknowledgement`, filer);
    expect(download.status).toBe(200);
    expect(Buffer.compare(attached.body as Buffer, download.body as Buffer)).toBe(0);
    const text = pdfText(download.body as Buffer);
    expect(text).toContain(ref);
    expect(text).toContain(submitted.documents[0]!.file.sha256);
    expect(text).toMatch(/認收/);

    // Review has begun: the filer can no longer cancel.
    expect((await step(officer, ref, 'accept-document', { documentId: 'D1' })).status).toBe(200);
    const cancel = await step(filer, ref, 'cancel', { reason: 'changed my mind' });
    expect(cancel.status).toBe(409);
    const rejected = (await step(officer, ref, 'reject-document', { documentId: 'D3', defects: [{ reason: 'not-signed' }] })).body as FilingBody;
    expect(rejected.stage).toBe('awaiting-correction');
    expect(rejected.documents.find((d) => d.id === 'D1')?.documentReferenceNo).toBe(`${ref}-D1`);

    const corrected = await upload(filer, 'praecipe-signed.pdf', 'Praecipe, signed');
    const resubmitted = (await step(filer, ref, 'resubmit-document', { documentId: 'D3', uploadId: corrected })).body as FilingBody;
    expect(resubmitted.stage).toBe('under-review');
    const accepted = (await step(officer, ref, 'accept-document', { documentId: 'D3' })).body as FilingBody;
    expect(accepted.stage).toBe('accepted');
    expect(accepted.submittedAt).toBe(submitted.submittedAt);

    const all = await eventually(
      () => call('GET', '/api/v1/inbox', filer),
      (r) => (r.body as { messages: { kind: string }[] }).messages.some((m) => m.kind === 'filing-confirmed'),
    );
    const kinds = (all.body as { messages: { kind: string; language: string; body?: string }[] }).messages.map((m) => [m.kind, m.language]);
    expect(kinds).toEqual(expect.arrayContaining([['filing-acknowledged', 'zh-Hant'], ['document-rejected', 'zh-Hant'], ['filing-confirmed', 'zh-Hant']]));

    // The read model keeps the submission time apart: a later decision does not change it.
    const row = await stack.db.pool.query('SELECT submitted_at FROM filings WHERE reference = $1', [ref]);
    expect((row.rows[0] as { submitted_at: Date }).submitted_at.toISOString()).toBe(submitted.submittedAt);
    await expect(stack.db.pool.query(`UPDATE filings SET submitted_at = now() WHERE reference = $1`, [ref])).rejects.toThrow(/never changed/);
  });

  it('when a filer cancels before the registry begins its review, then the filing is cancelled and takes no more steps', async () => {
    const upload1 = await upload(filer, 'letter.pdf', 'A letter');
    const ref = ((await call('POST', '/api/v1/filings', filer, { caseNo })).body as FilingBody).reference;
    await step(filer, ref, 'add-document', { uploadId: upload1, type: 'letter', purpose: 'for-filing', language: 'en', filingParty: 'C1', filedAgainst: [] });
    await step(filer, ref, 'submit', {});
    const cancelled = (await step(filer, ref, 'cancel', { reason: 'filed in error' })).body as FilingBody;
    expect(cancelled.stage).toBe('cancelled');
    expect((await step(officer, ref, 'accept-document', { documentId: 'D1' })).status).toBe(409);
  });

  it('when a closure day is declared on the last day of the registry\'s review, then the broadcast reaches the filing and its review time moves', async () => {
    const upload1 = await upload(filer, 'notice.pdf', 'A notice');
    const ref = ((await call('POST', '/api/v1/filings', filer, { caseNo })).body as FilingBody).reference;
    await step(filer, ref, 'add-document', { uploadId: upload1, type: 'notice', purpose: 'for-filing', language: 'en', filingParty: 'C1', filedAgainst: [] });
    const submitted = (await step(filer, ref, 'submit', {})).body as unknown as { deadlines: { key: string; computation: { due: string } }[] };
    const due = submitted.deadlines.find((d) => d.key === 'registry-review')!.computation.due;
    const declared = await call('POST', '/api/v1/calendar/closures', officer, { date: due, kind: 'planned', reason: 'registry closed by order' });
    expect(declared.status).toBeLessThan(300);
    const moved = await eventually(
      () => call('GET', `/api/v1/filings/${ref}`, filer),
      (r) => (r.body as { history?: { event: string }[] }).history?.some((e) => e.event === 'calendar-changed') ?? false,
      20_000,
    );
    const review = (moved.body as { deadlines: { key: string; computation: { due: string }; explanation: string }[] }).deadlines.find((d) => d.key === 'registry-review')!;
    expect(review.computation.due > due).toBe(true);
    expect(review.explanation).toContain(due);
  });

  it('when a filing names a party not in the case, or files a writ for sealing without its approved draft, then the step is refused naming why', async () => {
    const upload1 = await upload(filer, 'writ2.pdf', 'Writ');
    const ref = ((await call('POST', '/api/v1/filings', filer, { caseNo })).body as FilingBody).reference;
    const base = { uploadId: upload1, type: 'writ-of-fieri-facias', language: 'en', filedAgainst: ['D1'] };
    const wrongParty = await step(filer, ref, 'add-document', { ...base, purpose: 'for-filing', filingParty: 'C9' });
    expect((wrongParty.body as { detail: string }).detail).toMatch(/C9 is not a party of/);
    const noDraft = await step(filer, ref, 'add-document', { ...base, purpose: 'for-sealing', filingParty: 'C1' });
    expect((noDraft.body as { detail: string }).detail).toMatch(/approved draft's document reference number/);
    const bad = await step(filer, ref, 'add-document', { ...base, purpose: 'for-sealing', filingParty: 'C1', file: { uploadId: 'x' } });
    expect(bad.status).toBe(400);
  });
});
