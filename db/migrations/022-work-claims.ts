import type { Migration } from './index';

/**
 * Who holds an item of a work queue (issue 12, item 4), so two officers do
 * not act on the same thing: one row per item held, keyed by the item's id
 * (`sct~SCTC-2026-000001~make-award`). A claim lasts until `expires_at`;
 * after that anyone may take it over (db/work-claims.ts claims with one
 * `INSERT … ON CONFLICT … WHERE`, so of two concurrent claims exactly one
 * wins). The items themselves are derived from the read models, never stored.
 */
export const m022WorkClaims: Migration = {
  id: '022-work-claims',
  sql: `
    CREATE TABLE work_claims (
      item_id         text        PRIMARY KEY,
      claimed_by      text        NOT NULL,
      claimed_by_name text        NOT NULL,
      claimed_at      timestamptz NOT NULL,
      expires_at      timestamptz NOT NULL,
      CHECK (expires_at > claimed_at)
    );
    CREATE INDEX work_claims_by_holder ON work_claims (claimed_by);
  `,
};
