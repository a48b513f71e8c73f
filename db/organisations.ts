/**
 * Typed queries over what an organisation administers beyond its accounts:
 * branch codes, the branch and powers of each account, default organisation
 * users, the maximums the registry set and the requests to raise them.
 * Changes that a maximum limits run after `lockOrganisation`, so two
 * administrators adding at once cannot both take the last place.
 */
import type { Pool, PoolClient } from 'pg';
import type { Branch } from '../domain/identity/branches';
import type { DefaultUser } from '../domain/identity/default-users';
import type { Power } from '../domain/identity/powers';
import type { QuotaKind, QuotaRequest, QuotaRequestStatus } from '../domain/identity/quotas';
import { ACCOUNT_COLUMNS, isUuid, toAccount, type AccountRow, type RawAccount } from './accounts';

type Db = Pool | PoolClient;

/** Holds the organisation's row until the transaction ends: every change a maximum limits takes it first. */
export async function lockOrganisation(tx: PoolClient, organisationId: string): Promise<boolean> {
  const { rowCount } = await tx.query('SELECT 1 FROM organisations WHERE id = $1 FOR UPDATE', [organisationId]);
  return rowCount === 1;
}

// Branch codes

export interface BranchRow extends Branch {
  organisationId: string;
  createdAt: Date;
  updatedAt: Date;
}

