/**
 * Load at a fixed concurrency: `count` tasks, never more than `concurrency`
 * in flight, each timed from its call to its answer. A stop condition is
 * checked before each task starts, so a failing stack is not hammered on.
 */
import { performance } from 'node:perf_hooks';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

export interface Timed<T> {
  index: number;
  ms: number;
  outcome: Outcome<T>;
}

export interface LoadRun<T> {
  timed: Timed<T>[];
  seconds: number;
  /** Why the run ended before `count` tasks, if it did. */
  stoppedBecause?: string;
}

export const errorText = (err: unknown): string => (err instanceof Error ? `${err.name}: ${err.message}` : String(err));

export async function inFlight<T>(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
  stopWhen: (timedSoFar: readonly Timed<T>[]) => string | undefined = () => undefined,
): Promise<LoadRun<T>> {
  const timed: Timed<T>[] = [];
  let next = 0;
  let stoppedBecause: string | undefined;
  const started = performance.now();
  const lane = async () => {
    while (next < count && stoppedBecause === undefined) {
      stoppedBecause = stopWhen(timed);
      if (stoppedBecause !== undefined) return;
      const index = next++;
      const at = performance.now();
      let outcome: Outcome<T>;
      try {
        outcome = { ok: true, value: await task(index) };
      } catch (err) {
        outcome = { ok: false, error: errorText(err) };
      }
      timed.push({ index, ms: performance.now() - at, outcome });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return { timed, seconds: (performance.now() - started) / 1000, ...(stoppedBecause === undefined ? {} : { stoppedBecause }) };
}
