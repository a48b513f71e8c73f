/**
 * The daily digest's Temporal Schedule, created once, idempotently, when a
 * worker starts: a second worker, or a restart, finds it and leaves it as it
 * is, so an officer's pause survives every restart. It fires at 07:30 Hong
 * Kong time every day (the workflow skips days the registry is closed),
 * catches up on a run missed within its window after downtime, and never
 * runs two at once.
 */
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { DAILY_DIGEST_WORKFLOW, DIGEST_AT, DIGEST_CATCHUP_WINDOW, DIGEST_SCHEDULE_ID, DIGEST_TIMEZONE, type DailyDigestInput } from '../workflows/digest/contract';

/** Creates the schedule unless it exists; says which. */
export async function ensureDigestSchedule(client: Client, taskQueue: string, input: DailyDigestInput = {}): Promise<'created' | 'exists'> {
  try {
    await client.schedule.create({
      scheduleId: DIGEST_SCHEDULE_ID,
      spec: { calendars: [{ hour: DIGEST_AT.hour, minute: DIGEST_AT.minute }], timezone: DIGEST_TIMEZONE },
      action: { type: 'startWorkflow', workflowType: DAILY_DIGEST_WORKFLOW, workflowId: 'daily-digest', taskQueue, args: [input] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: DIGEST_CATCHUP_WINDOW },
      state: { note: 'Created at start-up' },
    });
    return 'created';
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return 'exists';
    throw err;
  }
}
