import type { Migration } from './index';

/**
 * The names in each filed claim, keyed as the domain compares names (Unicode
 * NFKC, trimmed, single-spaced, case-folded), written in the filing's own
 * transaction: s.8 at filing finds a claimant's other claims against the same
 * defendant here, including one filed a moment ago and not yet in the read
 * model. Backfilled from the filings already recorded.
 */
const KEY = (value: string) => `lower(regexp_replace(btrim(normalize(${value}, NFKC)), '\\s+', ' ', 'g'))`;

export const m014PartyNameSearch: Migration = {
  id: '014-party-name-search',
  sql: `
    CREATE TABLE sct_claim_names (
      case_no  text NOT NULL REFERENCES sct_filings (case_no) ON DELETE CASCADE,
      side     text NOT NULL CHECK (side IN ('claimant', 'defendant')),
      name_key text NOT NULL,
      PRIMARY KEY (case_no, side, name_key)
    );
    CREATE INDEX sct_claim_names_by_name ON sct_claim_names (name_key, side);

    INSERT INTO sct_claim_names (case_no, side, name_key)
    SELECT DISTINCT f.case_no, 'claimant', ${KEY("p ->> 'name'")}
      FROM sct_filings f,
           jsonb_array_elements(coalesce(f.input -> 'claim' -> 'claimants', '[]') || coalesce(f.input -> 'claim' -> 'representedPersons', '[]')) AS p
    UNION
    SELECT DISTINCT f.case_no, 'defendant', ${KEY("d ->> 'name'")}
      FROM sct_filings f, jsonb_array_elements(coalesce(f.input -> 'claim' -> 'defendants', '[]')) AS d
    ON CONFLICT DO NOTHING;
  `,
};
