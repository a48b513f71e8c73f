/**
 * The inbox through the real API, on a real PostgreSQL as the application's
 * role: messages delivered (by the use-case directly, as the filing workflow's
 * activities will) to two accounts reading in two languages, listed, filtered
 * to unread, marked read and unread, paged, their acknowledgement PDF
 * downloaded and read back; another account's message is 404; a repeated
 * delivery stores one message; and a stored message cannot be rewritten.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Pool } from 'pg';
import { renderMessage, type FilingAcknowledgedFacts, type InboxMessage } from '../../domain/inbox/messages';
import { createPool } from '../../db/pool';
import type { Caller } from '../../services/audit';
import { ApplicationFailure } from '@temporalio/common';
import { deliver, INBOX_DELIVERY_REFUSED } from '../../activities/inbox-delivery';
import { startTestStack, type SignedIn, type TestStack } from '../support/stack';

type Json = Record<string, unknown>;
interface Summary {
  id: string;
  kind: string;
  language: string;
  subject: string;
  sentAt: string;
  readAt: string | null;
  attachments: { name: string; contentType: string; size: number; sha256: string; links: { self: string } }[];
  links: { self: string };
}
interface Page {
  messages: Summary[];
  unreadCount: number;
  nextCursor: string | null;
}

let stack: TestStack;
/** As the worker and the API connect: the application's role. */
let app: Pool;
let english: SignedIn;
let chinese: SignedIn;
const system: Caller = { actor: { id: 'system:filing', role: 'system', name: 'iCMS' }, requestId: 'inbox-test' };

const HASH_A = 'a3f1c2d4e5b60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00';
const HASH_B = '0f1e2d3c4b5a69788796a5b4c3d2e1f00123456789abcdef0123456789abcdef';
let serial = 0;

const acknowledgementFacts = (reference: string): FilingAcknowledgedFacts => ({
  filingReference: reference,
  caseNo: 'HCA 1234/2026',
  courtLevel: 'high-court',
  receivingOffice: 'high-court-registry',
  submittedAt: '2026-12-14T07:05:09.000Z',
  filer: { name: '陳大文 Chan Tai Man' },
  documents: [
    { type: 'writ-of-possession', purpose: 'for-approval-of-draft', language: 'en', fileName: 'writ.pdf', pages: 3, sha256: HASH_A },
    { type: 'praecipe', purpose: 'for-approval-of-draft', language: 'zh', fileName: 'praecipe.pdf', pages: 1, sha256: HASH_B },
  ],
});

/** The acknowledgement of a new filing, with its PDF attached. */
const acknowledge = (to: SignedIn, reference = `EF-2026-${String(++serial).padStart(6, '0')}`) => {
  const facts = acknowledgementFacts(reference);
  return deliver({ pool: app }, system, {
    accountId: to.id,
    message: { kind: 'filing-acknowledged', facts },
    attachments: [{ paper: { kind: 'filing-acknowledgement', facts } }],
  });
};

const confirmation = (reference: string): InboxMessage => ({
  kind: 'filing-confirmed',
  facts: {
    filingReference: reference,
    caseNo: 'HCA 1234/2026',
    courtLevel: 'high-court',
    receivingOffice: 'high-court-registry',
    confirmedAt: '2026-12-16T02:30:00.000Z',
    documents: [{ type: 'writ-of-possession', fileName: 'writ.pdf', documentReferenceNo: `DOC-${reference}` }],
  },
});

const api = async (method: string, path: string, as: SignedIn | undefined, body?: unknown) => {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: { ...(as ? as.headers : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, type, body: (type.includes('json') ? await res.json() : undefined) as Json };
};
const inbox = async (as: SignedIn, query = '') => (await api('GET', `/api/v1/inbox${query}`, as)).body as unknown as Page;

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'courtflow-inbox-'));
  try {
    writeFileSync(path.join(dir, 'a.pdf'), pdf);
    try {
      return execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('pdftotext is not installed: apt-get install poppler-utils');
      throw err;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  stack = await startTestStack();
  app = createPool(stack.db.appUrl, 3);
  english = await stack.newIndividual('Chan Tai Man');
  chinese = await stack.newIndividual('Wong Siu Ming');
});
afterAll(async () => {
  await app?.end();
  await stack?.stop();
});

