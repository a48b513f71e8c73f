/**
 * What courtflow stored for the adjudicator's alerts, read after the run as
 * the schema's owner: when each inbox row was written, and when each email
 * and webhook delivery was queued and recorded as delivered.
 */
import type { Pool } from 'pg';
import type { Channel } from '../../domain/notifications/deliveries';

export interface StoredDelivery {
  queuedAt: number;
  /** When courtflow recorded it delivered (the SMTP server's 250, the receiver's 2xx); undefined while pending or dead. */
  deliveredAt?: number;
  status: string;
  attempts: number;
}

export interface Stored {
  /**
   * By inbox dedupe key (`deadline-alert:<case>/<alert key>`): the row's
   * `created_at`, which PostgreSQL stamps with the start of the transaction
   * writing it (now()), so a little before it commits with its audit entry.
   */
  inbox: Map<string, number>;
  deliveries: Record<Channel, Map<string, StoredDelivery>>;
  /** Inbox rows of the alerts for anyone else (the registry officer, who is told of this period too). */
  othersTold: number;
}

export async function storedFor(pool: Pool, accountId: string): Promise<Stored> {
  // Epoch milliseconds with the microseconds PostgreSQL keeps (a Date would round them away).
  const inbox = await pool.query<{ dedupe_key: string; at: string }>(
    `SELECT dedupe_key, extract(epoch FROM created_at) * 1000 AS at FROM inbox_messages WHERE account_id = $1 AND kind = 'deadline-alert'`,
    [accountId],
  );
  const others = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM inbox_messages WHERE account_id <> $1 AND kind = 'deadline-alert'`, [accountId]);
  const deliveries = await pool.query<{ channel: Channel; dedupe_key: string; queued: string; delivered: string | null; status: string; attempts: number }>(
    `SELECT channel, dedupe_key, extract(epoch FROM created_at) * 1000 AS queued, extract(epoch FROM delivered_at) * 1000 AS delivered, status, attempts
       FROM notification_deliveries WHERE account_id = $1 AND event = 'deadline.alert' AND resent_from IS NULL`,
    [accountId],
  );
  const stored: Stored = { inbox: new Map(), deliveries: { email: new Map(), webhook: new Map() }, othersTold: Number(others.rows[0]?.n ?? 0) };
  for (const r of inbox.rows) stored.inbox.set(r.dedupe_key, Number(r.at));
  for (const r of deliveries.rows) {
    stored.deliveries[r.channel].set(r.dedupe_key, {
      queuedAt: Number(r.queued),
      ...(r.delivered === null ? {} : { deliveredAt: Number(r.delivered) }),
      status: r.status,
      attempts: r.attempts,
    });
  }
  return stored;
}
