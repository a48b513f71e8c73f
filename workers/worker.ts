/**
 * The courtflow worker: polls the small-claims task queue and runs its
 * workflows and activities, and beside it the outbound queue, where
 * deliveries wait on other people's servers. Built by a factory so tests
 * hand it a test environment's connection and the real process hands it a
 * live one.
 */
import type { Client } from '@temporalio/client';
import { Worker, type NativeConnection, type WorkflowBundle } from '@temporalio/worker';
import type { Pool } from 'pg';
import type { DocumentStore } from '../db/document-store/store';
import { createActivities } from '../activities';
import type { NotificationSettings } from '../activities/notification-channels';
import type { NotificationDeliveryActivities } from '../workflows/notifications/contract';
import type { AlertActivities } from '../workflows/alerts/deliver-alerts';
import type { DailyDigestActivities } from '../workflows/digest/contract';
import type { OpenCaseActivities } from '../workflows/calendar/contract';
import type { FilingActivities, FilingPaymentActivities } from '../workflows/filing/contract';
import type { PaymentProvider } from '../db/payment-provider/provider';
import type { RegistrationActivities } from '../workflows/registration/contract';
import { outboundQueueOf } from '../workflows/notifications/contract';
import { SCT_TASK_QUEUE, type SmallClaimActivities } from '../workflows/sct/contract';

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  pool: Pool;
  /** The document store papers are kept in (required for small claims to issue their papers). */
  documents?: DocumentStore;
  taskQueue?: string;
  /** A prebuilt bundle (tests build one per file); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkflowBundle;
  /** The payment service provider filings pay through, and the API's public address it sends payers and callbacks back to. */
  payments?: { provider: PaymentProvider; publicBaseUrl: string };
  /** A client of the same namespace, for activities that start workflows (a notice's deliveries, on this worker's task queue). */
  client?: Client;
  /** How notices go out by email and webhook. */
  notifications?: NotificationSettings;
  /** How many workflows stay in memory between their tasks; unset, the SDK's own default (sized by the heap). */
  maxCachedWorkflows?: number;
  /** How many activities run at once; unset, the SDK's own default (100). */
  maxConcurrentActivities?: number;
}

export const workflowsPath = require.resolve('../workflows');

/** The two workers of one process, run and stopped as one. */
export interface CourtflowWorker {
  /** Runs until shut down (by `shutdown()` or a signal); if one fails, the other is shut down and the failure thrown. */
  run(): Promise<void>;
  shutdown(): void;
}

export async function createWorker(options: WorkerOptions): Promise<CourtflowWorker> {
  const taskQueue = options.taskQueue ?? SCT_TASK_QUEUE;
  // Exactly the activities the workflows declare they call.
  const activities = createActivities({
    pool: options.pool,
    ...(options.documents ? { documents: options.documents } : {}),
    ...(options.payments ? { payments: options.payments } : {}),
    ...(options.client ? { temporal: { client: options.client, taskQueue } } : {}),
    ...(options.notifications ? { notifications: options.notifications } : {}),
  }) satisfies SmallClaimActivities & AlertActivities & DailyDigestActivities & OpenCaseActivities & FilingActivities & FilingPaymentActivities & RegistrationActivities & NotificationDeliveryActivities;
  const cases = await Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath }),
    // Every activity, the deliveries' sending too: one recorded before it moved to the outbound queue still runs here.
    activities,
    // Cases wait for weeks between steps; a worker shutting down lets running
    // activities finish (they are short) before it exits.
    shutdownGraceTime: '10 seconds',
    ...(options.maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows: options.maxCachedWorkflows }),
    ...(options.maxConcurrentActivities === undefined ? {} : { maxConcurrentActivityTaskExecutions: options.maxConcurrentActivities }),
  });
  // Activities only, no workflows: sending holds no database connection while
  // it waits, so the SDK's own 100 slots are left to it.
  const outbound = await Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: outboundQueueOf(taskQueue),
    activities: { sendNotificationDelivery: activities.sendNotificationDelivery },
    shutdownGraceTime: '10 seconds',
  });
  return together([cases, outbound]);
}

function together(workers: readonly Worker[]): CourtflowWorker {
  const shutdown = () => {
    for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
  };
  return {
    async run() {
      const ended = await Promise.allSettled(
        workers.map((worker) =>
          worker.run().catch((err: unknown) => {
            shutdown();
            throw err;
          }),
        ),
      );
      const failure = ended.find((e): e is PromiseRejectedResult => e.status === 'rejected');
      if (failure) throw failure.reason;
    },
    shutdown,
  };
}
