import type { Migration } from './index';

/**
 * Least privilege and anchors. The application role gets its privileges from
 * `grantAppPrivileges` (db/migrate.ts), run after every migration; here the
 * schema stops granting anything to PUBLIC, and the signed anchors of the
 * audit chain get their table: append-only like the log (the triggers of
 * migration 003), and the application may only INSERT and SELECT. An anchor's
 * signature, made with a key the database never holds, is what proves it: a
 * row written by anyone else does not verify.
 */
export const m008LeastPrivilege: Migration = {
  id: '008-least-privilege',
  sql: `
    -- Nobody but the owner creates objects here, and no table is readable by
    -- every role of the server (from PostgreSQL 15 this is the default; a
    -- non-owner's REVOKE is only a warning).
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
    REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC;

    -- The chain's head (seq, hash) at a moment, signed with Ed25519 outside the
    -- database: signature = Ed25519(key, "courtflow-audit-anchor/v1\\n" seq, hash,
    -- anchored_at, key_id, one per line). key_id is the first 16 hex digits of
    -- the SHA-256 of the public key (SPKI DER).
    CREATE TABLE audit_anchors (
      id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      seq         bigint      NOT NULL CHECK (seq > 0),
      hash        text        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
      anchored_at timestamptz NOT NULL,
      key_id      text        NOT NULL,
      signature   text        NOT NULL
    );
    CREATE INDEX audit_anchors_seq ON audit_anchors (seq);
    CREATE TRIGGER audit_anchors_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_anchors
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
    CREATE TRIGGER audit_anchors_no_truncate BEFORE TRUNCATE ON audit_anchors
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
  `,
};
