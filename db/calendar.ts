/** The court calendar in force now: kept in `court-calendar.ts`, with the closure days' table. */
export { currentCalendar } from './court-calendar';
