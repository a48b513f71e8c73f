/**
 * The read model: what people read and search is a projection of each
 * process's state into PostgreSQL. When it cannot be written, that is
 * recorded, raised with the registry, and told to every reader, never
 * passed over in silence.
 */

/** The failure type of a projection the database refuses as data (it would fail on every retry). */
export const PROJECTION_DATA_ERROR = 'ProjectionDataError';

/** Why the read model is behind: the data cannot be stored, or the database did not answer. */
export type ProjectionTrouble = 'data' | 'unavailable';

/** What a process keeps while its read model is behind. */
export interface ProjectionLag {
  /** The version the read model lacks. */
  version: number;
  /** ISO instant of the first failure in this episode. */
  since: string;
  kind: ProjectionTrouble;
  reason: string;
  /** Failed attempts in this episode; the next is due after a backoff that grows with them. */
  attempts: number;
}

/** Minutes to wait before trying again: 1, 2, 4… up to six hours. */
export const retryAfterMinutes = (attempts: number) => Math.min(360, 2 ** Math.max(0, attempts - 1));
