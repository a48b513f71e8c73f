/**
 * The court's clock: what "now" and "today" are for filings, fees, the work
 * queue and everything else an API or worker process decides by the date.
 *
 * On a real stack it is the machine's clock. In training (`courtflow start
 * --training`) it is the clock of the Temporal time-skipping test server the
 * cases run on, so the API's today is the workflows' today: that server's
 * time runs with the wall clock until an officer moves it on, so this clock
 * keeps the difference between the two, fetched again before each request
 * (`sync`) and after each move.
 *
 * Tokens, rate limits and the audit log's timestamps keep the machine's
 * clock in training too: they are about when a person really did something.
 */
import { Connection } from '@temporalio/client';
import { InternalConnectionOptionsSymbol, type InternalConnectionOptions } from '@temporalio/client/lib/connection';
import { msToTs } from '@temporalio/common/lib/time';
import type { IsoDate } from '../../domain/calendar';
import { hkDateOf } from '../../domain/time/hong-kong-time';

export interface CourtClock {
  /** Whether this is a training stack's simulated clock. */
  readonly training: boolean;
  now(): Date;
  today(): IsoDate;
  /** Reads the court's time again (training); nothing on a real stack. */
  sync(): Promise<void>;
  /** Moves the court's time on by `ms`, firing every case timer on the way (training only). */
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

export class NotTraining extends Error {
  override name = 'NotTraining';
  constructor() {
    super('the court clock is the real one: only a training stack (courtflow start --training) moves it');
  }
}

export function wallClock(): CourtClock {
  return {
    training: false,
    now: () => new Date(),
    today: () => hkDateOf(Date.now()),
    sync: () => Promise.resolve(),
    advance: () => Promise.reject(new NotTraining()),
    close: () => Promise.resolve(),
  };
}

const toMs = (time: { seconds?: { toString(): string } | null; nanos?: number | null } | null | undefined): number =>
  Number(time?.seconds?.toString() ?? 0) * 1000 + Math.floor((time?.nanos ?? 0) / 1e6);

/** The clock of the time-skipping test server at `address`. */
export async function trainingClock(address: string): Promise<CourtClock> {
  // The SDK opens its test service (the server's clock) only on a connection asked for it, with the
  // option its own TestWorkflowEnvironment uses (marked internal; the SDK's version is pinned, and the
  // training tests exercise it).
  const options: InternalConnectionOptions = { address, [InternalConnectionOptionsSymbol]: { supportsTestService: true } };
  const connection = await Connection.connect(options);
  const testService = connection.testService;
  if (!testService) throw new Error('the Temporal connection has no test service: is TEMPORAL_ADDRESS the time-skipping test server?');
  let offset = 0;
  // One move at a time: two officers pressing at once move it twice, one after the other.
  let moving: Promise<void> = Promise.resolve();
  const sync = async () => {
    const asked = Date.now();
    const { time } = await testService.getCurrentTime({});
    offset = toMs(time) - asked;
  };
  await sync();
  const now = () => new Date(Date.now() + offset);
  return {
    training: true,
    now,
    today: () => hkDateOf(now().getTime()),
    sync,
    advance: (ms) => {
      const move = moving.then(async () => {
        await testService.unlockTimeSkippingWithSleep({ duration: msToTs(ms) });
        await sync();
      });
      moving = move.catch(() => undefined);
      return move;
    },
    close: () => connection.close(),
  };
}
