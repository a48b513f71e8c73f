/**
 * Reading one's inbox: the list (newest first, all or unread only), one
 * message, its attachments, and the read mark. Every use-case reads the
 * caller's own inbox only: another account's message is "not found", exactly
 * as one that does not exist, so its existence never leaks.
 */
import { countUnread, findAttachment, findMessage, listMessages, setRead, type AttachmentMeta, type InboxMessageRow } from '../../db/inbox';
import type { Caller } from '../audit';
import { notFound } from '../errors';
import type { Pool } from 'pg';

export interface InboxDeps {
  pool: Pool;
}

export interface InboxQuery {
  unreadOnly: boolean;
  limit: number;
  /** The previous page's last message (`seq`): this page starts after it. */
  beforeSeq?: string;
}

export interface InboxPage {
  messages: InboxMessageRow[];
  /** Whether older messages follow this page. */
  more: boolean;
  /** How many of the caller's messages are unread, whatever the page. */
  unreadCount: number;
}

export async function listInbox(deps: InboxDeps, caller: Caller, query: InboxQuery): Promise<InboxPage> {
  const accountId = caller.actor.id;
  const filter = { unreadOnly: query.unreadOnly, ...(query.beforeSeq === undefined ? {} : { beforeSeq: query.beforeSeq }) };
  const [rows, unreadCount] = await Promise.all([listMessages(deps.pool, accountId, filter, query.limit + 1), countUnread(deps.pool, accountId)]);
  return { messages: rows.slice(0, query.limit), more: rows.length > query.limit, unreadCount };
}

/** One of the caller's messages, as it was sent. Reading it does not mark it read: the caller says so. */
export async function readMessage(deps: InboxDeps, caller: Caller, messageId: string): Promise<InboxMessageRow> {
  const message = await findMessage(deps.pool, caller.actor.id, messageId);
  if (!message) throw notFound(`Message ${messageId}`);
  return message;
}

/** Marks one of the caller's messages read (the first time it was read is kept) or unread again. */
export async function markMessage(deps: InboxDeps, caller: Caller, messageId: string, read: boolean, at: Date = new Date()): Promise<InboxMessageRow> {
  const message = await setRead(deps.pool, caller.actor.id, messageId, read, at);
  if (!message) throw notFound(`Message ${messageId}`);
  return message;
}

/** An attachment of one of the caller's messages, with the bytes that were sent. */
export async function readAttachment(
  deps: InboxDeps,
  caller: Caller,
  messageId: string,
  name: string,
): Promise<{ meta: AttachmentMeta; content: Buffer }> {
  const attachment = await findAttachment(deps.pool, caller.actor.id, messageId, name);
  if (!attachment) throw notFound(`Attachment ${name} of message ${messageId}`);
  return attachment;
}
