/**
 * A local mail sink: a real SMTP server (the `smtp-server` package) that
 * accepts every message and delivers it nowhere, keeping it so a person or a
 * test can read what courtflow sent. `npm start` runs it when SMTP_URL is
 * unset and points the worker at it; the tests run one in-process.
 *
 * SMTP: no TLS and no authentication (it listens on loopback by default),
 * any sender, any recipient, messages up to 10 MB. A message is answered 250
 * only once it is on disk: each is written to `dir` as `<id>.eml` (the bytes
 * received, exactly) and `<id>.json` (what the viewer lists), each file
 * written whole and renamed into place, so a restart keeps every message and
 * never finds half of one.
 *
 * HTTP (its own port), read-only:
 *
 *   GET /                    an HTML list of the messages, newest first (no script)
 *   GET /messages            the same as JSON: {"messages": [summary…]}
 *   GET /messages/:id        one message as JSON: the summary, its text and every header
 *   GET /messages/:id/raw    the message exactly as received (message/rfc822)
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, writeSync } from 'node:fs';
import type { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { z } from 'zod';

export interface MailSinkOptions {
  /** Where messages are kept; created if missing. */
  dir: string;
  /** SMTP port; 0 (the default) takes any free one. */
  smtpPort?: number;
  /** Viewer port; 0 (the default) takes any free one. */
  httpPort?: number;
  /** Where both listen: loopback by default. */
  host?: string;
  /** Where the sink reports what it does (a message received); nothing by default. */
  log?: (line: string) => void;
}

/** A received message as the viewer lists it. */
export interface MailSummary {
  id: string;
  receivedAt: string;
  /** The SMTP envelope: who the client said it was from and to. */
  envelope: { from: string; to: string[] };
  from: string;
  to: string;
  subject: string;
  messageId: string | null;
  /** The `Content-Language` header (`en`, `zh-Hant`…), if any. */
  contentLanguage: string | null;
  /** Every header of the message, by lower-case name, as text (a repeated header's values joined by newlines). */
  headers: Record<string, string>;
  /** The plain text body, decoded. */
  text: string;
  size: number;
}

