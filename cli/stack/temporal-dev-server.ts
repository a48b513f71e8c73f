/**
 * The embedded Temporal: `temporal server start-dev` with a persistent
 * SQLite file, so a restart finds every case and pending timer again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { requireTemporalBinary, TEMPORAL_CLI } from './temporal-binaries';
import { answersFor, logTail, stopperOf } from './temporal-process';
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

/**
 * How many times a dev server that died at start-up on a taken port is
 * started again. Besides the ports it is given, `start-dev` picks the ports of
 * its own history, matching and worker services as free ones and binds them a
 * moment later, so another process starting at the same time can take one in
 * between: a race no caller can prevent, which a second start (with new picks)
 * gets past.
 */
const START_ATTEMPTS = 3;

export async function startTemporalDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options);
    } catch (err) {
      if (!(err instanceof PortTaken) || attempt === START_ATTEMPTS) throw err;
    }
  }
}

/** The dev server exited at start-up because an address it binds was in use. */
class PortTaken extends NoPointWaiting {
  override name = 'PortTaken';
}

async function startOnce(options: DevServerOptions): Promise<RunningDevServer> {
  const executable = requireTemporalBinary(TEMPORAL_CLI);
  const dir = path.join(options.dataDir, 'temporal');
  mkdirSync(dir, { recursive: true });
  const logPath = path.join(dir, 'server.log');
  const log = openSync(logPath, 'a');
  const logStart = readFileSync(logPath).length;
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
  closeSync(log);
  const address = `127.0.0.1:${options.port}`;
  const stop = stopperOf(child);

  await waitFor(`Temporal dev server on ${address} (log: ${logPath})`, 60_000, async () => {
    if (child.exitCode !== null) {
      const said = logTail(logPath, logStart);
      const Failure = /address already in use/i.test(said) ? PortTaken : NoPointWaiting;
      throw new Failure(`temporal exited with code ${child.exitCode}; the end of ${logPath}:\n${said}`);
    }
    await answersFor(address, options.namespace);
  });

  return {
    address,
    uiUrl: `http://127.0.0.1:${options.uiPort}`,
    process: child,
    stop,
  };
}
