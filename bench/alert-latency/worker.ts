/**
 * A benchmark worker process, with its own bundle of workflows.ts:
 *
 *   node worker.js alerts   polls ALERT_BENCH_TASK_QUEUE and runs courtflow's
 *                           real `deliverDeadlineAlert` activity, built by the
 *                           same factory with the same kind of dependencies as
 *                           `courtflow worker` builds it (the application
 *                           role's pool, a Temporal client that starts each
 *                           delivery's workflow on courtflow's task queue, the
 *                           notification settings from the environment). The
 *                           deliveries themselves are sent by the courtflow
 *                           worker, as in production.
 *   node worker.js timers   polls RAW_TIMER_TASK_QUEUE, no activities: the raw
 *                           baseline's timers only.
 *
 *   TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, DATABASE_URL (alerts)   as for `courtflow worker`
 *
 * Runs until SIGTERM or SIGINT.
 */
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createDeadlineAlertActivities } from '../../activities/deadline-alerts';
import { loadConfig } from '../../config';
import { notificationConfigOf } from '../../config/notifications';
import { createPool } from '../../db/pool';
import type { AlertActivities } from '../../workflows/alerts/deliver-alerts';
import { SCT_TASK_QUEUE } from '../../workflows/sct/contract';
import { taskQueueOf } from './contract';

async function main(kind: string | undefined): Promise<void> {
  if (kind !== 'alerts' && kind !== 'timers') throw new Error('usage: worker.js alerts|timers');
  const config = loadConfig(process.env);
  if (!config.TEMPORAL_ADDRESS || (kind === 'alerts' && !config.DATABASE_URL)) throw new Error(`the ${kind} worker needs TEMPORAL_ADDRESS${kind === 'alerts' ? ' and DATABASE_URL' : ''}`);
  const taskQueue = taskQueueOf(kind);
  // As `courtflow worker`: warnings and errors only, stopped by the same signals.
  Runtime.install({ shutdownSignals: ['SIGINT', 'SIGTERM', 'SIGQUIT', 'SIGUSR2', 'SIGHUP'], logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const pool = kind === 'alerts' && config.DATABASE_URL ? createPool(config.DATABASE_URL) : undefined;
  try {
    const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE });
    const activities = pool
      ? (createDeadlineAlertActivities({
          pool,
          // Deliveries start where the courtflow worker polls, exactly as from a case's alert.
          temporal: { client, taskQueue: SCT_TASK_QUEUE },
          notifications: notificationConfigOf(config),
        }) satisfies AlertActivities)
      : undefined;
    const worker = await Worker.create({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue,
      // Bundled at start, as the courtflow worker bundles its own.
      workflowsPath: require.resolve('./workflows'),
      ...(activities ? { activities } : {}),
      shutdownGraceTime: '10 seconds',
    });
    console.log(`${kind} worker polling ${config.TEMPORAL_ADDRESS} task queue ${taskQueue}`);
    await worker.run();
  } finally {
    await connection.close();
    await clientConnection.close();
    await pool?.end();
  }
}

main(process.argv[2]).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
