/**
 * CPU time the stack's processes have used, read from /proc/<pid>/stat as
 * `ps` and `top` read it: what a phase of a benchmark cost each process, so
 * a figure per case says where the machine's time went (the Temporal server,
 * PostgreSQL, the workers, the API) and not only how long it took.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ) on every architecture it runs on. */
const TICKS_PER_SECOND = 100;

interface Stat {
  ppid: number;
  /** utime + stime: the process's own CPU, in seconds. */
  own: number;
  /** cutime + cstime: its children's that have ended and been waited for. */
  children: number;
}

function statOf(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: read after its closing one.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const tick = (i: number) => Number(fields[i]) / TICKS_PER_SECOND;
    // Fields from the state (3rd field of the line) on: ppid is the 4th, utime the 14th … cstime the 17th.
    return { ppid: Number(fields[1]), own: tick(11) + tick(12), children: tick(13) + tick(14) };
  } catch {
    return undefined;
  }
}

/** A process's CPU seconds so far, or undefined when it is gone. */
export function cpuSeconds(pid: number): number | undefined {
  return statOf(pid)?.own;
}

/**
 * A process and everything under it: its own CPU, its children's that have
 * ended, and the live children's. PostgreSQL's work is done by a backend per
 * connection, each a child of the postmaster.
 */
export function cpuSecondsWithChildren(pid: number): number | undefined {
  const root = statOf(pid);
  if (!root) return undefined;
  let total = root.own + root.children;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statOf(Number(entry));
    if (stat && stat.ppid === pid) total += stat.own;
  }
  return total;
}