describe('the language an account reads its messages in', () => {
  it('when an account is new, then it reads English; it may choose Traditional Chinese; nothing else is a language', async () => {
    expect(await api('GET', '/api/v1/me/language', chinese)).toMatchObject({ status: 200, body: { language: 'en' } });
    expect(await api('PUT', '/api/v1/me/language', chinese, { language: 'zh-Hant' })).toMatchObject({ status: 200, body: { language: 'zh-Hant' } });
    expect(await api('GET', '/api/v1/me/language', chinese)).toMatchObject({ status: 200, body: { language: 'zh-Hant' } });

    const refused = await api('PUT', '/api/v1/me/language', chinese, { language: 'zh' });
    expect(refused.status).toBe(400);
    expect(refused.type).toMatch(/^application\/problem\+json/);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'language', rule: 'invalid_value' })]);
    expect((await api('PUT', '/api/v1/me/language', undefined, { language: 'en' })).status).toBe(401);
  });

  it('when the language is set, then the audit log records the change, before and after', async () => {
    const { rows } = await stack.db.pool.query(
      `SELECT before, after FROM audit_log WHERE action = 'account.language-set' AND target = $1 ORDER BY seq DESC LIMIT 1`,
      [`account:${chinese.id}`],
    );
    expect(rows[0]).toEqual({ before: { language: 'en' }, after: { language: 'zh-Hant' } });
  });
});

