/** Latencies after a due instant, summarised as the README reports them: p50, p95, p99 and the worst. */
import { percentile } from '../stats';

export interface LatencySummary {
  /** Samples measured; `missing` had no arrival at all and are not in the percentiles. */
  n: number;
  missing: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** `values[i]` is one sample's latency in ms, or undefined when it never arrived. */
export function summariseLatency(values: readonly (number | undefined)[]): LatencySummary {
  const got = values.filter((v): v is number => v !== undefined);
  return {
    n: got.length,
    missing: values.length - got.length,
    p50: percentile(got, 50),
    p95: percentile(got, 95),
    p99: percentile(got, 99),
    max: got.length ? Math.max(...got) : Number.NaN,
    mean: got.length ? got.reduce((s, v) => s + v, 0) / got.length : Number.NaN,
  };
}

/** `at − dueAt`, or undefined when there is no `at`. */
export const after = (dueAt: number, at: number | undefined): number | undefined => (at === undefined ? undefined : at - dueAt);
