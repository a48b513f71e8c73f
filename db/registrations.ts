/**
 * Applications to register (migration 017): the row each application keeps
 * outside its workflow (password hash, access-token hash), its read model,
 * and the creation of the approved account.
 */
import type { Pool, PoolClient } from 'pg';
import type { Registration } from '../domain/registration';
import { insertAccount, insertOrganisation, insertPartyLink } from './accounts';
import { appendAudit } from './audit-log';
import { setPreferredLanguage } from './inbox';

type Db = Pool | PoolClient;

export interface NewRegistrationRow {
  reference: string;
  kind: Registration['kind'];
  username: string;
  displayName: string;
  organisationName: string | null;
  caseNo: string;
  language: Registration['applicant']['language'];
  passwordHash: string;
  accessTokenHash: string;
}

/** Records an application; false when its username is already taken or spoken for. */
export async function insertRegistration(tx: PoolClient, row: NewRegistrationRow): Promise<boolean> {
  const taken = await tx.query('SELECT 1 FROM accounts WHERE lower(username) = lower($1)', [row.username]);
  if (taken.rowCount) return false;
  const { rowCount } = await tx.query(
    `INSERT INTO registrations (reference, kind, username, display_name, organisation_name, case_no, language, password_hash, access_token_hash, stage)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'awaiting-documents')
     ON CONFLICT DO NOTHING`,
    [row.reference, row.kind, row.username, row.displayName, row.organisationName, row.caseNo, row.language, row.passwordHash, row.accessTokenHash],
  );
  return rowCount === 1;
}

export interface RegistrationRow {
  reference: string;
  accessTokenHash: string;
  stage: string;
  snapshot: Registration | null;
}

export async function findRegistration(db: Db, reference: string): Promise<RegistrationRow | undefined> {
  const { rows } = await db.query<{ reference: string; access_token_hash: string; stage: string; snapshot: Registration | null }>(
    'SELECT reference, access_token_hash, stage, snapshot FROM registrations WHERE reference = $1',
    [reference],
  );
  const r = rows[0];
  return r ? { reference: r.reference, accessTokenHash: r.access_token_hash, stage: r.stage, snapshot: r.snapshot } : undefined;
}

/** Applications in a stage (the registry's queue), oldest first. */
export async function registrationsIn(db: Db, stage: string, limit: number): Promise<Registration[]> {
  const { rows } = await db.query<{ snapshot: Registration }>('SELECT snapshot FROM registrations WHERE stage = $1 AND snapshot IS NOT NULL ORDER BY created_at LIMIT $2', [stage, limit]);
  return rows.map((r) => r.snapshot);
}

export async function projectRegistrationReadModel(db: Db, state: Registration): Promise<void> {
  await db.query('UPDATE registrations SET stage = $2, snapshot = $3, version = $4 WHERE reference = $1 AND version < $4', [state.reference, state.stage, JSON.stringify(state), state.version]);
}

/** Why an account could not be made from an application. */
export class RegistrationAccountError extends Error {}

/**
 * Creates the account an approved application asked for (and first its
 * organisation), links it to `partyId` of the case if given, and forgets the
 * password hash, in one transaction. Done once: a second call answers with
 * the account the first created.
 */
export async function createAccountFromRegistration(pool: Pool, reference: string, partyId: string | null): Promise<string> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{
      kind: Registration['kind'];
      username: string;
      display_name: string;
      organisation_name: string | null;
      case_no: string;
      language: Registration['applicant']['language'];
      password_hash: string | null;
      account_id: string | null;
    }>('SELECT kind, username, display_name, organisation_name, case_no, language, password_hash, account_id FROM registrations WHERE reference = $1 FOR UPDATE', [reference]);
    const row = rows[0];
    if (!row) throw new RegistrationAccountError(`no application ${reference}`);
    if (row.account_id) {
      await client.query('COMMIT');
      return row.account_id;
    }
    const organisation = row.kind === 'organisation' ? await insertOrganisation(client, row.organisation_name ?? row.display_name) : null;
    const account = await insertAccount(client, {
      username: row.username,
      displayName: row.display_name,
      role: organisation ? 'org-principal-admin' : 'individual-user',
      organisationId: organisation?.id ?? null,
      passwordHash: row.password_hash,
      createdBy: null,
    });
    if (!account) throw new RegistrationAccountError(`the username ${row.username} was taken before the account could be created`);
    await setPreferredLanguage(client, account.id, row.language);
    if (partyId) {
      await insertPartyLink(client, { caseNo: row.case_no, partyId, accountId: organisation ? null : account.id, organisationId: organisation?.id ?? null, createdBy: null });
    }
    await client.query('UPDATE registrations SET account_id = $2, password_hash = NULL WHERE reference = $1', [reference, account.id]);
    await appendAudit(client, {
      actor: { id: 'system:registration', role: 'system' },
      action: 'registration.account-created',
      target: `account:${account.id}`,
      after: { reference, username: row.username, role: account.role, organisationId: organisation?.id ?? null, ...(partyId ? { caseNo: row.case_no, partyId } : {}) },
    });
    await client.query('COMMIT');
    return account.id;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
