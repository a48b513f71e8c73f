/**
 * A TCP proxy a drill controls, put between a process and a server (the
 * worker and the API, and PostgreSQL): it passes bytes both ways until it
 * is cut. While cut, every connection through it is reset at once, and
 * every new one is reset as soon as it arrives, as a server whose host has
 * gone away answers. `restore()` lets connections through again.
 */
import { createServer, connect, type Socket } from 'node:net';
import { freePort } from '../../cli/stack/processes';

export interface TcpProxy {
  /** Where it listens, on 127.0.0.1. */
  port: number;
  /** Resets every connection through it, and every new one until `restore()`. */
  cut(): void;
  restore(): void;
  /** Connections reset because they came while it was cut. */
  refused(): number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let cut = false;
  let refused = 0;
  const reset = (socket: Socket) => {
    if (!socket.destroyed) socket.resetAndDestroy();
  };
  const server = createServer((client) => {
    if (cut) {
      refused += 1;
      reset(client);
      return;
    }
    const upstream = connect(target.port, target.host);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      open.add(from);
      from.pipe(to);
      from.on('error', () => reset(to));
      from.on('close', () => {
        open.delete(from);
        to.end();
      });
    }
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port,
    cut() {
      cut = true;
      for (const socket of open) reset(socket);
    },
    restore() {
      cut = false;
    },
    refused: () => refused,
    close() {
      for (const socket of open) reset(socket);
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
