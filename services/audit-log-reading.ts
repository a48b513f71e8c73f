/**
 * An auditor reads the audit log: one page of entries matching the filters,
 * and the reading itself recorded, as every read of a case is. The log holds
 * what was done to every case and account (parties, before and after), so
 * who looked, and for what, belongs in it too.
 */
import type { Pool } from 'pg';
import { appendAudit, type AuditRecord } from '../db/audit-log';
import { searchAuditLog, type AuditLogFilter } from '../db/audit-log-search';
import { auditEntryOf, type Caller } from './audit';

export interface AuditLogPage {
  entries: AuditRecord[];
  /** Whether older entries match too. */
  more: boolean;
}

/** The filters as recorded in the `audit.read` entry: what was asked, never what was seen. */
function filterAsRecorded(filter: AuditLogFilter, beforeSeq: number | undefined): Record<string, string | number> {
  return {
    ...(filter.caseNo === undefined ? {} : { case: filter.caseNo }),
    ...(filter.actorId === undefined ? {} : { actor: filter.actorId }),
    ...(filter.action === undefined ? {} : { action: 'exactly' in filter.action ? filter.action.exactly : filter.action.startingWith }),
    ...(filter.from === undefined ? {} : { from: filter.from.toISOString() }),
    ...(filter.to === undefined ? {} : { to: filter.to.toISOString() }),
    ...(beforeSeq === undefined ? {} : { beforeSeq }),
  };
}

/**
 * Reads the page, then records the reading (`audit.read`, target
 * `audit-log`, the filters and how many entries were shown) before the page
 * is returned: a reading that cannot be recorded is not served.
 */
export async function readAuditLogPage(
  deps: { pool: Pool },
  caller: Caller,
  filter: AuditLogFilter,
  page: { limit: number; beforeSeq?: number },
): Promise<AuditLogPage> {
  const rows = await searchAuditLog(deps.pool, filter, { limit: page.limit + 1, ...(page.beforeSeq === undefined ? {} : { beforeSeq: page.beforeSeq }) });
  const entries = rows.slice(0, page.limit);
  await appendAudit(
    deps.pool,
    auditEntryOf(caller, {
      action: 'audit.read',
      target: 'audit-log',
      after: { filter: filterAsRecorded(filter, page.beforeSeq), entries: entries.length, ...(entries.length > 0 ? { seqs: { from: entries.at(-1)!.seq, to: entries[0]!.seq } } : {}) },
    }),
  );
  return { entries, more: rows.length > page.limit };
}
