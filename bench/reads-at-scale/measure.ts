/**
 * Measuring one question on both sides, side by side: first that the two
 * answers are the same rows in the same order; then warm-ups; then pairs of
 * one courtflow read and one bare read, one at a time, the order alternating
 * from pair to pair so that a change in the machine's load falls on both;
 * then, for each side in turn, a burst of reads with several in flight, for
 * queries a second.
 */
import { isDeepStrictEqual } from 'node:util';
import { percentile } from '../stats';
import type { Question } from './questions';

export interface MeasureOptions {
  warmups: number;
  /** At least this many pairs… */
  minPairs: number;
  /** …and at most this many, stopping once `seconds` have gone by. */
  maxPairs: number;
  seconds: number;
  concurrency: number;
  burstSeconds: number;
}

export interface Side {
  /** Rows in the answer. */
  rows: number;
  latencyMs: { n: number; p50: number; p95: number; mean: number; max: number };
  /** Answers a second with `concurrency` reads in flight. */
  perSecond: number;
  burst: { completed: number; seconds: number };
  samplesMs: number[];
}

export interface Measured {
  name: string;
  what: string;
  same: boolean;
  /** Where the answers first differ, when they do. */
  difference?: string;
  courtflow: Side;
  raw: Side;
}

const elapsedMs = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;

async function timed(read: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await read();
  return elapsedMs(started);
}

/** JSON as it would leave the API: dates as ISO strings, nothing undefined. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

function differenceOf(a: unknown, b: unknown): string {
  const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
  let at = 0;
  while (at < x.length && x[at] === y[at]) at += 1;
  const around = (s: string) => s.slice(Math.max(0, at - 160), at + 160);
  return `first difference at character ${at}:\n  courtflow … ${around(x)} …\n  bare SQL  … ${around(y)} …`;
}

/** `concurrency` readers, each reading again until `seconds` have gone by (each reads at least once). */
async function burst(read: () => Promise<unknown>, concurrency: number, seconds: number): Promise<{ completed: number; seconds: number }> {
  const started = process.hrtime.bigint();
  let completed = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      do {
        await read();
        completed += 1;
      } while (elapsedMs(started) < seconds * 1000);
    }),
  );
  return { completed, seconds: elapsedMs(started) / 1000 };
}

const summary = (samples: readonly number[]) => ({
  n: samples.length,
  p50: percentile(samples, 50),
  p95: percentile(samples, 95),
  mean: samples.reduce((sum, v) => sum + v, 0) / Math.max(1, samples.length),
  max: Math.max(...samples),
});

export async function measure(question: Question, options: MeasureOptions, log: (line: string) => void): Promise<Measured> {
  const courtflowAnswer = plain(await question.courtflow());
  const rawAnswer = plain(await question.raw());
  const same = isDeepStrictEqual(courtflowAnswer, rawAnswer);
  if (!same) log(`${question.name}: the answers differ; ${differenceOf(courtflowAnswer, rawAnswer)}`);

  for (let i = 0; i < options.warmups; i++) {
    await question.courtflow();
    await question.raw();
  }
  const samples = { courtflow: [] as number[], raw: [] as number[] };
  const started = process.hrtime.bigint();
  for (let pair = 0; pair < options.maxPairs && (pair < options.minPairs || elapsedMs(started) < options.seconds * 1000); pair++) {
    if (pair % 2 === 0) {
      samples.courtflow.push(await timed(question.courtflow));
      samples.raw.push(await timed(question.raw));
    } else {
      samples.raw.push(await timed(question.raw));
      samples.courtflow.push(await timed(question.courtflow));
    }
  }
  const courtflowBurst = await burst(question.courtflow, options.concurrency, options.burstSeconds);
  const rawBurst = await burst(question.raw, options.concurrency, options.burstSeconds);
  const side = (answer: unknown, latencies: number[], b: { completed: number; seconds: number }): Side => ({
    rows: question.rows(answer),
    latencyMs: summary(latencies),
    perSecond: b.completed / b.seconds,
    burst: b,
    samplesMs: latencies.map((v) => Math.round(v * 100) / 100),
  });
  const measured: Measured = {
    name: question.name,
    what: question.what,
    same,
    ...(same ? {} : { difference: differenceOf(courtflowAnswer, rawAnswer) }),
    courtflow: side(courtflowAnswer, samples.courtflow, courtflowBurst),
    raw: side(rawAnswer, samples.raw, rawBurst),
  };
  log(
    `${question.name}: ${samples.courtflow.length} pairs; p50 ${measured.courtflow.latencyMs.p50.toFixed(1)} ms against ${measured.raw.latencyMs.p50.toFixed(1)} ms; ` +
      `${measured.courtflow.perSecond.toFixed(1)} against ${measured.raw.perSecond.toFixed(1)} a second${same ? '' : ' (ANSWERS DIFFER)'}`,
  );
  return measured;
}
