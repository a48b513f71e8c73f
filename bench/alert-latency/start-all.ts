/**
 * Starting a phase's workflows before the first is due: all of them, so no
 * start competes with a delivery or a wake-up being measured, and in order of
 * their instants.
 */
import { inFlight } from '../in-flight';

/** The first due instant must be at least this far ahead when the last start is answered. */
const MARGIN_MS = 1_000;

/** Undefined when every start was answered in time; otherwise why the phase cannot be measured. */
export async function startAll(starts: readonly (() => Promise<unknown>)[], firstDue: number, concurrency: number, log: (line: string) => void): Promise<string | undefined> {
  const run = await inFlight(starts.length, concurrency, (i) => (starts[i] as () => Promise<unknown>)());
  const failed = run.timed.filter((t) => !t.outcome.ok);
  const first = failed[0]?.outcome;
  if (first && !first.ok) return `${failed.length} of ${starts.length} starts failed, the first: ${first.error}`;
  const slack = firstDue - Date.now();
  if (slack < MARGIN_MS) {
    const when = slack >= 0 ? `${(slack / 1000).toFixed(1)} s before` : `${(-slack / 1000).toFixed(1)} s after`;
    return `the starts took ${run.seconds.toFixed(1)} s and ended ${when} the first due instant: raise --lead-seconds`;
  }
  log(`started ${starts.length} in ${run.seconds.toFixed(1)} s; the first is due in ${(slack / 1000).toFixed(1)} s`);
  return undefined;
}
