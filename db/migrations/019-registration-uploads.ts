import type { Migration } from './index';

/**
 * Supporting documents of an application to register are uploads like any
 * other, checked the same way and kept in the same store, but their uploader
 * has no account yet: such a document belongs to its application instead.
 */
export const m019RegistrationUploads: Migration = {
  id: '019-registration-uploads',
  sql: `
    ALTER TABLE documents ALTER COLUMN uploaded_by DROP NOT NULL;
    ALTER TABLE documents ADD COLUMN for_registration text REFERENCES registrations (reference);
    ALTER TABLE documents ADD CONSTRAINT documents_one_owner CHECK ((uploaded_by IS NULL) <> (for_registration IS NULL));
  `,
};
