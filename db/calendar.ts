import type { Pool } from 'pg';
import { createCalendar, type CourtCalendar } from '../domain/calendar';

/**
 * The court calendar in force now: this code's gazetted holiday list and
 * the closure days registry officers have declared.
 */
export async function currentCalendar(_pool: Pool): Promise<CourtCalendar> {
  // Closure days are declared through the registry (a later migration adds their table).
  return createCalendar([]);
}
