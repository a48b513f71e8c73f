/**
 * Timers derived from a process's state: each has a key that names what it
 * waits for (and until when), so a timer that has fired is remembered in
 * `firedTimers` and never fires twice, and a deadline that moves moves its
 * timer with it. The workflow sleeps until `nextTimerAt`, then fires what is due.
 */
import type { Moment } from '../time/moment';

export interface DerivedTimer<S> {
  key: string;
  at: number;
  fire: (state: S, at: Moment) => void;
}

/** The timers not yet fired. */
export const pendingTimers = <S extends { firedTimers: string[] }>(state: S, all: readonly DerivedTimer<S>[]) => all.filter((t) => !state.firedTimers.includes(t.key));

/** When the workflow must next wake, or null if only a person can move the process on. */
export function nextTimerAt<S>(timers: readonly DerivedTimer<S>[]): number | null {
  return timers.length ? Math.min(...timers.map((t) => t.at)) : null;
}

/** Fires every timer due at `at`, earliest first, each once; `then` runs after each (what follows by itself). */
export function fireDueTimers<S extends { firedTimers: string[] }>(state: S, timers: (state: S) => DerivedTimer<S>[], at: Moment, then?: (state: S, at: Moment) => void): void {
  for (;;) {
    const due = timers(state)
      .filter((t) => t.at <= at.now)
      .sort((a, b) => a.at - b.at)[0];
    if (!due) return;
    state.firedTimers.push(due.key);
    due.fire(state, at);
    then?.(state, at);
  }
}
