/** `courtflow audit`: usage and exit codes without a database (verify itself: test/integration/audit-log.test.ts and audit-anchor.test.ts). */
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
});
