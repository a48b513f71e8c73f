/** The alert-latency benchmark's command line. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { wholeOption } from '../whole-option';

export const USAGE = `usage: npm run bench:alert-latency -- [options]

  --alerts N            alerts measured, and raw timers beside them (default 200)
  --spread-seconds N    over how long their due instants are spread, evenly; 0: all at once (default 60)
  --warmup N            alerts and raw timers due first, one by one, left out of the figures (default 5)
  --lead-seconds N      from a phase's first start to its first due instant (default: 30, and 0.1 more per workflow started)
  --settle-seconds N    how long after the last due instant to wait for every delivery (default 180)
  --concurrency N       workflow starts in flight (default 16)
  --data-dir DIR        where the stack keeps its data: a new folder (default: a new temp dir)
  --keep                keep the data dir afterwards (Temporal's SQLite file, logs, the mail sink)
`;

export interface Options {
  alerts: number;
  spreadSeconds: number;
  warmup: number;
  /** Undefined: long enough for the starts on a busy machine (leadSecondsFor). */
  leadSeconds?: number;
  settleSeconds: number;
  concurrency: number;
  dataDir?: string;
  keep: boolean;
}

/**
 * Every workflow is started before the first is due, so no start competes
 * with a delivery being measured. Starts ran at 11 to 41 a second on this
 * project's 2-core machine under other load: allow 100 ms each, after 30 s.
 */
export const leadSecondsFor = (options: Options, starts: number): number => options.leadSeconds ?? Math.ceil(30 + 0.1 * starts);

export function parseOptions(argv: string[]): Options | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      alerts: { type: 'string' },
      'spread-seconds': { type: 'string' },
      warmup: { type: 'string' },
      'lead-seconds': { type: 'string' },
      'settle-seconds': { type: 'string' },
      concurrency: { type: 'string' },
      'data-dir': { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  return {
    alerts: wholeOption('alerts', values.alerts, 200, 1),
    spreadSeconds: wholeOption('spread-seconds', values['spread-seconds'], 60, 0),
    warmup: wholeOption('warmup', values.warmup, 5, 0),
    ...(values['lead-seconds'] === undefined ? {} : { leadSeconds: wholeOption('lead-seconds', values['lead-seconds'], 0, 5) }),
    settleSeconds: wholeOption('settle-seconds', values['settle-seconds'], 180, 10),
    concurrency: wholeOption('concurrency', values.concurrency, 16, 1),
    ...(values['data-dir'] ? { dataDir: path.resolve(values['data-dir']) } : {}),
    keep: values.keep,
  };
}
