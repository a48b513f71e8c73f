/**
 * The audit log as an auditor reads it: the query's filters and the entries,
 * exactly as stored (zod: the single source of their types and of their
 * OpenAPI description). `courtflow audit list` parses its options with the
 * same query schema, so the command line and the API refuse the same filters
 * for the same reasons.
 */
import { z } from 'zod';
import type { AuditRecord } from '../../db/audit-log';
import { cursorCodec, nextCursorSchema, pageLimit } from '../paging';

/** A rule a refinement enforces, named in the problem's `errors[].rule`. */
const ruleOf = (rule: string) => ({ params: { rule } });

export const auditLogCursor = cursorCodec(
  z.strictObject({ s: z.string().regex(/^[0-9]{1,19}$/) }),
  (seq: number) => ({ s: String(seq) }),
  (w) => Number(w.s),
);

const instant = (describe: string) =>
  z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 instant with its offset, e.g. 2026-03-02T09:00:00Z or 2026-03-02T17:00:00+08:00' })
    .transform((text) => new Date(text))
    .optional()
    .describe(describe);

export const auditLogQuery = z
  .strictObject({
    case: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(40, 'must be at most 40 characters')
      .optional()
      .describe(
        'A case number, e.g. SCTC-2026-000123: entries about the case itself (`case:<no>`), about any of its filings ' +
          '(`filing:<reference>`), or naming it as `after.caseNo` (a filing opened on it, an application to register with it, a filed document inspected)',
      ),
    actor: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(200, 'must be at most 200 characters')
      .optional()
      .describe('Who did it: an account id, `public`, or `system:<component>` for workflow steps'),
    action: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'must be an action such as auth.login, or a prefix ending in a dot such as inbox.')
      .optional()
      .describe('An action exactly (`sct.case.viewed`, `fileSmallClaim`), or, ending in a dot, every action it begins (`inbox.`)'),
    from: instant('Entries written at or after this instant (ISO 8601 with offset)'),
    to: instant('Entries written at or before this instant (ISO 8601 with offset); not before `from`'),
    limit: pageLimit('Entries'),
    cursor: auditLogCursor.param('filters'),
  })
  .superRefine((q, ctx) => {
    // Refinements run even when a field failed its own rule: then it is still the text sent, not a Date.
    if (q.from instanceof Date && q.to instanceof Date && q.from.getTime() > q.to.getTime()) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be at or after from', ...ruleOf('not-before-from') });
    }
  });

const storedJson = (describe: string) => z.unknown().describe(describe);

export const auditEntryView = z
  .object({
    seq: z.number().int().describe('Position in the chain, from 1, without gaps'),
    at: z.string().describe('ISO instant it was written'),
    actor: z.object({
      id: z.string().describe('An account id, `public`, or `system:<component>`'),
      role: z.string(),
      onBehalfOf: z.string().nullable().describe('`party:C1`, `organisation:<id>`…; null when for nobody else'),
    }),
    action: z.string().describe('`<area>.<verb>` or the operation id'),
    target: z.string().nullable().describe('What it was done to: `case:<no>`, `filing:<reference>`, `account:<id>`…'),
    requestId: z.string().nullable().describe('The API request that did it (its X-Request-Id); null for workflow steps'),
    before: storedJson('The state before, as stored (JSON); null when none was recorded'),
    after: storedJson('The state after, as stored (JSON); null when none was recorded'),
    prevHash: z.string().describe('The hash of the entry before (64 zeros for the first)'),
    hash: z.string().describe('sha256 of prevHash, a newline and the canonical JSON of the fields above: see the README'),
  })
  .meta({ id: 'AuditEntry' });

export const auditLogPage = z
  .object({ entries: z.array(auditEntryView).describe('Newest first (highest seq first)'), nextCursor: nextCursorSchema })
  .meta({ id: 'AuditLogPage' });

export const toAuditEntryView = (r: AuditRecord): z.input<typeof auditEntryView> => ({
  seq: r.seq,
  at: r.at.toISOString(),
  actor: { id: r.actorId, role: r.actorRole, onBehalfOf: r.onBehalfOf },
  action: r.action,
  target: r.target,
  requestId: r.requestId,
  before: r.before,
  after: r.after,
  prevHash: r.prevHash,
  hash: r.hash,
});
