/**
 * The embedded Temporal: `temporal server start-dev` with a persistent
 * SQLite file, so a restart finds every case and pending timer again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { requireTemporalBinary, TEMPORAL_CLI } from './temporal-binaries';
import { NoPointWaiting, waitFor } from './wait-for';

export interface DevServerOptions {
  dataDir: string;
  port: number;
  uiPort: number;
  namespace: string;
}

export interface RunningDevServer {
  address: string;
  uiUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startTemporalDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  const executable = requireTemporalBinary(TEMPORAL_CLI);
  const dir = path.join(options.dataDir, 'temporal');
  mkdirSync(dir, { recursive: true });
  const log = openSync(path.join(dir, 'server.log'), 'a');
  const args = [
    'server', 'start-dev',
    '--db-filename', path.join(dir, 'temporal.sqlite'),
    '--ip', '127.0.0.1',
    '--port', String(options.port),
    '--ui-port', String(options.uiPort),
    '--namespace', options.namespace,
    '--log-level', 'warn',
  ];
  // Its own process group, so Ctrl-C in the terminal reaches only the supervisor,
  // which then stops everything in order.
  const child = spawn(executable, args, { stdio: ['ignore', log, log], detached: true });
  const address = `127.0.0.1:${options.port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  await waitFor(`Temporal dev server on ${address} (log: ${path.join(dir, 'server.log')})`, 60_000, async () => {
    if (child.exitCode !== null) throw new NoPointWaiting(`temporal exited with code ${child.exitCode}; see ${path.join(dir, 'server.log')}`);
    const connection = await Connection.connect({ address, connectTimeout: 1000 });
    try {
      await connection.workflowService.describeNamespace({ namespace: options.namespace });
    } finally {
      await connection.close();
    }
  });

  return {
    address,
    uiUrl: `http://127.0.0.1:${options.uiPort}`,
    process: child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
