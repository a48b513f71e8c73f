/**
 * An organisation's prepayment account: top-ups, debits for fees, refunds of
 * debits, and the statement. Every entry is made under a key naming the
 * business event that caused it (a payment id, a deposit's receipt), so a
 * retried write is answered with what the first did, never made twice.
 *
 * Each change runs in the caller's transaction (a `PoolClient` inside BEGIN …
 * COMMIT) and first locks the organisation's account row: writes to one
 * account happen one at a time, so concurrent debits can never take the
 * balance below zero (the table's CHECK is the last line, not the first).
 */
import type { Pool, PoolClient } from 'pg';

type Db = Pool | PoolClient;

export type PrepaymentEntryKind = 'top-up' | 'debit' | 'refund';

export interface PrepaymentEntryRequest {
  organisationId: string;
  /** The business event's key: the same key is the same entry. */
  entryKey: string;
  /** HK cents, a positive whole number. */
  amountCents: number;
  /** What it is for (a payment id, a bank transfer's reference). */
  reference: string;
  /** Who or what recorded it (an account id, `system:payments`). */
  recordedBy: string;
}

export interface PrepaymentEntry {
  entryKey: string;
  kind: PrepaymentEntryKind;
  amountCents: number;
  balanceAfterCents: number;
  reference: string;
  recordedBy: string;
  recordedAt: Date;
}

export type DebitOutcome =
  | { outcome: 'debited'; balanceCents: number }
  /** Nothing was written: a later attempt under the same key (after a top-up) may succeed. */
  | { outcome: 'insufficient'; balanceCents: number; amountCents: number };

/** A key reused for a different entry (another organisation, kind or amount): a bug in the caller, never retried into success. */
export class PrepaymentEntryConflict extends Error {
  override name = 'PrepaymentEntryConflict';
}

/** Prepayment accounts belong to organisations only: the id named none. */
export class UnknownOrganisation extends Error {
  override name = 'UnknownOrganisation';
}

const FOREIGN_KEY_VIOLATION = '23503';

interface RawEntry {
  entry_key: string;
  organisation_id: string;
  kind: PrepaymentEntryKind;
  amount_cents: string;
  balance_after_cents: string;
  reference: string;
  recorded_by: string;
  recorded_at: Date;
}

const ENTRY_COLUMNS = 'entry_key, organisation_id, kind, amount_cents, balance_after_cents, reference, recorded_by, recorded_at';

// bigint arrives as text; HK cents stay far below 2^53.
const toEntry = (r: RawEntry): PrepaymentEntry => ({
  entryKey: r.entry_key,
  kind: r.kind,
  amountCents: Number(r.amount_cents),
  balanceAfterCents: Number(r.balance_after_cents),
  reference: r.reference,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at,
});

function checkAmount(amountCents: number): void {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) throw new RangeError(`amountCents must be a positive whole number of cents, not ${amountCents}`);
}

/** Creates the account at zero if it has none, then holds its row until the transaction ends; answers the balance. */
async function lockAccount(tx: PoolClient, organisationId: string): Promise<number> {
  try {
    await tx.query('INSERT INTO prepayment_accounts (organisation_id) VALUES ($1) ON CONFLICT (organisation_id) DO NOTHING', [organisationId]);
  } catch (err) {
    if ((err as { code?: string }).code === FOREIGN_KEY_VIOLATION) throw new UnknownOrganisation(`no organisation ${organisationId}: only an organisation has a prepayment account`);
    throw err;
  }
  const { rows } = await tx.query<{ balance_cents: string }>('SELECT balance_cents FROM prepayment_accounts WHERE organisation_id = $1 FOR UPDATE', [
    organisationId,
  ]);
  return Number(rows[0]!.balance_cents);
}

async function findEntry(db: Db, entryKey: string): Promise<(PrepaymentEntry & { organisationId: string }) | undefined> {
  const { rows } = await db.query<RawEntry>(`SELECT ${ENTRY_COLUMNS} FROM prepayment_ledger WHERE entry_key = $1`, [entryKey]);
  const row = rows[0];
  return row && { ...toEntry(row), organisationId: row.organisation_id };
}

/** The entry already made under this key, checked to be the same entry; undefined if there is none. */
async function sameEntry(db: Db, kind: PrepaymentEntryKind, request: PrepaymentEntryRequest): Promise<PrepaymentEntry | undefined> {
  const existing = await findEntry(db, request.entryKey);
  if (!existing) return undefined;
  if (existing.organisationId !== request.organisationId || existing.kind !== kind || existing.amountCents !== request.amountCents) {
    throw new PrepaymentEntryConflict(
      `prepayment entry ${request.entryKey} is a ${existing.kind} of ${existing.amountCents} cents for organisation ${existing.organisationId}; ` +
        `it cannot also be a ${kind} of ${request.amountCents} cents for organisation ${request.organisationId}`,
    );
  }
  return existing;
}

