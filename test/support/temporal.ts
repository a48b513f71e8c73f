import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import { requireTemporalBinary, TEMPORAL_CLI, TEMPORAL_TEST_SERVER } from '../../cli/stack/temporal-binaries';
import { workflowsPath } from '../../workers/worker';

/**
 * The SDK gives a server it starts five seconds to answer (a constant in its
 * core), which a loaded CI machine running five test projects at once does
 * not always meet; the server is then killed and the start is tried again.
 * Any other failure, or a third timeout, is the test's failure.
 */
async function startingAgainOnTimeout(start: () => Promise<TestWorkflowEnvironment>): Promise<TestWorkflowEnvironment> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (err) {
      if (attempt >= 3 || !/did not start within/.test(String(err))) throw err;
    }
  }
}

/** The time-skipping test server, from the binary the project installed (never downloaded). */
export function timeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  return startingAgainOnTimeout(() =>
    TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: requireTemporalBinary(TEMPORAL_TEST_SERVER) } },
    }),
  );
}

/** A real Temporal dev server (in-memory), from the installed Temporal CLI; `extraArgs` for `temporal server start-dev` (dynamic config). */
export function devServerEnvironment(extraArgs: readonly string[] = []): Promise<TestWorkflowEnvironment> {
  return startingAgainOnTimeout(() =>
    TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: requireTemporalBinary(TEMPORAL_CLI) },
        ip: '127.0.0.1',
        extraArgs: ['--log-level', 'error', ...extraArgs],
      },
    }),
  );
}

let bundle: Promise<WorkflowBundle> | undefined;

/** The workflow bundle, built once per test file. */
export function workflowBundle(): Promise<WorkflowBundle> {
  bundle ??= bundleWorkflowCode({ workflowsPath, logger: { log: () => undefined, info: () => undefined, warn: () => undefined, error: console.error, debug: () => undefined, trace: () => undefined } });
  return bundle;
}

/** A unique id per test, so tests sharing a server never collide. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
