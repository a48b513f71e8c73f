/**
 * One run of the alert-latency benchmark on a started stack, in two phases:
 *
 *   raw       W + N raw timers alone on the quiet server, due as the alerts
 *             will be: Temporal's own timer and a bare wake-up, the baseline.
 *   alerts    W + N alert workflows, due likewise, with as many raw timers
 *             beside them (each halfway between two alerts): every alert is
 *             delivered by inbox, email and webhook, or the settle time runs
 *             out. The timers beside show what courtflow's deliveries do to
 *             any other workflow on the same server.
 *
 * Every workflow of a phase is started before its first is due. Each arrival
 * is then set against its due instant: the inbox row's created_at, the sink's
 * receipt of the email, the receiver's receipt of the webhook, a raw timer's
 * completion in Temporal's history. The W warm-ups of each phase (the first
 * SMTP connection, the first webhook, code run for the first time) are left
 * out of the figures.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Channel } from '../../domain/notifications/deliveries';
import type { MailSink } from '../../sandbox/mail-sink/server';
import { errorText } from '../in-flight';
import { loadNow, machine, versions, type Machine, type Versions } from '../machine';
import type { BenchStack } from '../stack';
import { adjudicatorWithChannels } from './adjudicator';
import { alertIdOf, alertInputs } from './alerts';
import { ALERT_AT_WORKFLOW, ALERT_BENCH_TASK_QUEUE, benchWorkflowIds, RAW_TIMER_TASK_QUEUE, RAW_TIMER_WORKFLOW } from './contract';
import { recordedWhenDone, type Recorded } from './history';
import type { LatencySummary } from './latency';
import { leadSecondsFor, type Options } from './options';
import { alertFigures, alertSamples, DEDUPE_HEADER, inboxKeyOf, rawFigures, rawSamples, type AlertFigure, type AlertSample, type RawFigure, type RawSample } from './samples';
import { halfwayAfter, scheduleFrom } from './schedule';
import type { BenchWorker } from './spawn-worker';
import { startAll } from './start-all';
import { storedFor, type StoredDelivery } from './stored';
import type { WebhookReceiver } from './webhook-receiver';

export interface AlertLatencyResult {
  benchmark: 'alert-latency';
  date: string;
  options: Omit<Options, 'dataDir' | 'keep' | 'leadSeconds'> & { leadSeconds: { raw: number; alerts: number } };
  machine: Machine & { loadWhenRawDue?: number[]; loadWhenAlertsDue?: number[] };
  versions: Versions;
  /** Between two measured due instants (0: all at once). */
  spacingMs: number;
  failed?: string;
  /**
   * Over the N measured of each kind (warm-ups left out), ms after the due
   * instant; `…AfterTimer`, ms after the workflow's own timer fired.
   */
  latencyMs: {
    alerts: Record<AlertFigure, LatencySummary>;
    /** The baseline: raw timers alone on the server. */
    raw: Record<RawFigure, LatencySummary>;
    /** Raw timers beside the alerts, on the same server at the same time. */
    rawBeside: Record<RawFigure, LatencySummary>;
  };
  deliveries: {
    /** Deliveries that took more than one attempt, and dead letters. */
    retried: Record<Channel, number>;
    dead: Record<Channel, number>;
    /** Arrivals beyond the first for one alert (an answer lost, the send tried again). */
    repeated: Record<Channel, number>;
    /** Webhooks whose signature did not verify with the subscription's secret. */
    badlySigned: { count: number; first?: string };
    /** Inbox rows for others told of each alert (the registry officer: the period is one the registry follows). */
    othersTold: number;
  };
  alerts: AlertSample[];
  raw: RawSample[];
  rawBeside: RawSample[];
}

export interface Receivers {
  sink: MailSink;
  webhook: WebhookReceiver;
}

/** After the last instant of the raw phase, how long its timers may take to complete before the phase counts as failed. */
const RAW_SETTLE_MS = 60_000;

