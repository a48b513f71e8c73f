/**
 * The languages the web console speaks: the three the Judiciary publishes
 * in. An account may keep its choice, so the console speaks it wherever the
 * account signs in. It is not the language of the account's messages
 * (domain/inbox/terms.ts): notices exist in English and Traditional Chinese
 * only, and are chosen apart.
 */
export const CONSOLE_LANGUAGES = ['en', 'zh-Hant', 'zh-Hans'] as const;
export type ConsoleLanguage = (typeof CONSOLE_LANGUAGES)[number];
