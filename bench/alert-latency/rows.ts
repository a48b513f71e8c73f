/** The alert-latency result as a person reads it: each channel's latency after the due instant against a raw Temporal timer's. */
import { table, type Row } from '../report';
import type { LatencySummary } from './latency';
import type { AlertLatencyResult } from './run';

const PERCENTILES = ['p50', 'p95', 'p99', 'max'] as const;
type Percentile = (typeof PERCENTILES)[number];

const nNote = (s: LatencySummary) => `n = ${s.n}${s.missing ? `, ${s.missing} never arrived` : ''}`;

function rowsOf(result: AlertLatencyResult): Row[] {
  const { alerts, raw, rawBeside } = result.latencyMs;
  const rows = (words: string, courtflow: LatencySummary, baseline: LatencySummary, note: string, percentiles: readonly Percentile[] = PERCENTILES): Row[] =>
    percentiles.map((p, i) => ({ figure: `${words} ${p} (ms)`, courtflow: courtflow[p], raw: baseline[p], ...(i === 0 ? { note: `${note}; ${nNote(courtflow)}` } : {}) }));
  return [
    ...rows('inbox row', alerts.inbox, raw.completed, "the adjudicator's row, its created_at"),
    ...rows('email', alerts.email, raw.completed, 'received by the mail sink'),
    ...rows('webhook', alerts.webhook, raw.completed, 'received by the receiver'),
    { figure: 'delivery activity done p50 (ms)', courtflow: alerts.activityCompleted.p50, raw: raw.completed.p50, note: 'every inbox written and every channel queued' },
    { figure: 'email recorded delivered p50 (ms)', courtflow: alerts.emailRecorded.p50, raw: raw.completed.p50, note: "courtflow's delivered_at, after the SMTP 250" },
    { figure: 'webhook recorded delivered p50 (ms)', courtflow: alerts.webhookRecorded.p50, raw: raw.completed.p50, note: "courtflow's delivered_at, after the 2xx" },
    ...rows('after its own timer fired: inbox', alerts.inboxAfterTimer, raw.completedAfterTimer, 'raw: TimerFired to completion', ['p50', 'p99']),
    ...rows('after its own timer fired: email', alerts.emailAfterTimer, raw.completedAfterTimer, 'the same', ['p50', 'p99']),
    ...rows('after its own timer fired: webhook', alerts.webhookAfterTimer, raw.completedAfterTimer, 'the same', ['p50', 'p99']),
    ...rows('timer fired', alerts.timerFired, raw.timerFired, "TimerFired in each history: the alert workflow's, the raw timer's"),
    ...rows('raw timer beside the alerts', rawBeside.completed, raw.completed, 'its completion: the same timer, with the alerts on the server'),
  ];
}

export function print(result: AlertLatencyResult, file: string): void {
  const { machine: m, versions: v, options: o, deliveries: d } = result;
  const load = (values: number[] | undefined) => (values ?? ['?']).join(' ');
  console.log(`
alert latency: ${o.alerts} deadline alerts against ${o.alerts} raw Temporal timers (each after ${o.warmup} warm-ups), one embedded stack
  ${o.spreadSeconds > 0 ? `due instants spread over ${o.spreadSeconds} s (one every ${result.spacingMs.toFixed(0)} ms)` : 'all due at the same instant, as at 09:00'}; ms after the due instant
  raw baseline: a workflow that sleeps to its instant and completes (WorkflowExecutionCompleted − the instant), alone on the server, on a worker of its own
  machine   ${m.cpu}, ${m.cores} cores, ${m.ramGb} GB RAM, ${m.kernel}
  load      ${load(m.loadAtStart)} at start, ${load(m.loadWhenRawDue)} when the raw timers were due, ${load(m.loadWhenAlertsDue)} when the alerts were, ${load(m.loadAtEnd)} at end (1, 5, 15 min)
  versions  Node ${v.node}; Temporal CLI ${v.temporalCli}; SDK ${v.temporalSdk}; PostgreSQL ${v.postgres}; courtflow ${v.courtflow} (${v.commit})
${result.failed ? `\n  FAILED: ${result.failed}\n` : ''}
${table(rowsOf(result))}

  deliveries tried more than once: email ${d.retried.email}, webhook ${d.retried.webhook}; dead letters: email ${d.dead.email}, webhook ${d.dead.webhook}; arrived again: email ${d.repeated.email}, webhook ${d.repeated.webhook}
  webhooks not verified with the subscription's secret: ${d.badlySigned.count}${d.badlySigned.first ? ` (${d.badlySigned.first})` : ''}; the registry officer's inbox rows for the same alerts: ${d.othersTold}

results: ${file}
`);
}
