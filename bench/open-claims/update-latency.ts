/** Update latency: an officer's step on a case against a raw update on a no-op workflow. */
import { performance } from 'node:perf_hooks';
import { recordService, REQUEST_TIMEOUT_MS, type Filed, type SignedIn } from '../courtflow-api';
import { errorText } from '../in-flight';
import { touchUpdate } from '../noop/contract';
import type { BenchStack } from '../stack';
import { summarise, type Summary } from '../stats';

export type Kind = 'courtflow' | 'raw';

export interface LatencyPhase {
  /**
   * `during-burst`: taken while the last round's claims were being filed, on
   * cases filed before it; `catching-up`: while the worker still had filings'
   * work queued; `caught-up`: after.
   */
  phase: 'during-burst' | 'catching-up' | 'caught-up';
  courtflow: Summary;
  raw: Summary;
  failures: { courtflow: string[]; raw: string[] };
}

/**
 * Update latency, one request at a time, in pairs: an officer's step on a
 * case, then a raw update on a no-op workflow (or the other way round,
 * alternately), so both meet the server in the same state.
 */
export async function updateLatency(
  stack: BenchStack,
  phase: LatencyPhase['phase'],
  cases: readonly Filed[],
  noops: readonly string[],
  officers: readonly SignedIn[],
  keyPrefix: string,
  until: () => boolean,
): Promise<LatencyPhase> {
  const ms: Record<Kind, number[]> = { courtflow: [], raw: [] };
  const failures: LatencyPhase['failures'] = { courtflow: [], raw: [] };
  const take = async (kind: Kind, i: number) => {
    const at = performance.now();
    try {
      if (kind === 'courtflow') {
        const target = cases[i] as Filed;
        await recordService(stack.apiUrl, officers[i % officers.length] as SignedIn, target, `${keyPrefix}-${i}`);
      } else {
        const handle = stack.client.workflow.getHandle(noops[i] as string);
        await stack.client.withDeadline(Date.now() + REQUEST_TIMEOUT_MS, () => handle.executeUpdate(touchUpdate, { updateId: `${keyPrefix}-${i}` }));
      }
      ms[kind].push(performance.now() - at);
    } catch (err) {
      failures[kind].push(errorText(err));
    }
  };
  const pairs = Math.min(cases.length, noops.length);
  for (let i = 0; i < pairs && !until() && !stack.died(); i++) {
    const order: Kind[] = i % 2 === 0 ? ['courtflow', 'raw'] : ['raw', 'courtflow'];
    for (const kind of order) await take(kind, i);
  }
  return { phase, courtflow: summarise(ms.courtflow), raw: summarise(ms.raw), failures };
}
