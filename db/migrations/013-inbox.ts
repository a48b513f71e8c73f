import type { Migration } from './index';

/**
 * The inbox (「訊息匣」): per account, the messages iCMS sends, each stored
 * exactly as sent, with its attachments.
 *
 * - `accounts.preferred_language`: the language the account's messages are
 *   written in, `en` or `zh-Hant` (Traditional Chinese); `en` for every
 *   existing account. Added only if missing, so a migration that adds the same
 *   column first is not fought.
 * - `inbox_messages`: the subject and body as rendered, in the language they
 *   were rendered in, and the typed facts they were rendered from (so the
 *   message can be checked, or read by software, without parsing its words).
 *   `dedupe_key` is unique per account: a delivery retried, or repeated by a
 *   workflow replaying its activity, finds the first and adds nothing. `seq`
 *   orders the inbox (newest first) and is the paging key; `id` is what the
 *   API names, so no message number says how many others there are.
 * - `inbox_attachments`: the bytes as sent (bytea), their SHA-256 and size,
 *   both checked by the database against the bytes themselves, and, for a
 *   paper courtflow made, which paper and renderer version it came from.
 *   Stored rather than re-rendered on download: what the filer downloads must
 *   be byte for byte what they were sent (an acknowledgement is proof of when
 *   a filing arrived), and a later pdfkit, font or layout would change the
 *   bytes of a re-rendering. The paper reference is provenance only.
 *
 * "Exactly as sent" is enforced, not only promised: the application role may
 * SELECT, INSERT, UPDATE and DELETE every table (db/migrate.ts), so triggers
 * refuse any UPDATE of a message but its read mark, and any UPDATE or DELETE
 * of an attachment or a message. The application role owns nothing, so it
 * cannot drop or disable them.
 */
export const m013Inbox: Migration = {
  id: '013-inbox',
  sql: `
    ALTER TABLE accounts ADD COLUMN IF NOT EXISTS preferred_language text NOT NULL DEFAULT 'en'
      CHECK (preferred_language IN ('en', 'zh-Hant'));

    CREATE TABLE inbox_messages (
      id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
      seq         bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
      account_id  uuid        NOT NULL REFERENCES accounts (id),
      kind        text        NOT NULL CHECK (kind ~ '^[a-z][a-z-]{1,63}$'),
      language    text        NOT NULL CHECK (language IN ('en', 'zh-Hant')),
      subject     text        NOT NULL CHECK (btrim(subject) <> '' AND length(subject) <= 500),
      body        text        NOT NULL CHECK (length(body) <= 100000),
      facts       jsonb       NOT NULL CHECK (jsonb_typeof(facts) = 'object'),
      dedupe_key  text        NOT NULL CHECK (btrim(dedupe_key) <> '' AND length(dedupe_key) <= 300),
      created_at  timestamptz NOT NULL DEFAULT now(),
      read_at     timestamptz,
      UNIQUE (account_id, dedupe_key)
    );
    -- An account's inbox, newest first; and its unread messages.
    CREATE INDEX inbox_messages_by_account ON inbox_messages (account_id, seq DESC);
    CREATE INDEX inbox_messages_unread ON inbox_messages (account_id, seq DESC) WHERE read_at IS NULL;

    CREATE TABLE inbox_attachments (
      message_id    uuid    NOT NULL REFERENCES inbox_messages (id),
      position      integer NOT NULL CHECK (position >= 0),
      name          text    NOT NULL CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$'),
      content_type  text    NOT NULL CHECK (content_type ~ '^[a-z]+/[a-z0-9.+-]+$'),
      byte_size     integer NOT NULL CHECK (byte_size >= 0),
      sha256        text    NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      content       bytea   NOT NULL,
      paper_kind    text,
      paper_version text,
      PRIMARY KEY (message_id, name),
      UNIQUE (message_id, position),
      CHECK (byte_size = octet_length(content)),
      CHECK (sha256 = encode(sha256(content), 'hex')),
      CHECK ((paper_kind IS NULL) = (paper_version IS NULL))
    );

    CREATE FUNCTION inbox_message_keep_as_sent() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'an inbox message is kept as sent: it cannot be deleted' USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF (NEW.id, NEW.seq, NEW.account_id, NEW.kind, NEW.language, NEW.subject, NEW.body, NEW.facts, NEW.dedupe_key, NEW.created_at)
         IS DISTINCT FROM
         (OLD.id, OLD.seq, OLD.account_id, OLD.kind, OLD.language, OLD.subject, OLD.body, OLD.facts, OLD.dedupe_key, OLD.created_at) THEN
        RAISE EXCEPTION 'an inbox message is kept as sent: only its read mark may change' USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER inbox_messages_keep_as_sent BEFORE UPDATE OR DELETE ON inbox_messages
      FOR EACH ROW EXECUTE FUNCTION inbox_message_keep_as_sent();

    CREATE FUNCTION inbox_attachment_keep_as_sent() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'an inbox attachment is kept as sent: it cannot be changed or deleted' USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER inbox_attachments_keep_as_sent BEFORE UPDATE OR DELETE ON inbox_attachments
      FOR EACH ROW EXECUTE FUNCTION inbox_attachment_keep_as_sent();
  `,
};
