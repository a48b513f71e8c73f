/**
 * Email notices: the message composed once, when the notice is queued (so
 * the bytes stored are the bytes sent, at every attempt and on a re-send),
 * and sent through SMTP with nodemailer.
 *
 * The message is plain text in UTF-8, as the caller rendered it; its
 * `Content-Language` is the language it was rendered in (`en`, `zh-Hant`).
 * Its `Message-ID` is derived from the recipient and the notice's business
 * key, so a message sent twice (an attempt whose answer was lost) is one
 * message to a mail client; `Courtflow-Dedupe-Key` carries the key itself
 * and `Courtflow-Event` the event type, for filters.
 */
import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { createTransport } from 'nodemailer';
import type { Language } from '../../domain/inbox/terms';

export const DEDUPE_KEY_HEADER = 'Courtflow-Dedupe-Key';
export const EVENT_HEADER = 'Courtflow-Event';

export interface EmailNotice {
  /** The From header (MAIL_FROM), e.g. `courtflow <no-reply@courtflow.example>`. */
  from: string;
  to: string;
  /** `account:<id>`: with the key, what the Message-ID is derived from. */
  recipient: string;
  dedupeKey: string;
  event: string;
  language: Language;
  subject: string;
  body: string;
  /** The Date header: when the notice was queued. */
  date: Date;
}

/** The domain of the From address (for the Message-ID's right-hand side); `courtflow.invalid` if it has none. */
function domainOf(from: string): string {
  const address = addressOf(from);
  const domain = address.slice(address.lastIndexOf('@') + 1).trim();
  return /^[A-Za-z0-9.-]+$/.test(domain) && address.includes('@') ? domain : 'courtflow.invalid';
}

/** The address of a From (`name <a@b>` or `a@b`): what the SMTP envelope names. */
export function addressOf(from: string): string {
  return (/<([^>]+)>\s*$/.exec(from)?.[1] ?? from).trim();
}

export function messageIdOf(from: string, recipient: string, dedupeKey: string): string {
  const left = createHash('sha256').update(`${recipient}\n${dedupeKey}`).digest('hex').slice(0, 40);
  return `<${left}.notice@${domainOf(from)}>`;
}

/** The whole RFC 5322 message, as it will be sent. */
export async function composeEmail(notice: EmailNotice): Promise<string> {
  const mail = new MailComposer({
    from: notice.from,
    to: notice.to,
    subject: notice.subject,
    text: notice.body,
    date: notice.date,
    messageId: messageIdOf(notice.from, notice.recipient, notice.dedupeKey),
    headers: { 'Content-Language': notice.language, [DEDUPE_KEY_HEADER]: notice.dedupeKey, [EVENT_HEADER]: notice.event },
  });
  const bytes = await new Promise<Buffer>((resolve, reject) => mail.compile().build((err, message) => (err ? reject(err) : resolve(message))));
  return bytes.toString('utf8');
}

/** How an attempt to send went: the server's answer, or why not and whether trying again could help. */
export type SendResult = { ok: true; response: string } | { ok: false; error: string; retryable: boolean };

export interface EmailSender {
  send(envelope: { from: string; to: string }, message: string): Promise<SendResult>;
  close(): void;
}

/**
 * Sends through the SMTP server `smtpUrl` (`smtp://host:port`, `smtps://…`,
 * with user and password in the URL if it needs them). A 5xx answer is
 * permanent (the server refused the sender, the recipient or the message);
 * a 4xx answer, a refused connection or a timeout is worth retrying.
 */
export function smtpSender(smtpUrl: string, timeoutMs = 30_000): EmailSender {
  const transport = createTransport({ url: smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  return {
    async send(envelope, message) {
      try {
        const info = await transport.sendMail({ envelope: { from: addressOf(envelope.from), to: envelope.to }, raw: message });
        return { ok: true, response: String(info.response ?? '') };
      } catch (err) {
        const code = (err as { responseCode?: unknown }).responseCode;
        const text = err instanceof Error ? err.message : String(err);
        return { ok: false, error: `SMTP: ${text}`, retryable: !(typeof code === 'number' && code >= 500) };
      }
    },
    close: () => transport.close(),
  };
}
