/**
 * Typed queries over accounts, organisations, API keys and the links that
 * decide who may see which case. Password and key hashes leave this module
 * only through the two lookups that need them to check a credential.
 */
import type { Pool, PoolClient } from 'pg';


type Db = Pool | PoolClient;

/** Every role an account can hold: all but `public`, which is the absence of one. */
export type { AccountRole } from '../domain/identity/administration';
import type { AccountRole } from '../domain/identity/administration';
import type { Power } from '../domain/identity/powers';
import { MAIN_BRANCH } from '../domain/identity/branches';
import type { ConsoleLanguage } from '../domain/identity/console-language';
export type AccountStatus = 'active' | 'suspended';

export interface AccountRow {
  id: string;
  username: string;
  displayName: string;
  role: AccountRole;
  organisationId: string | null;
  status: AccountStatus;
  /** A sub-administrator the principal administrator authorised to administer other sub-administrators (holds `manage-sub-admins`). */
  canManageSubAdmins: boolean;
  /** A sub-administrator's delegated powers (empty for every other role: see `powersOf`). */
  powers: Power[];
  /** The branch code of an organisation account; null for others. */
  branchCode: string | null;
  createdBy: string | null;
  createdAt: Date;
}

export interface OrganisationRow {
  id: string;
  name: string;
  createdAt: Date;
}

export interface ApiKeyRow {
  id: string;
  accountId: string;
  prefix: string;
  label: string;
  createdAt: Date;
  revokedAt: Date | null;
  /** When it last authenticated a request, to the minute (see `noteApiKeyUse`); null if never. */
  lastUsedAt: Date | null;
}

export interface RawAccount {
  id: string;
  username: string;
  display_name: string;
  role: AccountRole;
  organisation_id: string | null;
  status: AccountStatus;
  can_manage_sub_admins: boolean;
  powers: Power[];
  branch_code: string | null;
  created_by: string | null;
  created_at: Date;
  password_hash: string | null;
}

export const ACCOUNT_COLUMNS = 'id, username, display_name, role, organisation_id, status, can_manage_sub_admins, powers, branch_code, created_by, created_at';

export const toAccount = (r: Omit<RawAccount, 'password_hash'>): AccountRow => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  organisationId: r.organisation_id,
  status: r.status,
  canManageSubAdmins: r.can_manage_sub_admins,
  powers: r.powers,
  branchCode: r.branch_code,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids are uuids; anything else names no row (and must not reach a uuid column as an error). */
export const isUuid = (value: string) => UUID.test(value);

export async function findAccount(db: Db, id: string): Promise<AccountRow | undefined> {
  if (!isUuid(id)) return undefined;
  const { rows } = await db.query<RawAccount>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = $1`, [id]);
  return rows[0] && toAccount(rows[0]);
}

export async function findPasswordHash(db: Db, accountId: string): Promise<string | null | undefined> {
  const { rows } = await db.query<{ password_hash: string | null }>('SELECT password_hash FROM accounts WHERE id = $1', [accountId]);
  return rows[0]?.password_hash;
}

export interface NewAccount {
  username: string;
  displayName: string;
  role: AccountRole;
  organisationId?: string | null;
  passwordHash: string | null;
  /** A sub-administrator's delegated powers (`can_manage_sub_admins` follows from them). */
  powers?: readonly Power[];
  /** An organisation account's branch; absent, MAIN, the branch every organisation starts with. */
  branchCode?: string | null;
  createdBy?: string | null;
}

/** Inserts an account; undefined when the username is taken. */
export async function insertAccount(db: Db, account: NewAccount): Promise<AccountRow | undefined> {
  const { rows } = await db.query<RawAccount>(
    `INSERT INTO accounts (username, display_name, role, organisation_id, password_hash, powers, branch_code, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (username) DO NOTHING
     RETURNING ${ACCOUNT_COLUMNS}`,
    [
      account.username.toLowerCase(),
      account.displayName,
      account.role,
      account.organisationId ?? null,
      account.passwordHash,
      [...(account.powers ?? [])],
      account.branchCode ?? (account.organisationId ? MAIN_BRANCH.code : null),
      account.createdBy ?? null,
    ],
  );
  return rows[0] && toAccount(rows[0]);
}

export async function setAccountStatus(db: Db, id: string, status: AccountStatus): Promise<AccountRow | undefined> {
  const { rows } = await db.query<RawAccount>(
    `UPDATE accounts SET status = $2, updated_at = now() WHERE id = $1 RETURNING ${ACCOUNT_COLUMNS}`,
    [id, status],
  );
  return rows[0] && toAccount(rows[0]);
}

export async function setPasswordHash(db: Db, id: string, passwordHash: string): Promise<void> {
  await db.query('UPDATE accounts SET password_hash = $2, updated_at = now() WHERE id = $1', [id, passwordHash]);
}

export async function listOrganisationAccounts(db: Db, organisationId: string): Promise<AccountRow[]> {
  const { rows } = await db.query<RawAccount>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE organisation_id = $1 ORDER BY username`, [
    organisationId,
  ]);
  return rows.map(toAccount);
}

