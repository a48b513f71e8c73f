/**
 * The words of iCMS e-filing in the two languages the Judiciary writes in:
 * court levels, receiving offices, document names, purposes, document
 * languages and the reasons a document is found defective, each with its
 * English and Traditional Chinese name as the step-by-step guides print them
 * (「文件名稱」, 「用途」, 「以供審批草擬本」…). Inbox messages and papers (the
 * acknowledgement PDF) read their labels from here, so a term is translated
 * once. Pure data: safe anywhere.
 */
import { SMALL_CLAIMS_TRIBUNAL, inHongKongTime, type LocalisedText } from '../sct/tribunal';

export type { LocalisedText } from '../sct/tribunal';

/** The languages an account reads its inbox in: English, or Traditional Chinese (繁體中文). */
export const LANGUAGES = ['en', 'zh-Hant'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Court levels that take documents through iCMS (「法院級別」). */
export const COURT_LEVELS = {
  'high-court': { en: 'High Court', 'zh-Hant': '高等法院' },
  'district-court': { en: 'District Court', 'zh-Hant': '區域法院' },
  'magistrates-courts': { en: "Magistrates' Courts", 'zh-Hant': '裁判法院' },
  'small-claims-tribunal': SMALL_CLAIMS_TRIBUNAL.name,
} as const satisfies Record<string, LocalisedText>;
export type CourtLevel = keyof typeof COURT_LEVELS;

/** The court office a filing is sent to (「文件送交至以下法院辦事處」). */
export const RECEIVING_OFFICES = {
  'high-court-registry': { en: 'High Court Registry', 'zh-Hant': '高等法院登記處' },
  'high-court-listing-office': { en: 'Listing Office of the High Court', 'zh-Hant': '高等法院排期主任辦事處' },
  'probate-registry': { en: 'Probate Registry', 'zh-Hant': '遺產承辦處' },
  'district-court-registry': { en: 'District Court Registry', 'zh-Hant': '區域法院登記處' },
  'small-claims-tribunal-registry': { en: 'Registry of the Small Claims Tribunal', 'zh-Hant': '小額錢債審裁處登記處' },
} as const satisfies Record<string, LocalisedText>;
export type ReceivingOffice = keyof typeof RECEIVING_OFFICES;

/** What a document is (「文件名稱」 in iCMS: the kind of document, not the file's name). */
export const DOCUMENT_TYPES = {
  'writ-of-possession': { en: 'Writ of Possession', 'zh-Hant': '管有令狀' },
  'writ-of-fieri-facias': { en: 'Writ of Fieri Facias', 'zh-Hant': '扣押債務人財產令狀' },
  'writ-of-delivery': { en: 'Writ of Delivery', 'zh-Hant': '交付令狀' },
  praecipe: { en: 'Praecipe', 'zh-Hant': '便箋' },
  letter: { en: 'Letter', 'zh-Hant': '函件' },
  affidavit: { en: 'Affidavit', 'zh-Hant': '誓章' },
  summons: { en: 'Summons', 'zh-Hant': '傳票' },
  order: { en: 'Order', 'zh-Hant': '命令' },
  judgment: { en: 'Judgment', 'zh-Hant': '判決' },
  notice: { en: 'Notice', 'zh-Hant': '通知書' },
} as const satisfies Record<string, LocalisedText>;
export type DocumentType = keyof typeof DOCUMENT_TYPES;

/** Why a document is filed (「用途」): a draft for approval, a writ for sealing, anything else for filing. */
export const FILING_PURPOSES = {
  'for-approval-of-draft': { en: 'For approval of draft', 'zh-Hant': '以供審批草擬本' },
  'for-sealing': { en: 'For sealing', 'zh-Hant': '以供蓋章' },
  'for-filing': { en: 'For filing', 'zh-Hant': '以供存檔' },
} as const satisfies Record<string, LocalisedText>;
export type FilingPurpose = keyof typeof FILING_PURPOSES;

/** The language a document is written in (「文件語言」). */
export const DOCUMENT_LANGUAGES = {
  en: { en: 'English', 'zh-Hant': '英文' },
  zh: { en: 'Chinese', 'zh-Hant': '中文' },
  bilingual: { en: 'Bilingual', 'zh-Hant': '中英文' },
} as const satisfies Record<string, LocalisedText>;
export type DocumentLanguage = keyof typeof DOCUMENT_LANGUAGES;

/**
 * Why the registry finds a document defective (「文件發現有不妥之處」), coded
 * so that a filer's software can act on the reason and so that both
 * languages say the same thing. `other` carries the registry's own words.
 */
export const DEFECT_REASONS = {
  'not-signed': { en: 'The document is not signed.', 'zh-Hant': '文件未經簽署。' },
  'case-number-mismatch': {
    en: 'The case number on the document does not match the case it was filed in.',
    'zh-Hant': '文件上的案件編號與送交文件的案件不符。',
  },
  'wrong-document-type': { en: 'The document name chosen does not match the document.', 'zh-Hant': '所選的文件名稱與文件內容不符。' },
  'wrong-purpose': { en: 'The purpose chosen does not apply to this document.', 'zh-Hant': '所選的用途不適用於此文件。' },
  'wrong-party': {
    en: 'The filing party or the party filed against is not correct.',
    'zh-Hant': '存檔文件的一方或存檔文件所針對的一方不正確。',
  },
  illegible: { en: 'The document image is not legible.', 'zh-Hant': '文件影像不清晰。' },
  incomplete: { en: 'The document is incomplete: pages are missing.', 'zh-Hant': '文件不完整，有缺頁。' },
  'enclosure-missing': {
    en: 'A required enclosure is missing: the order or judgment the writ enforces, or the order granting leave to issue it.',
    'zh-Hant': '欠缺須夾附的文件：該令狀是就之而發出的命令／判決的文本，或批予許可發出該令狀的命令的文本。',
  },
  'approved-draft-reference-invalid': {
    en: 'The document reference number of the approved draft is not one approved in this case.',
    'zh-Hant': '獲批准草擬本的文件參考編號並非本案中獲批准的草擬本。',
  },
  'differs-from-approved-draft': { en: 'The document differs from the approved draft.', 'zh-Hant': '文件與獲批准的草擬本不符。' },
  'leave-required': {
    en: 'Leave of the court is needed before this document can be issued.',
    'zh-Hant': '發出此文件前須先取得法庭許可。',
  },
  'fee-not-paid': { en: 'The fee for this document has not been paid.', 'zh-Hant': '尚未繳付此文件的費用。' },
  other: { en: 'Other:', 'zh-Hant': '其他：' },
} as const satisfies Record<string, LocalisedText>;
export type DefectReason = keyof typeof DEFECT_REASONS;

/** Whether the court made an order or gave a direction (「命令／指示」). */
export const COURT_ACTIONS = {
  order: { en: 'order', 'zh-Hant': '命令' },
  direction: { en: 'direction', 'zh-Hant': '指示' },
} as const satisfies Record<string, LocalisedText>;
export type CourtAction = keyof typeof COURT_ACTIONS;

/** The name of the Judiciary's e-filing system, as the guides write it. */
export const ICMS = { en: 'the Integrated Court Case Management System (iCMS)', 'zh-Hant': '綜合法院案件管理系統' } as const satisfies LocalisedText;

const WEEKDAYS: Record<Language, readonly string[]> = {
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  'zh-Hant': ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
};
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Epoch milliseconds of an ISO instant; a RangeError names anything that is not one. */
export function instantOf(iso: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms) || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso)) throw new RangeError(`not an ISO instant: ${iso}`);
  return ms;
}

