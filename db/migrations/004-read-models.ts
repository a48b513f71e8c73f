import type { Migration } from './index';

/**
 * Normalised read models of each small-claim case, replaced as a whole by
 * the projection whenever a newer version of the case arrives (in the same
 * transaction as its `sct_cases` row), and searched by the public cause book
 * and the scheduler.
 */
export const m004ReadModels: Migration = {
  id: '004-read-models',
  sql: `
    -- Claimants, represented persons and defendants (names only: addresses stay in the snapshot).
    CREATE TABLE sct_parties (
      case_no    text    NOT NULL REFERENCES sct_cases (case_no) ON DELETE CASCADE,
      party_id   text    NOT NULL,
      side       text    NOT NULL CHECK (side IN ('claimant', 'represented', 'defendant')),
      name       text    NOT NULL,
      struck_out boolean NOT NULL DEFAULT false,
      PRIMARY KEY (case_no, party_id)
    );

    -- Every hearing date a case has had: the one standing (current), one held, and
    -- those adjourned (s.26) or vacated by a closure day. seq orders them in the case.
    CREATE TABLE sct_hearings (
      case_no   text        NOT NULL REFERENCES sct_cases (case_no) ON DELETE CASCADE,
      seq       integer     NOT NULL,
      date      date        NOT NULL,
      starts_at timestamptz NOT NULL,
      status    text        NOT NULL CHECK (status IN ('current', 'vacated', 'adjourned', 'held')),
      PRIMARY KEY (case_no, seq)
    );
    -- The cause book: hearings by date (then case number).
    CREATE INDEX sct_hearings_by_date ON sct_hearings (date, case_no) WHERE status IN ('current', 'held');

    CREATE TABLE sct_deadlines (
      case_no     text NOT NULL REFERENCES sct_cases (case_no) ON DELETE CASCADE,
      key         text NOT NULL,
      rule        text NOT NULL,
      basis       text NOT NULL,
      from_date   date NOT NULL,
      due         date NOT NULL,
      status      text NOT NULL CHECK (status IN ('open', 'met', 'lapsed', 'superseded')),
      owner       text NOT NULL,
      explanation text NOT NULL,
      PRIMARY KEY (case_no, key)
    );
    -- The scheduler: open deadlines, soonest first.
    CREATE INDEX sct_deadlines_open_by_due ON sct_deadlines (due, case_no) WHERE status = 'open';

    CREATE TABLE sct_alerts (
      case_no   text        NOT NULL REFERENCES sct_cases (case_no) ON DELETE CASCADE,
      alert_id  text        NOT NULL,
      at        timestamptz NOT NULL,
      severity  text        NOT NULL CHECK (severity IN ('notice', 'warning', 'urgent')),
      recipient text        NOT NULL,
      rule      text,
      message   text        NOT NULL,
      PRIMARY KEY (case_no, alert_id)
    );
    CREATE INDEX sct_alerts_by_recipient ON sct_alerts (recipient, at);

    -- paid_into: s.34's "into" (tribunal or claimant); INTO is reserved in SQL.
    CREATE TABLE sct_payments (
      case_no      text   NOT NULL REFERENCES sct_cases (case_no) ON DELETE CASCADE,
      payment_id   text   NOT NULL,
      by_party     text   NOT NULL,
      amount_cents bigint NOT NULL,
      paid_on      date   NOT NULL,
      paid_into    text   NOT NULL CHECK (paid_into IN ('tribunal', 'claimant')),
      PRIMARY KEY (case_no, payment_id)
    );

    -- Party-name search ("contains", case-insensitive): a trigram index on lower(name)
    -- serves LIKE '%…%' where pg_trgm can be installed (the embedded server ships it;
    -- it is a trusted extension since PostgreSQL 13). Elsewhere, a plain lower(name)
    -- index serves prefix searches and the query still works (by scan).
    DO $trgm$
    BEGIN
      BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX sct_parties_name_trgm ON sct_parties USING gin (lower(name) gin_trgm_ops);
      EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm unavailable (%); indexing lower(name) instead', SQLERRM;
        CREATE INDEX sct_parties_name_lower ON sct_parties (lower(name) text_pattern_ops);
      END;
    END
    $trgm$;
  `,
};
