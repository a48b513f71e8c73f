/**
 * The worker process: `courtflow worker`. Connects to Temporal and
 * PostgreSQL from the environment and runs until SIGINT, SIGTERM or SIGHUP.
 */
import { DIGEST_SCHEDULE_ID } from '../workflows/digest/contract';
import { outboundQueueOf } from '../workflows/notifications/contract';
import { ensureDigestSchedule } from './digest-schedule';
import { markPapersAsTraining } from '../papers/render';
import { SCT_TASK_QUEUE } from '../workflows/sct/contract';
import { documentStoreOf } from '../db/document-store/configured';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { loadConfig } from '../config';
import { createPool } from '../db/pool';
import { createWorker } from './worker';
import { loadPaymentProviderConfig } from '../config/payment-provider';
import { paymentProviderOf } from '../db/payment-provider/configured';
import { notificationConfigOf } from '../config/notifications';

export async function runWorker(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = loadConfig(env);
  if (!config.TEMPORAL_ADDRESS || !config.DATABASE_URL) {
    throw new Error('the worker needs TEMPORAL_ADDRESS and DATABASE_URL (courtflow start sets both)');
  }
  // Warnings and errors only: the SDK logs every bundling step at INFO.
  Runtime.install({
    // The SDK's default shutdown signals, and SIGHUP: a closed terminal stops the worker as Ctrl-C would.
    shutdownSignals: ['SIGINT', 'SIGTERM', 'SIGQUIT', 'SIGUSR2', 'SIGHUP'],
    logger: new DefaultLogger(config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace' ? 'DEBUG' : 'WARN'),
    // The SDK's own metrics (task latencies, slots, polls, activity failures) for Prometheus.
    ...(config.WORKER_METRICS_PORT > 0
      ? { telemetryOptions: { metrics: { prometheus: { bindAddress: `${config.WORKER_METRICS_HOST}:${config.WORKER_METRICS_PORT}` } } } }
      : {}),
  });
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  // A client beside the worker's own connection, for activities that start workflows (a notice's deliveries).
  const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  // One connection for each activity the worker runs at once.
  const pool = createPool(config.DATABASE_URL, config.WORKER_MAX_CONCURRENT_ACTIVITIES);
  try {
    const provider = paymentProviderOf(loadPaymentProviderConfig(env));
    const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE });
    if (config.COURTFLOW_TRAINING) {
      // The time-skipping test server has no schedules; training papers say what they are.
      markPapersAsTraining();
      console.log('TRAINING: the court clock is simulated; no daily digest schedule; every paper is marked as training');
    } else {
      // The daily digest's schedule exists once, whichever worker starts first; an officer's pause stands.
      const schedule = await ensureDigestSchedule(client, SCT_TASK_QUEUE);
      console.log(`daily digest schedule ${DIGEST_SCHEDULE_ID}: ${schedule}`);
    }
    const worker = await createWorker({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      pool,
      documents: documentStoreOf(config),
      client,
      notifications: notificationConfigOf(config),
      maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
      maxConcurrentActivities: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
      ...(provider ? { payments: { provider, publicBaseUrl: config.COURTFLOW_PUBLIC_URL ?? `http://127.0.0.1:${config.PORT}` } } : {}),
    });
    // The SDK installs handlers for those signals that call worker.shutdown().
    console.log(`worker polling ${config.TEMPORAL_ADDRESS} namespace ${config.TEMPORAL_NAMESPACE}, caching up to ${config.WORKER_MAX_CACHED_WORKFLOWS} workflows, running up to ${config.WORKER_MAX_CONCURRENT_ACTIVITIES} activities at once; deliveries send from ${outboundQueueOf(SCT_TASK_QUEUE)}`);
    await worker.run();
  } finally {
    await connection.close();
    await clientConnection.close();
    await pool.end();
  }
}
