/**
 * Typed queries over the inbox (migration 013): messages stored exactly as
 * sent, their attachments, the read mark, and the language an account reads
 * its messages in. Every read of a message names its account, so a query
 * never returns another account's message.
 */
import type { Pool, PoolClient } from 'pg';
import type { Language } from '../domain/inbox/terms';
import { isUuid } from './accounts';

type Db = Pool | PoolClient;

/** An attachment as listed with its message: everything but the bytes. */
export interface AttachmentMeta {
  name: string;
  contentType: string;
  byteSize: number;
  sha256: string;
  /** For a paper courtflow made: which paper, and the renderer version that made these bytes. */
  paper: { kind: string; version: string } | null;
}

export interface InboxMessageRow {
  id: string;
  /** The inbox's order (newest is highest) and its paging key; a bigint, as digits. */
  seq: string;
  accountId: string;
  kind: string;
  language: Language;
  subject: string;
  body: string;
  facts: Record<string, unknown>;
  dedupeKey: string;
  createdAt: Date;
  readAt: Date | null;
  attachments: AttachmentMeta[];
}

export interface NewAttachment {
  name: string;
  contentType: string;
  content: Uint8Array;
  /** Lower-case hex; the database checks it against the content. */
  sha256: string;
  paper?: { kind: string; version: string };
}

export interface NewInboxMessage {
  accountId: string;
  kind: string;
  language: Language;
  subject: string;
  body: string;
  facts: object;
  dedupeKey: string;
}

interface RawMessage {
  id: string;
  seq: string;
  account_id: string;
  kind: string;
  language: Language;
  subject: string;
  body: string;
  facts: Record<string, unknown>;
  dedupe_key: string;
  created_at: Date;
  read_at: Date | null;
  attachments: { name: string; content_type: string; byte_size: number; sha256: string; paper_kind: string | null; paper_version: string | null }[];
}

const MESSAGE_COLUMNS = `m.id, m.seq, m.account_id, m.kind, m.language, m.subject, m.body, m.facts, m.dedupe_key, m.created_at, m.read_at,
  COALESCE((SELECT json_agg(json_build_object('name', a.name, 'content_type', a.content_type, 'byte_size', a.byte_size,
                                              'sha256', a.sha256, 'paper_kind', a.paper_kind, 'paper_version', a.paper_version)
                            ORDER BY a.position)
              FROM inbox_attachments a WHERE a.message_id = m.id), '[]'::json) AS attachments`;

const toMessage = (r: RawMessage): InboxMessageRow => ({
  id: r.id,
  seq: r.seq,
  accountId: r.account_id,
  kind: r.kind,
  language: r.language,
  subject: r.subject,
  body: r.body,
  facts: r.facts,
  dedupeKey: r.dedupe_key,
  createdAt: r.created_at,
  readAt: r.read_at,
  attachments: r.attachments.map((a) => ({
    name: a.name,
    contentType: a.content_type,
    byteSize: a.byte_size,
    sha256: a.sha256,
    paper: a.paper_kind !== null && a.paper_version !== null ? { kind: a.paper_kind, version: a.paper_version } : null,
  })),
});

/**
 * Stores a message unless the account already has one under its dedupe key.
 * Returns the new row's id, or undefined when the key was taken (the caller
 * then reads the first with `findMessageByDedupeKey`).
 */
export async function insertMessage(db: Db, message: NewInboxMessage): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO inbox_messages (account_id, kind, language, subject, body, facts, dedupe_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (account_id, dedupe_key) DO NOTHING
     RETURNING id`,
    [message.accountId, message.kind, message.language, message.subject, message.body, JSON.stringify(message.facts), message.dedupeKey],
  );
  return rows[0]?.id;
}

export async function insertAttachment(db: Db, messageId: string, position: number, attachment: NewAttachment): Promise<void> {
  await db.query(
    `INSERT INTO inbox_attachments (message_id, position, name, content_type, byte_size, sha256, content, paper_kind, paper_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      messageId,
      position,
      attachment.name,
      attachment.contentType,
      attachment.content.byteLength,
      attachment.sha256,
      Buffer.from(attachment.content.buffer, attachment.content.byteOffset, attachment.content.byteLength),
      attachment.paper?.kind ?? null,
      attachment.paper?.version ?? null,
    ],
  );
}

export async function findMessageByDedupeKey(db: Db, accountId: string, dedupeKey: string): Promise<InboxMessageRow | undefined> {
  const { rows } = await db.query<RawMessage>(`SELECT ${MESSAGE_COLUMNS} FROM inbox_messages m WHERE m.account_id = $1 AND m.dedupe_key = $2`, [
    accountId,
    dedupeKey,
  ]);
  return rows[0] && toMessage(rows[0]);
}

