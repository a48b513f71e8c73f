/**
 * `npm run bench:alert-latency -- --alerts 200`: how long after its due
 * instant a deadline alert reaches its recipient, by inbox, email and
 * webhook, against a raw Temporal timer's own lateness (alone on the server,
 * then beside the alerts), in one run on one embedded stack (bench/stack.ts).
 *
 * A case's alerts fall at 09:00 (or 00:00) Hong Kong time on calendar days,
 * which no benchmark on a real clock can wait for; so a workflow of the
 * benchmark's own (bench/alert-latency/workflows.ts) holds a durable timer
 * to an instant a few seconds ahead and then delivers the alert through the
 * same workflow function and the same `deliverDeadlineAlert` activity the
 * cases use. Email goes through SMTP to a mail sink the run holds, webhooks
 * to a receiver on loopback, both sent by the stack's courtflow worker as
 * in production.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { argsErrorMessage } from '../cli/commands/args';
import { projectRoot } from '../config/project-root';
import { createMailSink } from '../sandbox/mail-sink/server';
import { parseOptions, USAGE, type Options } from './alert-latency/options';
import { print } from './alert-latency/rows';
import { runAlertLatency } from './alert-latency/run';
import { startBenchWorker, type BenchWorker } from './alert-latency/spawn-worker';
import { startWebhookReceiver } from './alert-latency/webhook-receiver';
import { errorText } from './in-flight';
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
  // The stack removes its data dir when it stops (unless --keep); the mail sink keeps its messages inside it.
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'courtflow-bench-alerts-'));
  const sink = await createMailSink({ dir: path.join(dataDir, 'mail-sink') });
  const webhook = await startWebhookReceiver();
  const closeReceivers = () => Promise.all([sink.close(), webhook.close()]);
  // The stack hands this process's environment to the courtflow worker it starts: that worker sends the
  // run's emails to the sink, and its webhooks to the receiver on loopback.
  process.env.SMTP_URL = sink.smtpUrl;
  process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = 'true';

  log(`starting the stack for ${options.alerts} alerts`);
  const stack = await startBenchStack({ dataDir, keep: options.keep, log }).catch(async (err: unknown) => {
    await closeReceivers();
    throw err;
  });
  const workers: BenchWorker[] = [];
  const stopAll = async () => {
    for (const worker of workers) await worker.stop();
    await closeReceivers();
    await stack.stop();
  };
  // Ctrl-C stops what the run started, so nothing is left running.
  const interrupted = () => void stopAll().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    log('starting the alert worker and the raw timers\' worker');
    workers.push(await startBenchWorker(stack, 'alerts'), await startBenchWorker(stack, 'timers'));
    const result = await runAlertLatency(stack, workers, { sink, webhook }, options, log);
    const file = writeResult(path.join(projectRoot(), 'bench', 'results'), `alert-latency-${result.date.slice(0, 10)}-n${options.alerts}-spread${options.spreadSeconds}.json`, result);
    print(result, file);
    return result.failed ? 1 : 0;
  } finally {
    if (options.keep) log(`data kept in ${stack.dataDir}`);
    await stopAll();
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
