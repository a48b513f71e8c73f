import type { Migration } from './index';

/**
 * Credentials that end when they should.
 *
 * - `accounts.token_generation`: every access token carries the generation
 *   of its account when it was issued; changing the password (or signing
 *   out everywhere) bumps it, and a token of an older generation is refused.
 *   A counter, not a time: no clock of any API process is compared with
 *   another's, and a token issued in the same millisecond as the change is
 *   still on the right side of it.
 * - `revoked_tokens`: the access tokens signed out one by one (by `jti`),
 *   kept until they would have expired anyway, then pruned.
 * - `api_keys.last_used_at`: when the key last authenticated a request, to
 *   the minute (written at most once a minute per key).
 */
export const m007Credentials: Migration = {
  id: '007-credentials',
  sql: `
    ALTER TABLE accounts ADD COLUMN token_generation integer NOT NULL DEFAULT 0 CHECK (token_generation >= 0);

    CREATE TABLE revoked_tokens (
      jti        text        PRIMARY KEY CHECK (length(jti) BETWEEN 1 AND 100),
      account_id uuid        NOT NULL REFERENCES accounts (id),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX revoked_tokens_expiry ON revoked_tokens (expires_at);

    ALTER TABLE api_keys ADD COLUMN last_used_at timestamptz;
  `,
};
