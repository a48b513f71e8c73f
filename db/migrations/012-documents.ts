import type { Migration } from './index';

/**
 * Uploaded documents: what each is (its SHA-256, size, pages, the name the
 * filer gave it), who uploaded it and when, where its bytes are kept, and
 * whether a filing has used it. The bytes themselves are in the document
 * store (db/document-store/), under their SHA-256: two uploads of the same
 * bytes are two rows and one stored object.
 *
 * What a row says about its content never changes: only `status` may move,
 * once, from `uploaded` to `used` (with when and by which filing), and a
 * trigger refuses anything else, so neither a bug nor the application role
 * can point a document at other bytes after the filer saw its hash. The
 * application role gets its privileges from `grantAppPrivileges`
 * (db/migrate.ts), run after every migration, like every other table; owning
 * nothing, it cannot drop or disable the trigger.
 */
export const m012Documents: Migration = {
  id: '012-documents',
  sql: `
    CREATE TABLE documents (
      id           text        PRIMARY KEY CHECK (id ~ '^DOC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'),
      sha256       text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      bytes        bigint      NOT NULL CHECK (bytes > 0),
      pages        integer     NOT NULL CHECK (pages > 0),
      filename     text        NOT NULL CHECK (btrim(filename) <> '' AND length(filename) <= 200),
      content_type text        NOT NULL DEFAULT 'application/pdf' CHECK (content_type = 'application/pdf'),
      uploaded_by  uuid        NOT NULL REFERENCES accounts (id),
      uploaded_at  timestamptz NOT NULL DEFAULT now(),
      status       text        NOT NULL DEFAULT 'uploaded' CHECK (status IN ('uploaded', 'used')),
      used_at      timestamptz,
      used_in      text        CHECK (used_in IS NULL OR btrim(used_in) <> ''),
      store        text        NOT NULL CHECK (store IN ('local', 's3')),
      store_key    text        NOT NULL CHECK (store_key = sha256),
      CHECK ((status = 'used') = (used_at IS NOT NULL AND used_in IS NOT NULL))
    );
    CREATE INDEX documents_uploaded_by ON documents (uploaded_by, uploaded_at DESC);
    CREATE INDEX documents_sha256 ON documents (sha256);

    CREATE FUNCTION documents_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF (NEW.id, NEW.sha256, NEW.bytes, NEW.pages, NEW.filename, NEW.content_type, NEW.uploaded_by, NEW.uploaded_at, NEW.store, NEW.store_key)
         IS DISTINCT FROM
         (OLD.id, OLD.sha256, OLD.bytes, OLD.pages, OLD.filename, OLD.content_type, OLD.uploaded_by, OLD.uploaded_at, OLD.store, OLD.store_key) THEN
        RAISE EXCEPTION 'a document''s content and origin never change (document %)', OLD.id USING ERRCODE = 'check_violation';
      END IF;
      IF OLD.status = 'used' AND (NEW.status, NEW.used_at, NEW.used_in) IS DISTINCT FROM (OLD.status, OLD.used_at, OLD.used_in) THEN
        RAISE EXCEPTION 'document % is already used in %', OLD.id, OLD.used_in USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER documents_content_fixed BEFORE UPDATE ON documents
      FOR EACH ROW EXECUTE FUNCTION documents_refuse_change();
  `,
};
