/**
 * The data dir is readable by its owner only: `courtflow start` makes it 0700
 * (fixing an existing one), its folders 0700 and files 0600 (Temporal's
 * sqlite file and log, the logs, the secrets); as root, PostgreSQL's OS user
 * gets traverse permission through its group only (0710), never o+x.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { allowTraverse } from '../../cli/stack/embedded-postgres';
import { ownerOnly, secureDataDir } from '../../cli/start';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'courtflow-modes-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const mode = (file: string) => statSync(file).mode & 0o777;

/** A data dir as an older courtflow (or a umask of 022) left it: everything readable by all. */
function looseDataDir(): string {
  const dataDir = path.join(root, 'data');
  for (const dir of ['temporal', 'logs', 'secrets', 'postgres/data']) mkdirSync(path.join(dataDir, dir), { recursive: true });
  const files = ['temporal/temporal.sqlite', 'temporal/temporal.sqlite-wal', 'temporal/server.log', 'logs/api.log', 'logs/worker.log', 'secrets/token-secret', 'courtflow.pids.json'];
  for (const file of files) writeFileSync(path.join(dataDir, file), 'x', { mode: 0o644 });
  for (const dir of ['', 'temporal', 'logs', 'secrets']) chmodSync(path.join(dataDir, dir), 0o755);
  chmodSync(path.join(dataDir, 'postgres'), 0o700);
  return dataDir;
}

describe('secureDataDir', () => {
  it('when the data dir does not exist, then it is created 0700 whatever the umask', () => {
    const dataDir = path.join(root, 'new', 'data');
    const previous = process.umask(0o022);
    try {
      secureDataDir(dataDir);
    } finally {
      process.umask(previous);
    }
    expect(mode(dataDir)).toBe(0o700);
  });

  it('when an existing data dir is readable by others, then it becomes 0700, its folders 0700 and its files 0600', () => {
    const dataDir = looseDataDir();
    secureDataDir(dataDir);
    expect(mode(dataDir)).toBe(0o700);
    for (const dir of ['temporal', 'logs', 'secrets']) expect([dir, mode(path.join(dataDir, dir))]).toEqual([dir, 0o700]);
    for (const file of ['temporal/temporal.sqlite', 'temporal/temporal.sqlite-wal', 'temporal/server.log', 'logs/api.log', 'logs/worker.log', 'secrets/token-secret', 'courtflow.pids.json']) {
      expect([file, mode(path.join(dataDir, file))]).toEqual([file, 0o600]);
    }
    // PostgreSQL's own folder is left to it (it is 0700 and, as root, the postgres user's).
    expect(mode(path.join(dataDir, 'postgres'))).toBe(0o700);
  });

  it('when a folder holds a symbolic link, then what it points at is left alone', () => {
    const dataDir = looseDataDir();
    const outside = path.join(root, 'outside.txt');
    writeFileSync(outside, 'x', { mode: 0o644 });
    chmodSync(outside, 0o644);
    symlinkSync(outside, path.join(dataDir, 'logs', 'link.log'));
    ownerOnly(path.join(dataDir, 'logs'));
    expect(mode(outside)).toBe(0o644);
  });
});

describe('allowTraverse (the embedded PostgreSQL, as root)', () => {
  it('when the postgres OS user must reach its folder, then the data dir gets that group and 0710: traverse for the group, nothing for others', () => {
    const dataDir = looseDataDir();
    secureDataDir(dataDir);
    const gid = process.getuid?.() === 0 ? 4242 : statSync(dataDir).gid;
    allowTraverse(dataDir, gid);
    expect(mode(dataDir)).toBe(0o710);
    expect(statSync(dataDir).gid).toBe(gid);
    expect(statSync(dataDir).mode & 0o007).toBe(0);
  });
});
