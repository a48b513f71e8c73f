import { createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

export function isAlive(pid: number): boolean {
  // 0 and negative numbers name process groups, not a process: a damaged pid file must not read as "running".
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Sends `signal`, then SIGKILL if the process is still there after `graceMs`. */
export async function terminate(pid: number, signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, signal);
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await delay(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

/** Resolves if nothing listens on 127.0.0.1:`port`; rejects naming the port otherwise. */
export function assertPortFree(port: number, what: string, envVar: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () => reject(new Error(`port ${port} (${what}) is in use; stop what holds it or set ${envVar}`)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/**
 * A free loopback port, for tests that start their own servers. Taken below
 * the kernel's ephemeral range (32768 and up on Linux), because a port from
 * that range can be taken, between this answer and the server binding it,
 * by any outgoing connection's local end (a worker connecting to Temporal).
 */
export async function freePort(): Promise<number> {
  const [low, high] = [20_000, 32_767];
  for (let tries = 0; tries < 50; tries++) {
    const port = low + Math.floor(Math.random() * (high - low + 1));
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port between ${low} and ${high} after 50 tries`);
}
