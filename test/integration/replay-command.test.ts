/**
 * `courtflow replay <caseNo>`, `--open` and `--closed` against a real
 * Temporal dev server: cases are run by a worker with stand-in activities,
 * then found through the visibility API and replayed by ID and by state.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { runReplayCommand, type ReplayDeps } from '../../cli/commands/replay';
import type { ReplayOutcome } from '../../cli/replay/replay-histories';
import { CaseHarness } from '../support/sct-case';
import { devServerEnvironment, workflowBundle } from '../support/temporal';

let env: TestWorkflowEnvironment;
let openCase: string;
let closedCase: string;

beforeAll(async () => {
  env = await devServerEnvironment();
  await CaseHarness.run(
    env,
    async (h) => {
      openCase = (await h.file()).handle.workflowId;
      const closed = await h.file();
      closedCase = closed.handle.workflowId;
      await closed.handle.terminate('replay test: a closed run');
    },
    { keepCases: true },
  );
  // Visibility is eventually consistent: wait until both runs are listed in their states.
  for (;;) {
    const open = await env.client.workflow.count(`WorkflowId = '${openCase}' AND ExecutionStatus = 'Running'`);
    const closed = await env.client.workflow.count(`WorkflowId = '${closedCase}' AND ExecutionStatus = 'Terminated'`);
    if (open.count === 1 && closed.count === 1) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});

afterAll(async () => {
  await env?.teardown();
});

async function run(argv: string[]) {
  const deps: ReplayDeps = {
    workflowBundle,
    env: {},
    connect: async () => ({ client: env.client, address: 'dev-server', close: async () => undefined }),
  };
  let stdout = '';
  let stderr = '';
  const code = await runReplayCommand([...argv, '--json'], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }, deps);
  const outcomes = stdout.trim() === '' ? [] : stdout.trim().split('\n').map((l) => JSON.parse(l) as ReplayOutcome);
  return { code, outcomes, stderr };
}

describe('courtflow replay against a Temporal server', () => {
  it('when a case is replayed by its case number, then its run replays and the exit is 0', async () => {
    const r = await run([openCase]);
    expect(r.code).toBe(0);
    expect(r.outcomes).toEqual([expect.objectContaining({ workflowId: openCase, ok: true, runId: expect.any(String), origin: 'dev-server namespace default' })]);
    expect(r.stderr).toContain('1 history replayed, 0 failed');
  });

  it('when --open and --closed are replayed, then each lists the runs in its state; together, every run', async () => {
    const open = await run(['--open']);
    expect(open.code).toBe(0);
    expect(open.outcomes.map((o) => o.workflowId)).toEqual([openCase]);
    const closed = await run(['--closed']);
    expect(closed.code).toBe(0);
    expect(closed.outcomes.map((o) => o.workflowId)).toEqual([closedCase]);
    const all = await run(['--open', '--closed']);
    expect(all.outcomes.map((o) => o.workflowId).sort()).toEqual([openCase, closedCase].sort());
    expect(all.outcomes.every((o) => o.ok)).toBe(true);
  });

  it('when a case number names no workflow, then it is named as a failure and the exit is 1', async () => {
    const r = await run(['SCTC-0000-NOSUCH', openCase]);
    expect(r.code).toBe(1);
    expect(r.outcomes).toEqual([
      expect.objectContaining({ workflowId: 'SCTC-0000-NOSUCH', ok: false, error: expect.objectContaining({ kind: 'unreadable', message: expect.stringContaining('no workflow with this ID') }) }),
      expect.objectContaining({ workflowId: openCase, ok: true }),
    ]);
    expect(r.stderr).toContain('2 histories replayed, 1 failed');
  });
});
