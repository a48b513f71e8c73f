/**
 * The court's time as the console shows it, and, in training, moving it on:
 * to the next moment a case waits for (a hearing begins, a period ends), or
 * by whole days. Every case timer due on the way fires, in order, as it
 * would have in real time.
 */
import type { Pool } from 'pg';
import { openPeriods, upcomingHearings } from '../../db/court-events';
import type { IsoDate } from '../../domain/calendar';
import { SETTLE_MS, nextCourtEvent, type CourtEvent } from '../../domain/training/next-event';
import { hkDateOf } from '../../domain/time/hong-kong-time';
import { UseCaseError } from '../errors';
import type { CourtClock } from './court-clock';

export interface CourtTimeDeps {
  pool: Pool;
  clock: CourtClock;
}

export type CourtEventView =
  | { kind: 'hearing'; caseNo: string; at: string }
  | { kind: 'period-ends'; caseNo: string; at: string; key: string; rule: string; basis: string; due: IsoDate };

export interface CourtTime {
  training: boolean;
  now: string;
  today: IsoDate;
  /** Training only: what the next move to "the next event" would reach; null when no case waits on the clock. */
  nextEvent: CourtEventView | null;
}

export type ClockMove = { to: 'next-event' } | { days: number };

export interface ClockMoved extends CourtTime {
  movedFrom: string;
  /** The event moved to, when the move was to the next event. */
  reached: CourtEventView | null;
}

const DAY_MS = 24 * 3600 * 1000;

const viewOf = (event: CourtEvent): CourtEventView => ({ ...event, at: new Date(event.at).toISOString() });

async function nextEvent(deps: CourtTimeDeps): Promise<CourtEvent | null> {
  const now = deps.clock.now();
  const [hearings, periods] = await Promise.all([upcomingHearings(deps.pool, now), openPeriods(deps.pool, hkDateOf(now.getTime()))]);
  return nextCourtEvent(now.getTime(), hearings, periods);
}

export async function courtTime(deps: CourtTimeDeps): Promise<CourtTime> {
  await deps.clock.sync();
  const event = deps.clock.training ? await nextEvent(deps) : null;
  return { training: deps.clock.training, now: deps.clock.now().toISOString(), today: deps.clock.today(), nextEvent: event && viewOf(event) };
}

export async function moveCourtClock(deps: CourtTimeDeps, move: ClockMove): Promise<ClockMoved> {
  if (!deps.clock.training) {
    throw new UseCaseError('conflict', 'not-training', 'The court clock is real', 'Only a training stack (courtflow start --training) moves the court clock; this one keeps real time.');
  }
  await deps.clock.sync();
  const from = deps.clock.now();
  let reached: CourtEvent | null = null;
  let ms: number;
  if ('to' in move) {
    reached = await nextEvent(deps);
    if (!reached) {
      throw new UseCaseError('conflict', 'no-court-event', 'No case waits on the clock', 'No hearing is listed and no period is running: file a claim, or move the clock on by days.', {
        errors: [{ field: 'to', rule: 'next-event', message: 'no hearing listed and no period running' }],
      });
    }
    ms = reached.at - from.getTime() + SETTLE_MS;
  } else {
    ms = move.days * DAY_MS;
  }
  await deps.clock.advance(ms);
  return { ...(await courtTime(deps)), movedFrom: from.toISOString(), reached: reached && viewOf(reached) };
}
