/**
 * The no-op workflow, bundled on its own for the no-op worker (never part of
 * courtflow's bundle). It waits on a 60-day durable timer, as a case waits on
 * its statutory ones, and answers `touch` updates meanwhile.
 */
import { setHandler, sleep } from '@temporalio/workflow';
import { touchUpdate } from './contract';

export async function noopCaseWorkflow(): Promise<void> {
  let touched = 0;
  setHandler(touchUpdate, () => ++touched);
  await sleep('60 days');
}

/**
 * A run that does nothing but wait `steps` times for a moment: each wait is a
 * timer and a workflow task, so its history grows by five events a step. The
 * replay benchmark records one as long as each recorded case history.
 */
export async function noopStepsWorkflow(steps: number): Promise<void> {
  for (let i = 0; i < steps; i++) await sleep(1);
}
