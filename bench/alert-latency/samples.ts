/**
 * Each alert's and each raw timer's times, as ms after its due instant, put
 * together from the three clocks that saw them (Temporal's histories,
 * PostgreSQL's rows, the receivers'), all the same machine's clock; and their
 * summaries over the measured ones.
 */
import type { MailSummary } from '../../sandbox/mail-sink/server';
import type { Recorded } from './history';
import { after, summariseLatency, type LatencySummary } from './latency';
import type { Stored } from './stored';
import type { WebhookArrival } from './webhook-receiver';

export interface AlertSample {
  index: number;
  warmup: boolean;
  dueAt: string;
  alertId: string;
  timerFired?: number;
  inbox?: number;
  activityCompleted?: number;
  emailQueued?: number;
  emailReceived?: number;
  emailRecorded?: number;
  webhookQueued?: number;
  webhookReceived?: number;
  webhookRecorded?: number;
  attempts: { email?: number; webhook?: number };
}

export interface RawSample {
  index: number;
  warmup: boolean;
  dueAt: string;
  timerFired?: number;
  completed?: number;
}

/** The email header and the inbox key that carry an alert's business key (activities/notifications/email.ts, domain/inbox/messages.ts). */
export const DEDUPE_HEADER = 'courtflow-dedupe-key';
export const inboxKeyOf = (alertId: string) => `deadline-alert:${alertId}`;

/** The first arrival of each key, and how many arrived beyond the first. */
function firstArrivals(arrivals: readonly { key: string | undefined; at: number }[]): { first: Map<string, number>; repeated: number } {
  const first = new Map<string, number>();
  let repeated = 0;
  for (const { key, at } of arrivals) {
    if (key === undefined) continue;
    const seen = first.get(key);
    if (seen !== undefined) repeated += 1;
    if (seen === undefined || at < seen) first.set(key, at);
  }
  return { first, repeated };
}

export interface AlertsSeen {
  samples: AlertSample[];
  repeated: { email: number; webhook: number };
}

export function alertSamples(
  alerts: readonly { dueAt: number; alertId: string; record: Recorded | undefined }[],
  warmup: number,
  stored: Stored,
  mail: readonly MailSummary[],
  webhooks: readonly WebhookArrival[],
): AlertsSeen {
  const emails = firstArrivals(mail.map((m) => ({ key: m.headers[DEDUPE_HEADER], at: Date.parse(m.receivedAt) })));
  const hooks = firstArrivals(webhooks.map((a) => ({ key: a.alertId, at: a.at })));
  const samples = alerts.map(({ dueAt, alertId, record }, index): AlertSample => {
    const key = inboxKeyOf(alertId);
    const email = stored.deliveries.email.get(key);
    const webhook = stored.deliveries.webhook.get(key);
    return {
      index,
      warmup: index < warmup,
      dueAt: new Date(dueAt).toISOString(),
      alertId,
      timerFired: after(dueAt, record?.timerFired),
      inbox: after(dueAt, stored.inbox.get(key)),
      activityCompleted: after(dueAt, record?.activityCompleted),
      emailQueued: after(dueAt, email?.queuedAt),
      emailReceived: after(dueAt, emails.first.get(key)),
      emailRecorded: after(dueAt, email?.deliveredAt),
      webhookQueued: after(dueAt, webhook?.queuedAt),
      webhookReceived: after(dueAt, hooks.first.get(alertId)),
      webhookRecorded: after(dueAt, webhook?.deliveredAt),
      attempts: { ...(email ? { email: email.attempts } : {}), ...(webhook ? { webhook: webhook.attempts } : {}) },
    };
  });
  return { samples, repeated: { email: emails.repeated, webhook: hooks.repeated } };
}

export function rawSamples(timers: readonly { dueAt: number; record: Recorded | undefined }[], warmup: number): RawSample[] {
  return timers.map(({ dueAt, record }, index) => ({
    index,
    warmup: index < warmup,
    dueAt: new Date(dueAt).toISOString(),
    timerFired: after(dueAt, record?.timerFired),
    completed: after(dueAt, record?.completed),
  }));
}

/** From the sample's own timer firing to `at` (both ms after the due instant). */
const sinceTimer = (sample: { timerFired?: number }, at: number | undefined) => (sample.timerFired === undefined || at === undefined ? undefined : at - sample.timerFired);

export type AlertFigure = 'inbox' | 'email' | 'webhook' | 'activityCompleted' | 'emailRecorded' | 'webhookRecorded' | 'timerFired' | 'inboxAfterTimer' | 'emailAfterTimer' | 'webhookAfterTimer';
export type RawFigure = 'completed' | 'timerFired' | 'completedAfterTimer';

export function alertFigures(samples: readonly AlertSample[]): Record<AlertFigure, LatencySummary> {
  const measured = samples.filter((s) => !s.warmup);
  const of = (pick: (s: AlertSample) => number | undefined) => summariseLatency(measured.map(pick));
  return {
    inbox: of((s) => s.inbox),
    email: of((s) => s.emailReceived),
    webhook: of((s) => s.webhookReceived),
    activityCompleted: of((s) => s.activityCompleted),
    emailRecorded: of((s) => s.emailRecorded),
    webhookRecorded: of((s) => s.webhookRecorded),
    timerFired: of((s) => s.timerFired),
    inboxAfterTimer: of((s) => sinceTimer(s, s.inbox)),
    emailAfterTimer: of((s) => sinceTimer(s, s.emailReceived)),
    webhookAfterTimer: of((s) => sinceTimer(s, s.webhookReceived)),
  };
}

export function rawFigures(samples: readonly RawSample[]): Record<RawFigure, LatencySummary> {
  const measured = samples.filter((s) => !s.warmup);
  const of = (pick: (s: RawSample) => number | undefined) => summariseLatency(measured.map(pick));
  return { completed: of((s) => s.completed), timerFired: of((s) => s.timerFired), completedAfterTimer: of((s) => sinceTimer(s, s.completed)) };
}
