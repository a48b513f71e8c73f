/** The reads-at-scale benchmark's command line. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { wholeOption } from '../whole-option';

export const USAGE = `usage: npm run bench:reads -- [options]

  --cases N           small claims in the read models (default 100000)
  --span-days N       cases are filed over the last N days (default 540)
  --officers N        registry officers (default 8)
  --adjudicators N    adjudicators (default 6)
  --seed N            makes the same cases again (default 20261123)
  --warmups N         reads of each side before timing (default 3)
  --min-pairs N       timed pairs (one courtflow read, one bare) per question, at least (default 5)
  --max-pairs N       and at most (default 100), stopping once --seconds have gone by
  --seconds N         time for the pairs of one question (default 60)
  --concurrency N     reads in flight for queries a second (default 4)
  --burst-seconds N   how long each side reads for queries a second (default 10)
  --data-dir DIR      where PostgreSQL keeps its data (default: a new temp dir)
  --keep              keep the data dir afterwards
`;

export interface Options {
  cases: number;
  spanDays: number;
  officers: number;
  adjudicators: number;
  seed: number;
  warmups: number;
  minPairs: number;
  maxPairs: number;
  seconds: number;
  concurrency: number;
  burstSeconds: number;
  dataDir?: string;
  keep: boolean;
}

export function parseOptions(argv: string[]): Options | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      cases: { type: 'string' },
      'span-days': { type: 'string' },
      officers: { type: 'string' },
      adjudicators: { type: 'string' },
      seed: { type: 'string' },
      warmups: { type: 'string' },
      'min-pairs': { type: 'string' },
      'max-pairs': { type: 'string' },
      seconds: { type: 'string' },
      concurrency: { type: 'string' },
      'burst-seconds': { type: 'string' },
      'data-dir': { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const minPairs = wholeOption('min-pairs', values['min-pairs'], 5, 1);
  return {
    // The cause book's deep page is the 5,000th listed entry: a few thousand cases at least.
    cases: wholeOption('cases', values.cases, 100_000, 10_000),
    spanDays: wholeOption('span-days', values['span-days'], 540, 90),
    officers: wholeOption('officers', values.officers, 8, 1),
    adjudicators: wholeOption('adjudicators', values.adjudicators, 6, 1),
    seed: wholeOption('seed', values.seed, 20_261_123, 0),
    warmups: wholeOption('warmups', values.warmups, 3, 0),
    minPairs,
    maxPairs: Math.max(minPairs, wholeOption('max-pairs', values['max-pairs'], 100, 1)),
    seconds: wholeOption('seconds', values.seconds, 60, 1),
    concurrency: wholeOption('concurrency', values.concurrency, 4, 1),
    burstSeconds: wholeOption('burst-seconds', values['burst-seconds'], 10, 1),
    ...(values['data-dir'] ? { dataDir: path.resolve(values['data-dir']) } : {}),
    keep: values.keep,
  };
}
