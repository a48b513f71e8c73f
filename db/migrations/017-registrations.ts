import type { Migration } from './index';

/**
 * Applications to register for iCMS (seed 000). What people read of each is
 * its workflow's snapshot; what must never enter a workflow's history lives
 * only here: the password hash (until the account exists, then forgotten)
 * and the hash of the applicant's access token.
 */
export const m017Registrations: Migration = {
  id: '017-registrations',
  sql: `
    CREATE TABLE registrations (
      reference          text        PRIMARY KEY,
      kind               text        NOT NULL CHECK (kind IN ('individual', 'organisation')),
      username           text        NOT NULL,
      display_name       text        NOT NULL,
      organisation_name  text,
      case_no            text        NOT NULL,
      language           text        NOT NULL CHECK (language IN ('en', 'zh-Hant')),
      password_hash      text,
      access_token_hash  text        NOT NULL CHECK (access_token_hash ~ '^[0-9a-f]{64}$'),
      account_id         uuid,
      stage              text        NOT NULL,
      snapshot           jsonb,
      version            integer     NOT NULL DEFAULT -1,
      created_at         timestamptz NOT NULL DEFAULT now()
    );
    -- A username is spoken for while an application for it is open.
    CREATE UNIQUE INDEX registrations_open_username ON registrations (lower(username))
      WHERE stage IN ('awaiting-documents', 'awaiting-verification', 'verified');
    CREATE INDEX registrations_by_stage ON registrations (stage, created_at);
  `,
};
