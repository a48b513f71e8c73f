/** The open-claims result as a person reads it: a table of figures against the raw baseline. */
import { table, type Row } from '../report';
import type { Peak } from '../memory';
import type { Kind } from './update-latency';
import type { CpuRole, OpenClaimsResult, SdkTimings } from './run';
import { meanMs, type Total } from '../worker-metrics';

function rowsOf(result: OpenClaimsResult): Row[] {
  const { start, sustained, memoryMb, latency, engine } = result;
  const cluster = engine.kind === 'cluster';
  // With several courtflow workers, their RSS is one figure: the sum (each worker's is in the rounds of the JSON).
  const workers = engine.workers > 1 ? `, ${engine.workers} courtflow workers summed` : '';
  const drained = (kind: Kind) => result.rounds.reduce((sum, r) => sum + (Number.isFinite(r[kind].drainSeconds) ? r[kind].drainSeconds : 0), 0);
  const peakAt = (peak: Peak | undefined) => (peak ? `peak at ${peak.open.courtflow} cases / ${peak.open.noop} no-op open` : '');
  const rows: Row[] = [
    { figure: 'open workflows reached', courtflow: result.reached.courtflow, raw: result.reached.noop },
    { figure: 'start rate (per s)', courtflow: start.courtflow.perSecond, raw: start.raw.perSecond, digits: 1, note: 'courtflow: POST /sct/claims; raw: client.workflow.start' },
    { figure: 'start latency p50 (ms)', courtflow: start.courtflow.latencyMs.p50, raw: start.raw.latencyMs.p50, digits: 1 },
    { figure: 'start latency p99 (ms)', courtflow: start.courtflow.latencyMs.p99, raw: start.raw.latencyMs.p99, digits: 1 },
    { figure: 'failed starts', courtflow: start.courtflow.failed, raw: start.raw.failed },
    { figure: 'filings pushed back (503 worker-backlog)', courtflow: result.pushedBack.filings, note: `waited out: ${result.pushedBack.seconds} s in all (Retry-After), then filed with the same key` },
    { figure: 'worker catch-up after the rounds, total (s)', courtflow: drained('courtflow'), raw: drained('raw'), digits: 1, note: 'courtflow: notice of hearing issued and in the read model' },
    { figure: 'sustained rate (per s)', courtflow: sustained.courtflow.perSecond, raw: sustained.raw.perSecond, digits: 1, note: 'starts and catch-up together' },
    { figure: 'worker RSS idle (MB)', courtflow: memoryMb.worker.idle, raw: memoryMb.noopWorker.idle, ...(workers ? { note: workers.slice(2) } : {}) },
    { figure: 'worker RSS peak (MB)', courtflow: memoryMb.worker.peak?.mb, raw: memoryMb.noopWorker.peak?.mb, note: `courtflow ${peakAt(memoryMb.worker.peak)}${workers}` },
    { figure: 'worker RSS after the last start (MB)', courtflow: memoryMb.worker.afterLastStart, raw: memoryMb.noopWorker.afterLastStart },
    { figure: 'worker RSS at the end (MB)', courtflow: memoryMb.worker.end, raw: memoryMb.noopWorker.end, note: `after catch-up and both latency phases${workers}` },
  ];
  for (const phase of latency) {
    const words = { 'during-burst': 'during the last filings', 'catching-up': 'while catching up', 'caught-up': 'after catch-up' }[phase.phase];
    const failedCount = phase.failures.courtflow.length + phase.failures.raw.length;
    const n = `n = ${phase.courtflow.n} / ${phase.raw.n}${failedCount ? `; failed ${phase.failures.courtflow.length} / ${phase.failures.raw.length}` : ''}`;
    if (phase.courtflow.n === 0 && phase.raw.n === 0) {
      rows.push({ figure: `update latency ${words}`, courtflow: undefined, note: failedCount ? n : 'no samples: the worker caught up before the first' });
      continue;
    }
    const busyNote =
      phase.phase === 'catching-up'
        ? `, during the last round's catch-up (${result.lastCatchUp.seconds.toFixed(0)} s)`
        : phase.phase === 'during-burst'
          ? ', steps on cases filed earlier, while the last round was filed'
          : '';
    rows.push({ figure: `update latency p50 ${words} (ms)`, courtflow: phase.courtflow.p50, raw: phase.raw.p50, digits: 1, note: `${n}${busyNote}` });
    rows.push({ figure: `update latency p99 ${words} (ms)`, courtflow: phase.courtflow.p99, raw: phase.raw.p99, digits: 1 });
  }
  rows.push(
    { figure: 'Temporal server RSS peak (MB)', courtflow: memoryMb.temporal.peak?.mb, note: 'one server for both' },
    cluster
      ? { figure: 'Temporal databases in PostgreSQL (MB)', courtflow: result.temporalStoreMb, note: 'temporal + temporal_visibility, for both' }
      : { figure: 'Temporal SQLite file (MB)', courtflow: result.temporalStoreMb, note: 'one file for both' },
    { figure: 'API RSS peak (MB)', courtflow: memoryMb.api.peak?.mb },
  );
  return rows;
}

/**
 * Where the workers' time went, from the SDK's metrics over the whole run:
 * tasks waiting in Temporal's queue (schedule-to-start) against tasks the
 * worker took long over (execution), how often a workflow was still cached,
 * and what each of courtflow's activities cost.
 */
