import type { Migration } from './index';

/**
 * Filings of documents on existing cases (iCMS), as their workflows project
 * them: one row per filing with its snapshot, and one per document, by which
 * a party lists what was filed on their cases and anyone verifies a document
 * reference number. The submission time is a column of its own, set once.
 */
export const m016Filings: Migration = {
  id: '016-filings',
  sql: `
    CREATE TABLE filings (
      reference             text        PRIMARY KEY,
      case_no               text        NOT NULL,
      court_level           text        NOT NULL,
      receiving_office      text        NOT NULL,
      filer_account_id      text        NOT NULL,
      filer_organisation_id text,
      filer_party_id        text        NOT NULL,
      stage                 text        NOT NULL,
      submitted_at          timestamptz,
      received_at           timestamptz,
      decided_at            timestamptz,
      review_due            date,
      snapshot              jsonb       NOT NULL,
      version               integer     NOT NULL,
      updated_at            timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX filings_by_case ON filings (case_no);
    CREATE INDEX filings_by_filer ON filings (filer_account_id);
    CREATE INDEX filings_awaiting_review ON filings (review_due) WHERE stage IN ('submitted', 'under-review');

    -- The submission time never changes once set, whatever the filing's later decisions.
    CREATE FUNCTION filings_keep_submission() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.submitted_at IS NOT NULL AND NEW.submitted_at IS DISTINCT FROM OLD.submitted_at THEN
        RAISE EXCEPTION 'the submission time of filing % is recorded once and never changed', OLD.reference USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER filings_submission_once BEFORE UPDATE ON filings FOR EACH ROW EXECUTE FUNCTION filings_keep_submission();

    CREATE TABLE filed_documents (
      filing_reference      text    NOT NULL REFERENCES filings (reference) ON DELETE CASCADE,
      document_id           text    NOT NULL,
      case_no               text    NOT NULL,
      type                  text    NOT NULL,
      purpose               text    NOT NULL,
      language              text    NOT NULL,
      filing_party          text    NOT NULL,
      upload_id             text    NOT NULL,
      sha256                text    NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      file_name             text    NOT NULL,
      pages                 integer NOT NULL,
      status                text    NOT NULL,
      document_reference_no text    UNIQUE,
      submitted_at          timestamptz,
      PRIMARY KEY (filing_reference, document_id)
    );
    CREATE INDEX filed_documents_by_case ON filed_documents (case_no);
  `,
};