describe('delivering and reading messages', () => {
  it("when an acknowledgement is delivered to each, then each reads it in their own language, with its PDF listed", async () => {
    const toEnglish = await acknowledge(english, 'EF-2026-100001');
    const toChinese = await acknowledge(chinese, 'EF-2026-100001');
    expect([toEnglish.delivered, toChinese.delivered]).toEqual([true, true]);

    const en = await inbox(english);
    expect(en.messages[0]).toMatchObject({ id: toEnglish.message.id, kind: 'filing-acknowledged', language: 'en', readAt: null });
    expect(en.messages[0]?.subject).toBe('Acknowledgement: documents filed in HCA 1234/2026 (filing reference EF-2026-100001)');
    expect(en.messages[0]?.attachments).toEqual([
      expect.objectContaining({ name: 'acknowledgement-EF-2026-100001.pdf', contentType: 'application/pdf', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);

    const zh = await inbox(chinese);
    expect(zh.messages[0]).toMatchObject({ id: toChinese.message.id, language: 'zh-Hant' });
    expect(zh.messages[0]?.subject).toBe('認收通知：案件 HCA 1234/2026 的文件存檔（存檔參考編號 EF-2026-100001）');

    // The same filing's paper, whoever receives it: the same bytes.
    expect(zh.messages[0]?.attachments[0]?.sha256).toBe(en.messages[0]?.attachments[0]?.sha256);
  });

  it('when a message is read, then its subject, body and facts are exactly what was sent; reading does not mark it read', async () => {
    const { message } = await acknowledge(chinese);
    const read = await api('GET', `/api/v1/inbox/${message.id}`, chinese);
    expect(read.status).toBe(200);
    const facts = acknowledgementFacts(String((read.body.facts as Json).filingReference));
    const sent = renderMessage({ kind: 'filing-acknowledged', facts }, 'zh-Hant');
    expect(read.body).toMatchObject({ subject: sent.subject, body: sent.body, facts: JSON.parse(JSON.stringify(facts)) as Json, readAt: null });
    expect(String(read.body.body)).toContain('已送交的文件：');
    expect(String(read.body.body)).toContain(HASH_A);
  });

  it('when the acknowledgement is downloaded, then it is the PDF as sent: its hash as listed, its text bilingual with the reference and hashes', async () => {
    const { message } = await acknowledge(english, 'EF-2026-100002');
    const attachment = message.attachments[0];
    const res = await fetch(`${stack.baseUrl}/api/v1/inbox/${message.id}/attachments/${attachment?.name}`, { headers: english.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="acknowledgement-EF-2026-100002.pdf"; filename*=UTF-8\'\'acknowledgement-EF-2026-100002.pdf',
    );
    const pdf = Buffer.from(await res.arrayBuffer());
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    expect(sha256).toBe(attachment?.sha256);
    expect(res.headers.get('repr-digest')).toBe(`sha-256=:${createHash('sha256').update(pdf).digest('base64')}:`);
    expect(pdf.length).toBe(attachment?.byteSize);

    const text = pdfText(pdf);
    for (const expected of ['認收通知', 'Acknowledgement of Filing', '存檔參考編號', 'Filing reference', 'EF-2026-100002', 'HCA 1234/2026', '管有令狀', HASH_A, HASH_B]) {
      expect([expected, text.includes(expected)]).toEqual([expected, true]);
    }
  });

  it('when a message is marked read, then the unread filter and count leave it out; read again keeps the first time; unread brings it back', async () => {
    const { message } = await acknowledge(english);
    const before = await inbox(english, '?unread=true');
    expect(before.messages.map((m) => m.id)).toContain(message.id);

    const marked = await api('POST', `/api/v1/inbox/${message.id}/read`, english);
    expect(marked.status).toBe(200);
    const readAt = String(marked.body.readAt);
    expect(Date.parse(readAt)).not.toBeNaN();

    const after = await inbox(english, '?unread=true');
    expect(after.messages.map((m) => m.id)).not.toContain(message.id);
    expect(after.unreadCount).toBe(before.unreadCount - 1);
    expect((await inbox(english)).messages.find((m) => m.id === message.id)?.readAt).toBe(readAt);

    expect((await api('POST', `/api/v1/inbox/${message.id}/read`, english)).body.readAt).toBe(readAt);
    expect((await api('POST', `/api/v1/inbox/${message.id}/unread`, english)).body.readAt).toBeNull();
    expect((await inbox(english, '?unread=true')).messages.map((m) => m.id)).toContain(message.id);
    expect((await api('GET', '/api/v1/inbox?unread=yes', english)).body.errors).toEqual([expect.objectContaining({ field: 'unread' })]);
  });

  it('when the inbox is paged, then every message comes once, newest first', async () => {
    for (let i = 0; i < 3; i++) await acknowledge(english);
    const all = (await inbox(english, '?limit=100')).messages.map((m) => m.id);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await inbox(english, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.messages.length).toBeLessThanOrEqual(2);
      paged.push(...page.messages.map((m) => m.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    expect(all.length).toBeGreaterThanOrEqual(5);
    const sentAt = (await inbox(english, '?limit=100')).messages.map((m) => m.sentAt);
    expect([...sentAt].sort().reverse()).toEqual(sentAt);
    expect((await api('GET', '/api/v1/inbox?cursor=not-ours', english)).status).toBe(400);
  });
});

describe('only the owner sees a message', () => {
  it("when another account asks for a message, marks it or downloads its attachment, then 404, as for one that does not exist", async () => {
    const { message } = await acknowledge(english);
    const name = message.attachments[0]?.name ?? '';
    for (const [method, path] of [
      ['GET', `/api/v1/inbox/${message.id}`],
      ['POST', `/api/v1/inbox/${message.id}/read`],
      ['POST', `/api/v1/inbox/${message.id}/unread`],
      ['GET', `/api/v1/inbox/${message.id}/attachments/${name}`],
    ] as const) {
      const res = await api(method, path, chinese);
      expect([method, path, res.status, res.type.split(';')[0]]).toEqual([method, path, 404, 'application/problem+json']);
    }
    const missing = await api('GET', '/api/v1/inbox/00000000-0000-4000-8000-000000000000', chinese);
    expect(missing.status).toBe(404);
    expect((await api('GET', `/api/v1/inbox/${message.id}`, english)).status).toBe(200);
    expect((await inbox(chinese)).messages.map((m) => m.id)).not.toContain(message.id);
    expect((await api('GET', '/api/v1/inbox/not-a-uuid', chinese)).status).toBe(400);
    expect((await api('GET', '/api/v1/inbox', undefined)).status).toBe(401);
  });
});

describe('a message is delivered once and kept as sent', () => {
  it('when the same message is delivered again, then one is stored and the first is answered', async () => {
    const first = await acknowledge(english, 'EF-2026-100003');
    const again = await acknowledge(english, 'EF-2026-100003');
    expect(again).toMatchObject({ delivered: false, message: { id: first.message.id } });
    const concurrent = await Promise.all([1, 2, 3].map(() => deliver({ pool: app }, system, { accountId: english.id, message: confirmation('EF-2026-100003') })));
    expect(concurrent.filter((d) => d.delivered)).toHaveLength(1);
    expect(new Set(concurrent.map((d) => d.message.id)).size).toBe(1);
    const { rows } = await stack.db.pool.query(
      `SELECT kind, count(*)::int AS n FROM inbox_messages WHERE account_id = $1 AND dedupe_key LIKE '%:EF-2026-100003' GROUP BY kind ORDER BY kind`,
      [english.id],
    );
    expect(rows).toEqual([
      { kind: 'filing-acknowledged', n: 1 },
      { kind: 'filing-confirmed', n: 1 },
    ]);
    const audited = await stack.db.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'inbox.delivered' AND after->>'dedupeKey' = $1`, [
      'filing-acknowledged:EF-2026-100003',
    ]);
    expect(audited.rows[0]).toEqual({ n: 1 });
  });

  it('when the same key comes with other facts, then it is refused, not silently dropped', async () => {
    await acknowledge(english, 'EF-2026-100004');
    const other = { ...acknowledgementFacts('EF-2026-100004'), caseNo: 'HCA 9999/2026' };
    const err = await deliver({ pool: app }, system, { accountId: english.id, message: { kind: 'filing-acknowledged', facts: other } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ type: INBOX_DELIVERY_REFUSED, nonRetryable: true, message: expect.stringContaining('never replaced') });
  });

  it('when an account changes its language, then its earlier messages stay as they were sent and new ones come in the new language', async () => {
    const earlier = await acknowledge(english);
    expect((await api('PUT', '/api/v1/me/language', english, { language: 'zh-Hant' })).status).toBe(200);
    const later = await acknowledge(english);
    expect((await api('GET', `/api/v1/inbox/${earlier.message.id}`, english)).body).toMatchObject({ language: 'en', subject: earlier.message.subject });
    expect((await api('GET', `/api/v1/inbox/${later.message.id}`, english)).body).toMatchObject({ language: 'zh-Hant' });
    expect(later.message.subject).toMatch(/^認收通知/);
    // Delivering the earlier one again finds it; it is not re-rendered in Chinese.
    const again = await deliver({ pool: app }, system, {
      accountId: english.id,
      message: { kind: 'filing-acknowledged', facts: acknowledgementFacts(String(earlier.message.facts.filingReference)) },
    });
    expect(again).toMatchObject({ delivered: false, message: { language: 'en', subject: earlier.message.subject } });
    await api('PUT', '/api/v1/me/language', english, { language: 'en' });
  });

  it("when the application's role tries to rewrite or delete a message or an attachment, then the database refuses; the read mark may change", async () => {
    const { message } = await acknowledge(english);
    await expect(app.query(`UPDATE inbox_messages SET body = 'changed' WHERE id = $1`, [message.id])).rejects.toThrow(/kept as sent/);
    await expect(app.query(`DELETE FROM inbox_messages WHERE id = $1`, [message.id])).rejects.toThrow(/kept as sent/);
    await expect(app.query(`UPDATE inbox_attachments SET content = '\\x00' WHERE message_id = $1`, [message.id])).rejects.toThrow(/kept as sent/);
    await expect(app.query(`DELETE FROM inbox_attachments WHERE message_id = $1`, [message.id])).rejects.toThrow(/kept as sent/);
    await expect(
      app.query(
        `INSERT INTO inbox_attachments (message_id, position, name, content_type, byte_size, sha256, content) VALUES ($1, 9, 'x.pdf', 'application/pdf', 1, $2, '\\x00')`,
        [message.id, HASH_A],
      ),
    ).rejects.toThrow(/check constraint/);
    expect((await app.query(`UPDATE inbox_messages SET read_at = now() WHERE id = $1`, [message.id])).rowCount).toBe(1);
  });
});
