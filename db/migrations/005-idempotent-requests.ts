import type { Migration } from './index';

export const m005IdempotentRequests: Migration = {
  id: '005-idempotent-requests',
  sql: `
    -- The first answer to each (account, Idempotency-Key): a retry with the same
    -- request gets it again; the same key with another request is refused.
    CREATE TABLE idempotent_requests (
      account_id   text        NOT NULL,
      key          text        NOT NULL,
      method       text        NOT NULL,
      path         text        NOT NULL,
      request_hash text        NOT NULL,
      status       integer     NOT NULL,
      response     jsonb       NOT NULL,
      created_at   timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (account_id, key)
    );
  `,
};
