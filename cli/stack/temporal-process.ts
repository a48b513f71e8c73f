/**
 * What the supervisor does alike for either Temporal it runs (the dev
 * server, or training's time-skipping test server): asks whether it
 * answers, quotes its log when it died, and stops it.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Connection } from '@temporalio/client';

/** Resolves once the server at `address` answers for `namespace`; throws otherwise (a probe for `waitFor`). */
export async function answersFor(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address, connectTimeout: 1000 });
  try {
    await connection.workflowService.describeNamespace({ namespace });
  } finally {
    await connection.close();
  }
}

/** The last `lines` lines the log gained after byte `from`: why a server that died at start-up died. */
export const logTail = (logPath: string, from = 0, lines = 15): string =>
  readFileSync(logPath).subarray(from).toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');

/** Stops the server as an operator does: SIGTERM, SIGKILL after ten seconds, and waits until it has exited. */
export function stopperOf(child: ChildProcess): () => Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timeout);
  };
}
