/**
 * Finding accounts by a part of their username or display name, for the
 * registry, auditors and organisation administrators. Never reads a password
 * hash: the columns are the same as `db/accounts.ts` returns everywhere else.
 *
 * Ordered by username (unique, stored lower-case) and paged by keyset on it,
 * so the unique index on `accounts.username` serves the order and each page
 * starts where the last ended, however deep. The "contains" match is
 * `lower(column) LIKE '%…%'` with `%`, `_` and `\` in the text escaped, so
 * they match themselves; at the scale of a court's accounts the filter is
 * applied while walking that index (a trigram index on lower(display_name)
 * would serve it if the table grows large).
 */
import type { Pool, PoolClient } from 'pg';
import { ACCOUNT_COLUMNS, toAccount, type AccountRole, type AccountRow, type RawAccount } from './accounts';
import { likeLiteral } from './cause-book';

type Db = Pool | PoolClient;

export interface AccountSearchFilter {
  /** A part of the username or display name, any case. */
  q?: string;
  role?: AccountRole;
  /** Only this organisation's accounts (an organisation administrator's view). */
  organisationId?: string;
}


/** Up to `limit` accounts whose username comes after `afterUsername`, by username. Every value is a bound parameter. */
export async function searchAccounts(db: Db, filter: AccountSearchFilter, limit: number, afterUsername?: string): Promise<AccountRow[]> {
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const where: string[] = [];
  if (filter.q !== undefined) {
    const pattern = `'%' || lower(${param(likeLiteral(filter.q))}) || '%'`;
    where.push(`(lower(username) LIKE ${pattern} ESCAPE '\\' OR lower(display_name) LIKE ${pattern} ESCAPE '\\')`);
  }
  if (filter.role !== undefined) where.push(`role = ${param(filter.role)}`);
  if (filter.organisationId !== undefined) where.push(`organisation_id = ${param(filter.organisationId)}::uuid`);
  if (afterUsername !== undefined) where.push(`username > ${param(afterUsername)}`);
  const { rows } = await db.query<RawAccount>(
    `SELECT ${ACCOUNT_COLUMNS}
       FROM accounts
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY username
      LIMIT ${param(limit)}`,
    params,
  );
  return rows.map(toAccount);
}
