/**
 * Delivering a deadline alert a case or filing raised (domain/alerts): to
 * whoever must act (the parties acting through their accounts, the
 * adjudicators, the registry's officers) and, for the periods the registry
 * polices, to the registry as well. Each recipient gets it in their inbox,
 * rendered in their language and stored exactly as sent, and on the channels
 * they chose (email, webhooks), rendered the same.
 *
 * Idempotent: the inbox and every channel keep one delivery per account and
 * alert, so a retried or replayed delivery stores and sends nothing new.
 */
import type { AlertingProcess, DeadlineAlertDelivery } from '../domain/alerts/deadline-alerts';
import type { AlertAddressee } from '../domain/alerts/alert-words';
import type { DeadlineAlertFacts } from '../domain/inbox/messages';
import { partyAccounts, staffAccounts, type Recipient } from '../db/alert-recipients';
import { deliver } from './inbox-delivery';
import { sendOnChannels, type ChannelDeps } from './notification-channels';

export interface AlertDelivered {
  /** Accounts told, with the words each was addressed as. */
  recipients: { accountId: string; addressee: AlertAddressee }[];
}

const SCHEDULER = { actor: { id: 'system:scheduler', role: 'system' as const, name: 'courtflow scheduler' } };

const processRef = (p: AlertingProcess) => (p.kind === 'filing' ? p.reference : p.caseNo);

async function ownersOf(deps: ChannelDeps, { process, alert }: DeadlineAlertDelivery): Promise<Recipient[]> {
  if (alert.owner === 'adjudicator' || alert.owner === 'registry-officer') return staffAccounts(deps.pool, alert.owner);
  if (process.kind === 'filing') return alert.owner === process.filer.partyId ? [{ accountId: process.filer.accountId, partyId: alert.owner }] : [];
  return partyAccounts(deps.pool, process.caseNo, alert.owner === 'any-party' ? null : alert.owner);
}

/** Everyone the alert is for, each once, with how it addresses them. */
async function recipientsOf(deps: ChannelDeps, delivery: DeadlineAlertDelivery): Promise<AlertDelivered['recipients']> {
  const { alert } = delivery;
  const addressee: AlertAddressee = alert.owner === 'adjudicator' ? 'adjudicator' : alert.owner === 'registry-officer' ? 'registry' : 'party';
  const told = new Map<string, AlertAddressee>();
  for (const r of await ownersOf(deps, delivery)) told.set(r.accountId, addressee);
  if (alert.audience === 'owner-and-registry') {
    for (const r of await staffAccounts(deps.pool, 'registry-officer')) if (!told.has(r.accountId)) told.set(r.accountId, 'registry');
  }
  return [...told].map(([accountId, as]) => ({ accountId, addressee: as }));
}

export function createDeadlineAlertActivities(deps: ChannelDeps) {
  return {
    async deliverDeadlineAlert(delivery: DeadlineAlertDelivery): Promise<AlertDelivered> {
      const { process, alert } = delivery;
      const recipients = await recipientsOf(deps, delivery);
      for (const { accountId, addressee } of recipients) {
        const facts: DeadlineAlertFacts = {
          alertId: `${processRef(process)}/${alert.key}`,
          caseNo: process.caseNo,
          ...(process.kind === 'filing' ? { filingReference: process.reference } : {}),
          rule: alert.rule,
          basis: alert.basis,
          lead: alert.lead,
          due: alert.due,
          addressee,
          ...(alert.moved ? { moved: alert.moved } : {}),
        };
        const { message } = await deliver(deps, SCHEDULER, { accountId, message: { kind: 'deadline-alert', facts } });
        // The other channels carry the very words the inbox stored, in the language it stored them in.
        await sendOnChannels(deps, {
          accountId,
          dedupeKey: message.dedupeKey,
          event: 'deadline.alert',
          language: message.language,
          subject: message.subject,
          body: message.body,
          data: { ...facts, raisedAt: alert.raisedAt, plannedAt: alert.plannedAt, inboxMessageId: message.id },
        });
      }
      return { recipients };
    },
  };
}

export type DeadlineAlertActivities = ReturnType<typeof createDeadlineAlertActivities>;
