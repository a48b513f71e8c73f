/**
 * Sending the daily digest: each registry officer and adjudicator gets what
 * is overdue, due today and due in the next working days, court by court and
 * what they hold, in their inbox in their language and on the channels they
 * chose, once per day whatever the retries (the inbox and each channel keep
 * one digest per account and date).
 */
import type { CourtCalendar, IsoDate } from '../domain/calendar';
import { buildDigest, digestHorizonEnd } from '../domain/digest/daily-digest';
import { QUEUE_ROLES } from '../domain/work-queue/items';
import { staffAccounts } from '../db/alert-recipients';
import { workItems } from '../db/work-queue-sources';
import { deliver } from './inbox-delivery';
import { sendOnChannels, type ChannelDeps } from './notification-channels';

export interface DigestRequest {
  date: IsoDate;
  calendar: CourtCalendar;
  horizonWorkingDays: number;
}

export interface DigestSent {
  date: IsoDate;
  /** Accounts sent a digest (each once, ever, for the date). */
  recipients: number;
  /** Work items with a due date that went into the digests, overdue or due within the horizon. */
  itemsDue: number;
}

const SCHEDULER = { actor: { id: 'system:scheduler', role: 'system' as const, name: 'courtflow scheduler' } };

export function createDailyDigestActivities(deps: ChannelDeps) {
  return {
    async sendDailyDigest({ date, calendar, horizonWorkingDays }: DigestRequest): Promise<DigestSent> {
      // Only what falls due by the horizon's end is in a digest: the rest is not read.
      const items = await workItems(deps.pool, Date.now(), { dueBy: digestHorizonEnd(date, calendar, horizonWorkingDays) });
      let recipients = 0;
      const due = new Set<string>();
      for (const role of QUEUE_ROLES) {
        for (const { accountId } of await staffAccounts(deps.pool, role)) {
          const digest = buildDigest(items, { accountId, role }, date, calendar, horizonWorkingDays);
          for (const c of digest.courts) for (const s of [c.sections.overdue, c.sections.dueToday, c.sections.dueSoon]) for (const i of s.items) due.add(i.itemId);
          const { message } = await deliver(deps, SCHEDULER, { accountId, message: { kind: 'daily-digest', facts: digest } });
          await sendOnChannels(deps, {
            accountId,
            dedupeKey: message.dedupeKey,
            event: 'digest.daily',
            language: message.language,
            subject: message.subject,
            body: message.body,
            data: { date, role, horizonEnd: digest.horizonEnd, inboxMessageId: message.id, courts: digest.courts, mine: digest.mine },
          });
          recipients += 1;
        }
      }
      return { date, recipients, itemsDue: due.size };
    },
  };
}

export type DailyDigestActivities = ReturnType<typeof createDailyDigestActivities>;