/**
 * Appends the entry and moves the balance, or, if a concurrent writer took
 * the key first (under another organisation's lock), answers that entry
 * instead (after checking it is the same one).
 */
async function append(tx: PoolClient, kind: PrepaymentEntryKind, request: PrepaymentEntryRequest, balanceAfterCents: number): Promise<PrepaymentEntry | 'taken'> {
  const { rows } = await tx.query<RawEntry>(
    `INSERT INTO prepayment_ledger (entry_key, organisation_id, kind, amount_cents, balance_after_cents, reference, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (entry_key) DO NOTHING RETURNING ${ENTRY_COLUMNS}`,
    [request.entryKey, request.organisationId, kind, request.amountCents, balanceAfterCents, request.reference, request.recordedBy],
  );
  const row = rows[0];
  if (!row) {
    await sameEntry(tx, kind, request);
    return 'taken';
  }
  await tx.query('UPDATE prepayment_accounts SET balance_cents = $2, updated_at = now() WHERE organisation_id = $1', [request.organisationId, balanceAfterCents]);
  return toEntry(row);
}

/** Money in: a top-up or a refund, once per key. */
async function credit(tx: PoolClient, kind: 'top-up' | 'refund', request: PrepaymentEntryRequest): Promise<{ balanceCents: number; applied: boolean }> {
  checkAmount(request.amountCents);
  const balance = await lockAccount(tx, request.organisationId);
  if (await sameEntry(tx, kind, request)) return { balanceCents: balance, applied: false };
  const made = await append(tx, kind, request, balance + request.amountCents);
  return made === 'taken' ? { balanceCents: balance, applied: false } : { balanceCents: made.balanceAfterCents, applied: true };
}

/** Money deposited into the account. The same key again: not applied, the balance as it now is. */
export function topUpPrepayment(tx: PoolClient, request: PrepaymentEntryRequest): Promise<{ balanceCents: number; applied: boolean }> {
  return credit(tx, 'top-up', request);
}

/** A debit given back (a fee not taken after all). The same key again: not applied, the balance as it now is. */
export function refundPrepayment(tx: PoolClient, request: PrepaymentEntryRequest): Promise<{ balanceCents: number; applied: boolean }> {
  return credit(tx, 'refund', request);
}

/**
 * Takes a fee from the account, if the balance covers it. The same key
 * again answers `debited` with the balance that debit left (the answer the
 * first call gave), whatever happened to the account since.
 */
export async function debitPrepayment(tx: PoolClient, request: PrepaymentEntryRequest): Promise<DebitOutcome> {
  checkAmount(request.amountCents);
  const balance = await lockAccount(tx, request.organisationId);
  const already = await sameEntry(tx, 'debit', request);
  if (already) return { outcome: 'debited', balanceCents: already.balanceAfterCents };
  if (balance < request.amountCents) return { outcome: 'insufficient', balanceCents: balance, amountCents: request.amountCents };
  const made = await append(tx, 'debit', request, balance - request.amountCents);
  if (made !== 'taken') return { outcome: 'debited', balanceCents: made.balanceAfterCents };
  const first = (await findEntry(tx, request.entryKey))!;
  return { outcome: 'debited', balanceCents: first.balanceAfterCents };
}

export interface PrepaymentStatement {
  balanceCents: number;
  /** Newest first. */
  entries: PrepaymentEntry[];
}

/** The balance and the latest `limit` entries (1 to 500), read in one statement so they agree. An organisation without an account has 0 and none. */
export async function prepaymentStatement(db: Db, organisationId: string, options: { limit: number }): Promise<PrepaymentStatement> {
  if (!Number.isInteger(options.limit) || options.limit < 1 || options.limit > 500) throw new RangeError(`limit must be from 1 to 500, not ${options.limit}`);
  const { rows } = await db.query<{ balance_cents: string } & { [K in keyof RawEntry]: RawEntry[K] | null }>(
    `SELECT a.balance_cents, l.*
     FROM (SELECT coalesce((SELECT balance_cents FROM prepayment_accounts WHERE organisation_id = $1), 0) AS balance_cents) a
     LEFT JOIN LATERAL (
       SELECT seq, ${ENTRY_COLUMNS} FROM prepayment_ledger WHERE organisation_id = $1 ORDER BY seq DESC LIMIT $2
     ) l ON true
     ORDER BY l.seq DESC`,
    [organisationId, options.limit],
  );
  const balanceCents = Number(rows[0]!.balance_cents);
  const entries = rows.filter((r): r is { balance_cents: string } & RawEntry => r.entry_key !== null).map(toEntry);
  return { balanceCents, entries };
}
