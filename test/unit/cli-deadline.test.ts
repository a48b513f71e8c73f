/**
 * `courtflow deadline`: exit codes, the JSON shape and one-line errors.
 * Expected dates are worked by hand (see test/unit/deadline.test.ts).
 */
import { runDeadlineCommand, type Fetch } from '../../cli/commands/deadline';

function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = runDeadlineCommand(argv, {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
  });
  return { code, stdout, stderr };
}

interface JsonOutput {
  rule: string;
  from: string;
  due: string;
  unextendedDue: string;
  basis: string;
  policy: string;
  periodDays: number;
  calendarVersion: string;
  extensions: Array<{ date: string; reason: string; kind: string }>;
}

const json = (stdout: string) => JSON.parse(stdout) as JsonOutput;

describe('courtflow deadline', () => {
  it('when a rule and date are given, then it prints the explanation and a table of skipped days and exits 0', () => {
    const r = run('sct.review-application', '2026-12-18');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Due 2026-12-28 under Cap. 338 s.27A(2)(b); Cap. 1 s.71');
    expect(r.stdout).toMatch(/Due\s+2026-12-28 \(Monday\)/);
    expect(r.stdout).toMatch(/2026-12-25\s+Fri\s+extended\s+Christmas Day/);
    expect(r.stdout).toMatch(/2026-12-26\s+Sat\s+extended\s+The first weekday after Christmas Day/);
    expect(r.stdout).toMatch(/2026-12-27\s+Sun\s+extended\s+Sunday/);
  });

  it('when nothing is skipped, then the table says none', () => {
    const r = run('sct.written-award', '2026-12-14');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Days skipped: none');
  });

  it('when --json is given, then it prints the computation with its record fields', () => {
    const r = run('sct.review-application', '2026-12-18', '--json');
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out).toMatchObject({
      rule: 'sct.review-application',
      from: '2026-12-18',
      unextendedDue: '2026-12-25',
      due: '2026-12-28',
      basis: 'Cap. 338 s.27A(2)(b); Cap. 1 s.71',
      policy: 'registry',
      periodDays: 7,
      calendarVersion: 'hk-gazette-2029.2+closures.0',
    });
    expect(out.extensions.map((e) => [e.date, e.reason])).toEqual([
      ['2026-12-25', 'Christmas Day'],
      ['2026-12-26', 'The first weekday after Christmas Day'],
      ['2026-12-27', 'Sunday'],
    ]);
  });

  it('when --closed is given with and without a reason, then the closures extend the deadline and the version counts them', () => {
    // Mon 07-13 + 7 = Mon 07-20 (closed), Tue 07-21 (closed) -> Wed 07-22.
    const r = run(
      'sct.set-aside',
      '2026-07-13',
      '--closed',
      '2026-07-20:black rainstorm warning',
      '--closed',
      '2026-07-21',
      '--json',
    );
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out.due).toBe('2026-07-22');
    expect(out.extensions.map((e) => [e.date, e.reason])).toEqual([
      ['2026-07-20', 'black rainstorm warning'],
      ['2026-07-21', 'declared closure'],
    ]);
    expect(out.calendarVersion).toBe('hk-gazette-2029.2+closures.1');
  });

  it('when --policy statutory is given for a party rule, then a plain Saturday is not skipped', () => {
    // Sat 12-12 + 7 = Sat 12-19.
    expect(json(run('sct.review-application', '2026-12-12', '--json').stdout).due).toBe('2026-12-21');
    const out = json(run('sct.review-application', '2026-12-12', '--policy', 'statutory', '--json').stdout);
    expect(out.policy).toBe('statutory');
    expect(out.due).toBe('2026-12-19');
  });

  it('when --days is given for order compliance, then the short-period rule applies (s.71(1A)(c): no closure day counted, Saturdays included)', () => {
    // From Fri 02-13: Sat 14 no, Sun 15 no, Mon 16 (1), Tue-Thu LNY no, Fri 20 (2), Sat 21 no, Sun 22 no, Mon 23 (3).
    const out = json(run('sct.order-compliance', '2026-02-13', '--days', '3', '--json').stdout);
    expect(out.periodDays).toBe(3);
    expect(out.due).toBe('2026-02-23');
    expect(out.extensions.filter((e) => e.kind === 'not-counted').map((e) => e.date)).toEqual([
      '2026-02-14',
      '2026-02-15',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-21',
      '2026-02-22',
    ]);
    const statutory = json(run('sct.order-compliance', '2026-02-13', '--days', '3', '--policy', 'statutory', '--json').stdout);
    expect(statutory.due).toBe('2026-02-20');
  });

  it('when no --api is given, then the output says plainly that it computes on the general holidays only (and the --closed days)', () => {
    const plain = run('sct.review-application', '2026-12-18');
    expect(plain.stdout).toMatch(/Computed on\s+general holidays only: closure days declared in the running system are not included \(use --api URL to include them\)/);
    const closed = run('sct.set-aside', '2026-07-13', '--closed', '2026-07-20:black rainstorm warning');
    expect(closed.stdout).toContain('general holidays and the --closed days given only: closure days declared in the running system are not included');
    expect(json(run('sct.review-application', '2026-12-18', '--json').stdout)).toMatchObject({ computedOn: expect.stringMatching(/^general holidays only/) });
  });

  it('when --api is given, then it reads the running system\'s calendar and its declared closures extend the deadline', async () => {
    const calls: string[] = [];
    const api: Fetch = async (url) => {
      calls.push(url);
      const body = {
        calendarVersion: 'hk-gazette-2029.2+closures.2',
        holidaysVersion: 'hk-gazette-2029.2',
        closuresVersion: 2,
        coverage: { from: '2023-01-01', to: '2029-12-31' },
        policies: [],
        years: [],
        closures: [{ date: '2026-07-20', reason: 'black rainstorm warning', kind: 'warning', declaredAt: '2026-07-20T03:00:00.000Z', closuresVersion: 2 }],
        holidaysToldToCases: 'hk-gazette-2029.2',
        changes: [],
      };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    let stdout = '';
    const code = await runDeadlineCommand(['sct.set-aside', '2026-07-13', '--api', 'http://127.0.0.1:3000/', '--json'], { stdout: (s) => (stdout += s), stderr: () => undefined }, api);
    expect(code).toBe(0);
    expect(calls).toEqual(['http://127.0.0.1:3000/api/v1/calendar']);
    const out = JSON.parse(stdout) as JsonOutput & { computedOn: string };
    expect(out.due).toBe('2026-07-21');
    expect(out.calendarVersion).toBe('hk-gazette-2029.2+closures.2');
    expect(out.extensions).toEqual([expect.objectContaining({ date: '2026-07-20', reason: 'black rainstorm warning', kind: 'extended' })]);
    expect(out.computedOn).toContain("the running system's calendar (http://127.0.0.1:3000/api/v1/calendar)");
  });

  it('when --api cannot be reached, then one line on stderr says where it tried and it exits 1', async () => {
    let stderr = '';
    const down: Fetch = async () => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:3999') });
    };
    const code = await runDeadlineCommand(['sct.hearing', '2026-06-12', '--api', 'http://127.0.0.1:3999'], { stdout: () => undefined, stderr: (s) => (stderr += s) }, down);
    expect(code).toBe(1);
    expect(stderr).toBe('courtflow deadline: cannot reach the API at http://127.0.0.1:3999/api/v1/calendar (connect ECONNREFUSED 127.0.0.1:3999)\n');
  });

  it('when --help is given, then usage goes to stdout and it exits 0', () => {
    const r = run('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('usage: courtflow deadline <rule-id> <YYYY-MM-DD>');
    expect(r.stdout).toContain('sct.transfer-review-application');
  });

  const bad: Array<[string, string[], RegExp]> = [
    ['the rule is unknown', ['sct.appeal', '2026-06-12'], /unknown deadline rule "sct\.appeal".*sct\.hearing/],
    ['the date is impossible', ['sct.hearing', '2026-02-30'], /"2026-02-30" is not a calendar date/],
    ['the date is malformed', ['sct.hearing', '12/06/2026'], /"12\/06\/2026" is not a calendar date/],
    ['the date is outside coverage', ['sct.hearing', '2030-03-01'], /2030-03-01 is outside the court calendar's coverage/],
    ['the deadline would run out of coverage', ['sct.written-award', '2029-12-20'], /2030-01-03 is outside/],
    ['--api and --closed are combined', ['sct.hearing', '2026-06-12', '--api', 'http://127.0.0.1:3000', '--closed', '2026-07-20'], /--closed and --api cannot be combined/],
    ['--api is not a URL', ['sct.hearing', '2026-06-12', '--api', 'localhost 3000'], /--api must be a URL/],
    ['the policy is unknown', ['sct.hearing', '2026-06-12', '--policy', 'weekly'], /--policy must be statutory or registry/],
    ['no arguments are given', [], /missing <rule-id> and <YYYY-MM-DD>/],
    ['the date is missing', ['sct.hearing'], /missing <YYYY-MM-DD>/],
    ['an extra argument is given', ['sct.hearing', '2026-06-12', 'now'], /unexpected argument "now"/],
    ['--days is not a number', ['sct.order-compliance', '2026-06-12', '--days', 'ten'], /--days must be a whole number/],
    ['--days is missing for order compliance', ['sct.order-compliance', '2026-06-12'], /needs periodDays/],
    ['--days contradicts a fixed period', ['sct.hearing', '2026-06-12', '--days', '30'], /fixed period of 60 days/],
    ['--closed has an impossible date', ['sct.hearing', '2026-06-12', '--closed', '2026-06-31'], /closure date "2026-06-31"/],
    ['--closed has no value', ['sct.hearing', '2026-06-12', '--closed'], /--closed/],
    ['an option is unknown', ['sct.hearing', '2026-06-12', '--when', 'x'], /Unknown option '--when'/],
  ];

  it.each(bad)('when %s, then one line on stderr names the problem and it exits 2', (_case, argv, message) => {
    const r = run(...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^courtflow deadline: /);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.endsWith('\n')).toBe(true);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