/** An instant as Hong Kong time with its offset, to the second: `2026-12-14T15:05:09+08:00`. */
export function hongKongIso(iso: string): string {
  return inHongKongTime(instantOf(iso)).startsAt;
}

/**
 * An instant in words, in Hong Kong time, the 24-hour clock (a filing can
 * arrive at any hour, so no "am"/"pm" to misread): `Monday 14 December 2026,
 * 15:05 (Hong Kong time)`, `2026年12月14日（星期一）15時05分（香港時間）`.
 */
export function timeInWords(iso: string, language: Language): string {
  const ms = instantOf(iso);
  const { date, time } = inHongKongTime(ms);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[language][new Date(Date.UTC(y, m - 1, d)).getUTCDay()] as string;
  const [hh, mm] = time.split(':') as [string, string];
  return language === 'en'
    ? `${weekday} ${d} ${MONTHS[m - 1] as string} ${y}, ${time} (Hong Kong time)`
    : `${y}年${m}月${d}日（${weekday}）${hh}時${mm}分（香港時間）`;
}

/** How many pages, in words: `1 page`, `3 pages`, `3頁`. */
export function pagesInWords(pages: number, language: Language): string {
  return language === 'en' ? `${pages} ${pages === 1 ? 'page' : 'pages'}` : `${pages}頁`;
}
