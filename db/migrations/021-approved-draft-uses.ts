import type { Migration } from './index';

/**
 * An approved draft of a writ is quoted for sealing once (seed 003, Stage
 * B): the filing that quotes it holds it, by a row here, from the moment
 * the writ is added until the filing ends. A writ sealed keeps it for ever;
 * a filing cancelled, abandoned or whose writ was rejected lets it go. The
 * primary key is what stops two filings holding the same draft.
 */
export const m021ApprovedDraftUses: Migration = {
  id: '021-approved-draft-uses',
  sql: `
    CREATE TABLE approved_draft_uses (
      approved_draft_reference_no text        PRIMARY KEY,
      filing_reference            text        NOT NULL,
      claimed_at                  timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX approved_draft_uses_by_filing ON approved_draft_uses (filing_reference);
  `,
};
