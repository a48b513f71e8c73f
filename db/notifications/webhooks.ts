/**
 * Typed queries over webhook subscriptions (migration 023). Every read for
 * an account names the account, so a query never returns another account's
 * subscription. The secret is read only where a delivery is signed.
 */
import type { Pool, PoolClient } from 'pg';
import { ALL_EVENTS } from '../../domain/notifications/deliveries';
import { isUuid } from '../accounts';

type Db = Pool | PoolClient;

export interface WebhookSubscription {
  id: string;
  /** The listing order (newest is highest) and its paging key; a bigint, as digits. */
  seq: string;
  accountId: string;
  url: string;
  eventTypes: string[];
  description: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

interface Raw {
  id: string;
  seq: string;
  account_id: string;
  url: string;
  event_types: string[];
  description: string | null;
  created_at: Date;
  revoked_at: Date | null;
}

const COLUMNS = 'id, seq, account_id, url, event_types, description, created_at, revoked_at';

const toSubscription = (r: Raw): WebhookSubscription => ({
  id: r.id,
  seq: r.seq,
  accountId: r.account_id,
  url: r.url,
  eventTypes: r.event_types,
  description: r.description,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

export interface NewSubscription {
  id: string;
  accountId: string;
  url: string;
  secret: string;
  eventTypes: readonly string[];
  description: string | null;
}

export async function insertSubscription(db: Db, s: NewSubscription): Promise<WebhookSubscription> {
  const { rows } = await db.query<Raw>(
    `INSERT INTO webhook_subscriptions (id, account_id, url, secret, event_types, description)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
    [s.id, s.accountId, s.url, s.secret, [...s.eventTypes], s.description],
  );
  return toSubscription(rows[0]!);
}

/** How many subscriptions the account has that are not revoked. */
export async function countActiveSubscriptions(db: Db, accountId: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM webhook_subscriptions WHERE account_id = $1 AND revoked_at IS NULL', [accountId]);
  return Number(rows[0]?.n ?? 0);
}

/** The account's subscriptions, newest first, revoked ones included; read `limit + 1` to know whether a next page exists. */
export async function listSubscriptions(db: Db, accountId: string, beforeSeq: string | undefined, limit: number): Promise<WebhookSubscription[]> {
  const { rows } = await db.query<Raw>(
    `SELECT ${COLUMNS} FROM webhook_subscriptions
      WHERE account_id = $1 AND ($2::bigint IS NULL OR seq < $2::bigint)
      ORDER BY seq DESC LIMIT $3`,
    [accountId, beforeSeq ?? null, limit],
  );
  return rows.map(toSubscription);
}

/** Revokes one of the account's subscriptions (keeping the first revocation's time); undefined for another account's, or none. */
export async function revokeSubscription(db: Db, accountId: string, id: string, at: Date): Promise<{ subscription: WebhookSubscription; wasActive: boolean } | undefined> {
  if (!isUuid(id)) return undefined;
  const { rows } = await db.query<Raw & { was_active: boolean }>(
    `UPDATE webhook_subscriptions s SET revoked_at = COALESCE(s.revoked_at, $3::timestamptz)
       FROM (SELECT id, revoked_at IS NULL AS was_active FROM webhook_subscriptions WHERE id = $1 AND account_id = $2 FOR UPDATE) b
      WHERE s.id = b.id
      RETURNING s.id, s.seq, s.account_id, s.url, s.event_types, s.description, s.created_at, s.revoked_at, b.was_active`,
    [id, accountId, at],
  );
  const row = rows[0];
  return row ? { subscription: toSubscription(row), wasActive: row.was_active } : undefined;
}

/** The account's active subscriptions to `event` (naming it, or `*`), oldest first. */
export async function activeSubscriptionsTo(db: Db, accountId: string, event: string): Promise<WebhookSubscription[]> {
  const { rows } = await db.query<Raw>(
    `SELECT ${COLUMNS} FROM webhook_subscriptions
      WHERE account_id = $1 AND revoked_at IS NULL AND ($2 = ANY(event_types) OR $3 = ANY(event_types))
      ORDER BY seq`,
    [accountId, event, ALL_EVENTS],
  );
  return rows.map(toSubscription);
}

/** What signing a delivery needs: the secret, and whether the subscription still stands. */
export async function signingSecretOf(db: Db, subscriptionId: string): Promise<{ secret: string; revoked: boolean } | undefined> {
  const { rows } = await db.query<{ secret: string; revoked: boolean }>(
    'SELECT secret, revoked_at IS NOT NULL AS revoked FROM webhook_subscriptions WHERE id = $1',
    [subscriptionId],
  );
  return rows[0];
}
