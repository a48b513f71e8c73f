import type { Migration } from './index';

/**
 * The papers a small claim issues (notice of hearing, written award), kept in
 * the document store like every document and recorded here: one row per
 * paper, found by the case and by its document reference number.
 */
export const m018CasePapers: Migration = {
  id: '018-case-papers',
  sql: `
    CREATE TABLE case_papers (
      paper_key             text        PRIMARY KEY,
      case_no               text        NOT NULL,
      kind                  text        NOT NULL CHECK (kind IN ('notice-of-hearing', 'written-award')),
      document_reference_no text        NOT NULL UNIQUE,
      file_name             text        NOT NULL,
      sha256                text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      bytes                 bigint      NOT NULL CHECK (bytes > 0),
      store                 text        NOT NULL,
      store_key             text        NOT NULL,
      issued_at             timestamptz NOT NULL
    );
    CREATE INDEX case_papers_by_case ON case_papers (case_no, issued_at);
  `,
};
