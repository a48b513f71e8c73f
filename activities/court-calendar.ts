/** The court calendar in force now, for a case that must not miss a closure declared while it started. */
import type { Pool } from 'pg';
import type { CourtCalendar } from '../domain/calendar';
import { currentCalendar } from '../db/court-calendar';

export function createCourtCalendarActivities({ pool }: { pool: Pool }) {
  return {
    /** Read-only, so safe to retry. */
    async currentCourtCalendar(): Promise<CourtCalendar> {
      return currentCalendar(pool);
    },
  };
}

export type CourtCalendarActivities = ReturnType<typeof createCourtCalendarActivities>;