function sdkRows(sdk: SdkTimings): Row[] {
  const { courtflow: c, raw: r } = sdk;
  const count = (t: Total) => t.count;
  const rows: Row[] = [
    { figure: 'workflow tasks run', courtflow: count(c.workflowTask.execution), raw: count(r.workflowTask.execution) },
    { figure: 'workflow task schedule-to-start, mean (ms)', courtflow: meanMs(c.workflowTask.scheduleToStart), raw: meanMs(r.workflowTask.scheduleToStart), digits: 1, note: "waiting in Temporal's queue for a worker" },
    { figure: 'workflow task execution, mean (ms)', courtflow: meanMs(c.workflowTask.execution), raw: meanMs(r.workflowTask.execution), digits: 1, note: 'in the worker, replay included' },
    { figure: 'sticky cache hits', courtflow: c.stickyCache.hits, raw: r.stickyCache.hits },
    { figure: 'sticky cache misses', courtflow: c.stickyCache.misses, raw: r.stickyCache.misses, note: 'the history replayed first' },
    { figure: 'sticky cache forced evictions', courtflow: c.stickyCache.forcedEvictions, raw: r.stickyCache.forcedEvictions, note: 'the cache full' },
    { figure: 'activity schedule-to-start, mean (ms)', courtflow: meanMs(c.activity.scheduleToStart), raw: meanMs(r.activity.scheduleToStart), digits: 1 },
  ];
  for (const [type, total] of Object.entries(c.activity.execution).sort(([a], [b]) => a.localeCompare(b))) {
    if (total.count > 0) rows.push({ figure: `activity ${type}, mean (ms)`, courtflow: meanMs(total), digits: 1, note: `${total.count} run` });
  }
  return rows;
}

/**
 * CPU per workflow opened, by process: each side's phases (starts and their
 * catch-up) divided by the workflows they opened. Where a case's cost lies,
 * and so what a faster filing would have to take out.
 */
function cpuRows(result: OpenClaimsResult): Row[] {
  const { cpuSeconds: cpu, reached, engine } = result;
  const per = (seconds: number, count: number) => (count > 0 ? (1000 * seconds) / count : Number.NaN);
  const c = (role: CpuRole) => per(cpu.courtflow[role], reached.courtflow);
  const r = (role: CpuRole) => per(cpu.raw[role], reached.noop);
  const total = (side: 'courtflow' | 'raw') => Object.values(cpu[side]).reduce((sum, s) => sum + s, 0);
  return [
    { figure: 'Temporal server (ms)', courtflow: c('temporal'), raw: r('temporal'), digits: 1 },
    {
      figure: 'PostgreSQL (ms)',
      courtflow: c('postgres'),
      raw: r('postgres'),
      digits: 1,
      note: engine.kind === 'cluster' ? "courtflow's databases and Temporal's, one server" : "courtflow's databases (Temporal's is SQLite, in its server)",
    },
    { figure: 'workers (ms)', courtflow: c('courtflowWorkers'), raw: r('noopWorker'), digits: 1, note: "courtflow: the case workers; raw: the no-op worker" },
    { figure: 'API (ms)', courtflow: c('api'), raw: undefined, digits: 1, note: 'raw starts go straight to Temporal' },
    { figure: 'load generator (ms)', courtflow: c('loadGenerator'), raw: r('loadGenerator'), digits: 1, note: "this benchmark's own process" },
    { figure: 'all together (ms)', courtflow: per(total('courtflow'), reached.courtflow), raw: per(total('raw'), reached.noop), digits: 1, note: `of ${result.machine.cores} cores` },
  ];
}

export function print(result: OpenClaimsResult, file: string): void {
  const { machine: m, versions: v, options: o, engine: e } = result;
  console.log(`
open claims: ${o.cases} cases with pending timers against ${o.cases} no-op workflows, one stack on this machine
  engine    ${e.temporal}; ${e.workers} courtflow worker${e.workers === 1 ? '' : 's'} on the case task queue, one no-op worker
  ${o.rounds} rounds (raw starts, then filings, each after the other's catch-up) at ${o.concurrency} in flight; ${o.samples} update samples of each kind per phase, one at a time
  machine   ${m.cpu}, ${m.cores} cores, ${m.ramGb} GB RAM, ${m.kernel}; load average ${m.loadAtStart.join(' ')} at start, ${(m.loadAtEnd ?? []).join(' ')} at end
  versions  Node ${v.node}; Temporal CLI ${v.temporalCli}; SDK ${v.temporalSdk}; PostgreSQL ${v.postgres}; courtflow ${v.courtflow} (${v.commit})
${result.failed ? `\n  FAILED at ${result.failed.openCases} open cases: ${result.failed.how}\n` : ''}
${table(rowsOf(result))}

CPU per workflow opened, by process (each side's starts and catch-up, all rounds)

${table(cpuRows(result))}
${result.sdk ? `\nwhere the workers' time went (the SDK's metrics over the whole run; courtflow's workers summed)\n\n${table(sdkRows(result.sdk))}\n` : ''}
results: ${file}
`);
  for (const phase of result.latency) {
    for (const kind of ['courtflow', 'raw'] as const) {
      const errors = phase.failures[kind];
      if (errors.length) console.log(`${phase.phase} ${kind} update failures (${errors.length}), first: ${errors[0] ?? ''}`);
    }
  }
}