interface RawBranch {
  organisation_id: string;
  code: string;
  name: string;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

const BRANCH_COLUMNS = 'organisation_id, code, name, active, created_at, updated_at';
const toBranch = (r: RawBranch): BranchRow => ({
  organisationId: r.organisation_id,
  code: r.code,
  name: r.name,
  active: r.active,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function listBranches(db: Db, organisationId: string): Promise<BranchRow[]> {
  const { rows } = await db.query<RawBranch>(`SELECT ${BRANCH_COLUMNS} FROM organisation_branches WHERE organisation_id = $1 ORDER BY code`, [organisationId]);
  return rows.map(toBranch);
}

export async function insertBranch(db: Db, branch: { organisationId: string; code: string; name: string; createdBy: string | null }): Promise<BranchRow> {
  const { rows } = await db.query<RawBranch>(
    `INSERT INTO organisation_branches (organisation_id, code, name, created_by) VALUES ($1, $2, $3, $4) RETURNING ${BRANCH_COLUMNS}`,
    [branch.organisationId, branch.code, branch.name, branch.createdBy],
  );
  const row = rows[0];
  if (!row) throw new Error('no branch returned');
  return toBranch(row);
}

/** Renames, deactivates or reactivates a branch; undefined when the organisation has no such code. */
export async function updateBranch(db: Db, organisationId: string, code: string, change: { name?: string | undefined; active?: boolean | undefined }): Promise<BranchRow | undefined> {
  const { rows } = await db.query<RawBranch>(
    `UPDATE organisation_branches SET name = COALESCE($3, name), active = COALESCE($4, active), updated_at = now()
      WHERE organisation_id = $1 AND code = $2 RETURNING ${BRANCH_COLUMNS}`,
    [organisationId, code, change.name ?? null, change.active ?? null],
  );
  return rows[0] && toBranch(rows[0]);
}

/** How many active accounts belong to the branch. */
export async function countActiveAccountsInBranch(db: Db, organisationId: string, code: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM accounts WHERE organisation_id = $1 AND branch_code = $2 AND status = 'active'",
    [organisationId, code],
  );
  return rows[0]?.n ?? 0;
}

// The branch and powers of an account

export async function setAccountBranch(db: Db, accountId: string, branchCode: string): Promise<AccountRow | undefined> {
  const { rows } = await db.query<RawAccount>(
    `UPDATE accounts SET branch_code = $2, updated_at = now() WHERE id = $1 RETURNING ${ACCOUNT_COLUMNS}`,
    [accountId, branchCode],
  );
  return rows[0] && toAccount(rows[0]);
}

export async function setAccountPowers(db: Db, accountId: string, powers: readonly Power[]): Promise<AccountRow | undefined> {
  const { rows } = await db.query<RawAccount>(
    `UPDATE accounts SET powers = $2, updated_at = now() WHERE id = $1 RETURNING ${ACCOUNT_COLUMNS}`,
    [accountId, [...powers]],
  );
  return rows[0] && toAccount(rows[0]);
}

// Quotas

/** How many accounts and branch codes the organisation has, suspended and deactivated ones included. */
export async function organisationUsage(db: Db, organisationId: string): Promise<Record<QuotaKind, number>> {
  const { rows } = await db.query<{ sub_admins: number; users: number; branches: number }>(
    `SELECT (SELECT count(*)::int FROM accounts WHERE organisation_id = $1 AND role = 'org-sub-admin') AS sub_admins,
            (SELECT count(*)::int FROM accounts WHERE organisation_id = $1 AND role = 'org-user') AS users,
            (SELECT count(*)::int FROM organisation_branches WHERE organisation_id = $1) AS branches`,
    [organisationId],
  );
  const row = rows[0];
  return { 'sub-admin-accounts': row?.sub_admins ?? 0, 'org-user-accounts': row?.users ?? 0, 'branch-codes': row?.branches ?? 0 };
}

/** The maximums the registry set for the organisation (kinds without one have the default). */
export async function organisationMaximums(db: Db, organisationId: string): Promise<Partial<Record<QuotaKind, number>>> {
  const { rows } = await db.query<{ kind: QuotaKind; maximum: number }>('SELECT kind, maximum FROM organisation_quotas WHERE organisation_id = $1', [organisationId]);
  return Object.fromEntries(rows.map((r) => [r.kind, r.maximum]));
}

export async function setMaximum(db: Db, quota: { organisationId: string; kind: QuotaKind; maximum: number; setBy: string; quotaRequestId: string }): Promise<void> {
  await db.query(
    `INSERT INTO organisation_quotas (organisation_id, kind, maximum, set_by, quota_request_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (organisation_id, kind) DO UPDATE
       SET maximum = EXCLUDED.maximum, set_by = EXCLUDED.set_by, set_at = now(), quota_request_id = EXCLUDED.quota_request_id`,
    [quota.organisationId, quota.kind, quota.maximum, quota.setBy, quota.quotaRequestId],
  );
}

// Quota-change requests

export interface QuotaRequestRow extends QuotaRequest {
  requestedBy: string;
  requestedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  approvedMaximum: number | null;
  refusalReasons: string[] | null;
}

interface RawQuotaRequest {
  id: string;
  organisation_id: string;
  kind: QuotaKind;
  current_maximum: number;
  requested_maximum: number;
  reason: string;
  status: QuotaRequestStatus;
  requested_by: string;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  approved_maximum: number | null;
  refusal_reasons: string[] | null;
}

const QUOTA_REQUEST_COLUMNS =
  'id, organisation_id, kind, current_maximum, requested_maximum, reason, status, requested_by, requested_at, decided_by, decided_at, approved_maximum, refusal_reasons';
const toQuotaRequest = (r: RawQuotaRequest): QuotaRequestRow => ({
  id: r.id,
  organisationId: r.organisation_id,
  kind: r.kind,
  currentMaximum: r.current_maximum,
  requestedMaximum: r.requested_maximum,
  reason: r.reason,
  status: r.status,
  requestedBy: r.requested_by,
  requestedAt: r.requested_at,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  approvedMaximum: r.approved_maximum,
  refusalReasons: r.refusal_reasons,
});

export async function insertQuotaRequest(
  db: Db,
  request: { organisationId: string; kind: QuotaKind; currentMaximum: number; requestedMaximum: number; reason: string; requestedBy: string },
): Promise<QuotaRequestRow> {
  const { rows } = await db.query<RawQuotaRequest>(
    `INSERT INTO quota_change_requests (organisation_id, kind, current_maximum, requested_maximum, reason, requested_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${QUOTA_REQUEST_COLUMNS}`,
    [request.organisationId, request.kind, request.currentMaximum, request.requestedMaximum, request.reason, request.requestedBy],
  );
  const row = rows[0];
  if (!row) throw new Error('no quota request returned');
  return toQuotaRequest(row);
}

/** One request; `forUpdate` holds it until the transaction ends (deciding it). */
export async function findQuotaRequest(db: Db, id: string, forUpdate = false): Promise<QuotaRequestRow | undefined> {
  if (!isUuid(id)) return undefined;
  const { rows } = await db.query<RawQuotaRequest>(`SELECT ${QUOTA_REQUEST_COLUMNS} FROM quota_change_requests WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] && toQuotaRequest(rows[0]);
}

/** Requests, newest first: one organisation's, or every one's; optionally of one status. */
export async function listQuotaRequests(db: Db, filter: { organisationId?: string; status?: QuotaRequestStatus; limit: number }): Promise<QuotaRequestRow[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (filter.organisationId !== undefined) where.push(`organisation_id = $${params.push(filter.organisationId)}`);
  if (filter.status !== undefined) where.push(`status = $${params.push(filter.status)}`);
  const { rows } = await db.query<RawQuotaRequest>(
    `SELECT ${QUOTA_REQUEST_COLUMNS} FROM quota_change_requests ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY requested_at DESC, id LIMIT $${params.push(filter.limit)}`,
    params,
  );
  return rows.map(toQuotaRequest);
}

export async function pendingQuotaRequest(db: Db, organisationId: string, kind: QuotaKind): Promise<QuotaRequestRow | undefined> {
  const { rows } = await db.query<RawQuotaRequest>(
    `SELECT ${QUOTA_REQUEST_COLUMNS} FROM quota_change_requests WHERE organisation_id = $1 AND kind = $2 AND status = 'pending'`,
    [organisationId, kind],
  );
  return rows[0] && toQuotaRequest(rows[0]);
}

export async function recordQuotaDecision(
  db: Db,
  id: string,
  decision: { decidedBy: string } & ({ status: 'approved'; approvedMaximum: number } | { status: 'refused'; refusalReasons: readonly string[] }),
): Promise<QuotaRequestRow> {
  const { rows } = await db.query<RawQuotaRequest>(
    `UPDATE quota_change_requests SET status = $2, decided_by = $3, decided_at = now(), approved_maximum = $4, refusal_reasons = $5
      WHERE id = $1 AND status = 'pending' RETURNING ${QUOTA_REQUEST_COLUMNS}`,
    [
      id,
      decision.status,
      decision.decidedBy,
      decision.status === 'approved' ? decision.approvedMaximum : null,
      decision.status === 'refused' ? [...decision.refusalReasons] : null,
    ],
  );
  const row = rows[0];
  if (!row) throw new Error(`quota request ${id} was not pending`);
  return toQuotaRequest(row);
}

// Default organisation users

export interface DefaultUserRow extends DefaultUser {
  organisationId: string;
  setBy: string | null;
  setAt: Date;
}

export async function listDefaultUsers(db: Db, organisationId: string): Promise<DefaultUserRow[]> {
  const { rows } = await db.query<{ organisation_id: string; branch_code: string | null; account_id: string; set_by: string | null; set_at: Date }>(
    `SELECT organisation_id, branch_code, account_id, set_by, set_at FROM default_organisation_users
      WHERE organisation_id = $1 ORDER BY branch_code NULLS FIRST`,
    [organisationId],
  );
  return rows.map((r) => ({ organisationId: r.organisation_id, branchCode: r.branch_code, accountId: r.account_id, setBy: r.set_by, setAt: r.set_at }));
}

/** Names the default for the organisation (branch null) or one branch, replacing any before. */
export async function upsertDefaultUser(db: Db, value: { organisationId: string; branchCode: string | null; accountId: string; setBy: string }): Promise<void> {
  await db.query(
    `INSERT INTO default_organisation_users (organisation_id, branch_code, account_id, set_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (organisation_id, (COALESCE(branch_code, ''))) DO UPDATE
       SET account_id = EXCLUDED.account_id, set_by = EXCLUDED.set_by, set_at = now()`,
    [value.organisationId, value.branchCode, value.accountId, value.setBy],
  );
}

/** Removes the default for the organisation (branch null) or one branch; false when there was none. */
export async function deleteDefaultUser(db: Db, organisationId: string, branchCode: string | null): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM default_organisation_users WHERE organisation_id = $1 AND COALESCE(branch_code, \'\') = COALESCE($2, \'\')', [
    organisationId,
    branchCode,
  ]);
  return (rowCount ?? 0) > 0;
}

/** The branches (null: the organisation) whose default is the account. */
export async function defaultScopesOf(db: Db, accountId: string): Promise<(string | null)[]> {
  const { rows } = await db.query<{ branch_code: string | null }>('SELECT branch_code FROM default_organisation_users WHERE account_id = $1', [accountId]);
  return rows.map((r) => r.branch_code);
}

/** The organisation's users a case is assigned to (any party). */
export async function assigneesOfCase(db: Db, organisationId: string, caseNo: string): Promise<string[]> {
  const { rows } = await db.query<{ account_id: string }>(
    'SELECT account_id FROM case_assignments WHERE organisation_id = $1 AND case_no = $2 ORDER BY assigned_at, account_id',
    [organisationId, caseNo],
  );
  return rows.map((r) => r.account_id);
}