export interface MailSink {
  /** `smtp://127.0.0.1:7425`: what SMTP_URL should say. */
  smtpUrl: string;
  /** `http://127.0.0.1:7481`: the viewer. */
  viewerUrl: string;
  /** Every message kept, oldest first. */
  messages(): MailSummary[];
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
const ID = /^[0-9]{13}-[0-9a-f]{8}$/;

const summarySchema = z.object({
  id: z.string().regex(ID),
  receivedAt: z.string(),
  envelope: z.object({ from: z.string(), to: z.array(z.string()) }),
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  messageId: z.string().nullable(),
  contentLanguage: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
  text: z.string(),
  size: z.number().int(),
});

/** Whole, or not at all: a crash mid-write leaves no half file under the final name. */
function writeWhole(file: string, content: string | Buffer): void {
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    if (typeof content === 'string') writeSync(fd, content);
    else writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

function load(dir: string): MailSummary[] {
  const found: MailSummary[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.json') || !ID.test(name.slice(0, -5))) continue;
    const parsed = summarySchema.safeParse(JSON.parse(readFileSync(path.join(dir, name), 'utf8')));
    if (parsed.success) found.push(parsed.data);
  }
  return found.sort((a, b) => a.id.localeCompare(b.id));
}

const addressText = (value: AddressObject | AddressObject[] | undefined): string =>
  value === undefined ? '' : (Array.isArray(value) ? value : [value]).map((a) => a.text).join(', ');

/** The header lines as text, unfolded, by lower-case name. */
function headersOf(lines: readonly { key: string; line: string }[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, line } of lines) {
    const value = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
    headers[key] = headers[key] === undefined ? value : `${headers[key]}\n${value}`;
  }
  return headers;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function indexPage(messages: readonly MailSummary[]): string {
  const rows = [...messages]
    .reverse()
    .map(
      (m) => `<article>
<h2>${escapeHtml(m.subject || '(no subject)')}</h2>
<p class="meta">${escapeHtml(m.receivedAt)} · from ${escapeHtml(m.from)} · to ${escapeHtml(m.to)}${m.contentLanguage ? ` · <span lang="en">language</span> ${escapeHtml(m.contentLanguage)}` : ''}</p>
<details><summary>Text</summary><pre${m.contentLanguage ? ` lang="${escapeHtml(m.contentLanguage)}"` : ''}>${escapeHtml(m.text)}</pre></details>
<p><a href="/messages/${m.id}">JSON</a> · <a href="/messages/${m.id}/raw">as received</a></p>
</article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Mail sink</title>
<style>body{font-family:system-ui,"Noto Sans HK",sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}article{border-top:1px solid #ccc;padding:.5rem 0}h2{font-size:1.1rem;margin:.3rem 0}.meta{color:#555;font-size:.9rem}pre{white-space:pre-wrap}</style>
</head>
<body>
<h1>Mail sink <span lang="zh-HK">郵件收集器</span></h1>
<p class="meta">Every message courtflow sent here, newest first. Nothing is delivered anywhere else. ${messages.length} message${messages.length === 1 ? '' : 's'}.</p>
${rows || '<p>No messages yet.</p>'}
</body>
</html>
`;
}

const listenUrl = (scheme: string, host: string, port: number) => `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;

export async function createMailSink(options: MailSinkOptions): Promise<MailSink> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => undefined);
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const messages = load(options.dir);

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    banner: 'courtflow mail sink: nothing is delivered',
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (err: Error) => callback(err));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(Object.assign(new Error('message exceeds the 10 MB limit'), { responseCode: 552 }));
        const raw = Buffer.concat(chunks);
        void simpleParser(raw)
          .then((parsed) => {
            const receivedAt = new Date();
            const summary: MailSummary = {
              id: `${String(receivedAt.getTime()).padStart(13, '0')}-${randomBytes(4).toString('hex')}`,
              receivedAt: receivedAt.toISOString(),
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              from: addressText(parsed.from),
              to: addressText(parsed.to),
              subject: parsed.subject ?? '',
              messageId: parsed.messageId ?? null,
              contentLanguage: headersOf(parsed.headerLines)['content-language'] ?? null,
              headers: headersOf(parsed.headerLines),
              text: parsed.text ?? '',
              size: raw.byteLength,
            };
            writeWhole(path.join(options.dir, `${summary.id}.eml`), raw);
            writeWhole(path.join(options.dir, `${summary.id}.json`), JSON.stringify(summary, null, 2));
            messages.push(summary);
            log(`received ${summary.id} for ${summary.envelope.to.join(', ')}: ${summary.subject}`);
            callback(null, `kept as ${summary.id}`);
          })
          .catch((err: unknown) => callback(err instanceof Error ? err : new Error(String(err))));
      });
    },
  });
  smtp.on('error', (err: Error) => log(`SMTP error: ${err.message}`));

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((_req, res, next) => {
    res.set({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" });
    next();
  });
  const find = (req: Request, res: Response): MailSummary | undefined => {
    const id = String(req.params.id);
    const found = ID.test(id) ? messages.find((m) => m.id === id) : undefined;
    if (!found) res.status(404).json({ error: 'not-found', message: `no message ${id}` });
    return found;
  };
  app.get('/', (_req, res) => {
    res.type('html').send(indexPage(messages));
  });
  app.get('/messages', (_req, res) => {
    res.json({ messages: [...messages].reverse().map(({ text: _text, headers: _headers, ...summary }) => summary) });
  });
  app.get('/messages/:id', (req, res) => {
    const message = find(req, res);
    if (message) res.json(message);
  });
  app.get('/messages/:id/raw', (req, res) => {
    const message = find(req, res);
    if (message) res.type('message/rfc822').send(readFileSync(path.join(options.dir, `${message.id}.eml`)));
  });
  app.use((_req, res) => {
    res.status(404).json({ error: 'not-found', message: 'no such page' });
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    log(`viewer error: ${err instanceof Error ? err.message : String(err)}`);
    res.status(500).json({ error: 'internal-error', message: 'the viewer failed' });
  });
  const viewer = http.createServer(app);

  const listen = (server: EventEmitter, start: (ready: () => void) => void) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      start(() => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(smtp.server, (ready) => smtp.listen(options.smtpPort ?? 0, host, ready));
  try {
    await listen(viewer, (ready) => viewer.listen(options.httpPort ?? 0, host, ready));
  } catch (err) {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    throw err;
  }

  let closed: Promise<void> | undefined;
  return {
    smtpUrl: listenUrl('smtp', host, (smtp.server.address() as AddressInfo).port),
    viewerUrl: listenUrl('http', host, (viewer.address() as AddressInfo).port),
    messages: () => [...messages],
    close() {
      closed ??= Promise.all([
        new Promise<void>((resolve) => smtp.close(() => resolve())),
        new Promise<void>((resolve) => {
          viewer.close(() => resolve());
          viewer.closeAllConnections();
        }),
      ]).then(() => undefined);
      return closed;
    },
  };
}
