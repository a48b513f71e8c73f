import type { Migration } from './index';

/**
 * The cause book's search by part of a party's name, in Chinese (issue 14).
 * The trigram index of migration 004 serves a romanised name; but pg_trgm
 * makes trigrams of letters and digits only, and under the C locale the
 * embedded server is created with, no Chinese character is one: a search
 * for 陳大文 read every party's name. This indexes the characters of each
 * name (lower-cased as the search compares them), so the search first takes
 * the names holding every character of the term, then matches the term
 * itself among them (db/cause-book.ts).
 */
export const m026PartyNameCharacters: Migration = {
  id: '026-party-name-characters',
  sql: `
    CREATE INDEX sct_parties_name_chars ON sct_parties USING gin (string_to_array(lower(name), NULL));
  `,
};
