/**
 * `courtflow replay <caseNo|filingRef>... | --open | --closed | --dir <path>  [--json]`
 *
 * Replays case histories against today's workflow code with Temporal's
 * replayer, and names each run whose history the code no longer reproduces
 * (nondeterminism), with its case and, where the SDK says, the event. This is
 * the check a change to a workflow must pass before it ships: a running case
 * whose history no longer replays is stuck on its next workflow task.
 *
 * Sources: one case (every run under its workflow ID: a long case continues
 * as new) or the open or closed runs of every small claim and filing, from
 * TEMPORAL_ADDRESS (namespace TEMPORAL_NAMESPACE) or, when that is unset, the
 * embedded dev server of `npm start` (127.0.0.1:TEMPORAL_PORT); or every
 * `*.json` history in a directory, which needs no server (CI replays the
 * recorded fixtures so). `argv` is the words after `replay`.
 * Exit codes: 0 every history replayed, 1 any failed or could not be read or
 * listed (each named), 2 bad usage.
 */
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Client } from '@temporalio/client';
import type { WorkflowBundle } from '@temporalio/worker';
import { loadConfig, type Config } from '../../config';
import { argsErrorMessage } from './args';
import type { CommandOutput } from './deadline';
import { historiesInDirectory, historyFilesIn, type HistoryItem } from '../replay/history-files';
import type { ReplayOutcome } from '../replay/replay-histories';
import { runsOnServer, runsQuery, type RunState } from '../replay/server-histories';

export const REPLAY_USAGE = 'usage: courtflow replay <caseNo|filingRef>... | --open | --closed | --dir <path>  [--json]';

const HELP = [
  REPLAY_USAGE,
  '',
  "Replays case histories against today's workflow code with Temporal's replayer and names every run the code no",
  'longer reproduces (nondeterminism: running cases like it would be stuck), with its case and the event it diverged at.',
  '  <caseNo|filingRef>  one or more cases by workflow ID (SCTC-2026-000001, a filing reference): every run of each',
  '  --open              every small claim and filing run still running',
  '  --closed            every closed run (finished, or continued as new: the earlier runs of a long case);',
  '                      with --open, every run',
  '  --dir <path>        every *.json Temporal history in a directory, or a case bundle of `courtflow export` (or a',
  '                      directory of them); no server needed; a plain file\'s name stands for',
  '                      the workflow ID',
  '  --json              one JSON line per history: workflowId, runId, ok, and on failure error { kind, message, eventId }',
  '',
  'Temporal: TEMPORAL_ADDRESS (namespace TEMPORAL_NAMESPACE), or the embedded server of `npm start` (127.0.0.1:TEMPORAL_PORT).',
  'Exit codes: 0 every history replayed; 1 any failed, or could not be read or listed; 2 bad usage.',
  '',
].join('\n');

/** A problem with the command line; one line, exit code 2. */
class UsageError extends Error {
  override name = 'UsageError';
}

type Target = { kind: 'cases'; workflowIds: string[] } | { kind: 'runs'; states: RunState[] } | { kind: 'dir'; dir: string };

interface ParsedCommand {
  target: Target;
  json: boolean;
}

function parseCommand(argv: string[]): ParsedCommand | 'help' {
  // Help first: whatever else is on the line, `--help` prints and does nothing.
  if (argv.includes('--help') || argv.includes('-h')) return 'help';
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        open: { type: 'boolean' },
        closed: { type: 'boolean' },
        dir: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError(`${argsErrorMessage(error) ?? 'bad arguments'}; see courtflow replay --help`);
  }
  const { values, positionals } = parsed;
  const states: RunState[] = [...(values.open === true ? ['open' as const] : []), ...(values.closed === true ? ['closed' as const] : [])];
  const chosen = [positionals.length > 0, states.length > 0, values.dir !== undefined].filter(Boolean).length;
  if (chosen === 0) throw new UsageError(`say what to replay: a case number or filing reference, --open, --closed or --dir; ${REPLAY_USAGE}`);
  if (chosen > 1) throw new UsageError(`replay cases by ID, --open/--closed, or --dir, one at a time; ${REPLAY_USAGE}`);
  const json = values.json === true;
  if (values.dir !== undefined) {
    let isDirectory = false;
    try {
      isDirectory = statSync(values.dir).isDirectory();
    } catch {
      // Missing: said below.
    }
    if (!isDirectory) throw new UsageError(`--dir ${JSON.stringify(values.dir)} is not a directory`);
    return { target: { kind: 'dir', dir: values.dir }, json };
  }
  if (states.length > 0) return { target: { kind: 'runs', states }, json };
  const blank = positionals.find((id) => id.trim() === '');
  if (blank !== undefined) throw new UsageError('a case number or filing reference cannot be empty');
  return { target: { kind: 'cases', workflowIds: positionals }, json };
}

/** What the command needs from outside; tests pass a prebuilt bundle and a client of their own server. */
export interface ReplayDeps {
  env?: NodeJS.ProcessEnv;
  /** The workflow code to replay against; by default today's workflows, bundled as the worker bundles them. */
  workflowBundle?: () => Promise<WorkflowBundle>;
  /** A client of the namespace the cases live in; by default one connected from the configuration. */
  connect?: (config: Config) => Promise<{ client: Client; address: string; close: () => Promise<void> }>;
}

