import type { Migration } from './index';

/**
 * When a case's read model could not be written, the workflow says so here
 * (a small row that is written even when the case's own rows cannot be), so
 * a reader is told the read model is behind instead of being shown an old
 * version as if it were current. Cleared when a newer projection lands.
 */
export const m009ReadModelLag: Migration = {
  id: '009-read-model-lag',
  sql: `
    CREATE TABLE read_model_lag (
      case_no          text        PRIMARY KEY,
      workflow_version integer     NOT NULL,
      since            timestamptz NOT NULL,
      kind             text        NOT NULL CHECK (kind IN ('data', 'unavailable')),
      reason           text        NOT NULL
    );
  `,
};