export async function anyAccountWithRole(db: Db, role: AccountRole): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM accounts WHERE role = $1 LIMIT 1', [role]);
  return rows.length > 0;
}

// Organisations

/**
 * Inserts an organisation with its first branch code, MAIN, in one
 * statement: every organisation account belongs to a branch, so an
 * organisation is never without one, whoever creates it.
 */
export async function insertOrganisation(db: Db, name: string): Promise<OrganisationRow> {
  const { rows } = await db.query<{ id: string; name: string; created_at: Date }>(
    `WITH organisation AS (INSERT INTO organisations (name) VALUES ($1) RETURNING id, name, created_at),
          main AS (INSERT INTO organisation_branches (organisation_id, code, name) SELECT id, $2, $3 FROM organisation)
     SELECT id, name, created_at FROM organisation`,
    [name, MAIN_BRANCH.code, MAIN_BRANCH.name],
  );
  const row = rows[0];
  if (!row) throw new Error('no organisation returned');
  return { id: row.id, name: row.name, createdAt: row.created_at };
}

export async function findOrganisation(db: Db, id: string): Promise<OrganisationRow | undefined> {
  if (!isUuid(id)) return undefined;
  const { rows } = await db.query<{ id: string; name: string; created_at: Date }>('SELECT id, name, created_at FROM organisations WHERE id = $1', [id]);
  const row = rows[0];
  return row && { id: row.id, name: row.name, createdAt: row.created_at };
}

// API keys

interface RawApiKey {
  id: string;
  account_id: string;
  prefix: string;
  label: string;
  created_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
  secret_hash: string;
}

const API_KEY_COLUMNS = 'id, account_id, prefix, label, created_at, revoked_at, last_used_at';

const toApiKey = (r: Omit<RawApiKey, 'secret_hash'>): ApiKeyRow => ({
  id: r.id,
  accountId: r.account_id,
  prefix: r.prefix,
  label: r.label,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
});

export async function insertApiKey(db: Db, key: { accountId: string; prefix: string; secretHash: string; label: string }): Promise<ApiKeyRow> {
  const { rows } = await db.query<RawApiKey>(
    `INSERT INTO api_keys (account_id, prefix, secret_hash, label) VALUES ($1, $2, $3, $4)
     RETURNING ${API_KEY_COLUMNS}`,
    [key.accountId, key.prefix, key.secretHash, key.label],
  );
  const row = rows[0];
  if (!row) throw new Error('no API key returned');
  return toApiKey(row);
}

/** For authentication only: the key and the hash of its secret. */
export async function findApiKeyByPrefix(db: Db, prefix: string): Promise<{ key: ApiKeyRow; secretHash: string } | undefined> {
  const { rows } = await db.query<RawApiKey>('SELECT * FROM api_keys WHERE prefix = $1', [prefix]);
  const row = rows[0];
  return row && { key: toApiKey(row), secretHash: row.secret_hash };
}

export async function listApiKeys(db: Db, accountId: string): Promise<ApiKeyRow[]> {
  const { rows } = await db.query<RawApiKey>(
    `SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE account_id = $1 ORDER BY created_at, id`,
    [accountId],
  );
  return rows.map(toApiKey);
}

