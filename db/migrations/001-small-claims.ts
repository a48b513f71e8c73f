import type { Migration } from './index';

export const m001SmallClaims: Migration = {
  id: '001-small-claims',
  sql: `
    -- One counter per series and year. Allocation bumps the row under its lock
    -- in the same transaction as the filing row, so a number is used exactly once
    -- and none is skipped: if the filing does not commit, neither does the bump.
    CREATE TABLE case_number_counters (
      series     text    NOT NULL,
      year       integer NOT NULL,
      last_value integer NOT NULL,
      PRIMARY KEY (series, year)
    );

    -- The durable record of a claim accepted by the registry. It is written before
    -- the workflow starts, so a crash between the two is finished by the reconciler
    -- (started_at IS NULL) instead of losing the case or its number.
    CREATE TABLE sct_filings (
      case_no         text        PRIMARY KEY,
      idempotency_key text        UNIQUE,
      request_hash    text        NOT NULL,
      input           jsonb       NOT NULL,
      filed_at        timestamptz NOT NULL,
      started_at      timestamptz
    );
    CREATE INDEX sct_filings_unstarted ON sct_filings (filed_at) WHERE started_at IS NULL;

    -- What people read: the workflow's own projection of each case.
    CREATE TABLE sct_cases (
      case_no             text        PRIMARY KEY,
      stage               text        NOT NULL,
      filed_on            date        NOT NULL,
      latest_hearing_date date,
      hearing_date        date,
      claimed_cents       bigint      NOT NULL,
      snapshot            jsonb       NOT NULL,
      version             integer     NOT NULL,
      updated_at          timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX sct_cases_hearing_date ON sct_cases (hearing_date);
  `,
};
