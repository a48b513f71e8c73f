/**
 * `courtflow replay --dir`: the recorded histories replay against today's
 * code (exit 0, as CI runs it); a history altered to disagree with the code
 * fails, naming the workflow and the event (exit 1); bad usage exits 2.
 * Needs no Temporal server: the replayer runs in-process.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { runReplayCommand, type ReplayDeps } from '../../cli/commands/replay';
import type { ReplayOutcome } from '../../cli/replay/replay-histories';
import { HISTORIES_DIR } from '../support/histories';
import { workflowBundle } from '../support/temporal';

const scratch = mkdtempSync(path.join(tmpdir(), 'courtflow-replay-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// A server nobody listens on: --dir must never reach for one.
const deps: ReplayDeps = {
  workflowBundle,
  env: { TEMPORAL_ADDRESS: '127.0.0.1:1' },
  connect: () => Promise.reject(new Error('--dir must not connect to Temporal')),
};

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runReplayCommand(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }, deps);
  return { code, stdout, stderr };
}

const recorded = readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json'));

interface RecordedEvent {
  eventId: string;
  activityTaskScheduledEventAttributes?: { activityType: { name: string } };
}

/** A copy of a recorded history whose first scheduled activity has another name: today's code cannot have made it. */
function tamperedCopy(dir: string, name: string): string {
  const json = JSON.parse(readFileSync(path.join(HISTORIES_DIR, 'review-and-appeal.json'), 'utf8')) as { events: RecordedEvent[] };
  const scheduled = json.events.find((e) => e.activityTaskScheduledEventAttributes !== undefined)!;
  scheduled.activityTaskScheduledEventAttributes!.activityType = { name: 'someOtherActivity' };
  writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(json));
  return scheduled.eventId;
}

