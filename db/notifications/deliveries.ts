/**
 * Typed queries over notification deliveries (migration 023): each notice as
 * sent on one channel to one recipient, and how its sending went. A delivery
 * moves from `pending` to `delivered` or `dead` once; the queries that move it
 * say `WHERE status = 'pending'`, so a retried or late attempt changes
 * nothing that is settled.
 */
import type { Pool, PoolClient } from 'pg';
import type { Language } from '../../domain/inbox/terms';
import type { Channel, DeliveryStatus } from '../../domain/notifications/deliveries';
import { isUuid } from '../accounts';

type Db = Pool | PoolClient;

export interface DeliveryRow {
  id: string;
  /** The listing order (newest is highest) and its paging key; a bigint, as digits. */
  seq: string;
  channel: Channel;
  accountId: string;
  subscriptionId: string | null;
  dedupeKey: string;
  event: string;
  language: Language;
  subject: string;
  body: string;
  /** The email address or the URL it is sent to. */
  target: string;
  /** Exactly what is sent: the RFC 5322 message, or the webhook's JSON body. */
  content: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  responseExcerpt: string | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
  deadAt: Date | null;
  /** The dead delivery this one re-sends. */
  resentFrom: string | null;
  /** The delivery that re-sent this one, if an officer did. */
  resentAs: string | null;
}

interface Raw {
  id: string;
  seq: string;
  channel: Channel;
  account_id: string;
  subscription_id: string | null;
  dedupe_key: string;
  event: string;
  language: Language;
  subject: string;
  body: string;
  target: string;
  content: string;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  response_excerpt: string | null;
  created_at: Date;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
  dead_at: Date | null;
  resent_from: string | null;
  resent_as: string | null;
}

const COLUMNS = `d.id, d.seq, d.channel, d.account_id, d.subscription_id, d.dedupe_key, d.event, d.language, d.subject, d.body, d.target,
  d.content, d.status, d.attempts, d.last_error, d.response_excerpt, d.created_at, d.last_attempt_at, d.delivered_at, d.dead_at,
  d.resent_from, (SELECT r.id FROM notification_deliveries r WHERE r.resent_from = d.id) AS resent_as`;

const toRow = (r: Raw): DeliveryRow => ({
  id: r.id,
  seq: r.seq,
  channel: r.channel,
  accountId: r.account_id,
  subscriptionId: r.subscription_id,
  dedupeKey: r.dedupe_key,
  event: r.event,
  language: r.language,
  subject: r.subject,
  body: r.body,
  target: r.target,
  content: r.content,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  responseExcerpt: r.response_excerpt,
  createdAt: r.created_at,
  lastAttemptAt: r.last_attempt_at,
  deliveredAt: r.delivered_at,
  deadAt: r.dead_at,
  resentFrom: r.resent_from,
  resentAs: r.resent_as,
});

export interface NewDelivery {
  id: string;
  channel: Channel;
  accountId: string;
  subscriptionId: string | null;
  /** `account:<id>` or `webhook:<subscription id>` (recipientKeys). */
  recipient: string;
  dedupeKey: string;
  event: string;
  language: Language;
  subject: string;
  body: string;
  target: string;
  content: string;
  createdAt: Date;
}

/**
 * Stores a delivery unless the recipient already has one on the channel
 * under the key. Returns true when this call stored it; false when the key
 * was taken (read the first with `findDeliveryByKey`).
 */
