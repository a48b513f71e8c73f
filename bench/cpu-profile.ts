/**
 * `npm run bench:profile -- DIR`: where the CPU went, from the `.cpuprofile`
 * files Node's profiler wrote in DIR (`bench:open-claims --cpu-profile DIR`),
 * one table per thread: how busy it was, and its busy time by who spent it
 * (an npm package, a layer of courtflow, Node itself, the garbage collector).
 * Open a file in Chrome's DevTools (Performance, load profile) for the
 * call tree behind a line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const IDLE = '(idle)';

/** Who a frame's time is put down to: an npm package, a courtflow layer, Node, V8, or the workflow sandbox. */
export function spenderOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) return functionName === '(idle)' || functionName === '(program)' || functionName === '(garbage collector)' ? functionName : '(V8 and native code)';
  if (url.startsWith('node:')) return 'Node.js itself';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [scope, name] = url.slice(modules + '/node_modules/'.length).split('/');
    return scope?.startsWith('@') ? `${scope}/${name ?? ''}` : (scope ?? url);
  }
  const dist = url.lastIndexOf('/dist/');
  if (dist >= 0) return `courtflow ${url.slice(dist + '/dist/'.length).split('/')[0] ?? ''}/`;
  // The workflow bundle runs in a VM context under a name of its own.
  return `(${path.basename(url)})`;
}

export interface ThreadSummary {
  file: string;
  wallMs: number;
  busyMs: number;
  bySpender: { spender: string; ms: number }[];
}

export function summarise(file: string, profile: CpuProfile): ThreadSummary {
  const spender = new Map<number, string>(profile.nodes.map((n) => [n.id, spenderOf(n.callFrame)]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const who = spender.get(id) ?? '?';
    totals.set(who, (totals.get(who) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const wallMs = (profile.endTime - profile.startTime) / 1000;
  const bySpender = [...totals]
    .filter(([who]) => who !== IDLE)
    .map(([who, ms]) => ({ spender: who, ms }))
    .sort((a, b) => b.ms - a.ms);
  const busyMs = bySpender.reduce((sum, s) => sum + s.ms, 0);
  return { file, wallMs, busyMs, bySpender };
}

function main(argv: string[]): number {
  const dir = argv[0];
  if (!dir || argv.length > 1) {
    console.error('usage: npm run bench:profile -- DIR   (the .cpuprofile files of bench:open-claims --cpu-profile DIR)');
    return 2;
  }
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
  if (files.length === 0) {
    console.error(`bench: no .cpuprofile in ${dir}`);
    return 1;
  }
  for (const file of files) {
    const s = summarise(file, JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile);
    console.log(`\n${file}: ${(s.wallMs / 1000).toFixed(0)} s profiled, busy ${(s.busyMs / 1000).toFixed(1)} s (${((100 * s.busyMs) / s.wallMs).toFixed(0)} % of one core)\n`);
    const width = Math.max(...s.bySpender.slice(0, 15).map((r) => r.spender.length));
    for (const { spender, ms } of s.bySpender.slice(0, 15)) {
      console.log(`  ${spender.padEnd(width)}  ${(ms / 1000).toFixed(1).padStart(7)} s  ${((100 * ms) / s.busyMs).toFixed(1).padStart(5)} % of busy`);
    }
  }
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
