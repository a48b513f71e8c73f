import type { Migration } from './index';

/**
 * An alert stops being pending once what it asked for is done: the read
 * model keeps when that happened, and the status people filter on.
 */
export const m006AlertStatus: Migration = {
  id: '006-alert-status',
  sql: `
    ALTER TABLE sct_alerts ADD COLUMN resolved_on date;
    ALTER TABLE sct_alerts ADD COLUMN status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'answered', 'notice'));
    CREATE INDEX sct_alerts_pending ON sct_alerts (recipient, at) WHERE status = 'pending';
  `,
};
