/**
 * Reading the audit log by what an auditor asks: about which case, by whom,
 * which action, between which instants; newest first, in keyset pages by
 * seq (seq has no gaps and only grows, so a page boundary never moves while
 * entries are appended).
 *
 * One query for the API (GET /api/v1/audit-log) and the command line
 * (`courtflow audit list`). Migration 024 indexes the filters that 003 did
 * not.
 */
import type { Pool, PoolClient } from 'pg';
import { toRecord, type AuditRecord, type RawAudit } from './audit-log';

/** An action exactly, or every action beginning with a prefix (`inbox.`: all of the inbox's). */
export type ActionFilter = { exactly: string } | { startingWith: string };

export interface AuditLogFilter {
  /**
   * A case number: entries whose target is the case (`case:<no>`), or one of
   * its filings (`filing:<reference>`, from the filings table), or that name
   * it as `after.caseNo` (opening a filing, applying to register with a case,
   * inspecting a filed document).
   */
  caseNo?: string;
  /** Who did it: an account id, `public`, or `system:<component>`. */
  actorId?: string;
  action?: ActionFilter;
  /** Written at or after this instant. */
  from?: Date;
  /** Written at or before this instant. */
  to?: Date;
}

/**
 * An action filter as people write it: ending in `.` it is a prefix
 * (`inbox.` for every inbox action), otherwise the action exactly.
 */
export function actionFilterOf(text: string): ActionFilter {
  return text.endsWith('.') ? { startingWith: text } : { exactly: text };
}

/** `%`, `_` and `\` match themselves in a LIKE pattern built from `text`. */
const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Entries matching every filter given, newest (highest seq) first, older
 * than `beforeSeq` when given, at most `limit`. Ask for one more than a page
 * to learn whether another follows.
 */
export async function searchAuditLog(
  db: Pool | PoolClient,
  filter: AuditLogFilter,
  page: { limit: number; beforeSeq?: number },
): Promise<AuditRecord[]> {
  const where: string[] = [];
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  if (filter.caseNo !== undefined) {
    const no = param(filter.caseNo);
    where.push(
      `(target = 'case:' || ${no}` +
        ` OR target IN (SELECT 'filing:' || reference FROM filings WHERE case_no = ${no})` +
        ` OR (after ->> 'caseNo') = ${no})`,
    );
  }
  if (filter.actorId !== undefined) where.push(`actor_id = ${param(filter.actorId)}`);
  if (filter.action !== undefined) {
    where.push('exactly' in filter.action ? `action = ${param(filter.action.exactly)}` : `action LIKE ${param(likePrefix(filter.action.startingWith))} ESCAPE '\\'`);
  }
  if (filter.from !== undefined) where.push(`at >= ${param(filter.from.toISOString())}`);
  if (filter.to !== undefined) where.push(`at <= ${param(filter.to.toISOString())}`);
  if (page.beforeSeq !== undefined) where.push(`seq < ${param(page.beforeSeq)}`);
  const { rows } = await db.query<RawAudit>(
    `SELECT * FROM audit_log ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ${param(page.limit)}`,
    values,
  );
  return rows.map(toRecord);
}
