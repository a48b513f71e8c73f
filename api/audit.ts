/**
 * The audit trail of the API, in one place.
 *
 * Every operation is mounted through `audited`: a successful POST, PUT,
 * PATCH or DELETE appends one entry (actor, on behalf of, action = the
 * operation id, target, before/after, request id) before its answer is sent.
 * Handlers add what only they know with `noteAudit` (the target, the version
 * before and after); a read of a non-public case notes itself too
 * (`sct.case.viewed`) and is recorded the same way. Operations that write
 * their entries inside their own transaction (sign-in, administration,
 * filing a claim) are declared `audit: 'self'`.
 */
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { Actor } from '../domain/identity/actor';
import { recordRefusal } from '../db/access-refusals';
import { appendAudit, type AuditEntry } from '../db/audit-log';
import { auditEntryOf } from '../services/audit';
import { actorOf, requestIdOf } from './identity/authenticate';
import type { Operation } from './operations';
import { problemOf } from './problem';

const STATE_CHANGING = new Set(['post', 'put', 'patch', 'delete']);

/** What a handler tells the audit wrapper about its request. */
export interface AuditNote {
  /** Defaults to the operation id. */
  action?: string;
  /** `case:SCTC-2026-000001`, `calendar:closure:2026-07-20`…; defaults to `case:<caseNo>` from the path. */
  target?: string;
  before?: unknown;
  after?: unknown;
  /** On whose behalf, when not the actor's organisation: `party:C1`. */
  onBehalfOf?: string;
}

const NOTE = Symbol('courtflow.audit');

/** Records what the audit entry of this request should say (merged over earlier notes). */
export function noteAudit(res: Response, note: AuditNote): void {
  const locals = res.locals as Record<symbol, AuditNote | undefined>;
  locals[NOTE] = { ...locals[NOTE], ...note };
}

function noteOf(res: Response): AuditNote | undefined {
  return (res.locals as Record<symbol, AuditNote | undefined>)[NOTE];
}

/** The audit entry for an actor's request: `organisation:<id>` on behalf of, unless a party is named. */
export function auditEntryFor(actor: Actor, res: Response, entry: Omit<AuditEntry, 'actor' | 'requestId'>): AuditEntry {
  const requestId = requestIdOf(res);
  return auditEntryOf({ actor, ...(requestId ? { requestId } : {}) }, entry);
}

function defaultTarget(req: Request): string | undefined {
  const caseNo: unknown = req.params.caseNo;
  return typeof caseNo === 'string' ? `case:${caseNo}` : undefined;
}

/**
 * The operation's handler, with its audit entry written after it succeeds
 * and before its answer leaves: `res.json`, `res.send` and `res.end` are held
 * until the entry is appended. A failed append is logged (the change itself
 * has already happened and is answered).
 */
export function audited(op: Operation, deps: { pool: Pool; logger: Logger }): RequestHandler {
  const changes = STATE_CHANGING.has(op.method) && op.audit !== 'self';
  return async (req, res) => {
    type Send = { kind: 'json' | 'send' | 'end'; args: unknown[] };
    let held: Send | undefined;
    const json = res.json.bind(res);
    const send = res.send.bind(res);
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    const hold =
      (kind: Send['kind']) =>
      (...args: unknown[]): Response => {
        held = { kind, args };
        return res;
      };
    res.json = hold('json');
    res.send = hold('send');
    res.end = hold('end') as Response['end'];
    const release = () => {
      res.json = json;
      res.send = send;
      res.end = end as Response['end'];
    };
    try {
      await op.handler(req, res);
    } catch (err) {
      release();
      throw err;
    }
    release();
    const note = noteOf(res);
    if (res.statusCode < 400 && (changes || note)) {
      try {
        const actor = actorOf(res);
        const target = note?.target ?? defaultTarget(req);
        await appendAudit(
          deps.pool,
          auditEntryFor(actor, res, {
            action: note?.action ?? op.operationId,
            ...(target ? { target } : {}),
            ...(note?.onBehalfOf ? { onBehalfOf: note.onBehalfOf } : {}),
            ...(note?.before !== undefined ? { before: note.before } : {}),
            ...(note?.after !== undefined ? { after: note.after } : {}),
          }),
        );
      } catch (err) {
        deps.logger.error({ requestId: requestIdOf(res), operationId: op.operationId, err }, 'could not append the audit entry of a request that succeeded');
      }
    }
    if (!held) return;
    if (held.kind === 'json') json(held.args[0]);
    else if (held.kind === 'send') send(held.args[0]);
    else end(...held.args);
  };
}

/** Statuses that refuse a caller something about a case: not signed in, not theirs, not now. */
const REFUSALS = new Set([401, 403, 404, 409, 412, 422]);
const CASE_REFERENCE = Symbol('courtflow.case-reference');

/** Remembers which case a request is about (set where operations are mounted), for `auditRefusals`. */
export function noteCaseReference(res: Response, caseNo: string | undefined): void {
  if (caseNo) (res.locals as Record<symbol, string | undefined>)[CASE_REFERENCE] = caseNo;
}

/**
 * An error middleware: a refused attempt at a case (a 404 to an outsider, a
 * step refused) is recorded as an attempt, aggregated (db/access-refusals.ts)
 * so a flood grows a counter, not the audit log. Then the error goes on to
 * the problem handler unchanged.
 */
export function auditRefusals(deps: { pool: Pool; logger: Logger }): ErrorRequestHandler {
  return (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    const caseNo = (res.locals as Record<symbol, string | undefined>)[CASE_REFERENCE];
    const problem = problemOf(err);
    if (!caseNo || !problem || !REFUSALS.has(problem.status)) return next(err);
    const actor: unknown = res.locals.actor;
    const who = actor && typeof actor === 'object' && 'id' in actor && 'role' in actor ? (actor as Actor) : PUBLIC;
    const requestId = requestIdOf(res);
    recordRefusal(deps.pool, {
      actorKey: who.role === 'public' ? 'public' : `account:${who.id}`,
      target: `case:${caseNo}`,
      reason: problem.slug,
      audit: {
        actor: { id: who.id, role: who.role },
        action: 'access.refused',
        target: `case:${caseNo}`,
        after: { status: problem.status, reason: problem.slug },
        ...(requestId ? { requestId } : {}),
      },
    })
      .catch((recordErr: unknown) => deps.logger.error({ requestId, err: recordErr }, 'could not record a refused attempt'))
      .finally(() => next(err));
  };
}

const PUBLIC: Actor = { id: 'public', role: 'public', name: 'Public' };
