/**
 * The three languages the Judiciary publishes in, and the words of each.
 * The chosen language is kept on this device, so a reload or a new tab
 * keeps it; until one is chosen, the browser's own preference decides.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { en, type MessageKey, type Messages } from './en';
import { zhHans } from './zh-hans';
import { zhHant } from './zh-hant';

export type Language = 'en' | 'zh-Hant' | 'zh-Hans';

interface LanguageInfo {
  /** Its own name, in itself: what a reader of it looks for. */
  name: string;
  /** The BCP 47 tag set as `lang` on the page, so screen readers and fonts choose right. */
  tag: string;
  messages: Messages;
}

export const LANGUAGES: Record<Language, LanguageInfo> = {
  en: { name: 'English', tag: 'en', messages: en },
  'zh-Hant': { name: '繁體中文', tag: 'zh-Hant-HK', messages: zhHant },
  'zh-Hans': { name: '简体中文', tag: 'zh-Hans', messages: zhHans },
};

const STORAGE_KEY = 'courtflow.language';

export const isLanguage = (value: unknown): value is Language => typeof value === 'string' && Object.hasOwn(LANGUAGES, value);

/** The language kept on this device, else the first of the browser's that the console speaks, else English. */
export function initialLanguage(): Language {
  const kept = readStored();
  if (isLanguage(kept)) return kept;
  for (const wanted of navigator.languages) {
    const tag = wanted.toLowerCase();
    if (tag.startsWith('zh')) return tag.includes('hans') || tag === 'zh-cn' || tag === 'zh-sg' ? 'zh-Hans' : 'zh-Hant';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

export function keepLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage refused (private mode, or full): the choice lasts for this page only.
  }
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Whether a key made at run time (a stage code from the API, say) is one the catalogues have. */
export const hasMessage = (key: string): key is MessageKey => Object.hasOwn(en, key);

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The words of one language, with `{name}` filled from `values`. */
export function translator(language: Language): Translate {
  const messages = LANGUAGES[language].messages;
  return (key, values) => messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => (values && Object.hasOwn(values, name) ? String(values[name]) : whole));
}

/** The catalogue's words for a key made at run time, or `fallback` when the catalogues have none. */
export const wordsOr = (t: Translate, key: string, fallback: string): string => (hasMessage(key) ? t(key) : fallback);

export interface LanguageContext {
  language: Language;
  t: Translate;
  /** Switches the console's language, kept on this device and, unless `forAccount` is false, for the signed-in account. */
  setLanguage(language: Language, options?: { forAccount?: boolean }): void;
}

export const LanguageContext = createContext<LanguageContext>({ language: 'en', t: translator('en'), setLanguage: () => undefined });

export const useLanguage = () => useContext(LanguageContext);
