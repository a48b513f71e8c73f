/**
 * One run of the open-claims benchmark on a started stack: the rounds of
 * starts, the catch-ups, the two latency phases, and memory throughout.
 */
import { TEMPORAL_SERVER_VERSION } from '../../cli/stack/temporal-server-build';
import { untilCourtflowCaughtUp, untilNoopDrained, type Drained } from '../catch-up';
import { benchClaim, fileClaim, REQUEST_TIMEOUT_MS, type Filed } from '../courtflow-api';
import { inFlight, type LoadRun } from '../in-flight';
import { cpuSeconds, cpuSecondsWithChildren } from '../cpu-time';
import { loadNow, machine, versions } from '../machine';
import { MemoryWatch, residentMb, type Peak } from '../memory';
import { NOOP_TASK_QUEUE, NOOP_WORKFLOW } from '../noop/contract';
import type { Engine } from '../engine';
import type { BenchStack } from '../stack';
import { sample, seededRandom, summarise, type Summary } from '../stats';
import { between, summed, workerCounts, workerTimings, type WorkerTimings } from '../worker-metrics';
import type { Options } from './options';
import { staff, type Staff } from './staff';
import { updateLatency, type Kind, type LatencyPhase } from './update-latency';

/** Requests failing this many times in a row mean the stack has stopped answering. */
const FAILURES_IN_A_ROW = 20;
/** More failures than this share of a kind's attempts (and at least FAILURES_IN_A_ROW) end the run. */
const FAILURE_SHARE = 0.05;

export interface Failures {
  count: number;
  attempts: number;
  first?: { openCases: number; error: string };
}

export interface Round {
  round: number;
  /** `drainSeconds`: after the starts, until the worker had done what they gave it. */
  raw: Tally & { drainSeconds: number };
  courtflow: Tally & { drainSeconds: number };
  openAfter: { courtflow: number; noop: number };
  /** `worker`: the courtflow workers together; `workers`: each, in start order. */
  rssMb: { worker: number | undefined; workers: (number | undefined)[]; noopWorker: number | undefined };
  /** Workflows the workers hold in their caches (the SDK's default size for its heap); `worker` is the courtflow workers' sum. */
  cachedWorkflows: { worker: number; workers: number[]; noopWorker: number };
  /** The SDK's metrics over the round (both phases and their catch-ups): the courtflow workers summed, and the no-op worker. */
  sdk?: SdkTimings;
}

export type SdkTimings = Record<Kind, WorkerTimings>;

/** The processes whose CPU a phase is charged: the Temporal server, PostgreSQL (with all its backends), each side's workers, the API, and this benchmark's own process, which makes the requests. */
export type CpuRole = 'temporal' | 'postgres' | 'courtflowWorkers' | 'noopWorker' | 'api' | 'loadGenerator';
export type CpuSeconds = Record<CpuRole, number>;

export interface Tally {
  ok: number;
  failed: number;
  seconds: number;
  latencyMs: Summary;
}

const tally = (run: LoadRun<unknown>): Tally => ({
  ok: run.timed.filter((t) => t.outcome.ok).length,
  failed: run.timed.filter((t) => !t.outcome.ok).length,
  seconds: run.seconds,
  latencyMs: summarise(run.timed.filter((t) => t.outcome.ok).map((t) => t.ms)),
});

