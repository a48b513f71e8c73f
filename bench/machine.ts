/** What a benchmark ran on: the machine, how loaded it was, and the versions of what it measured. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Pool } from 'pg';
import { requireTemporalBinary, TEMPORAL_CLI } from '../cli/stack/temporal-binaries';
import { projectRoot } from '../config/project-root';

export interface Machine {
  cpu: string;
  cores: number;
  ramGb: number;
  kernel: string;
  /** 1, 5 and 15-minute load averages when the run began and when it ended: other work on the machine shows here. */
  loadAtStart: number[];
  loadAtEnd?: number[];
}

export interface Versions {
  node: string;
  temporalCli: string;
  temporalSdk: string;
  postgres: string;
  courtflow: string;
  commit: string;
}

export function machine(): Machine {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const meminfo = readFileSync('/proc/meminfo', 'utf8');
  const memKb = Number(/^MemTotal:\s+(\d+)/m.exec(meminfo)?.[1] ?? 0);
  return {
    cpu: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    ramGb: Math.round((memKb / 1024 / 1024) * 10) / 10,
    kernel: `${os.type()} ${os.release()}`,
    loadAtStart: os.loadavg().map(round2),
  };
}

export const loadNow = (): number[] => os.loadavg().map(round2);

const round2 = (n: number) => Math.round(n * 100) / 100;

export async function versions(pool: Pool): Promise<Versions> {
  const root = projectRoot();
  const manifest = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { version: string };
  const cli = spawnSync(requireTemporalBinary(TEMPORAL_CLI), ['--version'], { encoding: 'utf8' }).stdout.trim();
  const { rows } = await pool.query<{ server_version: string }>('SHOW server_version');
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  return {
    node: process.version,
    temporalCli: cli.replace(/^temporal version /, ''),
    temporalSdk: manifest(path.join(root, 'node_modules', '@temporalio', 'worker', 'package.json')).version,
    postgres: rows[0]?.server_version ?? 'unknown',
    courtflow: manifest(path.join(root, 'package.json')).version,
    commit: commit.status === 0 ? commit.stdout.trim() : 'unknown',
  };
}