export async function runAlertLatency(
  stack: BenchStack,
  workers: readonly BenchWorker[],
  receivers: Receivers,
  options: Options,
  log: (line: string) => void,
): Promise<AlertLatencyResult> {
  const host = machine();
  const versionsUsed = await versions(stack.ownerPool);
  const runId = Date.now().toString(36);
  const total = options.warmup + options.alerts;
  const died = () => stack.died() ?? workers.map((w) => w.died()).find((d) => d !== undefined);
  const adjudicator = await adjudicatorWithChannels(stack.ownerPool, receivers.webhook.url);
  let failed: string | undefined;
  const fail = (why: string) => {
    failed ??= why;
    log(`failed: ${why}`);
  };
  const startRaw = (id: string, dueAt: number) => () =>
    stack.client.workflow.start(RAW_TIMER_WORKFLOW, { workflowId: id, taskQueue: RAW_TIMER_TASK_QUEUE, args: [{ dueAt }] });
  const rawIds = Array.from({ length: total }, (_, i) => benchWorkflowIds.raw(`${runId}-alone`, i));
  const besideIds = Array.from({ length: total }, (_, i) => benchWorkflowIds.raw(`${runId}-beside`, i));
  const alertWorkflowIds = Array.from({ length: total }, (_, i) => benchWorkflowIds.alert(runId, i));

  const leadSeconds = { raw: leadSecondsFor(options, total), alerts: leadSecondsFor(options, 2 * total) };

  // The raw phase: the baseline, on a server doing nothing else of this run's.
  const rawSchedule = scheduleFrom(Date.now() + leadSeconds.raw * 1000, options);
  log(`raw phase: ${total} timers, the measured due from ${new Date(rawSchedule.firstMeasured).toISOString()} every ${rawSchedule.spacingMs.toFixed(0)} ms`);
  let loadWhenRawDue: number[] | undefined;
  let rawRecords = new Map<string, Recorded>();
  const rawStartFailure = await startAll(rawIds.map((id, i) => startRaw(id, rawSchedule.due[i] as number)), rawSchedule.due[0] as number, options.concurrency, log);
  if (rawStartFailure) fail(`raw phase: ${rawStartFailure}`);
  else {
    await delay(Math.max(0, rawSchedule.last - Date.now()));
    loadWhenRawDue = loadNow();
    const done = await recordedWhenDone(stack.client, rawIds, rawSchedule.last + RAW_SETTLE_MS, died);
    rawRecords = done.records;
    if (done.stoppedBecause) fail(done.stoppedBecause);
    else if (done.notDone) fail(`raw phase: ${done.notDone} timers had not completed ${RAW_SETTLE_MS / 1000} s after the last was due`);
  }

  // The alert phase, with raw timers beside.
  const schedule = scheduleFrom(Date.now() + leadSeconds.alerts * 1000, options);
  const besideDue = halfwayAfter(schedule, options.warmup);
  const inputs = alertInputs(schedule.due);
  const alertIds = inputs.map(alertIdOf);
  let loadWhenAlertsDue: number[] | undefined;
  let alertRecords = new Map<string, Recorded>();
  let besideRecords = new Map<string, Recorded>();
  if (!failed) {
    try {
      log(`alert phase: ${total} alerts and ${total} raw timers beside them, the measured due from ${new Date(schedule.firstMeasured).toISOString()}`);
      const starts = inputs.flatMap((input, i) => [
        () => stack.client.workflow.start(ALERT_AT_WORKFLOW, { workflowId: alertWorkflowIds[i] as string, taskQueue: ALERT_BENCH_TASK_QUEUE, args: [input] }),
        startRaw(besideIds[i] as string, besideDue[i] as number),
      ]);
      const startFailure = await startAll(starts, schedule.due[0] as number, options.concurrency, log);
      if (startFailure) fail(`alert phase: ${startFailure}`);
      const lastDue = Math.max(schedule.last, ...besideDue);
      const settleBy = lastDue + options.settleSeconds * 1000;
      let lastLog = 0;
      while (!failed) {
        const now = Date.now();
        if (now >= lastDue) loadWhenAlertsDue ??= loadNow();
        const emails = new Set(receivers.sink.messages().map((m) => m.headers[DEDUPE_HEADER]));
        const hooks = new Set(receivers.webhook.arrivals().map((a) => a.alertId));
        const emailed = alertIds.filter((id) => emails.has(inboxKeyOf(id))).length;
        const hooked = alertIds.filter((id) => hooks.has(id)).length;
        if (now >= lastDue && emailed === total && hooked === total) break;
        const dead = died();
        if (dead) fail(dead);
        else if (now > settleBy) fail(`${options.settleSeconds} s after the last due instant, ${total - emailed} emails and ${total - hooked} webhooks had not arrived`);
        else if (now - lastLog >= 10_000) {
          log(`${schedule.due.filter((at) => at <= now).length}/${total} alerts due; ${emailed} emails and ${hooked} webhooks received`);
          lastLog = now;
        }
        await delay(500);
      }
    } catch (err) {
      fail(errorText(err));
    }
    log('reading the histories and what was stored');
    // Whatever has not completed by now will not: read what there is.
    alertRecords = (await recordedWhenDone(stack.client, alertWorkflowIds, Date.now() + 10_000, died)).records;
    besideRecords = (await recordedWhenDone(stack.client, besideIds, Date.now() + 10_000, died)).records;
  }

  const stored = await storedFor(stack.ownerPool, adjudicator.accountId);
  const seen = alertSamples(
    inputs.map((input, i) => ({ dueAt: input.dueAt, alertId: alertIds[i] as string, record: alertRecords.get(alertWorkflowIds[i] as string) })),
    options.warmup,
    stored,
    receivers.sink.messages(),
    receivers.webhook.arrivals(),
  );
  const raw = rawSamples(rawSchedule.due.map((dueAt, i) => ({ dueAt, record: rawRecords.get(rawIds[i] as string) })), options.warmup);
  const rawBeside = rawSamples(besideDue.map((dueAt, i) => ({ dueAt, record: besideRecords.get(besideIds[i] as string) })), options.warmup);
  const count = (channel: Channel, which: (d: StoredDelivery) => boolean) => [...stored.deliveries[channel].values()].filter(which).length;
  const { dataDir: _dataDir, keep: _keep, leadSeconds: _lead, ...shownOptions } = options;
  return {
    benchmark: 'alert-latency',
    date: new Date().toISOString(),
    options: { ...shownOptions, leadSeconds },
    machine: { ...host, loadAtEnd: loadNow(), ...(loadWhenRawDue ? { loadWhenRawDue } : {}), ...(loadWhenAlertsDue ? { loadWhenAlertsDue } : {}) },
    versions: versionsUsed,
    spacingMs: schedule.spacingMs,
    ...(failed ? { failed } : {}),
    latencyMs: { alerts: alertFigures(seen.samples), raw: rawFigures(raw), rawBeside: rawFigures(rawBeside) },
    deliveries: {
      retried: { email: count('email', (d) => d.attempts > 1), webhook: count('webhook', (d) => d.attempts > 1) },
      dead: { email: count('email', (d) => d.status === 'dead'), webhook: count('webhook', (d) => d.status === 'dead') },
      repeated: seen.repeated,
      badlySigned: receivers.webhook.unsigned(adjudicator.webhookSecret),
      othersTold: stored.othersTold,
    },
    alerts: seen.samples,
    raw,
    rawBeside,
  };
}
