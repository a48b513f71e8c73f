import type { Migration } from './index';

/**
 * Refused attempts to reach a case, counted per hour, caller, case and
 * reason. The first of each is also an entry in the audit log (up to a cap
 * per caller and hour), so an auditor sees who probed what, and a flood of
 * refusals, anonymous or not, grows a counter rather than the log.
 */
export const m010AccessRefusals: Migration = {
  id: '010-access-refusals',
  sql: `
    CREATE TABLE access_refusals (
      hour      timestamptz NOT NULL,
      actor_key text        NOT NULL,
      target    text        NOT NULL,
      reason    text        NOT NULL,
      attempts  integer     NOT NULL DEFAULT 1,
      first_at  timestamptz NOT NULL DEFAULT now(),
      last_at   timestamptz NOT NULL DEFAULT now(),
      audited   boolean     NOT NULL DEFAULT false,
      PRIMARY KEY (hour, actor_key, target, reason)
    );
  `,
};
