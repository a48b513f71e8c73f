/**
 * The courtflow worker: polls the small-claims task queue and runs its
 * workflows and activities. Built by a factory so tests hand it a test
 * environment's connection and the real process hands it a live one.
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

export async function createWorker(options: WorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? SCT_TASK_QUEUE,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath }),
    // Exactly the activities the workflows declare they call.
    activities: createActivities({
      pool: options.pool,
      ...(options.documents ? { documents: options.documents } : {}),
      ...(options.payments ? { payments: options.payments } : {}),
      ...(options.client ? { temporal: { client: options.client, taskQueue: options.taskQueue ?? SCT_TASK_QUEUE } } : {}),
      ...(options.notifications ? { notifications: options.notifications } : {}),
    }) satisfies SmallClaimActivities & AlertActivities & DailyDigestActivities & OpenCaseActivities & FilingActivities & FilingPaymentActivities & RegistrationActivities & NotificationDeliveryActivities,
    // Cases wait for weeks between steps; a worker shutting down lets running
    // activities finish (they are short) before it exits.
    shutdownGraceTime: '10 seconds',
    ...(options.maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows: options.maxCachedWorkflows }),
    ...(options.maxConcurrentActivities === undefined ? {} : { maxConcurrentActivityTaskExecutions: options.maxConcurrentActivities }),
  });
}
