/**
 * An organisation's prepayment account (db/prepayment.ts) on a real
 * PostgreSQL, as the application's role: top-ups, debits and refunds, each
 * once per entry key; a debit the balance does not cover changes nothing;
 * concurrent debits never overdraw; the ledger cannot be rewritten.
 */
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { inTransaction, createPool } from '../../db/pool';
import {
  debitPrepayment,
  prepaymentStatement,
  PrepaymentEntryConflict,
  refundPrepayment,
  topUpPrepayment,
  UnknownOrganisation,
  type PrepaymentEntryRequest,
} from '../../db/prepayment';
import { startTestDatabase, type TestDatabase } from '../support/postgres';

let db: TestDatabase;
/** As the worker and the API connect: the application's role. */
let app: Pool;

beforeAll(async () => {
  db = await startTestDatabase();
  app = createPool(db.appUrl, 8);
});
afterAll(async () => {
  await app?.end();
  await db?.stop();
});

async function organisation(): Promise<string> {
  const { rows } = await db.pool.query<{ id: string }>(`INSERT INTO organisations (name) VALUES ($1) RETURNING id`, [`Chan & Co ${randomUUID()}`]);
  return rows[0]!.id;
}

const entry = (organisationId: string, amountCents: number, entryKey: string = randomUUID()): PrepaymentEntryRequest => ({
  organisationId,
  entryKey,
  amountCents,
  reference: `ref ${entryKey}`,
  recordedBy: 'system:payments',
});

const topUp = (request: PrepaymentEntryRequest) => inTransaction(app, (tx) => topUpPrepayment(tx, request));
const debit = (request: PrepaymentEntryRequest) => inTransaction(app, (tx) => debitPrepayment(tx, request));
const refund = (request: PrepaymentEntryRequest) => inTransaction(app, (tx) => refundPrepayment(tx, request));
const balanceOf = async (organisationId: string) => (await prepaymentStatement(app, organisationId, { limit: 1 })).balanceCents;

describe('topping up and debiting', () => {
  it('when an organisation tops up and pays a fee, then the balance and the statement show both, newest first', async () => {
    const org = await organisation();
    expect(await prepaymentStatement(app, org, { limit: 10 })).toEqual({ balanceCents: 0, entries: [] });
    expect(await topUp(entry(org, 100_000, `deposit-${org}`))).toEqual({ balanceCents: 100_000, applied: true });
    expect(await debit(entry(org, 34_500, `EF-${org}-P1`))).toEqual({ outcome: 'debited', balanceCents: 65_500 });
    const statement = await prepaymentStatement(app, org, { limit: 10 });
    expect(statement.balanceCents).toBe(65_500);
    expect(statement.entries).toEqual([
      { entryKey: `EF-${org}-P1`, kind: 'debit', amountCents: 34_500, balanceAfterCents: 65_500, reference: `ref EF-${org}-P1`, recordedBy: 'system:payments', recordedAt: expect.any(Date) },
      { entryKey: `deposit-${org}`, kind: 'top-up', amountCents: 100_000, balanceAfterCents: 100_000, reference: `ref deposit-${org}`, recordedBy: 'system:payments', recordedAt: expect.any(Date) },
    ]);
    expect((await prepaymentStatement(app, org, { limit: 1 })).entries).toHaveLength(1);
  });

  it('when a debit is more than the balance, then it is insufficient and nothing changes; after a top-up the same key debits', async () => {
    const org = await organisation();
    await topUp(entry(org, 10_000));
    const fee = entry(org, 25_000);
    expect(await debit(fee)).toEqual({ outcome: 'insufficient', balanceCents: 10_000, amountCents: 25_000 });
    expect(await prepaymentStatement(app, org, { limit: 10 })).toMatchObject({ balanceCents: 10_000, entries: [{ kind: 'top-up' }] });
    await topUp(entry(org, 20_000));
    expect(await debit(fee)).toEqual({ outcome: 'debited', balanceCents: 5_000 });
  });

  it('when an organisation has no account yet, then a debit is insufficient against a balance of 0', async () => {
    const org = await organisation();
    expect(await debit(entry(org, 1))).toEqual({ outcome: 'insufficient', balanceCents: 0, amountCents: 1 });
  });

  it('when the organisation does not exist or the amount is not a positive whole number of cents, then it is refused', async () => {
    await expect(topUp(entry(randomUUID(), 100))).rejects.toBeInstanceOf(UnknownOrganisation);
    const org = await organisation();
    for (const amount of [0, -5, 1.5, Number.NaN]) await expect(topUp(entry(org, amount))).rejects.toBeInstanceOf(RangeError);
    expect(await balanceOf(org)).toBe(0);
  });
});

