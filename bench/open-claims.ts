/**
 * `npm run bench:open-claims -- --cases 10000`: open small claims with
 * pending timers against a raw no-op workflow, side by side in one run on
 * one stack (bench/stack.ts): the embedded dev server, or with `--engine cluster`
 * the Temporal server on PostgreSQL, with `--workers N` courtflow workers.
 *
 *   start rate      N claims filed through the API (each opens a case
 *                   workflow holding its statutory timers) against N no-op
 *                   workflows started with `client.workflow.start`, at the
 *                   same concurrency, in rounds of N/10 each: raw, then
 *                   courtflow, each starting on a quiet server (the other's
 *                   worker has done what its starts gave it)
 *   catch-up        after each round, until the worker has issued every
 *                   case's notice of hearing and the read model shows it
 *                   (the no-op worker: until it has run every start's task)
 *   worker memory   VmRSS of the courtflow worker and of the no-op worker,
 *                   sampled every second with what was open
 *   update latency  an officer's step through the API (record-service) on
 *                   randomly chosen open cases against a raw `executeUpdate`
 *                   on randomly chosen no-op workflows, in pairs, one request
 *                   at a time: during the last round's catch-up, and after it
 *
 * If the stack cannot hold N (a process dies, requests keep failing, the
 * worker does not catch up), the run stops there and says at how many open
 * cases and how, and exits 1.
 */
import path from 'node:path';
import { argsErrorMessage } from '../cli/commands/args';
import { projectRoot } from '../config/project-root';
import { errorText } from './in-flight';
import { parseOptions, USAGE, type Options } from './open-claims/options';
import { print } from './open-claims/rows';
import { runOpenClaims } from './open-claims/run';
import { writeResult } from './report';
import { startBenchStack } from './stack';

const log = (line: string) => console.log(`bench: ${line}`);

async function main(argv: string[]): Promise<number> {
  let options: Options | 'help';
  try {
    options = parseOptions(argv);
  } catch (err) {
    console.error(`bench: ${argsErrorMessage(err) ?? errorText(err)}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  log(`starting the stack for ${options.cases} cases (engine ${options.engine}, ${options.workers} courtflow worker${options.workers === 1 ? '' : 's'})`);
  const stack = await startBenchStack({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.cpuProfileDir ? { cpuProfileDir: options.cpuProfileDir } : {}),
    keep: options.keep,
    engine: options.engine,
    workers: options.workers,
    log,
  });
  // Ctrl-C stops the stack it started, so nothing is left running.
  const interrupted = () => void stack.stop().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const result = await runOpenClaims(stack, options, log);
    const file = writeResult(path.join(projectRoot(), 'bench', 'results'), `open-claims-${result.date.slice(0, 10)}-n${options.cases}${options.engine === 'cluster' ? `-cluster-w${options.workers}` : options.workers > 1 ? `-w${options.workers}` : ''}.json`, result);
    print(result, file);
    return result.failed ? 1 : 0;
  } finally {
    if (options.keep) log(`data kept in ${stack.dataDir}`);
    await stack.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  },
);
