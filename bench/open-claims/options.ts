/** The open-claims benchmark's command line. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ENGINES, isEngine, type Engine } from '../engine';
import { wholeOption } from '../whole-option';

export const USAGE = `usage: npm run bench:open-claims -- [options]

  --cases N             open cases to reach, and no-op workflows beside them (default 10000)
  --concurrency N       requests in flight while starting (default 16)
  --rounds N            rounds of raw starts, then filings, each followed by catch-up (default 10)
  --samples N           update latency samples of each kind, per phase (default 200)
  --filers N            individual users the claims are filed by (default 32)
  --officers N          registry officers the steps are taken by (default 4)
  --seed N              chooses which cases are sampled (default 20261122)
  --catch-up-minutes N  how long to wait for the worker to catch up (default 90)
  --engine dev-server|cluster
                        which Temporal: the CLI's dev server on SQLite (default), or the Temporal server
                        on PostgreSQL (built once by \`courtflow setup --temporal-server\`)
  --workers N           courtflow worker processes on the case task queue (default 1)
  --cpu-profile DIR     profile the courtflow workers with Node's CPU profiler: a .cpuprofile for each
                        thread of each worker in DIR when the run ends (\`npm run bench:profile -- DIR\` sums them up)
  --data-dir DIR        where the stack keeps its data (default: a new temp dir)
  --keep                keep the data dir afterwards (Temporal's SQLite file, logs)
`;

export interface Options {
  cases: number;
  concurrency: number;
  rounds: number;
  samples: number;
  filers: number;
  officers: number;
  seed: number;
  catchUpMinutes: number;
  engine: Engine;
  workers: number;
  dataDir?: string;
  cpuProfileDir?: string;
  keep: boolean;
}

export function parseOptions(argv: string[]): Options | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      cases: { type: 'string' },
      concurrency: { type: 'string' },
      rounds: { type: 'string' },
      samples: { type: 'string' },
      filers: { type: 'string' },
      officers: { type: 'string' },
      seed: { type: 'string' },
      'catch-up-minutes': { type: 'string' },
      engine: { type: 'string' },
      workers: { type: 'string' },
      'data-dir': { type: 'string' },
      'cpu-profile': { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const engine = values.engine ?? 'dev-server';
  if (!isEngine(engine)) throw new Error(`--engine must be one of ${ENGINES.join(', ')}`);
  return {
    cases: wholeOption('cases', values.cases, 10_000, 1),
    concurrency: wholeOption('concurrency', values.concurrency, 16, 1),
    rounds: wholeOption('rounds', values.rounds, 10, 1),
    samples: wholeOption('samples', values.samples, 200, 1),
    filers: wholeOption('filers', values.filers, 32, 1),
    officers: wholeOption('officers', values.officers, 4, 1),
    seed: wholeOption('seed', values.seed, 20_261_122, 0),
    catchUpMinutes: wholeOption('catch-up-minutes', values['catch-up-minutes'], 90, 1),
    engine,
    workers: wholeOption('workers', values.workers, 1, 1),
    ...(values['data-dir'] ? { dataDir: path.resolve(values['data-dir']) } : {}),
    ...(values['cpu-profile'] ? { cpuProfileDir: path.resolve(values['cpu-profile']) } : {}),
    keep: values.keep,
  };
}
