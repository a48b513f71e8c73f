/**
 * The daily digest's contract: its workflow type, input and outcome, the
 * activities it calls, and the Temporal Schedule that starts it each
 * morning (created by a worker at start-up, read and steered by services).
 */
import type { CourtCalendar, IsoDate } from '../../domain/calendar';

export const DAILY_DIGEST_WORKFLOW = 'dailyDigestWorkflow';

export interface DailyDigestInput {
  /** Working days "due soon" looks ahead (default 3). */
  horizonWorkingDays?: number;
}

export type DailyDigestOutcome =
  | { date: IsoDate; sent: true; recipients: number; itemsDue: number }
  | { date: IsoDate; sent: false; skipped: string };

export interface DailyDigestActivities {
  currentCourtCalendar(): Promise<CourtCalendar>;
  sendDailyDigest(request: { date: IsoDate; calendar: CourtCalendar; horizonWorkingDays: number }): Promise<{ date: IsoDate; recipients: number; itemsDue: number }>;
}

export const DIGEST_SCHEDULE_ID = 'courtflow-daily-digest';
export const DIGEST_TIMEZONE = 'Asia/Hong_Kong';
/** When the digest goes out, Hong Kong time: before the registry opens at 08:45. */
export const DIGEST_AT = { hour: 7, minute: 30 };
/**
 * After downtime a run missed within this window still starts (a digest at
 * 09:30 is still useful; one at noon is not); an older one is dropped.
 */
export const DIGEST_CATCHUP_WINDOW = '2 hours';
