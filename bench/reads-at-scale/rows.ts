/** The figures of the reads-at-scale benchmark, as rows of the shared table (bench/report.ts). */
import type { Row } from '../report';
import type { Measured } from './measure';
import type { Seeded } from './seed';

export function rows(seeded: Seeded, measured: readonly Measured[], concurrency: number): Row[] {
  const open = seeded.cases - (seeded.byStage.closed ?? 0);
  const head: Row[] = [
    { figure: 'small claims in the read models', courtflow: seeded.cases, note: `${open} open` },
    { figure: "staff work items (the registry's and adjudicators')", courtflow: seeded.workItems, note: `${seeded.claims.live} held, ${seeded.claims.expired} claims expired` },
  ];
  return [
    ...head,
    ...measured.flatMap((m): Row[] => {
      const note = `${m.courtflow.rows} rows${m.same ? '' : '; ANSWERS DIFFER'}`;
      const digits = (ms: number) => (ms < 10 ? 2 : ms < 100 ? 1 : 0);
      return [
        { figure: `${m.name}: p50 (ms)`, courtflow: m.courtflow.latencyMs.p50, raw: m.raw.latencyMs.p50, digits: digits(m.raw.latencyMs.p50), note: `${m.courtflow.latencyMs.n} pairs; ${note}` },
        { figure: `${m.name}: p95 (ms)`, courtflow: m.courtflow.latencyMs.p95, raw: m.raw.latencyMs.p95, digits: digits(m.raw.latencyMs.p95) },
        { figure: `${m.name}: per second, ${concurrency} in flight`, courtflow: m.courtflow.perSecond, raw: m.raw.perSecond, digits: m.courtflow.perSecond < 10 ? 2 : 1 },
      ];
    }),
  ];
}
