/**
 * Starting a workflow once under its business key (a case number, a
 * broadcast's calendar version): a second start of the same key is
 * answered, not duplicated, and never replaces a finished run.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';

export interface StartOnce<A extends unknown[]> {
  workflowType: string;
  workflowId: string;
  taskQueue: string;
  args: A;
}

/** Starts it; true if this call started it, false if it was already started. */
export async function startOnce<A extends unknown[]>(temporal: Client, start: StartOnce<A>): Promise<boolean> {
  try {
    await temporal.workflow.start(start.workflowType, {
      workflowId: start.workflowId,
      taskQueue: start.taskQueue,
      args: start.args,
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      workflowIdConflictPolicy: 'FAIL',
    });
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}
