/**
 * Request and response schemas of the inbox and of the account's language:
 * the single source of their types and of their OpenAPI description.
 */
import { z } from 'zod';
import { LANGUAGES, MESSAGE_KINDS } from '../../domain/inbox/messages';
import type { InboxMessageRow } from '../../db/inbox';
import { ATTACHMENT_NAME } from '../../domain/inbox/messages';
import { cursorCodec, nextCursorSchema, pageLimit } from '../paging';

const uuid = z.uuid();

export const messageIdParams = z.object({ messageId: uuid.describe('The message, as listed in your inbox') });

export const attachmentParams = z.object({
  messageId: uuid.describe('The message, as listed in your inbox'),
  name: z.string().regex(ATTACHMENT_NAME, 'must be an attachment name as listed with the message').describe('The attachment, as listed with the message'),
});

/** The inbox's paging key: the position of the previous page's last message. */
export const inboxCursor = cursorCodec(
  z.strictObject({ s: z.string().regex(/^[0-9]{1,19}$/) }),
  (seq: string) => ({ s: seq }),
  (w) => w.s,
);

export const inboxQuery = z.strictObject({
  unread: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .describe('`true`: only messages not yet marked read'),
  limit: pageLimit('Messages'),
  cursor: inboxCursor.param('unread filter'),
});

/** An attachment's bytes (papers are PDFs), described as the document downloads are. */
export const attachmentContent = z.string().meta({ format: 'binary' });

const language = z.enum(LANGUAGES).describe('`en` (English) or `zh-Hant` (Traditional Chinese, 繁體中文)');

const attachmentView = z
  .object({
    name: z.string(),
    contentType: z.string().describe('application/pdf for the papers courtflow makes'),
    size: z.number().int().describe('Bytes'),
    sha256: z.string().describe('SHA-256 of the bytes, lower-case hex: what the download must hash to'),
    links: z.object({ self: z.string().describe('GET it to download the bytes as they were sent') }),
  })
  .meta({ id: 'InboxAttachment' });

const messageFields = {
  id: z.string(),
  kind: z.enum(MESSAGE_KINDS).describe('What the message reports: acknowledgement, confirmation, approval of a draft, an order, defects, sealed documents, or a notice'),
  language: language.describe('The language it was written in: the account\'s language when it was sent'),
  subject: z.string(),
  sentAt: z.string().describe('ISO instant it was delivered'),
  readAt: z.string().nullable().describe('ISO instant it was first marked read; null while unread'),
  attachments: z.array(attachmentView),
  links: z.object({ self: z.string() }),
};

export const messageSummary = z.object(messageFields).meta({ id: 'InboxMessageSummary' });

export const messageView = z
  .object({
    ...messageFields,
    body: z.string().describe('Exactly as sent (plain text, lines separated by \\n)'),
    facts: z.record(z.string(), z.unknown()).describe('The typed facts the message states, by kind (filing reference, case number, documents…)'),
  })
  .meta({ id: 'InboxMessage' });

export const inboxPage = z
  .object({
    messages: z.array(messageSummary).describe('Newest first'),
    unreadCount: z.number().int().describe('Your unread messages, on every page'),
    nextCursor: nextCursorSchema,
  })
  .meta({ id: 'InboxPage' });

export const languageBody = z.strictObject({ language }).meta({ id: 'SetLanguage' });
export const languageView = z.object({ language }).meta({ id: 'AccountLanguage' });

/** Where a message is read, and each of its attachments downloaded. */
export const messageLink = (id: string) => `/api/v1/inbox/${id}`;
const attachmentLink = (id: string, name: string) => `${messageLink(id)}/attachments/${encodeURIComponent(name)}`;

export function toSummary(row: InboxMessageRow): z.input<typeof messageSummary> {
  return {
    id: row.id,
    kind: row.kind as (typeof MESSAGE_KINDS)[number],
    language: row.language,
    subject: row.subject,
    sentAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
    attachments: row.attachments.map((a) => ({
      name: a.name,
      contentType: a.contentType,
      size: a.byteSize,
      sha256: a.sha256,
      links: { self: attachmentLink(row.id, a.name) },
    })),
    links: { self: messageLink(row.id) },
  };
}

export function toView(row: InboxMessageRow): z.input<typeof messageView> {
  return { ...toSummary(row), body: row.body, facts: row.facts };
}
