/**
 * The moment a step or a timer runs in: workflow time, never the wall clock.
 * A workflow passes its own clock in; the rules only ever read this.
 */
import type { IsoDate } from '../calendar';
import { hkDateOf } from './hong-kong-time';

export interface Moment {
  /** Epoch ms (workflow time). */
  now: number;
  /** The Hong Kong date at `now`. */
  today: IsoDate;
}

export const momentAt = (now: number): Moment => ({ now, today: hkDateOf(now) });
