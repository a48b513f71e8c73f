/**
 * The mail sink (sandbox/mail-sink/server.ts) with courtflow's own sender
 * (activities/notifications/email.ts): a message composed as a notice is
 * received byte for byte, listed and shown by the viewer, escaped in its
 * HTML page (which runs no script), and still there after a restart.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeEmail, smtpSender } from '../../activities/notifications/email';
import { createMailSink, type MailSink } from '../../sandbox/mail-sink/server';

const dir = mkdtempSync(path.join(tmpdir(), 'courtflow-mail-sink-'));
let sink: MailSink;

afterAll(async () => {
  await sink?.close();
});

describe('the mail sink', () => {
  it('when courtflow sends it a notice, then it keeps the message as received and the viewer lists and shows it', async () => {
    sink = await createMailSink({ dir });
    const message = await composeEmail({
      from: 'courtflow <no-reply@courts.example.hk>',
      to: 'chan@example.hk',
      recipient: 'account:00000000-0000-4000-8000-000000000001',
      dedupeKey: 'digest:2026-11-23:00000000-0000-4000-8000-000000000001',
      event: 'digest.daily',
      language: 'zh-Hant',
      subject: '每日摘要 <script>alert(1)</script>',
      body: '今日到期：1 項\nSCTC-2026-000001',
      date: new Date('2026-11-23T00:00:00Z'),
    });
    const sender = smtpSender(sink.smtpUrl, 5_000);
    try {
      const sent = await sender.send({ from: 'courtflow <no-reply@courts.example.hk>', to: 'chan@example.hk' }, message);
      expect(sent).toEqual({ ok: true, response: expect.stringMatching(/^250 /) });
    } finally {
      sender.close();
    }

    const list = (await (await fetch(`${sink.viewerUrl}/messages`)).json()) as { messages: { id: string; subject: string; envelope: unknown; contentLanguage: string }[] };
    expect(list.messages).toEqual([
      expect.objectContaining({ subject: '每日摘要 <script>alert(1)</script>', envelope: { from: 'no-reply@courts.example.hk', to: ['chan@example.hk'] }, contentLanguage: 'zh-Hant' }),
    ]);
    const id = list.messages[0]!.id;
    const one = (await (await fetch(`${sink.viewerUrl}/messages/${id}`)).json()) as { text: string; headers: Record<string, string> };
    expect(one.text.trim()).toBe('今日到期：1 項\nSCTC-2026-000001');
    expect(one.headers['courtflow-event']).toBe('digest.daily');
    const raw = await fetch(`${sink.viewerUrl}/messages/${id}/raw`);
    expect(raw.headers.get('content-type')).toMatch(/^message\/rfc822/);
    expect((await raw.text()).replace(/\r\n/g, '\n').trim()).toBe(message.replace(/\r\n/g, '\n').trim());

    const page = await fetch(`${sink.viewerUrl}/`);
    expect(page.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
    const html = await page.text();
    expect(html).toContain('每日摘要 &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script/i);
    expect((await fetch(`${sink.viewerUrl}/messages/0000000000000-00000000`)).status).toBe(404);
  });

  it('when it is restarted on the same folder, then every message is still there', async () => {
    const before = sink.messages();
    await sink.close();
    sink = await createMailSink({ dir });
    expect(sink.messages()).toEqual(before);
    expect(before).toHaveLength(1);
  });

  it('when the SMTP server cannot be reached, then the sender says that trying again could help', async () => {
    const unreachable = smtpSender('smtp://127.0.0.1:1', 2_000);
    try {
      expect(await unreachable.send({ from: 'a@example.hk', to: 'b@example.hk' }, 'Subject: x\r\n\r\nx')).toEqual({ ok: false, error: expect.stringMatching(/^SMTP: /), retryable: true });
    } finally {
      unreachable.close();
    }
  });
});
