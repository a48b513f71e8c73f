/**
 * `courtflow closure`: argument errors exit 2 without calling the API; the
 * API's answers are printed in words; its refusals exit 1 with their detail.
 * The API is a stub `fetch`: no server is needed.
 */
import { runClosureCommand, type Fetch } from '../../cli/commands/closure';

interface Call {
  url: string;
  init: RequestInit | undefined;
}

async function run(argv: string[], answer?: { status: number; body: unknown }) {
  let stdout = '';
  let stderr = '';
  const calls: Call[] = [];
  const fetchStub: Fetch = async (url, init) => {
    calls.push({ url, init });
    if (!answer) throw new Error('the API must not be called');
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  };
  const code = await runClosureCommand(
    argv,
    {
      stdout: (s) => {
        stdout += s;
      },
      stderr: (s) => {
        stderr += s;
      },
    },
    fetchStub,
    { COURTFLOW_API_KEY: 'cf_env_key' },
  );
  return { code, stdout, stderr, calls };
}

const declared = (changed: boolean) => ({
  changed,
  declared: { date: '2026-07-20', reason: 'black rainstorm warning' },
  calendar: {
    calendarVersion: 'hk-gazette-2028.1+closures.1',
    holidaysVersion: 'hk-gazette-2028.1',
    closuresVersion: 1,
    closures: [{ date: '2026-07-20', reason: 'black rainstorm warning' }],
  },
  broadcast: { workflowId: 'calendar-closure-2026-07-20-v1', started: changed },
  links: { calendar: '/api/v1/calendar' },
});

