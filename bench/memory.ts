/**
 * Resident memory of the stack's processes, read from /proc/<pid>/status
 * (VmRSS) as an operator's tools read it, sampled every second with what
 * was open at that moment.
 */
import { readFileSync } from 'node:fs';

/** VmRSS in MB, or undefined when the process is gone (or /proc is not there). */
export function residentMb(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export interface MemorySample<R extends string> {
  /** Seconds since the watch started. */
  t: number;
  open: { courtflow: number; noop: number };
  rssMb: Partial<Record<R, number>>;
}

export interface Peak {
  mb: number;
  /** Seconds since the watch started, and what was open then. */
  t: number;
  open: { courtflow: number; noop: number };
}

/** The RSS of one process, or the sum over several (a role served by several processes, as the workers); undefined when none is there. */
export function residentMbOf(pids: number | readonly number[]): number | undefined {
  const each = (typeof pids === 'number' ? [pids] : pids).map(residentMb).filter((mb): mb is number => mb !== undefined);
  return each.length ? each.reduce((sum, mb) => sum + mb, 0) : undefined;
}

export class MemoryWatch<R extends string> {
  readonly samples: MemorySample<R>[] = [];
  private readonly peaks = new Map<R, Peak>();
  private timer: NodeJS.Timeout | undefined;
  private readonly startedAt = Date.now();

  constructor(
    /** A role's pid, or its pids, whose RSS is summed. */
    private readonly pids: Record<R, number | readonly number[]>,
    private readonly open: () => { courtflow: number; noop: number },
  ) {}

  start(intervalMs = 1000): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  /** Takes one sample now and returns it. */
  sample(): MemorySample<R> {
    const t = (Date.now() - this.startedAt) / 1000;
    const open = { ...this.open() };
    const rssMb: Partial<Record<R, number>> = {};
    for (const role of Object.keys(this.pids) as R[]) {
      const mb = residentMbOf(this.pids[role]);
      if (mb === undefined) continue;
      rssMb[role] = mb;
      const peak = this.peaks.get(role);
      if (!peak || mb > peak.mb) this.peaks.set(role, { mb, t, open });
    }
    const taken = { t, open, rssMb };
    this.samples.push(taken);
    return taken;
  }

  peak(role: R): Peak | undefined {
    return this.peaks.get(role);
  }
}
