/**
 * The maximum numbers of accounts and branch codes, enforced where accounts
 * and branch codes are created (`enforceQuota`, inside the creating
 * transaction, under the organisation's lock), and the requests to raise
 * them: made by an organisation administrator with the
 * `request-quota-changes` power, decided by a registry officer. Every
 * request and decision is written with its audit entry in one transaction.
 */
import type { Pool, PoolClient } from 'pg';
import { powerRefusal } from '../../domain/identity/administration';
import {
  decisionRefusal,
  DEFAULT_MAXIMUMS,
  maximumOf,
  QUOTA_KINDS,
  quotaRefusal,
  quotaRequestRefusal,
  type Quota,
  type QuotaDecision,
  type QuotaKind,
  type QuotaRequestStatus,
} from '../../domain/identity/quotas';
import { appendAudit } from '../../db/audit-log';
import {
  findQuotaRequest,
  insertQuotaRequest,
  listQuotaRequests,
  lockOrganisation,
  organisationMaximums,
  organisationUsage,
  pendingQuotaRequest,
  recordQuotaDecision,
  setMaximum,
  type QuotaRequestRow,
} from '../../db/organisations';
import { inTransaction } from '../../db/pool';
import { auditEntryOf, type Caller } from '../audit';
import { notFound } from '../errors';
import { administratorOf, organisationInView, refuseIf } from './organisation-scope';

type Db = Pool | PoolClient;

export interface QuotaDeps {
  pool: Pool;
}

/** The organisation's maximum and usage of one kind. */
export async function quotaOf(db: Db, organisationId: string, kind: QuotaKind): Promise<Quota> {
  const [set, used] = await Promise.all([organisationMaximums(db, organisationId), organisationUsage(db, organisationId)]);
  return { kind, maximum: maximumOf(kind, set), used: used[kind] };
}

/**
 * Refuses (by throwing) one more of `kind` when the organisation is at its
 * maximum. Call inside the transaction that adds it: the organisation's row
 * stays locked until that transaction ends, so the check still holds when
 * the row is written.
 */
export async function enforceQuota(tx: PoolClient, organisationId: string, kind: QuotaKind): Promise<void> {
  if (!(await lockOrganisation(tx, organisationId))) throw notFound(`Organisation ${organisationId}`);
  const quota = await quotaOf(tx, organisationId, kind);
  refuseIf(quotaRefusal(quota), { quota });
}

export interface QuotaView extends Quota {
  /** The maximum an organisation has until the registry sets another. */
  default: number;
  pendingRequest: { id: string; requestedMaximum: number } | null;
}

/** The organisation's maximums, what it uses of each, and any request waiting for the registry. */
export async function quotasOfOrganisation(deps: QuotaDeps, caller: Caller, organisationId: string): Promise<QuotaView[]> {
  await organisationInView(deps.pool, caller, organisationId);
  const [set, used, pending] = await Promise.all([
    organisationMaximums(deps.pool, organisationId),
    organisationUsage(deps.pool, organisationId),
    listQuotaRequests(deps.pool, { organisationId, status: 'pending', limit: QUOTA_KINDS.length }),
  ]);
  return QUOTA_KINDS.map((kind) => {
    const waiting = pending.find((r) => r.kind === kind);
    return {
      kind,
      maximum: maximumOf(kind, set),
      used: used[kind],
      default: DEFAULT_MAXIMUMS[kind],
      pendingRequest: waiting ? { id: waiting.id, requestedMaximum: waiting.requestedMaximum } : null,
    };
  });
}

const requestRecord = (r: QuotaRequestRow) => ({
  id: r.id,
  organisationId: r.organisationId,
  kind: r.kind,
  currentMaximum: r.currentMaximum,
  requestedMaximum: r.requestedMaximum,
  reason: r.reason,
  status: r.status,
  approvedMaximum: r.approvedMaximum,
  refusalReasons: r.refusalReasons,
});

