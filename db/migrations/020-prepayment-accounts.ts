import type { Migration } from './index';

/**
 * An organisation's prepayment account (iCMS lets an organisation pay fees
 * from money it deposited beforehand): the balance, and the ledger of every
 * top-up, debit and refund that made it. The ledger is append-only (no UPDATE
 * or DELETE for the application role, `APPEND_ONLY_TABLES` in db/migrate.ts,
 * and a trigger as on the audit log), so the balance can always be explained
 * entry by entry. Each entry's key is the business event that caused it (a
 * payment id, a top-up's receipt), so a retried write is found, not repeated.
 * Amounts are HK cents; the balance can never go below zero.
 */
export const m020PrepaymentAccounts: Migration = {
  id: '020-prepayment-accounts',
  sql: `
    CREATE TABLE prepayment_accounts (
      organisation_id uuid        PRIMARY KEY REFERENCES organisations (id),
      balance_cents   bigint      NOT NULL DEFAULT 0 CHECK (balance_cents >= 0),
      updated_at      timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE prepayment_ledger (
      entry_key           text        PRIMARY KEY CHECK (btrim(entry_key) <> '' AND length(entry_key) <= 200),
      -- The order entries were made in: recorded_at is the transaction's start, shared by entries of one transaction.
      seq                 bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
      organisation_id     uuid        NOT NULL REFERENCES organisations (id),
      kind                text        NOT NULL CHECK (kind IN ('top-up', 'debit', 'refund')),
      amount_cents        bigint      NOT NULL CHECK (amount_cents > 0),
      balance_after_cents bigint      NOT NULL CHECK (balance_after_cents >= 0),
      reference           text        NOT NULL CHECK (length(reference) <= 500),
      recorded_by         text        NOT NULL CHECK (btrim(recorded_by) <> '' AND length(recorded_by) <= 200),
      recorded_at         timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX prepayment_ledger_statement ON prepayment_ledger (organisation_id, seq DESC);

    -- audit_log_refuse_change (migration 003) names the table and the operation it refuses.
    CREATE TRIGGER prepayment_ledger_no_update_or_delete BEFORE UPDATE OR DELETE ON prepayment_ledger
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
    CREATE TRIGGER prepayment_ledger_no_truncate BEFORE TRUNCATE ON prepayment_ledger
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
  `,
};
