/**
 * The courtflow worker: polls the small-claims task queue and runs its
 * workflows and activities. Built by a factory so tests hand it a test
 * environment's connection and the real process hands it a live one.
 */
import { Worker, type NativeConnection, type WorkflowBundle } from '@temporalio/worker';
import type { Pool } from 'pg';
import { createActivities } from '../activities';
import type { OpenCaseActivities } from '../workflows/calendar/contract';
import { SCT_TASK_QUEUE, type SmallClaimActivities } from '../workflows/sct/contract';

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  pool: Pool;
  taskQueue?: string;
  /** A prebuilt bundle (tests build one per file); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkflowBundle;
}

export const workflowsPath = require.resolve('../workflows');

export async function createWorker(options: WorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? SCT_TASK_QUEUE,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath }),
    // Exactly the activities the workflows declare they call.
    activities: createActivities({ pool: options.pool }) satisfies SmallClaimActivities & OpenCaseActivities,
    // Cases wait for weeks between steps; a worker shutting down lets running
    // activities finish (they are short) before it exits.
    shutdownGraceTime: '10 seconds',
  });
}
