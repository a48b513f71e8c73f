/**
 * Starting a delivery's workflow once under its business key
 * (`delivery:<id>`): a second start is answered, not duplicated, and a
 * finished delivery is never run again. The same policy as the use-cases'
 * `startOnce` (services/start-once.ts), which activities cannot import.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { deliveryWorkflowId, NOTIFICATION_DELIVERY_WORKFLOW, type DeliveryInput } from '../../domain/notifications/deliveries';

export interface DeliveryStarter {
  client: Client;
  taskQueue: string;
}

/** True if this call started it, false if it had been started already. */
export async function startDelivery(temporal: DeliveryStarter, input: DeliveryInput): Promise<boolean> {
  try {
    await temporal.client.workflow.start(NOTIFICATION_DELIVERY_WORKFLOW, {
      workflowId: deliveryWorkflowId(input.deliveryId),
      taskQueue: temporal.taskQueue,
      args: [input],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      workflowIdConflictPolicy: 'FAIL',
    });
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}
