/**
 * GET /api/v1/audit-log: the audit log, filtered and paged, for auditors.
 * Thin: parse, call the use-case, answer.
 */
import type { Pool } from 'pg';
import type { Role } from '../../domain/identity/actor';
import { actionFilterOf } from '../../db/audit-log-search';
import { readAuditLogPage } from '../../services/audit-log-reading';
import { problemResponse, type Operation } from '../operations';
import { DEFAULT_PAGE_SIZE } from '../paging';
import { callerOf } from '../steps/step-operations';
import { parse } from '../validate';
import { auditLogCursor, auditLogPage, auditLogQuery, toAuditEntryView } from './schemas';

/**
 * Auditors only. Registry officers and adjudicators are the people whose
 * acts the log records: an officer who could read it could watch the
 * auditors' trail of their own work, and separation of duties says the
 * watched do not read the watch. Auditors read everything and change nothing.
 */
export const AUDIT_LOG_READERS: readonly Role[] = ['auditor'];

export function auditLogOperations(deps: { pool: Pool }): Operation[] {
  return [
    {
      method: 'get',
      path: '/api/v1/audit-log',
      operationId: 'listAuditLog',
      auth: AUDIT_LOG_READERS,
      audit: 'self',
      summary: 'The audit log, newest first: filter by case, actor, action and time; page with `nextCursor`',
      description:
        'Each entry exactly as stored and hashed: seq, when, who (account, role, on whose behalf), the action, its target, ' +
        'the request, the state before and after, and the entry\'s hash and the hash before it, so a page can be checked by hand ' +
        '(`courtflow audit verify` checks the whole chain and its signed anchors). Filters combine (all must match). ' +
        'Auditors only: registry officers and adjudicators are among those the log watches, so they do not read it. ' +
        'Reading is itself recorded (`audit.read`, target `audit-log`, with the filters and how many entries were shown), as a read of a case is.',
      tags: ['Audit'],
      query: auditLogQuery,
      responses: {
        200: { description: 'One page of entries', schema: auditLogPage },
        400: problemResponse('A filter is invalid (each is named with its rule: `to` before `from` is `not-before-from`), or the cursor is not one this API gave out'),
        401: problemResponse('No credentials, or they are not valid'),
        403: problemResponse('Only auditors read the audit log'),
      },
      handler: async (req, res) => {
        const query = parse(auditLogQuery, 'query', req);
        const limit = query.limit ?? DEFAULT_PAGE_SIZE;
        const page = await readAuditLogPage(
          deps,
          callerOf(res),
          {
            ...(query.case === undefined ? {} : { caseNo: query.case }),
            ...(query.actor === undefined ? {} : { actorId: query.actor }),
            ...(query.action === undefined ? {} : { action: actionFilterOf(query.action) }),
            ...(query.from === undefined ? {} : { from: query.from }),
            ...(query.to === undefined ? {} : { to: query.to }),
          },
          { limit, ...(query.cursor === undefined ? {} : { beforeSeq: query.cursor }) },
        );
        const last = page.entries.at(-1);
        res.json(auditLogPage.parse({ entries: page.entries.map(toAuditEntryView), nextCursor: page.more && last ? auditLogCursor.encode(last.seq) : null }));
      },
    },
  ];
}
