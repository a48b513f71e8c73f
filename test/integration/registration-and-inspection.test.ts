/**
 * Through the API alone, on the time-skipping server (so the Support Centre
 * can be open): a law firm's principal administrator registers, uploads the
 * supporting documents, is verified in person and activated; they sign in,
 * create an organisation user and assign a case; the user files on the case,
 * the registry accepts; the parties inspect the case's documents (the
 * tribunal's notice of hearing among them), anyone verifies a document
 * reference number, and every non-public opening is audited.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { supportCentreClosedReason } from '../../domain/registration';
import { createCalendar, addDays } from '../../domain/calendar';
import { hkDateOf, hkInstant } from '../../domain/time/hong-kong-time';
import { aClaim } from '../support/claims';
import { eventually, startTestStack, type SignedIn, type TestStack } from '../support/stack';

let stack: TestStack;
let officer: SignedIn;

async function aPdf(text: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText(text, { x: 50, y: 700, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await doc.save());
}

type Json = Record<string, unknown>;
const call = async (method: string, url: string, headers: Record<string, string>, body?: unknown) => {
  const res = await fetch(`${stack.baseUrl}${url}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, body: (type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer())) as Json & Buffer };
};

const uploadAs = async (headers: Record<string, string>, url: string, name: string, text: string) => {
  const res = await fetch(`${stack.baseUrl}${url}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${name}"` },
    body: await aPdf(text),
  });
  return { status: res.status, body: (await res.json()) as Json };
};

const pdfText = (bytes: Buffer) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'pdf-')), 'paper.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
};

/** Skips the test server's clock to 10:00 on the next day the Support Centre is open. */
async function skipToSupportCentreHours(): Promise<void> {
  const calendar = createCalendar();
  let day = addDays(hkDateOf(await stack.env.currentTimeMs()), 1);
  while (supportCentreClosedReason(hkInstant(day, 10), calendar) !== null) day = addDays(day, 1);
  await stack.env.sleep(hkInstant(day, 10) - (await stack.env.currentTimeMs()));
}

beforeAll(async () => {
  stack = await startTestStack({ timeSkipping: true });
  officer = await stack.officer();
});
afterAll(async () => {
  await stack?.stop();
});