export interface OpenClaimsResult {
  benchmark: 'open-claims';
  date: string;
  options: Omit<Options, 'dataDir' | 'keep'>;
  /** Which Temporal ran (the dev server on SQLite, or the Temporal server on PostgreSQL), and how many courtflow workers. */
  engine: { kind: Engine; temporal: string; workers: number };
  machine: ReturnType<typeof machine>;
  versions: Awaited<ReturnType<typeof versions>>;
  reached: { courtflow: number; noop: number };
  /** Set when the stack could not hold `options.cases`: at how many open cases, and how it failed. */
  failed?: { openCases: number; how: string };
  /** The start phases only: requests answered per second. */
  start: Record<Kind, { ok: number; failed: number; seconds: number; perSecond: number; latencyMs: Summary; firstFailure?: Failures['first'] }>;
  /** Filings the API pushed back (503 worker-backlog) and the filer waited out, and how long the waits were in all. */
  pushedBack: { filings: number; seconds: number };
  /** Starts and the worker's catching up after each round: workflows opened and fully processed per second. */
  sustained: Record<Kind, { seconds: number; perSecond: number }>;
  rounds: Round[];
  memoryMb: Record<Role, { idle?: number; peak?: Peak; afterLastStart?: number; end?: number }>;
  /** The last round's catch-up, taken while the first latency phase ran. */
  lastCatchUp: Drained;
  latency: LatencyPhase[];
  /** What Temporal kept on disk at the end: the dev server's SQLite file, or the server's two PostgreSQL databases. */
  temporalStoreMb?: number;
  memorySeries: { t: number; open: { courtflow: number; noop: number }; rssMb: Partial<Record<Role, number>> }[];
  /** The SDK's metrics over the whole run, latency phases included: where the workers' time went. */
  sdk?: SdkTimings;
  /**
   * CPU seconds each process used during each side's phases, all rounds together: raw, from its first start
   * to its worker's drain; courtflow, from its first filing to its catch-up (the last round's steps timed
   * meanwhile included).
   */
  cpuSeconds: Record<Kind, CpuSeconds>;
}

export type Role = 'worker' | 'noopWorker' | 'temporal' | 'api';

