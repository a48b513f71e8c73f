/**
 * The acknowledgement of a filing (「認收通知」), the paper a filer downloads at
 * step 4 of an e-filing and finds attached to the acknowledgement message in
 * their inbox: the filing reference, the court and the office it was sent to,
 * when it was submitted (and when it counts as received, if that differs),
 * who submitted it, and each document with its name, purpose, language, file
 * name, pages and SHA-256, so the filer can prove what was received and when.
 * Both languages on the one paper, as the Judiciary's forms print them.
 */
import type { FilingAcknowledgedFacts } from '../domain/inbox/messages';
import {
  COURT_LEVELS,
  DOCUMENT_LANGUAGES,
  DOCUMENT_TYPES,
  FILING_PURPOSES,
  RECEIVING_OFFICES,
  hongKongIso,
  timeInWords,
  type LocalisedText,
} from '../domain/inbox/terms';
import { renderPaper } from './render';

/** Bumped whenever the layout or wording changes, so a stored acknowledgement names the renderer that made it. */
export const ACKNOWLEDGEMENT_VERSION = '1';

const TITLE: LocalisedText = { en: 'Acknowledgement of Filing', 'zh-Hant': '認收通知' };

const LABELS = {
  filingReference: { en: 'Filing reference', 'zh-Hant': '存檔參考編號' },
  caseNo: { en: 'Case number', 'zh-Hant': '案件編號' },
  courtLevel: { en: 'Court level', 'zh-Hant': '法院級別' },
  receivingOffice: { en: 'Receiving court office', 'zh-Hant': '接收文件的法院辦事處' },
  submittedAt: { en: 'Submitted at', 'zh-Hant': '送交時間' },
  treatedAsReceivedAt: { en: 'Treated as received at', 'zh-Hant': '視作收到的時間' },
  filer: { en: 'Submitted by', 'zh-Hant': '發送人' },
  documents: { en: 'Documents submitted', 'zh-Hant': '已送交的文件' },
  purpose: { en: 'Purpose', 'zh-Hant': '用途' },
  language: { en: 'Document language', 'zh-Hant': '文件語言' },
  fileName: { en: 'File name', 'zh-Hant': '檔案名稱' },
  pages: { en: 'Pages', 'zh-Hant': '頁數' },
  approvedDraft: { en: 'Approved draft ref. no.', 'zh-Hant': '獲批准草擬本的文件參考編號' },
  sha256: { en: 'SHA-256', 'zh-Hant': '數碼指紋 (SHA-256)' },
} as const satisfies Record<string, LocalisedText>;

const NOTE: LocalisedText = {
  en:
    'This acknowledgement confirms that the documents above were received; it does not mean that they are accepted for filing. ' +
    'The SHA-256 of each file is that of the file as received: compute it over your copy to check that the two are the same. ' +
    "You will receive a message in your iCMS inbox after the Judiciary's internal process.",
  'zh-Hant':
    '本認收通知只確認收到上述文件，並不表示文件已獲接納存檔。每個檔案的 SHA-256 數碼指紋按所收到的檔案計算，' +
    '你可就所持副本計算以核對兩者是否相同。司法機構完成內部程序後，你的綜合法院案件管理系統訊息匣會另有訊息。',
};

/** A time as the paper prints it: the instant in Hong Kong time (ISO), then in words in both languages. */
const when = (iso: string): string[] => [hongKongIso(iso), timeInWords(iso, 'en'), timeInWords(iso, 'zh-Hant')];
const both = (text: LocalisedText): string => `${text.en}  ${text['zh-Hant']}`;

/** The file name the acknowledgement is offered under: `acknowledgement-EF-2026-000123.pdf`. */
export function acknowledgementFileName(filingReference: string): string {
  const safe = filingReference.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 80);
  return `acknowledgement-${safe || 'filing'}.pdf`;
}

/** Renders the acknowledgement of a filing as a PDF. The same facts give the same bytes. */
export function renderAcknowledgement(facts: FilingAcknowledgedFacts): Promise<Buffer> {
  const court = COURT_LEVELS[facts.courtLevel];
  return renderPaper(
    {
      title: TITLE,
      subject: `${facts.filingReference} ${facts.caseNo}`,
      footer: `${LABELS.filingReference.en} ${LABELS.filingReference['zh-Hant']}: ${facts.filingReference}`,
      dated: facts.submittedAt,
    },
    (paper) => {
      paper
        .masthead(court)
        .title(TITLE)
        .field(LABELS.filingReference, facts.filingReference)
        .field(LABELS.caseNo, facts.caseNo)
        .field(LABELS.courtLevel, both(court))
        .field(LABELS.receivingOffice, both(RECEIVING_OFFICES[facts.receivingOffice]))
        .field(LABELS.submittedAt, when(facts.submittedAt));
      if (facts.treatedAsReceivedAt !== undefined) paper.field(LABELS.treatedAsReceivedAt, when(facts.treatedAsReceivedAt));
      paper.field(LABELS.filer, facts.filer.organisation ? [facts.filer.name, facts.filer.organisation] : facts.filer.name);

      paper.heading(LABELS.documents);
      facts.documents.forEach((d, i) => {
        paper
          .item(i + 1, DOCUMENT_TYPES[d.type])
          .field(LABELS.purpose, both(FILING_PURPOSES[d.purpose]), 14)
          .field(LABELS.language, both(DOCUMENT_LANGUAGES[d.language]), 14)
          .field(LABELS.fileName, d.fileName, 14)
          .field(LABELS.pages, String(d.pages), 14);
        if (d.approvedDraftReferenceNo !== undefined) paper.field(LABELS.approvedDraft, d.approvedDraftReferenceNo, 14);
        paper.field(LABELS.sha256, d.sha256, 14);
      });
      paper.note(NOTE);
    },
  );
}