/** Revokes one of the account's keys; undefined when it has no such key. Revoking twice keeps the first time. */
export async function revokeApiKey(db: Db, accountId: string, keyId: string): Promise<ApiKeyRow | undefined> {
  if (!isUuid(keyId)) return undefined;
  const { rows } = await db.query<RawApiKey>(
    `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 AND account_id = $2
     RETURNING ${API_KEY_COLUMNS}`,
    [keyId, accountId],
  );
  return rows[0] && toApiKey(rows[0]);
}

/** How often a key's `last_used_at` is written at most: reads must not all become writes. */
export const API_KEY_USE_RESOLUTION_MS = 60_000;

/**
 * Records that a key authenticated a request at `at`, unless it was already
 * recorded within the last minute (checked in the statement too, so API
 * processes racing on one key write once). True when it wrote.
 */
export async function noteApiKeyUse(db: Db, keyId: string, at: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE api_keys SET last_used_at = $2
     WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $2::timestamptz - make_interval(secs => $3::double precision / 1000))`,
    [keyId, at, API_KEY_USE_RESOLUTION_MS],
  );
  return rowCount === 1;
}

// Access tokens: generations and revocation

/** What `authenticate` needs to accept an access token: its account, the account's token generation, and whether the token was signed out. */
export async function findAccountForToken(
  db: Db,
  accountId: string,
  tokenId: string,
): Promise<{ account: AccountRow; tokenGeneration: number; tokenRevoked: boolean } | undefined> {
  if (!isUuid(accountId)) return undefined;
  const { rows } = await db.query<RawAccount & { token_generation: number; token_revoked: boolean }>(
    `SELECT ${ACCOUNT_COLUMNS}, token_generation, EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = $2) AS token_revoked
     FROM accounts WHERE id = $1`,
    [accountId, tokenId],
  );
  const row = rows[0];
  return row && { account: toAccount(row), tokenGeneration: row.token_generation, tokenRevoked: row.token_revoked };
}

/** For sign-in only: the account, its password hash and its current token generation (in one read, so a token never outlives a change made before it). */
export async function findAccountForSignIn(
  db: Db,
  username: string,
): Promise<{ account: AccountRow; passwordHash: string | null; tokenGeneration: number } | undefined> {
  const { rows } = await db.query<RawAccount & { token_generation: number }>(
    `SELECT ${ACCOUNT_COLUMNS}, password_hash, token_generation FROM accounts WHERE username = $1`,
    [username.toLowerCase()],
  );
  const row = rows[0];
  return row && { account: toAccount(row), passwordHash: row.password_hash, tokenGeneration: row.token_generation };
}

/** The account's current token generation (undefined: no such account). */
export async function tokenGenerationOf(db: Db, accountId: string): Promise<number | undefined> {
  if (!isUuid(accountId)) return undefined;
  const { rows } = await db.query<{ token_generation: number }>('SELECT token_generation FROM accounts WHERE id = $1', [accountId]);
  return rows[0]?.token_generation;
}

/**
 * Ends every access token of the account issued until now: the generation
 * they carry is no longer the account's. Returns the new generation.
 */
export async function bumpTokenGeneration(db: Db, accountId: string): Promise<number | undefined> {
  const { rows } = await db.query<{ token_generation: number }>(
    'UPDATE accounts SET token_generation = token_generation + 1, updated_at = now() WHERE id = $1 RETURNING token_generation',
    [accountId],
  );
  return rows[0]?.token_generation;
}

/**
 * Signs one access token out: its `jti` is refused until `expiresAt`, when
 * the token would have ended anyway. Rows of tokens already expired are
 * pruned on the way. Revoking twice is no error.
 */
export async function revokeToken(db: Db, token: { tokenId: string; accountId: string; expiresAt: Date }): Promise<void> {
  await db.query('DELETE FROM revoked_tokens WHERE expires_at < now()');
  await db.query(
    `INSERT INTO revoked_tokens (jti, account_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT (jti) DO NOTHING`,
    [token.tokenId, token.accountId, token.expiresAt],
  );
}

// Case access

export interface PartyLink {
  caseNo: string;
  partyId: string;
  accountId: string | null;
  organisationId: string | null;
}

/** Links an individual account or an organisation to a party of a case; false when that link already exists. */
export async function insertPartyLink(db: Db, link: PartyLink & { createdBy: string | null }): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO case_party_links (case_no, party_id, account_id, organisation_id, created_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING`,
    [link.caseNo, link.partyId, link.accountId, link.organisationId, link.createdBy],
  );
  return rowCount === 1;
}

