/**
 * `npm run bench:replay -- [--histories 1000]`: replaying recorded case
 * histories against today's code, as `courtflow replay` does it
 * (cli/replay/replay-histories.ts, the real workflow bundle), against the
 * SDK's replayer alone on no-op histories of the same length, side by side
 * in one run, in one process, with no server.
 *
 *   cases     the recorded histories of test/fixtures/histories, each copied
 *             under its own workflow ID until there are N
 *   no-op     for each recorded history, one no-op run recorded just now on
 *             the time-skipping test server, waiting as many times as makes
 *             its history as long (five events a wait), copied the same way
 *   measure   after a warm-up of each, raw then courtflow then raw then
 *             courtflow; the better of each pair is reported (the first pass
 *             of a kind can still be warming its V8 contexts)
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundle } from '@temporalio/worker';
import { replayHistories } from '../cli/replay/replay-histories';
import { requireTemporalBinary, TEMPORAL_TEST_SERVER } from '../cli/stack/temporal-binaries';
import type { HistoryToReplay } from '../cli/replay/history-files';
import { projectRoot } from '../config/project-root';
import { workflowsPath } from '../workers/worker';
import { machine } from './machine';
import { wholeOption } from './whole-option';
import { table, writeResult, type Row } from './report';

type History = temporal.api.history.v1.IHistory;
const log = (line: string) => console.log(`bench: ${line}`);
const quiet = { log: () => undefined, info: () => undefined, debug: () => undefined, trace: () => undefined, warn: () => undefined, error: (m: string) => console.error(m) };

function historiesOption(argv: string[]): number {
  const at = argv.indexOf('--histories');
  return wholeOption('histories', at === -1 ? undefined : argv[at + 1], 1000, 1);
}

/** Copies of `histories` under their own workflow IDs, round-robin, until there are `count`. */
function copies(histories: readonly History[], count: number, prefix: string): HistoryToReplay[] {
  return Array.from({ length: count }, (_, i) => ({ workflowId: `${prefix}-${i}`, origin: prefix, history: histories[i % histories.length]! }));
}

const eventsOf = (items: readonly HistoryToReplay[]) => items.reduce((n, item) => n + (item.history.events?.length ?? 0), 0);

/** One no-op run per recorded history, each as long as it (to within the five events of a wait). */
async function recordNoopHistories(lengths: readonly number[]): Promise<History[]> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: requireTemporalBinary(TEMPORAL_TEST_SERVER) } } });
  try {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'bench-replay-noop',
      workflowBundle: await bundleWorkflowCode({ workflowsPath: require.resolve('./noop/workflows'), logger: quiet }),
    });
    return await worker.runUntil(async () => {
      const histories: History[] = [];
      for (const [i, length] of lengths.entries()) {
        // Start (3 events) and completion (5) around five events a wait.
        const steps = Math.max(0, Math.round((length - 8) / 5));
        const handle = await env.client.workflow.start('noopStepsWorkflow', { taskQueue: 'bench-replay-noop', workflowId: `noop-${i}`, args: [steps] });
        await handle.result();
        histories.push(await handle.fetchHistory());
      }
      return histories;
    });
  } finally {
    await env.teardown();
  }
}

/** Histories a second through the SDK's replayer alone. */
async function rawPass(items: readonly HistoryToReplay[], bundle: WorkflowBundle): Promise<number> {
  const started = process.hrtime.bigint();
  let failed = 0;
  for await (const result of Worker.runReplayHistories({ workflowBundle: bundle, replayName: 'bench-raw' }, items.map((i) => ({ workflowId: i.workflowId, history: i.history })))) {
    if (result.error) failed += 1;
  }
  if (failed > 0) throw new Error(`${failed} no-op histories failed to replay`);
  return items.length / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** Histories a second through `courtflow replay`'s own path. */
async function courtflowPass(items: readonly HistoryToReplay[], bundle: WorkflowBundle): Promise<number> {
  const started = process.hrtime.bigint();
  let failed = 0;
  for await (const outcome of replayHistories(items, bundle)) if (!outcome.ok) failed += 1;
  if (failed > 0) throw new Error(`${failed} case histories failed to replay`);
  return items.length / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function main(argv: string[]): Promise<number> {
  const count = historiesOption(argv);
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } } });
  const dir = path.join(projectRoot(), 'test', 'fixtures', 'histories');
  const recorded = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(path.join(dir, f), 'utf8'))));
  log(`${recorded.length} recorded case histories; recording as many no-op histories of the same lengths`);
  const noop = await recordNoopHistories(recorded.map((h) => h.events?.length ?? 0));
  log('bundling the workflows');
  const [courtflowBundle, noopBundle] = await Promise.all([
    bundleWorkflowCode({ workflowsPath, logger: quiet }),
    bundleWorkflowCode({ workflowsPath: require.resolve('./noop/workflows'), logger: quiet }),
  ]);
  const cases = copies(recorded, count, 'case');
  const raws = copies(noop, count, 'noop');
  log(`warming up, then replaying ${count} of each, twice, alternately`);
  await rawPass(raws.slice(0, 20), noopBundle);
  await courtflowPass(cases.slice(0, 20), courtflowBundle);
  const rawRates: number[] = [];
  const courtflowRates: number[] = [];
  for (let round = 0; round < 2; round++) {
    rawRates.push(await rawPass(raws, noopBundle));
    courtflowRates.push(await courtflowPass(cases, courtflowBundle));
  }
  const courtflow = Math.max(...courtflowRates);
  const raw = Math.max(...rawRates);
  const [caseEvents, noopEvents] = [eventsOf(cases) / count, eventsOf(raws) / count];
  const rows: Row[] = [
    { figure: 'histories replayed a second', courtflow, raw, digits: 1, note: `${count} of each` },
    { figure: 'events replayed a second', courtflow: courtflow * caseEvents, raw: raw * noopEvents, digits: 0 },
    { figure: 'events per history (mean)', courtflow: caseEvents, raw: noopEvents, digits: 1 },
  ];
  const result = { date: new Date().toISOString(), histories: count, machine: machine(), rows, passes: { courtflow: courtflowRates, raw: rawRates } };
  const file = writeResult(path.join(projectRoot(), 'bench', 'results'), `replay-${result.date.slice(0, 10)}-n${count}.json`, result);
  console.log(`\n${table(rows)}\n\nkept in ${path.relative(projectRoot(), file)}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // The replay workers' native runtime would otherwise hold the process open.
    process.exit(code);
  },
  (err: unknown) => {
    console.error(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
