/**
 * Starts one of the benchmark's worker processes (worker.ts) beside the
 * stack's, connected as `courtflow worker` is: to the stack's Temporal
 * server, and to PostgreSQL as the application role, never the owner.
 */
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import path from 'node:path';
import { embeddedRoleUrls } from '../../cli/stack/embedded-postgres';
import { terminate } from '../../cli/stack/processes';
import { NoPointWaiting, waitFor } from '../../cli/stack/wait-for';
import { NAMESPACE, type BenchStack } from '../stack';
import { taskQueueOf, type BenchWorkerKind } from './contract';

export interface BenchWorker {
  pid: number;
  /** How it exited, if it did on its own. */
  died(): string | undefined;
  stop(): Promise<void>;
}

const WORKER_MAIN = path.join(__dirname, 'worker.js');

/** The application role's URL on the stack's embedded server (the stack holds the owner's pool; the password files sit in its data dir). */
function appUrlOf(stack: BenchStack): string {
  const owner = stack.ownerPool.options.connectionString;
  const port = owner ? Number(new URL(owner).port) : Number.NaN;
  const urls = Number.isInteger(port) ? embeddedRoleUrls(stack.dataDir, port) : undefined;
  if (!urls) throw new Error(`no application role's password under ${stack.dataDir}`);
  return urls.appUrl;
}

export async function startBenchWorker(stack: BenchStack, kind: BenchWorkerKind): Promise<BenchWorker> {
  const logFile = path.join(stack.dataDir, 'logs', `bench-${kind}-worker.log`);
  const taskQueue = taskQueueOf(kind);
  const log = openSync(logFile, 'a');
  const env: NodeJS.ProcessEnv = { ...process.env, TEMPORAL_ADDRESS: stack.temporalAddress, TEMPORAL_NAMESPACE: NAMESPACE, DATABASE_URL: appUrlOf(stack) };
  delete env.MIGRATION_DATABASE_URL;
  const child = spawn(process.execPath, [WORKER_MAIN, kind], { env, stdio: ['ignore', log, log], detached: true });
  let exit: string | undefined;
  let stopping = false;
  child.once('exit', (code, signal) => {
    exit = `the ${kind} worker (pid ${child.pid}) exited: ${signal ? `killed by ${signal}` : `exit code ${code}`}`;
  });
  const died = () => (stopping ? undefined : exit);
  const stop = async () => {
    stopping = true;
    if (child.pid && exit === undefined) await terminate(child.pid, 'SIGTERM', 15_000);
  };
  try {
    // It bundles its workflows at start: timers started before it polls would measure the bundling.
    await waitFor(`the ${kind} worker polling ${taskQueue} (log: ${logFile})`, 120_000, async () => {
      if (exit) throw new NoPointWaiting(exit);
      const { pollers } = await stack.client.workflowService.describeTaskQueue({ namespace: NAMESPACE, taskQueue: { name: taskQueue } });
      if (pollers.length === 0) throw new Error('no poller yet');
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return { pid: child.pid ?? 0, died, stop };
}