/** The party an individual account acts as in a case. */
export async function accountPartyInCase(db: Db, caseNo: string, accountId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ party_id: string }>('SELECT party_id FROM case_party_links WHERE case_no = $1 AND account_id = $2', [
    caseNo,
    accountId,
  ]);
  return rows[0]?.party_id;
}

/** The parties an organisation acts for in a case. */
export async function organisationPartiesInCase(db: Db, caseNo: string, organisationId: string): Promise<string[]> {
  const { rows } = await db.query<{ party_id: string }>(
    'SELECT party_id FROM case_party_links WHERE case_no = $1 AND organisation_id = $2 ORDER BY party_id',
    [caseNo, organisationId],
  );
  return rows.map((r) => r.party_id);
}

export interface CaseAssignment {
  caseNo: string;
  organisationId: string;
  accountId: string;
  partyId: string;
}

/** Assigns (or re-assigns to another party) a case to an organisation user. */
export async function upsertCaseAssignment(db: Db, assignment: CaseAssignment & { assignedBy: string }): Promise<void> {
  await db.query(
    `INSERT INTO case_assignments (case_no, organisation_id, account_id, party_id, assigned_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (case_no, account_id) DO UPDATE
       SET organisation_id = EXCLUDED.organisation_id, party_id = EXCLUDED.party_id,
           assigned_by = EXCLUDED.assigned_by, assigned_at = now()`,
    [assignment.caseNo, assignment.organisationId, assignment.accountId, assignment.partyId, assignment.assignedBy],
  );
}

export async function findCaseAssignment(db: Db, caseNo: string, accountId: string): Promise<CaseAssignment | undefined> {
  const { rows } = await db.query<{ case_no: string; organisation_id: string; account_id: string; party_id: string }>(
    'SELECT case_no, organisation_id, account_id, party_id FROM case_assignments WHERE case_no = $1 AND account_id = $2',
    [caseNo, accountId],
  );
  const row = rows[0];
  return row && { caseNo: row.case_no, organisationId: row.organisation_id, accountId: row.account_id, partyId: row.party_id };
}

/**
 * The party an organisation user acts for in a case: assigned to them by
 * their organisation, which is itself linked to that party. Either link
 * gone, no access.
 */
export async function orgUserPartyInCase(db: Db, caseNo: string, accountId: string, organisationId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ party_id: string }>(
    `SELECT a.party_id FROM case_assignments a
       JOIN case_party_links l ON l.case_no = a.case_no AND l.organisation_id = a.organisation_id AND l.party_id = a.party_id
      WHERE a.case_no = $1 AND a.account_id = $2 AND a.organisation_id = $3`,
    [caseNo, accountId, organisationId],
  );
  return rows[0]?.party_id;
}

// The web console's language the account keeps (null until chosen).

export async function consoleLanguageOf(db: Db, accountId: string): Promise<{ language: ConsoleLanguage | null } | undefined> {
  if (!isUuid(accountId)) return undefined;
  const { rows } = await db.query<{ console_language: ConsoleLanguage | null }>('SELECT console_language FROM accounts WHERE id = $1', [accountId]);
  return rows[0] && { language: rows[0].console_language };
}

/** Sets the account's console language; returns the one it had (null: none), or undefined when there is no such account. */
export async function setConsoleLanguage(db: Db, accountId: string, language: ConsoleLanguage): Promise<{ before: ConsoleLanguage | null } | undefined> {
  if (!isUuid(accountId)) return undefined;
  const { rows } = await db.query<{ before: ConsoleLanguage | null }>(
    `UPDATE accounts a SET console_language = $2, updated_at = now()
       FROM (SELECT id, console_language AS before FROM accounts WHERE id = $1 FOR UPDATE) b
      WHERE a.id = b.id
      RETURNING b.before`,
    [accountId, language],
  );
  return rows[0] && { before: rows[0].before };
}