/** Whether a stored message states the same kind and facts (jsonb equality: key order does not matter). */
export async function sameKindAndFacts(db: Db, messageId: string, kind: string, facts: object): Promise<boolean> {
  const { rows } = await db.query<{ same: boolean }>('SELECT kind = $2 AND facts = $3::jsonb AS same FROM inbox_messages WHERE id = $1', [
    messageId,
    kind,
    JSON.stringify(facts),
  ]);
  return rows[0]?.same === true;
}

/** One of the account's messages; undefined for another account's, or none. */
export async function findMessage(db: Db, accountId: string, messageId: string): Promise<InboxMessageRow | undefined> {
  if (!isUuid(messageId)) return undefined;
  const { rows } = await db.query<RawMessage>(`SELECT ${MESSAGE_COLUMNS} FROM inbox_messages m WHERE m.id = $1 AND m.account_id = $2`, [
    messageId,
    accountId,
  ]);
  return rows[0] && toMessage(rows[0]);
}

export interface InboxFilter {
  unreadOnly: boolean;
  /** Messages older than this `seq` (the previous page's last). */
  beforeSeq?: string;
}

/** The account's messages, newest first; read `limit + 1` to know whether a next page exists. */
export async function listMessages(db: Db, accountId: string, filter: InboxFilter, limit: number): Promise<InboxMessageRow[]> {
  const { rows } = await db.query<RawMessage>(
    `SELECT ${MESSAGE_COLUMNS} FROM inbox_messages m
      WHERE m.account_id = $1
        AND ($2::boolean IS FALSE OR m.read_at IS NULL)
        AND ($3::bigint IS NULL OR m.seq < $3::bigint)
      ORDER BY m.seq DESC
      LIMIT $4`,
    [accountId, filter.unreadOnly, filter.beforeSeq ?? null, limit],
  );
  return rows.map(toMessage);
}

export async function countUnread(db: Db, accountId: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM inbox_messages WHERE account_id = $1 AND read_at IS NULL', [accountId]);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Marks one of the account's messages read (keeping the first time it was
 * read) or unread. Undefined for another account's message, or none.
 */
export async function setRead(db: Db, accountId: string, messageId: string, read: boolean, at: Date): Promise<InboxMessageRow | undefined> {
  if (!isUuid(messageId)) return undefined;
  const { rows } = await db.query<{ id: string }>(
    `UPDATE inbox_messages SET read_at = CASE WHEN $3::boolean THEN COALESCE(read_at, $4::timestamptz) ELSE NULL END
      WHERE id = $1 AND account_id = $2
      RETURNING id`,
    [messageId, accountId, read, at],
  );
  return rows[0] ? findMessage(db, accountId, messageId) : undefined;
}

/** An attachment of one of the account's messages, with its bytes. */
export async function findAttachment(
  db: Db,
  accountId: string,
  messageId: string,
  name: string,
): Promise<{ meta: AttachmentMeta; content: Buffer } | undefined> {
  if (!isUuid(messageId)) return undefined;
  const { rows } = await db.query<{
    name: string;
    content_type: string;
    byte_size: number;
    sha256: string;
    content: Buffer;
    paper_kind: string | null;
    paper_version: string | null;
  }>(
    `SELECT a.name, a.content_type, a.byte_size, a.sha256, a.content, a.paper_kind, a.paper_version
       FROM inbox_attachments a JOIN inbox_messages m ON m.id = a.message_id
      WHERE a.message_id = $1 AND m.account_id = $2 AND a.name = $3`,
    [messageId, accountId, name],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    meta: {
      name: row.name,
      contentType: row.content_type,
      byteSize: row.byte_size,
      sha256: row.sha256,
      paper: row.paper_kind !== null && row.paper_version !== null ? { kind: row.paper_kind, version: row.paper_version } : null,
    },
    content: row.content,
  };
}

// The language the account's messages are written in.

export async function preferredLanguageOf(db: Db, accountId: string): Promise<Language | undefined> {
  if (!isUuid(accountId)) return undefined;
  const { rows } = await db.query<{ preferred_language: Language }>('SELECT preferred_language FROM accounts WHERE id = $1', [accountId]);
  return rows[0]?.preferred_language;
}

/** Sets the account's language; returns the one it had, or undefined when there is no such account. */
export async function setPreferredLanguage(db: Db, accountId: string, language: Language): Promise<Language | undefined> {
  if (!isUuid(accountId)) return undefined;
  const { rows } = await db.query<{ before: Language }>(
    `UPDATE accounts a SET preferred_language = $2, updated_at = now()
       FROM (SELECT id, preferred_language AS before FROM accounts WHERE id = $1 FOR UPDATE) b
      WHERE a.id = b.id
      RETURNING b.before`,
    [accountId, language],
  );
  return rows[0]?.before;
}
