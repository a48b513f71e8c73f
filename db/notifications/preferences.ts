/**
 * Typed queries over an account's channel preferences (migration 023). No
 * row means the defaults: email off (there is no address), webhooks on.
 */
import type { Pool, PoolClient } from 'pg';
import { isUuid } from '../accounts';

type Db = Pool | PoolClient;

export interface ChannelPreferences {
  emailAddress: string | null;
  emailEnabled: boolean;
  webhooksEnabled: boolean;
}

export const DEFAULT_PREFERENCES: ChannelPreferences = { emailAddress: null, emailEnabled: false, webhooksEnabled: true };

interface Raw {
  email_address: string | null;
  email_enabled: boolean;
  webhooks_enabled: boolean;
}

const toPreferences = (r: Raw): ChannelPreferences => ({ emailAddress: r.email_address, emailEnabled: r.email_enabled, webhooksEnabled: r.webhooks_enabled });

/** The account's preferences (the defaults when it never set any). */
export async function preferencesOf(db: Db, accountId: string): Promise<ChannelPreferences> {
  if (!isUuid(accountId)) return DEFAULT_PREFERENCES;
  const { rows } = await db.query<Raw>('SELECT email_address, email_enabled, webhooks_enabled FROM notification_preferences WHERE account_id = $1', [accountId]);
  return rows[0] ? toPreferences(rows[0]) : DEFAULT_PREFERENCES;
}

/** Replaces the account's preferences; returns those it had. */
export async function putPreferences(db: Db, accountId: string, next: ChannelPreferences): Promise<ChannelPreferences> {
  const before = await preferencesOf(db, accountId);
  await db.query(
    `INSERT INTO notification_preferences (account_id, email_address, email_enabled, webhooks_enabled, updated_at)
     VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (account_id) DO UPDATE
       SET email_address = EXCLUDED.email_address, email_enabled = EXCLUDED.email_enabled,
           webhooks_enabled = EXCLUDED.webhooks_enabled, updated_at = EXCLUDED.updated_at`,
    [accountId, next.emailAddress, next.emailEnabled, next.webhooksEnabled],
  );
  return before;
}