/** An organisation administrator asks the registry for a higher maximum, with a reason. */
export async function requestQuotaChange(
  deps: QuotaDeps,
  caller: Caller,
  organisationId: string,
  request: { kind: QuotaKind; requestedMaximum: number; reason: string },
): Promise<QuotaRequestRow> {
  const admin = await administratorOf(deps.pool, caller, organisationId);
  refuseIf(powerRefusal(admin, 'request-quota-changes'));
  return inTransaction(deps.pool, async (tx) => {
    // Under the organisation's lock, two requests at once are taken one after the other: the second sees the first pending.
    await lockOrganisation(tx, organisationId);
    const quota = await quotaOf(tx, organisationId, request.kind);
    refuseIf(quotaRequestRefusal(quota, request.requestedMaximum, await pendingQuotaRequest(tx, organisationId, request.kind)), { quota });
    const created = await insertQuotaRequest(tx, { organisationId, ...request, currentMaximum: quota.maximum, requestedBy: admin.id });
    await appendAudit(tx, auditEntryOf(caller, { action: 'quota.request', target: `quota-request:${created.id}`, after: requestRecord(created) }));
    return created;
  });
}

/** One organisation's requests, newest first (its administrators, the registry, auditors). */
export async function quotaRequestsOfOrganisation(deps: QuotaDeps, caller: Caller, organisationId: string, limit: number): Promise<QuotaRequestRow[]> {
  await organisationInView(deps.pool, caller, organisationId);
  return listQuotaRequests(deps.pool, { organisationId, limit });
}

/** Every organisation's requests, newest first, optionally of one status (the registry's list to decide from). */
export async function quotaRequests(deps: QuotaDeps, filter: { status?: QuotaRequestStatus | undefined; limit: number }): Promise<QuotaRequestRow[]> {
  return listQuotaRequests(deps.pool, { limit: filter.limit, ...(filter.status === undefined ? {} : { status: filter.status }) });
}

/** The registry's decision as asked: an approval may leave the maximum out, meaning the one requested. */
export type DecisionRequest = { decision: 'approve'; maximum?: number | undefined } | { decision: 'refuse'; reasons: readonly string[] };

/**
 * A registry officer decides a request: approved with a new maximum (which
 * the organisation has from then on), or refused with reasons.
 */
export async function decideQuotaRequest(deps: QuotaDeps, caller: Caller, requestId: string, asked: DecisionRequest): Promise<QuotaRequestRow> {
  const found = await findQuotaRequest(deps.pool, requestId);
  if (!found) throw notFound(`Quota request ${requestId}`);
  return inTransaction(deps.pool, async (tx) => {
    await lockOrganisation(tx, found.organisationId);
    const request = await findQuotaRequest(tx, requestId, true);
    if (!request) throw notFound(`Quota request ${requestId}`);
    const quota = await quotaOf(tx, request.organisationId, request.kind);
    const decision: QuotaDecision = asked.decision === 'approve' ? { decision: 'approve', maximum: asked.maximum ?? request.requestedMaximum } : asked;
    refuseIf(decisionRefusal(request, quota, decision), { quota });
    const decided =
      decision.decision === 'approve'
        ? await recordQuotaDecision(tx, request.id, { status: 'approved', approvedMaximum: decision.maximum, decidedBy: caller.actor.id })
        : await recordQuotaDecision(tx, request.id, { status: 'refused', refusalReasons: decision.reasons, decidedBy: caller.actor.id });
    if (decision.decision === 'approve') {
      await setMaximum(tx, { organisationId: request.organisationId, kind: request.kind, maximum: decision.maximum, setBy: caller.actor.id, quotaRequestId: request.id });
    }
    await appendAudit(
      tx,
      auditEntryOf(caller, {
        action: decision.decision === 'approve' ? 'quota.request.approve' : 'quota.request.refuse',
        target: `quota-request:${request.id}`,
        before: { ...requestRecord(request), maximum: quota.maximum },
        after: { ...requestRecord(decided), maximum: decision.decision === 'approve' ? decision.maximum : quota.maximum },
      }),
    );
    return decided;
  });
}