describe('a law firm registers, files and inspects, through the API alone', () => {
  it('when the principal administrator applies, is verified in person and activated, then the firm files on its case and its documents can be inspected and verified', async () => {
    // A case the firm will act in: filed by a litigant (C1); the firm is to act for the defendant.
    const litigant = await stack.newIndividual('Chan Tai Man');
    const filed = await call('POST', '/api/v1/sct/claims', litigant.headers, aClaim());
    expect(filed.status).toBe(201);
    const caseNo = String(filed.body.caseNo);

    const username = `firm-admin-${Date.now().toString(36)}`;
    const applied = await call('POST', '/api/v1/registrations', {}, {
      kind: 'organisation',
      name: 'Wong Siu Ming',
      username,
      password: 'principal-admin-password',
      language: 'zh-Hant',
      caseNo,
      organisation: { name: 'Wong & Partners', registrationNo: 'BR 12345678' },
    });
    expect(applied.status).toBe(201);
    const reference = String((applied.body.registration as Json).reference);
    const token = { 'registration-token': String(applied.body.accessToken) };

    // Without the token the application is nobody's business.
    expect((await call('GET', `/api/v1/registrations/${reference}`, {})).status).toBe(404);
    for (const kind of ['authorisation', 'party-evidence', 'registration-certificate']) {
      const up = await uploadAs(token, `/api/v1/registrations/${reference}/documents?kind=${kind}`, `${kind}.pdf`, kind);
      expect(up.status).toBe(200);
      expect((up.body.documents as { kind: string }[]).map((d) => d.kind)).toContain(kind);
    }
    const submitted = await call('POST', `/api/v1/registrations/${reference}/steps/submit-application`, token, {});
    expect(submitted.status).toBe(200);
    expect(submitted.body.stage).toBe('awaiting-verification');

    await skipToSupportCentreHours();
    expect((await call('POST', `/api/v1/registrations/${reference}/steps/record-verification`, officer.headers, { identityDocument: 'HKID card, checked' })).status).toBe(200);
    expect((await call('POST', `/api/v1/registrations/${reference}/steps/activate`, officer.headers, { partyId: 'D1' })).status).toBe(200);
    const activated = await eventually(
      () => call('GET', `/api/v1/registrations/${reference}`, token),
      (r) => Boolean((r.body.decision as Json | null)?.accountId),
    );
    expect(activated.body.stage).toBe('activated');

    // The principal administrator signs in, creates a user and assigns the case to them.
    const admin = await stack.login(username, 'principal-admin-password');
    const me = await call('GET', '/api/v1/me', admin.headers);
    const organisationId = String((me.body as Json).organisationId ?? ((me.body as Json).account as Json | undefined)?.organisationId);
    const created = await call('POST', `/api/v1/organisations/${organisationId}/accounts`, admin.headers, {
      username: `${username}-user`,
      displayName: 'Cheung Ka Yan',
      role: 'org-user',
      password: 'organisation-user-password',
    });
    expect(created.status).toBe(201);
    const userId = String((created.body.account as Json).id);
    expect((await call('POST', `/api/v1/organisations/${organisationId}/case-assignments`, admin.headers, { caseNo, accountId: userId })).status).toBe(200);
    const user = await stack.login(`${username}-user`, 'organisation-user-password');

    // Another user of the firm, not assigned the case, cannot file on it.
    const other = await call('POST', `/api/v1/organisations/${organisationId}/accounts`, admin.headers, {
      username: `${username}-other`,
      displayName: 'Lam Siu Fung',
      role: 'org-user',
      password: 'organisation-user-password',
    });
    expect(other.status).toBe(201);
    const unassigned = await stack.login(`${username}-other`, 'organisation-user-password');
    expect((await call('POST', '/api/v1/filings', unassigned.headers, { caseNo })).status).toBe(404);

    // The assigned user reads their inbox in Traditional Chinese, and files two documents.
    expect((await call('PUT', '/api/v1/me/language', user.headers, { language: 'zh-Hant' })).status).toBe(200);
    const order = await uploadAs(user.headers, '/api/v1/documents', 'order.pdf', 'An order');
    const letter = await uploadAs(user.headers, '/api/v1/documents', 'letter.pdf', 'A letter, unsigned');
    const filing = await call('POST', '/api/v1/filings', user.headers, { caseNo });
    expect(filing.status).toBe(201);
    const ref = String(filing.body.reference);
    const describe = { purpose: 'for-filing', language: 'en', filingParty: 'D1', filedAgainst: ['C1'] };
    expect((await call('POST', `/api/v1/filings/${ref}/steps/add-document`, user.headers, { ...describe, uploadId: order.body.id, type: 'order' })).status).toBe(200);
    expect((await call('POST', `/api/v1/filings/${ref}/steps/add-document`, user.headers, { ...describe, uploadId: letter.body.id, type: 'letter' })).status).toBe(200);
    expect((await call('POST', `/api/v1/filings/${ref}/steps/submit`, user.headers, {})).status).toBe(200);

    // The registry accepts one and rejects the other with a coded reason; the user corrects and re-submits it.
    expect((await call('POST', `/api/v1/filings/${ref}/steps/accept-document`, officer.headers, { documentId: 'D1' })).status).toBe(200);
    const rejected = await call('POST', `/api/v1/filings/${ref}/steps/reject-document`, officer.headers, { documentId: 'D2', defects: [{ reason: 'not-signed', note: 'page 2' }] });
    expect(rejected.body.stage).toBe('awaiting-correction');
    const signed = await uploadAs(user.headers, '/api/v1/documents', 'letter-signed.pdf', 'A letter, signed');
    expect((await call('POST', `/api/v1/filings/${ref}/steps/resubmit-document`, user.headers, { documentId: 'D2', uploadId: signed.body.id })).status).toBe(200);
    const accepted = await call('POST', `/api/v1/filings/${ref}/steps/accept-document`, officer.headers, { documentId: 'D2' });
    expect(accepted.body.stage).toBe('accepted');

    // The acknowledgement downloads, and reads back with its Chinese.
    const ack = await call('GET', `/api/v1/filings/${ref}/acknowledgement`, user.headers);
    expect(ack.status).toBe(200);
    const text = pdfText(ack.body);
    expect(text).toContain(ref);
    expect(text).toMatch(/認收通知/);
    expect(text).toContain(String(order.body.sha256));

    // Every message of the guide's steps is in the user's inbox, in Traditional Chinese.
    const inbox = await eventually(
      () => call('GET', '/api/v1/inbox', user.headers),
      (r) => ((r.body.messages as { kind: string }[] | undefined) ?? []).some((m) => m.kind === 'filing-confirmed'),
    );
    const messages = inbox.body.messages as { kind: string; language: string; subject: string }[];
    expect(messages.map((m) => [m.kind, m.language]).sort()).toEqual([
      ['document-rejected', 'zh-Hant'],
      ['filing-acknowledged', 'zh-Hant'],
      ['filing-confirmed', 'zh-Hant'],
    ]);
    expect(messages.every((m) => /[\u4e00-\u9fff]/.test(m.subject))).toBe(true);
    const documentReferenceNo = `${ref}-D1`;

    // E-inspection: the parties see the filed order and the tribunal's notice of hearing.
    const listed = await eventually(
      () => call('GET', `/api/v1/cases/${caseNo}/documents`, litigant.headers),
      (r) => ((r.body.documents as Json[] | undefined) ?? []).length >= 2,
    );
    const documents = listed.body.documents as { documentReferenceNo: string; type: string; public: boolean }[];
    expect(documents.map((d) => d.type)).toEqual(expect.arrayContaining(['notice-of-hearing', 'order']));
    const notice = documents.find((d) => d.type === 'notice-of-hearing')!;
    const download = await call('GET', `/api/v1/cases/${caseNo}/documents/${notice.documentReferenceNo}/content`, user.headers);
    expect(download.status).toBe(200);
    expect(pdfText(download.body)).toMatch(/聆訊通知書/);
    const audit = await stack.db.pool.query(`SELECT actor_id FROM audit_log WHERE action = 'document.inspected' AND target = $1`, [`document:${notice.documentReferenceNo}`]);
    expect(audit.rows).toEqual([{ actor_id: user.id }]);
    // A stranger to the case gets nothing.
    const stranger = await stack.newIndividual('Ho Ka Ming');
    expect((await call('GET', `/api/v1/cases/${caseNo}/documents`, stranger.headers)).status).toBe(404);

    // Public inspection: an order is open to it; anyone verifies a number and sees only its public facts.
    const found = await call('GET', `/api/v1/public/documents?caseNo=${caseNo}`, {});
    expect((found.body.documents as Json[]).map((d) => d.documentReferenceNo)).toEqual([documentReferenceNo]);
    const verified = await call('GET', `/api/v1/document-references/${documentReferenceNo}`, {});
    expect(verified.body).toEqual({ documentReferenceNo, caseNo, type: 'order', source: 'filing', on: expect.any(String), sha256: order.body.sha256, openToPublicInspection: true });
    expect((await call('GET', `/api/v1/document-references/EF-2026-999999-D1`, {})).status).toBe(404);
    expect((await call('GET', `/api/v1/public/documents/${notice.documentReferenceNo}/content`, {})).status).toBe(404);
  });
});
