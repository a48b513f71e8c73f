/**
 * The daily digest, started each morning by a Temporal Schedule (see
 * contract.ts and workers/digest-schedule.ts): on a day the registry is open, every
 * registry officer and adjudicator is sent what is overdue, due today and
 * due in the next working days. On a closure day (a weekend, a general
 * holiday, a declared closure) nothing is sent, by policy: nobody is there
 * to act on it, and the next open day's digest carries everything still
 * outstanding, overdue items included.
 */
import { proxyActivities } from '@temporalio/workflow';
import { closedReason } from '../../domain/calendar';
import { DIGEST_HORIZON_WORKING_DAYS } from '../../domain/digest/daily-digest';
import { now } from '../workflow-time';
import type { DailyDigestActivities, DailyDigestInput, DailyDigestOutcome } from './contract';

// Reading the calendar and the queues and writing the inboxes are short;
// retried for a while, since a digest an hour late is still worth sending.
const { currentCourtCalendar, sendDailyDigest } = proxyActivities<DailyDigestActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 10 },
});

export async function dailyDigestWorkflow(input: DailyDigestInput = {}): Promise<DailyDigestOutcome> {
  const { today } = now();
  const calendar = await currentCourtCalendar();
  const closed = closedReason(calendar, today, 'registry');
  if (closed !== null) return { date: today, sent: false, skipped: `the registry is closed on ${today} (${closed})` };
  const sent = await sendDailyDigest({ date: today, calendar, horizonWorkingDays: input.horizonWorkingDays ?? DIGEST_HORIZON_WORKING_DAYS });
  return { date: today, sent: true, recipients: sent.recipients, itemsDue: sent.itemsDue };
}
