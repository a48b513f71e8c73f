/** The benchmarks' CPU figures come from /proc: they agree with what the kernel tells a process of itself, children included. */
import { spawnSync } from 'node:child_process';
import { cpuSeconds, cpuSecondsWithChildren } from '../../bench/cpu-time';

/** A script that works until its process has used `ms` of CPU (not of wall time: a busy machine must not shorten it). */
const BURN = (ms: number) => `const u0=process.cpuUsage();let x=0;while((()=>{const u=process.cpuUsage(u0);return (u.user+u.system)/1000})()<${ms})x+=Math.sqrt(x+1);`;
function burn(ms: number): number {
  const start = process.cpuUsage();
  let x = 0;
  while ((({ user, system }) => (user + system) / 1000)(process.cpuUsage(start)) < ms) x += Math.sqrt(x + 1);
  return x;
}
const rusageSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

describe('CPU time from /proc', () => {
  it("when this process works, then /proc's figure grows as the kernel's own account of it does", () => {
    const before = { proc: cpuSeconds(process.pid)!, rusage: rusageSeconds() };
    burn(300);
    const proc = cpuSeconds(process.pid)! - before.proc;
    const rusage = rusageSeconds() - before.rusage;
    expect(rusage).toBeGreaterThanOrEqual(0.3);
    // /proc counts in ticks of 10 ms.
    expect(Math.abs(proc - rusage)).toBeLessThan(0.05);
  });

  it("when a child has worked and ended, then it counts in its parent's CPU with children, and not in the parent's own", () => {
    const own = cpuSeconds(process.pid)!;
    const withChildren = cpuSecondsWithChildren(process.pid)!;
    const child = spawnSync(process.execPath, ['-e', BURN(300)]);
    expect(child.status).toBe(0);
    const childrens = cpuSecondsWithChildren(process.pid)! - withChildren - (cpuSeconds(process.pid)! - own);
    expect(childrens).toBeGreaterThanOrEqual(0.29);
  });

  it('when the process does not exist, then there is no figure', () => {
    expect(cpuSeconds(2 ** 22 + 7)).toBeUndefined();
    expect(cpuSecondsWithChildren(2 ** 22 + 7)).toBeUndefined();
  });
});
