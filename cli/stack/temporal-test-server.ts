/**
 * Training's Temporal: the time-skipping test server, whose clock runs with
 * the wall clock until it is moved on (services/training/court-clock.ts), so
 * a case's sixty days pass when an officer says so. It keeps everything in
 * memory: a training session lasts as long as the stack.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { requireTemporalBinary, TEMPORAL_TEST_SERVER } from './temporal-binaries';
import { answersFor, logTail, stopperOf } from './temporal-process';
import { NoPointWaiting, waitFor } from './wait-for';

export interface RunningTestServer {
  address: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startTemporalTestServer(options: { dataDir: string; port: number; namespace: string }): Promise<RunningTestServer> {
  const executable = requireTemporalBinary(TEMPORAL_TEST_SERVER);
  const dir = path.join(options.dataDir, 'temporal');
  mkdirSync(dir, { recursive: true });
  const logPath = path.join(dir, 'test-server.log');
  const log = openSync(logPath, 'a');
  // Its own process group, as the dev server: Ctrl-C reaches only the supervisor, which stops it in order.
  const child = spawn(executable, [String(options.port)], { stdio: ['ignore', log, log], detached: true });
  closeSync(log);
  const address = `127.0.0.1:${options.port}`;
  const stop = stopperOf(child);

  await waitFor(`Temporal time-skipping test server on ${address} (log: ${logPath})`, 60_000, async () => {
    if (child.exitCode !== null) {
      const said = logTail(logPath);
      throw new NoPointWaiting(`temporal-test-server exited with code ${child.exitCode}; the end of ${logPath}:\n${said}`);
    }
    await answersFor(address, options.namespace);
  });

  return {
    address,
    process: child,
    stop,
  };
}