describe('the same entry key again', () => {
  it('when a top-up is repeated, then it is not applied again and the current balance is answered', async () => {
    const org = await organisation();
    const deposit = entry(org, 50_000);
    expect(await topUp(deposit)).toEqual({ balanceCents: 50_000, applied: true });
    await debit(entry(org, 10_000));
    expect(await topUp(deposit)).toEqual({ balanceCents: 40_000, applied: false });
    expect(await balanceOf(org)).toBe(40_000);
  });

  it('when a debit is repeated, then it answers debited with the balance that debit left, and takes nothing more', async () => {
    const org = await organisation();
    await topUp(entry(org, 50_000));
    const fee = entry(org, 20_000);
    expect(await debit(fee)).toEqual({ outcome: 'debited', balanceCents: 30_000 });
    await topUp(entry(org, 5_000));
    expect(await debit(fee)).toEqual({ outcome: 'debited', balanceCents: 30_000 });
    expect(await balanceOf(org)).toBe(35_000);
  });

  it('when a key is reused for another organisation, amount or kind, then it is a conflict and nothing changes', async () => {
    const org = await organisation();
    const other = await organisation();
    const deposit = entry(org, 50_000);
    await topUp(deposit);
    await expect(topUp({ ...deposit, amountCents: 60_000 })).rejects.toBeInstanceOf(PrepaymentEntryConflict);
    await expect(topUp({ ...deposit, organisationId: other })).rejects.toThrow(/cannot also be a top-up of 50000 cents for organisation/);
    await expect(debit(deposit)).rejects.toBeInstanceOf(PrepaymentEntryConflict);
    expect(await balanceOf(org)).toBe(50_000);
    expect(await balanceOf(other)).toBe(0);
  });

  it('when a refund is repeated, then it is applied once', async () => {
    const org = await organisation();
    await topUp(entry(org, 30_000));
    await debit(entry(org, 30_000, `EF-${org}-P1`));
    const giveBack = entry(org, 30_000, `EF-${org}-P1-refund`);
    expect(await refund(giveBack)).toEqual({ balanceCents: 30_000, applied: true });
    expect(await refund(giveBack)).toEqual({ balanceCents: 30_000, applied: false });
    expect((await prepaymentStatement(app, org, { limit: 10 })).entries.map((e) => e.kind)).toEqual(['refund', 'debit', 'top-up']);
  });

  it('when the same top-up is made by several writers at once, then it is applied exactly once', async () => {
    const org = await organisation();
    const deposit = entry(org, 7_000);
    const results = await Promise.all(Array.from({ length: 6 }, () => topUp(deposit)));
    expect(results.filter((r) => r.applied)).toHaveLength(1);
    expect(await balanceOf(org)).toBe(7_000);
  });
});

describe('concurrent debits', () => {
  it('when more debits run at once than the balance covers, then exactly as many as it covers succeed and the balance never goes below zero', async () => {
    const org = await organisation();
    await topUp(entry(org, 100_000));
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => debit(entry(org, 30_000))));
    expect(outcomes.filter((o) => o.outcome === 'debited')).toHaveLength(3);
    expect(outcomes.filter((o) => o.outcome === 'insufficient')).toHaveLength(5);
    expect(await balanceOf(org)).toBe(10_000);
    const statement = await prepaymentStatement(app, org, { limit: 50 });
    expect(statement.entries.filter((e) => e.kind === 'debit').map((e) => e.balanceAfterCents).sort((a, b) => b - a)).toEqual([70_000, 40_000, 10_000]);
  });
});

describe('the ledger', () => {
  it('when the application role tries to change or delete an entry, then it is refused; even the owner is stopped by the trigger', async () => {
    const org = await organisation();
    await topUp(entry(org, 1_000, `deposit-${org}`));
    await expect(app.query(`UPDATE prepayment_ledger SET amount_cents = 1 WHERE entry_key = $1`, [`deposit-${org}`])).rejects.toMatchObject({ code: '42501' });
    await expect(app.query(`DELETE FROM prepayment_ledger WHERE entry_key = $1`, [`deposit-${org}`])).rejects.toMatchObject({ code: '42501' });
    const owner = createPool(db.ownerUrl, 1);
    try {
      await expect(owner.query(`DELETE FROM prepayment_ledger WHERE entry_key = $1`, [`deposit-${org}`])).rejects.toThrow(/prepayment_ledger is append-only/);
    } finally {
      await owner.end();
    }
    expect((await prepaymentStatement(app, org, { limit: 5 })).entries).toHaveLength(1);
  });
});
