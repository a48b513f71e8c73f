/**
 * `courtflow audit`: usage and exit codes without a database (verify itself:
 * test/integration/audit-log.test.ts and audit-anchor.test.ts; list and what
 * verify says it checked: audit-log-reading.test.ts).
 */
import { runAuditCommand } from '../../cli/commands/audit';

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runAuditCommand(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }, env);
  return { code, stdout, stderr };
}

describe('courtflow audit', () => {
  it('when no subcommand is given, then usage goes to stderr with exit 2; --help to stdout with 0', async () => {
    expect(await run([])).toMatchObject({ code: 2, stderr: expect.stringContaining('courtflow audit verify') });
    expect(await run(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('first broken link') });
  });

  it('when the subcommand or an option is unknown, then exit 2 naming it', async () => {
    expect(await run(['check'])).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown subcommand 'check'") });
    expect(await run(['verify', '--fast'])).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown option '--fast'") });
  });

  it('when asked for help, then --anchor and --json are explained, and both are accepted options', async () => {
    const help = await run(['verify', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: courtflow audit verify [--anchor] [--json]');
    expect(help.stdout).toMatch(/--anchor .*sign the chain's head/);
    expect(help.stdout).toContain('names the first anchor that no longer matches');
    const r = await run(['verify', '--anchor', '--json'], { COURTFLOW_DATA_DIR: '/nonexistent/courtflow-data' });
    expect(r).toMatchObject({ code: 1, stderr: expect.stringContaining('DATABASE_URL') });
  });

  it('when the audit public key is not a key, then exit 1 naming the variable, before any database is reached', async () => {
    const r = await run(['verify'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', COURTFLOW_AUDIT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('COURTFLOW_AUDIT_PUBLIC_KEY');
  });

  it('when there is no database to reach, then exit 1 saying so', async () => {
    const r = await run(['verify'], { COURTFLOW_DATA_DIR: '/nonexistent/courtflow-data' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DATABASE_URL');
  });

  it('when asked for the help of list, then every filter is explained; the top help names list too', async () => {
    const help = await run(['list', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: courtflow audit list \[--case CASE-NO\] \[--actor ID\]/);
    for (const option of ['--case', '--actor', '--action', '--from', '--to', '--limit', '--cursor', '--json']) expect(help.stdout).toContain(`  ${option} `);
    expect((await run(['--help'])).stdout).toContain('courtflow audit list');
  });

  it('when list is given a bad filter or option, then exit 2 naming it and its rule, before any database is reached', async () => {
    const env = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };
    expect(await run(['list', '--from', 'yesterday'], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('--from must be an ISO 8601 instant') });
    expect(await run(['list', '--from=2026-03-02T10:00:00Z', '--to=2026-03-02T09:00:00Z'], env)).toMatchObject({
      code: 2,
      stderr: 'courtflow audit list: --to must be at or after from (not-before-from)\n',
    });
    expect(await run(['list', '--limit', '101'], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('--limit must be a whole number from 1 to 100 (too_big)') });
    expect(await run(['list', '--action', 'in box'], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('--action must be an action') });
    expect(await run(['list', '--case'], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('--case needs a value') });
    expect(await run(['list', 'SCTC-2026-000001'], env)).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown option 'SCTC-2026-000001'") });
  });

  it('when list cannot reach the database, then exit 1 saying so', async () => {
    expect(await run(['list'], { COURTFLOW_DATA_DIR: '/nonexistent/courtflow-data' })).toMatchObject({ code: 1, stderr: expect.stringContaining('DATABASE_URL') });
    expect(await run(['list'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' })).toMatchObject({ code: 1, stderr: expect.stringContaining('cannot read the audit log') });
  });
});
