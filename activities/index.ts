import type { Pool } from 'pg';
import { createCourtCalendarActivities } from './court-calendar';
import { createOpenCaseActivities } from './open-cases';
import { createSctProjectionActivities } from './sct-projection';

export interface ActivityDeps {
  pool: Pool;
}

/** Every activity the worker registers, built from the dependencies it needs. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createSctProjectionActivities(deps),
    ...createOpenCaseActivities(deps),
    ...createCourtCalendarActivities(deps),
  };
}
