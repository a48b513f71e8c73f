/**
 * The embedded Temporal's start-up when an address it binds is taken: it is
 * tried again (the dev server picks some of its ports itself, and another
 * process may take one between the pick and the bind), and if it still cannot
 * start, the error carries the server's own words from its log.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../cli/stack/processes';
import { startTemporalDevServer } from '../../cli/stack/temporal-dev-server';

let dataDir: string;
let squatter: Server;

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'courtflow-dev-server-'));
  // Holds the port, and hangs up on whoever calls (the start-up's probe may reach it before the server has died).
  squatter = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
});

afterEach(async () => {
  await new Promise<void>((resolve) => squatter.close(() => resolve()));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('starting the Temporal dev server', () => {
  it('when its port stays taken, then it is tried three times and fails with the log saying which address', async () => {
    const port = (squatter.address() as AddressInfo).port;

    const failure = startTemporalDevServer({ dataDir, port, uiPort: await freePort(), namespace: 'default' });

    await expect(failure).rejects.toThrow(new RegExp(`127\\.0\\.0\\.1:${port}: bind: address already in use`));
    const log = readFileSync(path.join(dataDir, 'temporal', 'server.log'), 'utf8');
    expect(log.match(/address already in use/g)).toHaveLength(3);
  }, 60_000);
});
