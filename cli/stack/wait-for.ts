import { setTimeout as delay } from 'node:timers/promises';

/** Thrown by a probe when waiting longer cannot help (the process being waited on has died). */
export class NoPointWaiting extends Error {
  override name = 'NoPointWaiting';
}

/** Polls `probe` until it resolves, or fails after `timeoutMs` with the last error. */
export async function waitFor(what: string, timeoutMs: number, probe: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      await probe();
      return;
    } catch (err) {
      if (err instanceof NoPointWaiting) throw err;
      last = err;
    }
    await delay(200);
  }
  throw new Error(`timed out waiting for ${what}: ${last instanceof Error ? last.message : String(last)}`);
}