describe('courtflow replay --dir', () => {
  it("when the recorded fixtures are replayed, then every one replays against today's code and the exit is 0", async () => {
    const r = await run(['--dir', HISTORIES_DIR]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(recorded.length).toBeGreaterThanOrEqual(2);
    for (const file of recorded) expect(r.stdout).toContain(`ok      ${path.basename(file, '.json')} `);
    expect(r.stdout).toMatch(new RegExp(`^${recorded.length} histories replayed, 0 failed$`, 'm'));
  });

  it('when one history disagrees with the code, then it fails naming the workflow and the event, the others pass, and the exit is 1', async () => {
    const dir = path.join(scratch, 'tampered');
    mkdirSync(dir);
    copyFileSync(path.join(HISTORIES_DIR, 'default-judgment-to-closed.json'), path.join(dir, 'default-judgment-to-closed.json'));
    const eventId = tamperedCopy(dir, 'SCTC-2026-000042');
    const r = await run(['--dir', dir, '--json']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as ReplayOutcome);
    expect(lines).toHaveLength(2);
    expect(lines.find((o) => o.workflowId === 'default-judgment-to-closed')).toMatchObject({ ok: true });
    const failed = lines.find((o) => o.workflowId === 'SCTC-2026-000042');
    expect(failed).toMatchObject({ ok: false, origin: path.join(dir, 'SCTC-2026-000042.json'), error: { kind: 'nondeterminism', eventId: Number(eventId) } });
    expect(failed?.error?.message).toContain('someOtherActivity');
    expect(r.stderr).toContain('2 histories replayed, 1 failed');
    expect(r.stderr).toContain(`failed: SCTC-2026-000042 run ${failed?.runId} (event ${eventId})`);

    const text = await run(['--dir', dir]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(new RegExp(`^FAILED  SCTC-2026-000042 .*: nondeterminism at event ${eventId}: `, 'm'));
    expect(text.stdout).toContain('2 histories replayed, 1 failed');
  });

  it('when a file is not a history, then it is named as unreadable, the others still replay, and the exit is 1', async () => {
    const dir = path.join(scratch, 'unreadable');
    mkdirSync(dir);
    copyFileSync(path.join(HISTORIES_DIR, 'steps-answered-after-projection.json'), path.join(dir, 'steps-answered-after-projection.json'));
    writeFileSync(path.join(dir, 'notes.json'), '{"hello": "world"}');
    writeFileSync(path.join(dir, 'broken.json'), '{"events": [');
    const r = await run(['--dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('ok      steps-answered-after-projection');
    expect(r.stdout).toMatch(/^FAILED  notes \(.*notes\.json\): unreadable: neither a Temporal history/m);
    expect(r.stdout).toMatch(/^FAILED  broken \(.*broken\.json\): unreadable: not JSON/m);
    expect(r.stdout).toContain('3 histories replayed, 2 failed');
  });

  it('when a run has only its start event (just continued as new), then it is ok with nothing to replay, and the replayer is not kept waiting', async () => {
    const dir = mkdtempSync(path.join(scratch, 'just-started-'));
    const json = JSON.parse(readFileSync(path.join(HISTORIES_DIR, 'review-and-appeal.json'), 'utf8')) as { events: RecordedEvent[] };
    writeFileSync(path.join(dir, 'SCTC-JUST-STARTED.json'), JSON.stringify({ events: json.events.slice(0, 1) }));
    copyFileSync(path.join(HISTORIES_DIR, 'review-and-appeal.json'), path.join(dir, 'review-and-appeal.json'));
    const r = await run(['--dir', dir, '--json']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as ReplayOutcome);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ workflowId: 'SCTC-JUST-STARTED', ok: true, note: expect.stringContaining('no workflow task has started') }),
        expect.objectContaining({ workflowId: 'review-and-appeal', ok: true }),
      ]),
    );
    expect(lines).toHaveLength(2);
  });

  it('when a history is in proto3 JSON (as `temporal workflow show --output json` writes it), then it replays', async () => {
    const dir = mkdtempSync(path.join(scratch, 'proto3-'));
    const history = temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(path.join(HISTORIES_DIR, 'review-and-appeal.json'), 'utf8')));
    const proto3 = historyToJSON(history);
    // Timestamps as RFC 3339 strings: the form the reader tells apart.
    expect(proto3).toMatch(/"eventTime":\s*"\d{4}-\d\d-\d\dT/);
    writeFileSync(path.join(dir, 'SCTC-FROM-CLI.json'), proto3);
    const r = await run(['--dir', dir, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toMatchObject({ workflowId: 'SCTC-FROM-CLI', ok: true });
  });

  it('when a directory holds no histories, then the exit is 1: an empty directory in CI is a wrong path, not a pass', async () => {
    const dir = path.join(scratch, 'empty');
    mkdirSync(dir);
    expect(await run(['--dir', dir])).toMatchObject({ code: 1, stderr: expect.stringContaining('no *.json histories in') });
  });
});

describe('courtflow replay: usage', () => {
  it.each([
    [[], 'say what to replay'],
    [['--dir'], "Option '--dir <value>' argument missing"],
    [['--dir', '/nonexistent/courtflow-histories'], 'is not a directory'],
    [['--dir', HISTORIES_DIR, '--open'], 'one at a time'],
    [['SCTC-2026-000001', '--closed'], 'one at a time'],
    [['--fast'], "Unknown option '--fast'"],
    [[''], 'cannot be empty'],
  ])('when run as `courtflow replay %j`, then it exits 2 naming the problem and replays nothing', async (argv, problem) => {
    const r = await run(argv);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toContain(problem);
  });

  it('when asked for help, then it prints the usage, the sources and the exit codes, and exits 0', async () => {
    const r = await run(['--open', '--help']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^usage: courtflow replay /);
    expect(r.stdout).toContain('Exit codes: 0 every history replayed; 1 any failed');
  });
});

describe('courtflow replay: no Temporal to reach', () => {
  it('when a case is asked for and Temporal does not answer, then the exit is 1 naming the address', async () => {
    let stderr = '';
    const code = await runReplayCommand(['SCTC-2026-000001'], { stdout: () => undefined, stderr: (s) => (stderr += s) }, { workflowBundle, env: { TEMPORAL_ADDRESS: '127.0.0.1:1' } });
    expect(code).toBe(1);
    expect(stderr).toContain('cannot reach Temporal at 127.0.0.1:1');
  });
});