/** The Temporal the rest of the CLI finds: TEMPORAL_ADDRESS, or the embedded dev server of `npm start`. */
export function temporalAddress(config: Config): string {
  return config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_PORT}`;
}

export async function connectFromConfig(config: Config) {
  const { Client, Connection } = await import('@temporalio/client');
  const address = temporalAddress(config);
  // A short deadline: a stack that is not running should be said at once, not after the default minute.
  const connection = await Connection.connect({ address, connectTimeout: '5 seconds' });
  return { client: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }), address, close: () => connection.close() };
}

/** Today's workflows, bundled as the worker bundles them, with the SDK's logging cut down to warnings (this process is ours). */
async function bundleTodaysWorkflows(): Promise<WorkflowBundle> {
  const [{ bundleWorkflowCode, DefaultLogger, Runtime }, { workflowsPath }] = await Promise.all([import('@temporalio/worker'), import('../../workers/worker')]);
  try {
    // The replay worker's state changes are logged at INFO and would drown the report.
    Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } } });
  } catch {
    // A runtime already installed in this process keeps its settings.
  }
  const quiet = () => undefined;
  // The bundler's progress lines would drown the report; its errors still show.
  return bundleWorkflowCode({ workflowsPath, logger: { log: quiet, info: quiet, debug: quiet, trace: quiet, warn: quiet, error: (message) => console.error(message) } });
}

/** One line of the text report. */
function describeOutcome(o: ReplayOutcome): string {
  const run = o.runId !== null ? ` run ${o.runId}` : '';
  if (o.ok) return `ok      ${o.workflowId}${run} (${o.origin})${o.note !== undefined ? `: ${o.note}` : ''}\n`;
  const error = o.error!;
  const at = error.eventId !== null ? ` at event ${error.eventId}` : '';
  return `FAILED  ${o.workflowId}${run} (${o.origin}): ${error.kind}${at}: ${error.message}\n`;
}

async function* casesOnServer(client: Client, workflowIds: string[], origin: string): AsyncGenerator<HistoryItem> {
  for (const workflowId of workflowIds) {
    let found = false;
    for await (const item of runsOnServer(client, runsQuery({ workflowId }), origin)) {
      found = true;
      yield item;
    }
    if (!found) yield { workflowId, origin, problem: `no workflow with this ID at ${origin} (a case number such as SCTC-2026-000001, or a filing reference)` };
  }
}

export async function runReplayCommand(argv: string[], out: CommandOutput, deps: ReplayDeps = {}): Promise<number> {
  let cmd: ParsedCommand | 'help';
  try {
    cmd = parseCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    out.stderr(`courtflow replay: ${error.message}\n`);
    return 2;
  }
  if (cmd === 'help') {
    out.stdout(HELP);
    return 0;
  }
  const { target, json } = cmd;

  let items: AsyncIterable<HistoryItem> | Iterable<HistoryItem>;
  let close = async (): Promise<void> => undefined;
  if (target.kind === 'dir') {
    if (historyFilesIn(target.dir).length === 0) {
      // An empty directory in CI is a wrong path, not a pass.
      out.stderr(`courtflow replay: no *.json histories in ${target.dir}\n`);
      return 1;
    }
    items = historiesInDirectory(target.dir);
  } else {
    const config = loadConfig(deps.env ?? process.env);
    let connected;
    try {
      connected = await (deps.connect ?? connectFromConfig)(config);
    } catch (error) {
      out.stderr(`courtflow replay: cannot reach Temporal at ${temporalAddress(config)}: ${(error as Error).message} (is \`npm start\` running, or TEMPORAL_ADDRESS set?)\n`);
      return 1;
    }
    const origin = `${connected.address} namespace ${config.TEMPORAL_NAMESPACE}`;
    close = connected.close;
    items =
      target.kind === 'cases'
        ? casesOnServer(connected.client, target.workflowIds, origin)
        : runsOnServer(connected.client, runsQuery({ states: target.states }), origin);
  }

  let replayed = 0;
  const failed: ReplayOutcome[] = [];
  try {
    const [{ replayHistories }, workflowBundle] = await Promise.all([import('../replay/replay-histories'), (deps.workflowBundle ?? bundleTodaysWorkflows)()]);
    for await (const outcome of replayHistories(items, workflowBundle)) {
      replayed += 1;
      if (!outcome.ok) failed.push(outcome);
      out.stdout(json ? `${JSON.stringify(outcome)}\n` : describeOutcome(outcome));
    }
  } catch (error) {
    // A list that could not be read, or a replayer that stopped: what was replayed so far stands, the rest is unknown.
    out.stderr(`courtflow replay: stopped after ${replayed} histories: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await close();
  }

  const summary = `${replayed} ${replayed === 1 ? 'history' : 'histories'} replayed, ${failed.length} failed`;
  // With --json, stdout is one JSON line per history and nothing else.
  (json ? out.stderr : out.stdout)(`${summary}\n`);
  if (failed.length > 0) {
    const named = failed.map((o) => `${o.workflowId}${o.runId !== null ? ` run ${o.runId}` : ''}${o.error?.eventId != null ? ` (event ${o.error.eventId})` : ''}`);
    out.stderr(`courtflow replay: failed: ${named.join(', ')}\n`);
  }
  return failed.length > 0 ? 1 : 0;
}