describe('courtflow closure', () => {
  const bad: Array<[string, string[], RegExp]> = [
    ['no subcommand is given', [], /missing subcommand: declare, withdraw, sync or list/],
    ['the subcommand is unknown', ['cancel', '2026-07-20'], /unknown subcommand "cancel"/],
    ['a withdrawal has no reason', ['withdraw', '2026-07-20'], /missing --reason: why the closure is withdrawn/],
    ['a withdrawal has no date', ['withdraw', '--reason', 'wrong day'], /missing <YYYY-MM-DD>, the day whose closure is withdrawn/],
    ['--planned is given to withdraw', ['withdraw', '2026-07-20', '--reason', 'wrong day', '--planned'], /--planned is for closure declare/],
    ['a planned closure has no reason', ['declare', '2027-01-04', '--planned'], /missing --reason: the order closing the registry/],
    ['the date is missing', ['declare', '--reason', 'black rainstorm warning'], /missing <YYYY-MM-DD>/],
    ['the date is impossible', ['declare', '2026-02-30', '--reason', 'black rainstorm warning'], /"2026-02-30" is not a calendar date/],
    ['the date is malformed', ['declare', '20/07/2026', '--reason', 'black rainstorm warning'], /"20\/07\/2026" is not a calendar date/],
    ['the reason is missing', ['declare', '2026-07-20'], /missing --reason: one of "black rainstorm warning"/],
    ['the reason is not a Cap. 1 s.71 ground', ['declare', '2026-07-20', '--reason', 'typhoon'], /--reason must be one of .*gale warning \(signal No\. 8 or above\).*got "typhoon"/],
    ['an extra argument is given', ['declare', '2026-07-20', 'today', '--reason', 'black rainstorm warning'], /unexpected argument "today"/],
    ['--api is not a URL', ['declare', '2026-07-20', '--reason', 'black rainstorm warning', '--api', 'localhost 3000'], /--api must be a URL/],
    ['--api is not http', ['list', '--api', 'ftp://127.0.0.1'], /--api must be an http or https URL/],
    ['no credentials are given', ['declare', '2026-07-20', '--reason', 'black rainstorm warning', '--api-key', ' '], /needs a registry officer's credentials: --api-key/],
    ['--year is malformed', ['list', '--year', '26'], /--year must be a four-digit year/],
    ['--reason is given to list', ['list', '--reason', 'black rainstorm warning'], /--reason is for closure declare, withdraw and sync/],
    ['an option is unknown', ['declare', '2026-07-20', '--why', 'rain'], /Unknown option '--why'/],
  ];

  it.each(bad)('when %s, then one line on stderr names the problem, the API is not called and it exits 2', async (_case, argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.calls).toHaveLength(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^courtflow closure: /);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('when --help is given, then usage and the reasons go to stdout and it exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('usage: courtflow closure declare <YYYY-MM-DD> --reason <reason>');
    expect(r.stdout).toContain('"gale warning (signal No. 8 or above)"');
  });

  it('when a closure is declared, then it posts as a registry officer and says what changed and which workflow tells the cases', async () => {
    const r = await run(
      ['declare', '2026-07-20', '--reason', 'black rainstorm warning', '--api', 'http://api.test:3001/', '--api-key', 'cf_abc_secret'],
      { status: 201, body: declared(true) },
    );
    expect(r.code).toBe(0);
    expect(r.calls).toHaveLength(1);
    const [call] = r.calls;
    expect(call?.url).toBe('http://api.test:3001/api/v1/calendar/closures');
    expect(call?.init?.method).toBe('POST');
    expect(call?.init?.headers).toMatchObject({ 'X-Api-Key': 'cf_abc_secret' });
    expect(JSON.parse(String(call?.init?.body))).toEqual({ date: '2026-07-20', reason: 'black rainstorm warning' });
    expect(r.stdout).toContain('Declared 2026-07-20 (Monday) a closure day: black rainstorm warning.');
    expect(r.stdout).toContain('hk-gazette-2028.1+closures.1');
    expect(r.stdout).toContain('Open cases are being told by workflow calendar-closure-2026-07-20-v1.');
  });

  it('when the same closure was already declared, then it says nothing changed and exits 0', async () => {
    const r = await run(['declare', '2026-07-20', '--reason', 'black rainstorm warning', '--token', 'tok'], { status: 200, body: declared(false) });
    expect(r.calls[0]?.init?.headers).toMatchObject({ authorization: 'Bearer tok' });
    expect(r.code).toBe(0);
    expect(r.calls[0]?.url).toBe('http://127.0.0.1:3000/api/v1/calendar/closures');
    expect(r.stdout).toContain('2026-07-20 (Monday) was already declared a closure day (black rainstorm warning); nothing changed.');
  });

  it('when the API refuses, then the problem detail goes to stderr and it exits 1', async () => {
    const problem = { type: 'urn:courtflow:problem:forbidden', title: 'Not permitted', status: 403, detail: 'This needs the role registry-officer; you act as org-user' };
    const r = await run(['declare', '2026-07-20', '--reason', 'black rainstorm warning'], { status: 403, body: problem });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('courtflow closure: refused (403): This needs the role registry-officer; you act as org-user\n');
  });

  it('when the API cannot be reached, then it says where it tried and exits 1', async () => {
    let stderr = '';
    const code = await runClosureCommand(['list'], { stdout: () => undefined, stderr: (s) => void (stderr += s) }, async () => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:3000') });
    });
    expect(code).toBe(1);
    expect(stderr).toBe('courtflow closure: cannot reach the API at http://127.0.0.1:3000/api/v1/calendar (connect ECONNREFUSED 127.0.0.1:3000)\n');
  });

  it('when closures are listed, then each is printed with its weekday and reason', async () => {
    const body = {
      calendarVersion: 'hk-gazette-2028.1+closures.1',
      holidaysVersion: 'hk-gazette-2028.1',
      closuresVersion: 1,
      coverage: { from: '2024-01-01', to: '2028-12-31' },
      policies: [],
      years: [],
      closures: [
        { date: '2026-07-20', reason: 'black rainstorm warning', kind: 'warning', declaredAt: '2026-07-20T01:00:00.000Z', closuresVersion: 1 },
        { date: '2026-08-14', reason: 'registry closed by order: office move', kind: 'planned', declaredAt: '2026-07-01T01:00:00.000Z', closuresVersion: 2 },
      ],
      holidaysToldToCases: 'hk-gazette-2028.1',
      changes: [],
    };
    const r = await run(['list', '--year', '2026'], { status: 200, body });
    expect(r.code).toBe(0);
    expect(r.calls[0]?.url).toBe('http://127.0.0.1:3000/api/v1/calendar?year=2026');
    expect(r.stdout).toMatch(/2026-07-20\s+Mon\s+black rainstorm warning/);
    expect(r.stdout).toMatch(/2026-08-14\s+Fri\s+registry closed by order: office move\s+\[planned\]/);
  });

  it('when a planned closure is declared, then it posts kind "planned" with the order as the reason', async () => {
    const body = {
      ...declared(true),
      declared: { date: '2027-01-04', reason: 'registry closed by order: office move', kind: 'planned' },
    };
    const r = await run(['declare', '2027-01-04', '--planned', '--reason', 'registry closed by order: office move'], { status: 201, body });
    expect(r.code).toBe(0);
    expect(JSON.parse(String(r.calls[0]?.init?.body))).toEqual({ date: '2027-01-04', reason: 'registry closed by order: office move', kind: 'planned' });
    expect(r.stdout).toMatch(/^Declared 2027-01-04 \(Monday\) a planned closure day: registry closed by order: office move\./);
  });

  it('when the day already does not count, then it says the closure was recorded only, and why', async () => {
    const why = '2026-07-19 is already a day that does not count (Sunday): the closure is recorded only; no deadline and no calendar version changed';
    const body = { ...declared(false), declared: { date: '2026-07-19', reason: 'black rainstorm warning' }, why, broadcast: null };
    const r = await run(['declare', '2026-07-19', '--reason', 'black rainstorm warning'], { status: 200, body });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Recorded only: ${why}.`);
  });

  it('when a closure is withdrawn, then it sends DELETE with the reason as a registry officer and says which workflow tells the cases', async () => {
    const body = {
      changed: true,
      withdrawn: { date: '2026-07-20', reason: 'black rainstorm warning' },
      reason: 'declared for the wrong day',
      calendar: { calendarVersion: 'hk-gazette-2029.2+closures.2', holidaysVersion: 'hk-gazette-2029.2', closuresVersion: 2, closures: [] },
      broadcast: { workflowId: 'calendar-closure-2026-07-20-withdrawn-v2', started: true },
      links: { calendar: '/api/v1/calendar' },
    };
    const r = await run(['withdraw', '2026-07-20', '--reason', 'declared for the wrong day'], { status: 201, body });
    expect(r.code).toBe(0);
    expect(r.calls[0]?.url).toBe('http://127.0.0.1:3000/api/v1/calendar/closures/2026-07-20');
    expect(r.calls[0]?.init?.method).toBe('DELETE');
    expect((r.calls[0]?.init?.headers as Record<string, string>)['X-Api-Key']).toBe('cf_env_key');
    expect(JSON.parse(String(r.calls[0]?.init?.body))).toEqual({ reason: 'declared for the wrong day' });
    expect(r.stdout).toContain('Withdrew the closure of 2026-07-20 (Monday) (black rainstorm warning): declared for the wrong day.');
    expect(r.stdout).toContain('Open cases are being told by workflow calendar-closure-2026-07-20-withdrawn-v2.');
  });

  it('when the calendar is synced and the holiday list is new to the cases, then it says which list and what changed', async () => {
    const body = {
      holidays: {
        from: 'hk-gazette-2028.1',
        to: 'hk-gazette-2029.2',
        changes: ['2027 now as gazetted (…), replacing the provisional list'],
        broadcast: { workflowId: 'calendar-holidays-hk-gazette-2029.2', started: true },
      },
      closures: null,
    };
    const r = await run(['sync'], { status: 200, body });
    expect(r.code).toBe(0);
    expect(r.calls[0]?.url).toBe('http://127.0.0.1:3000/api/v1/calendar/sync');
    expect(r.calls[0]?.init?.method).toBe('POST');
    expect(r.stdout).toContain('told of the general holiday list hk-gazette-2029.2 (they had hk-gazette-2028.1) by workflow calendar-holidays-hk-gazette-2029.2');
    expect(r.stdout).toContain('2027 now as gazetted');
  });
});
