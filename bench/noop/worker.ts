/**
 * The no-op worker process: polls the no-op task queue on TEMPORAL_ADDRESS
 * with its own bundle of `workflows.ts`, with the same SDK defaults as the
 * courtflow worker (`courtflow worker`), so the memory of the two processes
 * can be set side by side. Serves the SDK's metrics on NOOP_WORKER_METRICS_PORT,
 * as the courtflow worker serves them on WORKER_METRICS_PORT. Runs until
 * SIGTERM or SIGINT.
 */
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { NOOP_TASK_QUEUE } from './contract';

async function main(): Promise<void> {
  const address = process.env.TEMPORAL_ADDRESS;
  if (!address) throw new Error('the no-op worker needs TEMPORAL_ADDRESS');
  // As `courtflow worker` does: warnings and errors only, stopped by the same signals.
  const metricsPort = Number(process.env.NOOP_WORKER_METRICS_PORT ?? 0);
  Runtime.install({
    shutdownSignals: ['SIGINT', 'SIGTERM', 'SIGQUIT', 'SIGUSR2', 'SIGHUP'],
    logger: new DefaultLogger('WARN'),
    // The SDK's metrics, as `courtflow worker` serves them: the benchmark reads how many tasks it has run.
    ...(metricsPort > 0 ? { telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${metricsPort}` } } } } : {}),
  });
  const connection = await NativeConnection.connect({ address });
  try {
    const worker = await Worker.create({
      connection,
      namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
      taskQueue: NOOP_TASK_QUEUE,
      // Bundled at start, as the courtflow worker bundles its own.
      workflowsPath: require.resolve('./workflows'),
      shutdownGraceTime: '10 seconds',
    });
    console.log(`no-op worker polling ${address} task queue ${NOOP_TASK_QUEUE}`);
    await worker.run();
  } finally {
    await connection.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
