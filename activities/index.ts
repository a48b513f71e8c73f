import type { Pool } from 'pg';
import type { DocumentStore } from '../db/document-store/store';
import { createCasePaperActivities } from './case-papers';
import { createCourtCalendarActivities } from './court-calendar';
import { createFilingActivities } from './filing';
import { createFilingPaymentActivities } from './filing-payments';
import type { PaymentProvider } from '../db/payment-provider/provider';
import { createRegistrationActivities } from './registration';
import { createOpenCaseActivities } from './open-cases';
import { createSctProjectionActivities } from './sct-projection';

export interface ActivityDeps {
  pool: Pool;
  /** Where papers the processes issue are kept (the same store as uploads). */
  documents?: DocumentStore;
  /** The payment service provider filings pay through, and the API's public address it sends payers and callbacks to. */
  payments?: { provider: PaymentProvider; publicBaseUrl: string };
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
  };
}
