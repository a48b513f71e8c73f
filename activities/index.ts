import type { Pool } from 'pg';
import type { DocumentStore } from '../db/document-store/store';
import { createCasePaperActivities } from './case-papers';
import { createCourtCalendarActivities } from './court-calendar';
import { createDailyDigestActivities } from './daily-digest';
import { createDeadlineAlertActivities } from './deadline-alerts';
import { createFilingActivities } from './filing';
import { createFilingPaymentActivities } from './filing-payments';
import type { PaymentProvider } from '../db/payment-provider/provider';
import { createRegistrationActivities } from './registration';
import { createOpenCaseActivities } from './open-cases';
import { createSctProjectionActivities } from './sct-projection';
import type { NotificationSettings } from './notification-channels';
import { createNotificationDeliveryActivities } from './notification-delivery';
import type { DeliveryStarter } from './notifications/start-delivery';

export interface ActivityDeps {
  pool: Pool;
  /** Where papers the processes issue are kept (the same store as uploads). */
  documents?: DocumentStore;
  /** The payment service provider filings pay through, and the API's public address it sends payers and callbacks to. */
  payments?: { provider: PaymentProvider; publicBaseUrl: string };
  /**
   * A Temporal client of the worker's namespace and the task queue it polls,
   * for activities that start workflows: `sendOnChannels` starts one delivery
   * workflow per notice and channel.
   */
  temporal?: DeliveryStarter;
  /** How notices go out by email and webhook (SMTP server, sender, retry policy); see activities/notification-channels.ts. */
  notifications?: NotificationSettings;
}

/** Every activity the worker registers, built from the dependencies it needs. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createSctProjectionActivities(deps),
    ...createOpenCaseActivities(deps),
    ...createCourtCalendarActivities(deps),
    ...createFilingActivities(deps),
    ...createFilingPaymentActivities(deps),
    ...createRegistrationActivities(deps),
    ...createCasePaperActivities(deps),
    ...createNotificationDeliveryActivities(deps),
    ...createDeadlineAlertActivities(deps),
    ...createDailyDigestActivities(deps),
  };
}
