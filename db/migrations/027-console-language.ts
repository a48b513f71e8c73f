import type { Migration } from './index';

/**
 * The web console's language, kept per account (issue 16): null until the
 * account chooses one. Apart from `preferred_language`, the language of the
 * account's messages, which has no Simplified Chinese.
 */
export const m027ConsoleLanguage: Migration = {
  id: '027-console-language',
  sql: `
    ALTER TABLE accounts ADD COLUMN console_language text
      CHECK (console_language IN ('en', 'zh-Hant', 'zh-Hans'));
  `,
};