export async function insertDelivery(db: Db, d: NewDelivery): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO notification_deliveries
       (id, channel, account_id, subscription_id, recipient, dedupe_key, event, language, subject, body, target, content, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (channel, recipient, dedupe_key) WHERE resent_from IS NULL DO NOTHING`,
    [d.id, d.channel, d.accountId, d.subscriptionId, d.recipient, d.dedupeKey, d.event, d.language, d.subject, d.body, d.target, d.content, d.createdAt],
  );
  return rowCount === 1;
}

/** The first delivery of a notice to a recipient on a channel (never a re-send). */
export async function findDeliveryByKey(db: Db, channel: Channel, recipient: string, dedupeKey: string): Promise<DeliveryRow | undefined> {
  const { rows } = await db.query<Raw>(
    `SELECT ${COLUMNS} FROM notification_deliveries d
      WHERE d.channel = $1 AND d.recipient = $2 AND d.dedupe_key = $3 AND d.resent_from IS NULL`,
    [channel, recipient, dedupeKey],
  );
  return rows[0] && toRow(rows[0]);
}

export async function findDelivery(db: Db, id: string): Promise<DeliveryRow | undefined> {
  if (!isUuid(id)) return undefined;
  const { rows } = await db.query<Raw>(`SELECT ${COLUMNS} FROM notification_deliveries d WHERE d.id = $1`, [id]);
  return rows[0] && toRow(rows[0]);
}

export interface DeliveryFilter {
  status?: DeliveryStatus;
  channel?: Channel;
  /** Deliveries older than this `seq` (the previous page's last). */
  beforeSeq?: string;
}

/** Deliveries, newest first; read `limit + 1` to know whether a next page exists. */
export async function listDeliveries(db: Db, filter: DeliveryFilter, limit: number): Promise<DeliveryRow[]> {
  const { rows } = await db.query<Raw>(
    `SELECT ${COLUMNS} FROM notification_deliveries d
      WHERE ($1::text IS NULL OR d.status = $1) AND ($2::text IS NULL OR d.channel = $2) AND ($3::bigint IS NULL OR d.seq < $3::bigint)
      ORDER BY d.seq DESC LIMIT $4`,
    [filter.status ?? null, filter.channel ?? null, filter.beforeSeq ?? null, limit],
  );
  return rows.map(toRow);
}

/** What one attempt found: an error, and what the receiver answered (a short excerpt). */
export interface AttemptOutcome {
  error: string | null;
  responseExcerpt: string | null;
  at: Date;
}

/** Counts an attempt of a pending delivery; false when it is no longer pending. */
export async function recordAttempt(db: Db, id: string, outcome: AttemptOutcome): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE notification_deliveries
        SET attempts = attempts + 1, last_attempt_at = $2, last_error = $3, response_excerpt = $4
      WHERE id = $1 AND status = 'pending'`,
    [id, outcome.at, outcome.error?.slice(0, 1000) ?? null, outcome.responseExcerpt?.slice(0, 500) ?? null],
  );
  return rowCount === 1;
}

/** A pending delivery sent: its attempt counted and it is delivered. */
export async function markDelivered(db: Db, id: string, outcome: Omit<AttemptOutcome, 'error'>): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE notification_deliveries
        SET status = 'delivered', attempts = attempts + 1, last_attempt_at = $2, delivered_at = $2, last_error = NULL, response_excerpt = $3
      WHERE id = $1 AND status = 'pending'`,
    [id, outcome.at, outcome.responseExcerpt?.slice(0, 500) ?? null],
  );
  return rowCount === 1;
}

/** A pending delivery given up: a dead letter, with why (the last attempt's error unless `reason` says more). */
export async function markDead(db: Db, id: string, reason: string | null, at: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE notification_deliveries SET status = 'dead', dead_at = $2, last_error = COALESCE($3, last_error)
      WHERE id = $1 AND status = 'pending'`,
    [id, at, reason?.slice(0, 1000) ?? null],
  );
  return rowCount === 1;
}

/**
 * A new pending delivery re-sending `originalId` with the same content,
 * linked to it. Returns true when this call made it, false when the original
 * had been re-sent already (read it with `findDelivery(original).resentAs`).
 */
export async function insertResend(db: Db, originalId: string, newId: string, at: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO notification_deliveries
       (id, channel, account_id, subscription_id, recipient, dedupe_key, event, language, subject, body, target, content, created_at, resent_from)
     SELECT $2, channel, account_id, subscription_id, recipient, dedupe_key, event, language, subject, body, target, content, $3, id
       FROM notification_deliveries WHERE id = $1
     ON CONFLICT (resent_from) DO NOTHING`,
    [originalId, newId, at],
  );
  return rowCount === 1;
}
