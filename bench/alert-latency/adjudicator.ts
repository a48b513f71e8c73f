/**
 * The adjudicator the alerts are for, with all three channels on: the seeded
 * `adjudicator` account gives an email address and subscribes a webhook to
 * deadline alerts, through the same use-cases its `/api/v1/me/…` routes call
 * (the benchmark does not know the seeded adjudicator's generated password).
 */
import type { Pool } from 'pg';
import { staffAccounts } from '../../db/alert-recipients';
import { setPreferences } from '../../services/notifications/preferences';
import { createWebhook } from '../../services/notifications/webhooks';

export const ADJUDICATOR_EMAIL = 'adjudicator@courtflow.example';

export interface Adjudicator {
  accountId: string;
  webhookSecret: string;
}

export async function adjudicatorWithChannels(pool: Pool, webhookUrl: string): Promise<Adjudicator> {
  const adjudicators = await staffAccounts(pool, 'adjudicator');
  const first = adjudicators[0];
  // Each alert then has one adjudicator (and the registry officer) to tell: the figures are per alert and recipient.
  if (!first || adjudicators.length !== 1) throw new Error(`expected the one seeded adjudicator, found ${adjudicators.length}`);
  const caller = { actor: { id: first.accountId, role: 'adjudicator' as const, name: 'Adjudicator' } };
  await setPreferences({ pool }, caller, { emailAddress: ADJUDICATOR_EMAIL, emailEnabled: true, webhooksEnabled: true });
  const { secret } = await createWebhook({ pool }, caller, { url: webhookUrl, eventTypes: ['deadline.alert'], description: 'alert-latency benchmark' });
  return { accountId: first.accountId, webhookSecret: secret };
}
