import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import { requireTemporalBinary, TEMPORAL_CLI, TEMPORAL_TEST_SERVER } from '../../cli/stack/temporal-binaries';
import { workflowsPath } from '../../workers/worker';

/** The time-skipping test server, from the binary the project installed (never downloaded). */
export function timeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: requireTemporalBinary(TEMPORAL_TEST_SERVER) } },
  });
}

/** A real Temporal dev server (in-memory), from the installed Temporal CLI; `extraArgs` for `temporal server start-dev` (dynamic config). */
export function devServerEnvironment(extraArgs: readonly string[] = []): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: requireTemporalBinary(TEMPORAL_CLI) },
      ip: '127.0.0.1',
      extraArgs: ['--log-level', 'error', ...extraArgs],
    },
  });
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
