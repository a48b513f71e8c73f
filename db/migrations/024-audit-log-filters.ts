import type { Migration } from './index';

/**
 * Indexes for reading the audit log by its filters (GET /api/v1/audit-log,
 * `courtflow audit list`), newest first. Target and actor are indexed since
 * migration 003; these add the rest:
 *
 * - action, exact or by prefix (`inbox.`): `text_pattern_ops`, so a
 *   `LIKE 'inbox.%'` uses it whatever the database's collation;
 * - the time an entry was written (`from`, `to`);
 * - the case an entry names in its `after` (`caseNo`): filing a document or
 *   applying to register names its case there, not in its target. Partial:
 *   most entries name none.
 *
 * Indexes only: the rows and their hashes are untouched.
 */
export const m024AuditLogFilters: Migration = {
  id: '024-audit-log-filters',
  sql: `
    CREATE INDEX audit_log_action ON audit_log (action text_pattern_ops, seq);
    CREATE INDEX audit_log_at ON audit_log (at);
    CREATE INDEX audit_log_case_named ON audit_log ((after ->> 'caseNo'), seq) WHERE (after ->> 'caseNo') IS NOT NULL;
  `,
};
