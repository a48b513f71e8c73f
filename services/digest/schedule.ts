/**
 * The daily digest's Temporal Schedule as officers steer it (a worker
 * creates it at start-up: workers/digest-schedule.ts): its state, pausing
 * and resuming it with a note, and triggering today's run by hand (which
 * sends nothing to anyone who already has today's digest).
 */
import { ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleDescription } from '@temporalio/client';
import { DIGEST_AT, DIGEST_CATCHUP_WINDOW, DIGEST_SCHEDULE_ID, DIGEST_TIMEZONE } from '../../workflows/digest/contract';
import type { Caller } from '../audit';
import { notFound } from '../errors';

export interface DigestScheduleState {
  scheduleId: string;
  /** `07:30 Asia/Hong_Kong, daily`. */
  when: string;
  catchupWindow: string;
  paused: boolean;
  note: string | null;
  nextRuns: string[];
  recentRuns: { scheduledAt: string; startedAt: string; workflowId: string }[];
}

const pad = (n: number) => String(n).padStart(2, '0');

function stateOf(d: ScheduleDescription): DigestScheduleState {
  return {
    scheduleId: d.scheduleId,
    when: `${pad(DIGEST_AT.hour)}:${pad(DIGEST_AT.minute)} ${DIGEST_TIMEZONE}, daily (skipped when the registry is closed)`,
    catchupWindow: DIGEST_CATCHUP_WINDOW,
    paused: d.state.paused,
    note: d.state.note ?? null,
    nextRuns: d.info.nextActionTimes.slice(0, 5).map((t) => t.toISOString()),
    recentRuns: d.info.recentActions.map((a) => ({
      scheduledAt: a.scheduledAt.toISOString(),
      startedAt: a.takenAt.toISOString(),
      workflowId: a.action.type === 'startWorkflow' ? a.action.workflow.workflowId : '',
    })),
  };
}

async function describe(client: Client): Promise<DigestScheduleState> {
  try {
    return stateOf(await client.schedule.getHandle(DIGEST_SCHEDULE_ID).describe());
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) throw notFound('The daily digest schedule (a worker creates it when it starts)');
    throw err;
  }
}

export const digestSchedule = (client: Client): Promise<DigestScheduleState> => describe(client);

/** Pauses (or resumes) the digest, with the officer's note kept on the schedule. */
export async function setDigestPaused(client: Client, caller: Caller, paused: boolean, note: string): Promise<DigestScheduleState> {
  await describe(client);
  const handle = client.schedule.getHandle(DIGEST_SCHEDULE_ID);
  const said = `${paused ? 'Paused' : 'Resumed'} by ${caller.actor.name}: ${note}`;
  await (paused ? handle.pause(said) : handle.unpause(said));
  return describe(client);
}

/** Starts today's digest now (anyone who already has today's is sent nothing again). */
export async function triggerDigest(client: Client): Promise<DigestScheduleState> {
  await describe(client);
  await client.schedule.getHandle(DIGEST_SCHEDULE_ID).trigger(ScheduleOverlapPolicy.ALLOW_ALL);
  return describe(client);
}
