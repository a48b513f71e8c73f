/**
 * `courtflow deadline`: exit codes, the JSON shape and one-line errors.
 * Expected dates are worked by hand (see test/unit/deadline.test.ts).
 */
import { runDeadlineCommand } from '../../cli/commands/deadline';

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
      calendarVersion: 'hk-gazette-2028.1+closures.0',
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
    expect(out.calendarVersion).toBe('hk-gazette-2028.1+closures.1');
  });

  it('when --policy statutory is given for a party rule, then a plain Saturday is not skipped', () => {
    // Sat 12-12 + 7 = Sat 12-19.
    expect(json(run('sct.review-application', '2026-12-12', '--json').stdout).due).toBe('2026-12-21');
    const out = json(run('sct.review-application', '2026-12-12', '--policy', 'statutory', '--json').stdout);
    expect(out.policy).toBe('statutory');
    expect(out.due).toBe('2026-12-19');
  });

  it('when --days is given for order compliance, then the short-period rule applies', () => {
    const out = json(run('sct.order-compliance', '2026-02-13', '--days', '3', '--json').stdout);
    expect(out.periodDays).toBe(3);
    expect(out.due).toBe('2026-02-20');
    expect(out.extensions.filter((e) => e.kind === 'not-counted').map((e) => e.date)).toEqual([
      '2026-02-15',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
    ]);
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
    ['the date is outside coverage', ['sct.hearing', '2029-03-01'], /2029-03-01 is outside the court calendar's coverage/],
    ['the deadline would run out of coverage', ['sct.written-award', '2028-12-17'], /2029-01-01 is outside/],
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
