import type { Pool } from 'pg';
import type { DocumentStore } from '../db/document-store/store';
import { createCasePaperActivities } from './case-papers';
import { createCourtCalendarActivities } from './court-calendar';
import { createFilingActivities } from './filing';
import { createRegistrationActivities } from './registration';
import { createOpenCaseActivities } from './open-cases';
import { createSctProjectionActivities } from './sct-projection';

export interface ActivityDeps {
  pool: Pool;
  /** Where papers the processes issue are kept (the same store as uploads). */
  documents?: DocumentStore;
}

/** Every activity the worker registers, built from the dependencies it needs. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createSctProjectionActivities(deps),
    ...createOpenCaseActivities(deps),
    ...createCourtCalendarActivities(deps),
    ...createFilingActivities(deps),
    ...createRegistrationActivities(deps),
    ...createCasePaperActivities(deps),
  };
}