export async function runOpenClaims(stack: BenchStack, options: Options, log: (line: string) => void): Promise<OpenClaimsResult> {
  const host = machine();
  const runId = Date.now().toString(36);
  const catchUpMs = options.catchUpMinutes * 60_000;
  log('registering officers and filers');
  const { officers, filers } = await staff(stack, options, runId);
  const versionsUsed = await versions(stack.ownerPool);

  const open = { courtflow: 0, noop: 0 };
  const filed: Filed[] = [];
  const noopIds: string[] = [];
  const failures: Record<Kind, Failures> = { courtflow: { count: 0, attempts: 0 }, raw: { count: 0, attempts: 0 } };
  // The courtflow workers' RSS is summed: what the case workers cost together, whatever their number.
  const pids: Record<Role, number | readonly number[]> = { worker: stack.pids.workers, noopWorker: stack.pids['noop-worker'], temporal: stack.pids.temporal, api: stack.pids.api };
  const watch = new MemoryWatch(pids, () => open).start();
  const idle = watch.sample();
  // Read from each worker's Prometheus endpoint; a reading that fails leaves the figure out, not the run.
  const readTimings = async (): Promise<SdkTimings | undefined> => {
    try {
      const courtflow = summed(await Promise.all(stack.metricsUrl.workers.map(workerTimings)));
      return courtflow ? { courtflow, raw: await workerTimings(stack.metricsUrl.noopWorker) } : undefined;
    } catch {
      return undefined;
    }
  };
  const overTime = (from: SdkTimings | undefined, to: SdkTimings | undefined): SdkTimings | undefined =>
    from && to ? { courtflow: between(from.courtflow, to.courtflow), raw: between(from.raw, to.raw) } : undefined;
  const timingsAtStart = await readTimings();
  const cpuNow = (): CpuSeconds => ({
    temporal: cpuSecondsWithChildren(stack.pids.temporal) ?? Number.NaN,
    postgres: cpuSecondsWithChildren(stack.pids.postgres) ?? Number.NaN,
    courtflowWorkers: stack.pids.workers.reduce((sum, pid) => sum + (cpuSeconds(pid) ?? Number.NaN), 0),
    noopWorker: cpuSeconds(stack.pids['noop-worker']) ?? Number.NaN,
    api: cpuSeconds(stack.pids.api) ?? Number.NaN,
    loadGenerator: cpuSeconds(process.pid) ?? Number.NaN,
  });
  const noCpu = (): CpuSeconds => ({ temporal: 0, postgres: 0, courtflowWorkers: 0, noopWorker: 0, api: 0, loadGenerator: 0 });
  const cpu: Record<Kind, CpuSeconds> = { raw: noCpu(), courtflow: noCpu() };
  const charge = (kind: Kind, from: CpuSeconds) => {
    const to = cpuNow();
    for (const role of Object.keys(to) as CpuRole[]) cpu[kind][role] += to[role] - from[role];
  };
  let timingsBefore = timingsAtStart;

  const startNoop = async (index: number) => {
    const workflowId = `noop-${runId}-${index}`;
    // The same start as courtflow's (services/start-once.ts): reject a duplicate ID, never replace a run.
    await stack.client.withDeadline(Date.now() + REQUEST_TIMEOUT_MS, () =>
      stack.client.workflow.start(NOOP_WORKFLOW, {
        workflowId,
        taskQueue: NOOP_TASK_QUEUE,
        args: [],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        workflowIdConflictPolicy: 'FAIL',
      }),
    );
    noopIds.push(workflowId);
    open.noop++;
  };
  const pushedBack = { filings: 0, seconds: 0 };
  const fileOne = async (index: number) => {
    const filer = filers[index % filers.length] as Staff['filers'][number];
    const answer = await fileClaim(stack.apiUrl, filer.signedIn, benchClaim(filer.displayName, index), `bench-${runId}-${index}`, (seconds) => {
      pushedBack.filings++;
      pushedBack.seconds += seconds;
    });
    filed.push(answer);
    open.courtflow++;
  };

  let failed: OpenClaimsResult['failed'];
  const stopWhen = (kind: Kind) => (timed: readonly { outcome: { ok: boolean } }[]): string | undefined => {
    const dead = stack.died();
    if (dead) return dead;
    const tail = timed.slice(-FAILURES_IN_A_ROW);
    if (tail.length === FAILURES_IN_A_ROW && tail.every((t) => !t.outcome.ok)) return `${FAILURES_IN_A_ROW} ${kind} starts in a row failed`;
    const f = failures[kind];
    const soFar = f.count + timed.filter((t) => !t.outcome.ok).length;
    const attempts = f.attempts + timed.length;
    if (soFar >= FAILURES_IN_A_ROW && soFar > FAILURE_SHARE * attempts) return `${soFar} of ${attempts} ${kind} starts failed`;
    return undefined;
  };
  const account = (kind: Kind, run: LoadRun<unknown>) => {
    const f = failures[kind];
    for (const t of run.timed) {
      f.attempts++;
      if (t.outcome.ok) continue;
      f.count++;
      f.first ??= { openCases: kind === 'courtflow' ? open.courtflow : open.noop, error: t.outcome.error };
    }
  };
  const fail = (how: string) => {
    failed ??= { openCases: open.courtflow, how };
    log(`stopped at ${open.courtflow} open cases: ${how}`);
  };

  const rounds: Round[] = [];
  const totals: Record<Kind, { seconds: number; drainSeconds: number; ms: number[] }> = {
    courtflow: { seconds: 0, drainSeconds: 0, ms: [] },
    raw: { seconds: 0, drainSeconds: 0, ms: [] },
  };
  const random = seededRandom(options.seed);
  let burst: LatencyPhase | undefined;
  let busy: LatencyPhase | undefined;
  let lastCatchUp: Drained = { done: false, seconds: 0, backlog: Number.NaN };
  let afterLastStart = idle;
  let next = 0;
  for (let round = 1; round <= options.rounds && next < options.cases && !failed; round++) {
    const from = next;
    const count = Math.min(Math.ceil(options.cases / options.rounds), options.cases - from);
    next += count;
    const last = next >= options.cases;
    const load = async (kind: Kind) => {
      const run = await inFlight(count, options.concurrency, (i) => (kind === 'raw' ? startNoop(from + i) : fileOne(from + i)), stopWhen(kind));
      account(kind, run);
      totals[kind].seconds += run.seconds;
      totals[kind].ms.push(...run.timed.filter((t) => t.outcome.ok).map((t) => t.ms));
      if (run.stoppedBecause) {
        const first = failures[kind].first;
        fail(`${run.stoppedBecause}${first ? `; the first failure, at ${first.openCases} open: ${first.error}` : ''}`);
      }
      return run;
    };

    // Each phase starts on a quiet server: the no-op worker has drained its starts before courtflow files,
    // and courtflow's worker has caught up with its filings before the next round's raw starts.
    const rawCpu = cpuNow();
    const raw = await load('raw');
    const noopDrain = failed ? undefined : await untilNoopDrained(stack, open.noop, catchUpMs);
    charge('raw', rawCpu);
    if (noopDrain && !noopDrain.done) fail(`the no-op worker did not drain its task queue within ${options.catchUpMinutes} minutes (backlog ${noopDrain.backlog})`);
    totals.raw.drainSeconds += noopDrain?.seconds ?? 0;
    const courtflowCpu = cpuNow();
    // The last round's filings are the burst: an officer's steps on cases filed before it are timed meanwhile.
    let burstOver = false;
    let duringBurst: Promise<LatencyPhase> | undefined;
    if (last && !failed && filed.length > 0) {
      log("update latency during the last round's filings");
      duringBurst = updateLatency(stack, 'during-burst', sample(filed, options.samples, random), sample(noopIds, options.samples, random), officers, `burst-${runId}`, () => burstOver);
    }
    const courtflow = failed ? undefined : await load('courtflow');
    burstOver = true;
    if (duringBurst) burst = await duringBurst;
    if (last || failed) afterLastStart = watch.sample();
    let catchUp: Drained | undefined;
    if (courtflow && !failed) {
      const catchingUp = untilCourtflowCaughtUp(stack, filed.length, catchUpMs, (d) =>
        log(`catching up: ${d.notices ?? '?'}/${filed.length} notices of hearing issued, backlog ${d.backlog}, ${d.seconds.toFixed(0)} s`),
      );
      if (last) {
        // The last round's catch-up is when an officer's step meets a busy worker: take the first latency phase meanwhile.
        let caughtUp = false;
        void catchingUp.then(() => (caughtUp = true));
        log('update latency while the worker catches up with the last round');
        busy = await updateLatency(stack, 'catching-up', sample(filed, options.samples, random), sample(noopIds, options.samples, random), officers, `busy-${runId}`, () => caughtUp);
      }
      catchUp = await catchingUp;
      if (last) lastCatchUp = catchUp;
      totals.courtflow.drainSeconds += catchUp.seconds;
      if (!catchUp.done) fail(`the worker did not catch up within ${options.catchUpMinutes} minutes: ${catchUp.notices ?? '?'}/${filed.length} notices issued, backlog ${catchUp.backlog}`);
    }
    charge('courtflow', courtflowCpu);

    const memory = watch.sample();
    const timingsNow = await readTimings();
    const sdk = overTime(timingsBefore, timingsNow);
    timingsBefore = timingsNow;
    const cached = async (url: string) => (await workerCounts(url).catch(() => undefined))?.cachedWorkflows ?? Number.NaN;
    const cachedEach = await Promise.all(stack.metricsUrl.workers.map(cached));
    const r: Round = {
      round,
      raw: { ...tally(raw), drainSeconds: noopDrain?.seconds ?? Number.NaN },
      courtflow: { ...tally(courtflow ?? { timed: [], seconds: 0 }), drainSeconds: catchUp?.seconds ?? Number.NaN },
      openAfter: { ...open },
      rssMb: { worker: memory.rssMb.worker, workers: stack.pids.workers.map(residentMb), noopWorker: memory.rssMb.noopWorker },
      cachedWorkflows: { worker: cachedEach.reduce((a, b) => a + b, 0), workers: cachedEach, noopWorker: await cached(stack.metricsUrl.noopWorker) },
      ...(sdk ? { sdk } : {}),
    };
    rounds.push(r);
    const perSecond = (t: Tally) => (t.ok / t.seconds).toFixed(1);
    log(
      `round ${round}/${options.rounds}: raw ${r.raw.ok} in ${r.raw.seconds.toFixed(1)} s (${perSecond(r.raw)}/s) + drain ${r.raw.drainSeconds.toFixed(1)} s; ` +
        `courtflow ${r.courtflow.ok} in ${r.courtflow.seconds.toFixed(1)} s (${perSecond(r.courtflow)}/s, p99 ${r.courtflow.latencyMs.p99.toFixed(0)} ms) + catch-up ${r.courtflow.drainSeconds.toFixed(1)} s; ` +
        `open ${open.courtflow} cases, ${open.noop} no-op; worker${r.rssMb.workers.length > 1 ? `s ${r.rssMb.workers.map(mb).join(' + ')} =` : ''} ${mb(r.rssMb.worker)} (${r.cachedWorkflows.worker} cached), ` +
        `no-op worker ${mb(r.rssMb.noopWorker)} (${r.cachedWorkflows.noopWorker} cached)` +
        (failures.courtflow.count + failures.raw.count ? `; failures: courtflow ${failures.courtflow.count}, raw ${failures.raw.count}` : ''),
    );
  }

  const latency: LatencyPhase[] = [burst, busy].filter((phase): phase is LatencyPhase => phase !== undefined);
  if (!stack.died()) {
    log('update latency after catch-up');
    latency.push(await updateLatency(stack, 'caught-up', sample(filed, options.samples, random), sample(noopIds, options.samples, random), officers, `calm-${runId}`, () => false));
  }
  watch.stop();
  const end = watch.sample();
  const sdk = overTime(timingsAtStart, await readTimings());

  const temporalStoreMb = await stack.temporalStoreMb().catch(() => undefined);
  const rate = (kind: Kind) => {
    const f = failures[kind];
    const ok = kind === 'courtflow' ? open.courtflow : open.noop;
    return {
      ok,
      failed: f.count,
      seconds: totals[kind].seconds,
      perSecond: ok / totals[kind].seconds,
      latencyMs: summarise(totals[kind].ms),
      ...(f.first ? { firstFailure: f.first } : {}),
    };
  };
  const sustained = (kind: Kind) => {
    const seconds = totals[kind].seconds + totals[kind].drainSeconds;
    return { seconds, perSecond: (kind === 'courtflow' ? open.courtflow : open.noop) / seconds };
  };
  const memoryOf = (role: Role) => {
    const peak = watch.peak(role);
    return {
      ...(idle.rssMb[role] === undefined ? {} : { idle: idle.rssMb[role] }),
      ...(peak ? { peak } : {}),
      ...(afterLastStart.rssMb[role] === undefined ? {} : { afterLastStart: afterLastStart.rssMb[role] }),
      ...(end.rssMb[role] === undefined ? {} : { end: end.rssMb[role] }),
    };
  };
  const { dataDir: _dataDir, keep: _keep, ...shownOptions } = options;
  return {
    benchmark: 'open-claims',
    date: new Date().toISOString(),
    options: shownOptions,
    engine: {
      kind: stack.engine,
      temporal: stack.engine === 'cluster' ? `Temporal server ${TEMPORAL_SERVER_VERSION} on PostgreSQL` : 'Temporal CLI dev server on SQLite',
      workers: stack.pids.workers.length,
    },
    machine: { ...host, loadAtEnd: loadNow() },
    versions: versionsUsed,
    reached: { ...open },
    ...(failed ? { failed } : {}),
    start: { courtflow: rate('courtflow'), raw: rate('raw') },
    pushedBack,
    sustained: { courtflow: sustained('courtflow'), raw: sustained('raw') },
    rounds,
    memoryMb: { worker: memoryOf('worker'), noopWorker: memoryOf('noopWorker'), temporal: memoryOf('temporal'), api: memoryOf('api') },
    lastCatchUp,
    latency,
    ...(temporalStoreMb === undefined ? {} : { temporalStoreMb }),
    ...(sdk ? { sdk } : {}),
    cpuSeconds: cpu,
    // Every fifth sample is plenty to draw memory against open cases.
    memorySeries: watch.samples.filter((_, i) => i % 5 === 0).map((s) => ({ t: s.t, open: s.open, rssMb: s.rssMb })),
  };
}

const mb = (value: number | undefined) => (value === undefined ? '?' : `${value.toFixed(0)} MB`);
