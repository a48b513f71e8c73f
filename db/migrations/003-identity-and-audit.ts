import type { Migration } from './index';

/**
 * Accounts (iCMS individual and organisation accounts, and the court's own
 * staff), API keys, who may see which case, and the append-only, hash-chained
 * audit log.
 */
export const m003IdentityAndAudit: Migration = {
  id: '003-identity-and-audit',
  sql: `
    -- An organisation account (law firm, company, department...): its sub-accounts
    -- are the principal administrator, sub-administrators and organisation users.
    CREATE TABLE organisations (
      id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
      name       text        NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 200),
      created_at timestamptz NOT NULL DEFAULT now()
    );

    -- Every account that can sign in. Usernames are stored lower-case, so
    -- uniqueness is case-insensitive. Organisation roles, and only they, belong to
    -- an organisation. password_hash is an argon2id PHC string (null: no password
    -- sign-in). can_manage_sub_admins is the principal administrator's delegation
    -- to a sub-administrator (iCMS brochure, note 1).
    CREATE TABLE accounts (
      id                    uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
      username              text        NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{2,63}$'),
      display_name          text        NOT NULL CHECK (btrim(display_name) <> '' AND length(display_name) <= 200),
      role                  text        NOT NULL CHECK (role IN ('individual-user', 'org-principal-admin', 'org-sub-admin',
                                                                'org-user', 'registry-officer', 'adjudicator', 'auditor', 'system')),
      organisation_id       uuid        REFERENCES organisations (id),
      status                text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
      password_hash         text,
      can_manage_sub_admins boolean     NOT NULL DEFAULT false,
      created_by            uuid        REFERENCES accounts (id),
      created_at            timestamptz NOT NULL DEFAULT now(),
      updated_at            timestamptz NOT NULL DEFAULT now(),
      CHECK ((role IN ('org-principal-admin', 'org-sub-admin', 'org-user')) = (organisation_id IS NOT NULL)),
      CHECK (NOT can_manage_sub_admins OR role = 'org-sub-admin')
    );
    CREATE INDEX accounts_organisation ON accounts (organisation_id) WHERE organisation_id IS NOT NULL;
    CREATE INDEX accounts_role ON accounts (role);

    -- API keys for integrations: cf_<prefix>_<secret>. Only the SHA-256 of the
    -- secret is kept; the prefix finds the row.
    CREATE TABLE api_keys (
      id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id  uuid        NOT NULL REFERENCES accounts (id),
      prefix      text        NOT NULL UNIQUE,
      secret_hash text        NOT NULL,
      label       text        NOT NULL DEFAULT '',
      created_at  timestamptz NOT NULL DEFAULT now(),
      revoked_at  timestamptz
    );
    CREATE INDEX api_keys_account ON api_keys (account_id);

    -- Who acts for which party of a case: an individual user's own account, or an
    -- organisation (whose administrators then assign the case to its users).
    CREATE TABLE case_party_links (
      case_no         text        NOT NULL,
      party_id        text        NOT NULL,
      account_id      uuid        REFERENCES accounts (id),
      organisation_id uuid        REFERENCES organisations (id),
      created_by      uuid        REFERENCES accounts (id),
      created_at      timestamptz NOT NULL DEFAULT now(),
      CHECK ((account_id IS NULL) <> (organisation_id IS NULL))
    );
    CREATE UNIQUE INDEX case_party_links_account ON case_party_links (case_no, account_id) WHERE account_id IS NOT NULL;
    CREATE UNIQUE INDEX case_party_links_organisation ON case_party_links (case_no, party_id, organisation_id)
      WHERE organisation_id IS NOT NULL;
    CREATE INDEX case_party_links_by_account ON case_party_links (account_id);
    CREATE INDEX case_party_links_by_organisation ON case_party_links (organisation_id);

    -- An organisation's case assigned to one of its users, acting for one party.
    CREATE TABLE case_assignments (
      case_no         text        NOT NULL,
      organisation_id uuid        NOT NULL REFERENCES organisations (id),
      account_id      uuid        NOT NULL REFERENCES accounts (id),
      party_id        text        NOT NULL,
      assigned_by     uuid        REFERENCES accounts (id),
      assigned_at     timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (case_no, account_id)
    );
    CREATE INDEX case_assignments_by_account ON case_assignments (account_id);

    -- The audit log: one row per state-changing request, workflow step and access
    -- to a non-public case. hash = sha256(prev_hash || canonical JSON of the row),
    -- so a changed, removed or reordered row breaks the chain after it. seq is
    -- taken from the head row under its lock, so it has no gaps: a missing seq is
    -- a deleted row.
    CREATE TABLE audit_log (
      seq          bigint      PRIMARY KEY CHECK (seq > 0),
      at           timestamptz NOT NULL,
      actor_id     text        NOT NULL,
      actor_role   text        NOT NULL,
      on_behalf_of text,
      action       text        NOT NULL,
      target       text,
      before       jsonb,
      after        jsonb,
      request_id   text,
      prev_hash    text        NOT NULL,
      hash         text        NOT NULL UNIQUE
    );
    CREATE INDEX audit_log_target ON audit_log (target, seq);
    CREATE INDEX audit_log_actor ON audit_log (actor_id, seq);

    -- The chain's head: the last seq and hash. Appenders lock this row, so
    -- concurrent appends form one chain; verify also checks that the chain ends
    -- where the head says (rows deleted from the end).
    CREATE TABLE audit_chain_head (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      last_seq  bigint  NOT NULL CHECK (last_seq >= 0),
      last_hash text    NOT NULL
    );
    INSERT INTO audit_chain_head (singleton, last_seq, last_hash) VALUES (true, 0, repeat('0', 64));

    -- Append-only in the database itself. A superuser can still disable these
    -- triggers; \`courtflow audit verify\` then finds what was changed.
    CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
    END
    $fn$;
    CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
    -- Each row must extend the chain at its head, and the head may only move one
    -- row forward, to a row that exists.
    CREATE FUNCTION audit_log_check_link() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE head audit_chain_head%ROWTYPE;
    BEGIN
      SELECT * INTO head FROM audit_chain_head WHERE singleton;
      IF NEW.seq <> head.last_seq + 1 OR NEW.prev_hash <> head.last_hash THEN
        RAISE EXCEPTION 'audit_log row % does not extend the chain at seq %', NEW.seq, head.last_seq
          USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      RETURN NEW;
    END
    $fn$;
    CREATE TRIGGER audit_log_extends_chain BEFORE INSERT ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_check_link();
    CREATE FUNCTION audit_chain_head_check_move() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF NEW.last_seq <> OLD.last_seq + 1
         OR NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.last_seq AND hash = NEW.last_hash) THEN
        RAISE EXCEPTION 'audit_chain_head may only move to the row appended after it' USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN NEW;
    END
    $fn$;
    CREATE TRIGGER audit_chain_head_moves_forward BEFORE UPDATE ON audit_chain_head
      FOR EACH ROW EXECUTE FUNCTION audit_chain_head_check_move();
    CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
    CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
  `,
};
