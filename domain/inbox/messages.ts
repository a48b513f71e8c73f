/**
 * The messages iCMS leaves in a filer's inbox (「訊息匣」), one kind for each
 * message of the guide to filing documents on an existing case: the
 * acknowledgement after submitting (認收), the confirmation after the
 * registry's internal process (確認), the order or direction with the
 * approved draft (作出命令／指示及草擬本已獲批准), the sealed documents issued
 * (已發出蓋章文件), a message saying what is wrong with the documents
 * (文件有不妥之處), and a plain notice for anything else.
 *
 * Each kind is typed facts, rendered by a pure function into a subject and a
 * body in English or Traditional Chinese. The inbox stores what was rendered
 * with the facts it came from, so a message reads the same for ever, whatever
 * later changes to this wording. Pure: no I/O, no clock.
 */
import {
  COURT_ACTIONS,
  COURT_LEVELS,
  DEFECT_REASONS,
  DOCUMENT_LANGUAGES,
  DOCUMENT_TYPES,
  FILING_PURPOSES,
  ICMS,
  RECEIVING_OFFICES,
  pagesInWords,
  timeInWords,
  type CourtAction,
  type CourtLevel,
  type DefectReason,
  type DocumentLanguage,
  type DocumentType,
  type FilingPurpose,
  type Language,
  type LocalisedText,
  type ReceivingOffice,
} from './terms';
import { ADDRESSEES, RULE_TITLES, leadHeadline, type AlertAddressee } from '../alerts/alert-words';
import type { LeadTime } from '../alerts/lead-times';
import type { DeadlineRuleId } from '../deadlines/rules';
import { renderDigest, type OfficerDigest } from '../digest/daily-digest';
import { formatHkd } from '../money';
import type { ReceiptFacts } from '../payments/receipt';

export { LANGUAGES, isLanguage, type Language, type LocalisedText } from './terms';

/** One document of a filing, as it was received. */
export interface FiledDocument {
  type: DocumentType;
  purpose: FilingPurpose;
  language: DocumentLanguage;
  /** The file's name as uploaded. */
  fileName: string;
  pages: number;
  /** SHA-256 of the file as received, 64 lower-case hex digits. */
  sha256: string;
  /** A writ filed for sealing quotes its approved draft (「獲批准草擬本的文件參考編號」). */
  approvedDraftReferenceNo?: string;
}

/** Who submitted the filing: the user, and the organisation they file for. */
export interface Filer {
  name: string;
  organisation?: string;
}

/** 認收: the documents were received (not yet accepted). */
export interface FilingAcknowledgedFacts {
  filingReference: string;
  caseNo: string;
  courtLevel: CourtLevel;
  receivingOffice: ReceivingOffice;
  /** ISO instant the submission completed. */
  submittedAt: string;
  /** ISO instant the filing counts as received, when that differs (e.g. submitted outside office hours). */
  treatedAsReceivedAt?: string;
  filer: Filer;
  documents: FiledDocument[];
}

/** 確認: after its internal process the registry accepted the documents; each has its document reference number. */
export interface FilingConfirmedFacts {
  filingReference: string;
  caseNo: string;
  courtLevel: CourtLevel;
  receivingOffice: ReceivingOffice;
  confirmedAt: string;
  documents: { type: DocumentType; fileName: string; documentReferenceNo: string }[];
}

/** 作出命令／指示及草擬本已獲批准: the court ruled on the application and approved the draft. */
export interface DraftApprovedFacts {
  filingReference: string;
  caseNo: string;
  courtLevel: CourtLevel;
  approvedAt: string;
  /** Whether the court made an order or gave a direction with the approval. */
  courtAction: CourtAction;
  draft: { type: DocumentType; documentReferenceNo: string };
}

/** 法庭作出命令／指示, on its own (the order is attached). */
export interface OrderMadeFacts {
  caseNo: string;
  courtLevel: CourtLevel;
  madeAt: string;
  courtAction: CourtAction;
  documentReferenceNo: string;
  /** The filing the order answers, if any. */
  filingReference?: string;
  /** What the order is about, in both languages (e.g. granting leave to issue execution). */
  about?: LocalisedText;
}

/** One thing wrong with a document: a coded reason, and the registry's own words where it adds any (required for `other`). */
export type Defect = { reason: Exclude<DefectReason, 'other'>; note?: string } | { reason: 'other'; note: string };

/** 文件有不妥之處: what the registry found wrong, per document. */
export interface DocumentRejectedFacts {
  filingReference: string;
  caseNo: string;
  courtLevel: CourtLevel;
  receivingOffice: ReceivingOffice;
  rejectedAt: string;
  documents: { type: DocumentType; fileName: string; defects: Defect[] }[];
}

/** 已發出蓋章文件: the writ (or other document) filed for sealing was sealed and issued. */
export interface DocumentSealedFacts {
  filingReference: string;
  caseNo: string;
  courtLevel: CourtLevel;
  sealedAt: string;
  documents: { type: DocumentType; documentReferenceNo: string }[];
}

/** Anything else the registry tells an account, written by the sender in both languages. */
export interface NoticeFacts {
  /** The sender's business key for this notice: the same notice is never delivered twice. */
  noticeId: string;
  subject: LocalisedText;
  body: LocalisedText;
  caseNo?: string;
}

/** 付款收據: the fees of a filing were paid; the receipt is attached. */
export type PaymentReceivedFacts = ReceiptFacts;

/** 期限提示: a deadline is near, is today, or passed with nothing done (domain/alerts). */
export interface DeadlineAlertFacts {
  /** The process's reference and the alert's own key: one message per account, ever. */
  alertId: string;
  caseNo: string;
  /** Set for a filing's deadlines. */
  filingReference?: string;
  rule: DeadlineRuleId;
  basis: string;
  lead: LeadTime;
  due: string;
  addressee: AlertAddressee;
  moved?: { from: string; because: string };
}

/** A message, before it is rendered: its kind and the facts it states. Plain JSON. */
export type InboxMessage =
  | { kind: 'filing-acknowledged'; facts: FilingAcknowledgedFacts }
  | { kind: 'filing-confirmed'; facts: FilingConfirmedFacts }
  | { kind: 'draft-approved'; facts: DraftApprovedFacts }
  | { kind: 'order-made'; facts: OrderMadeFacts }
  | { kind: 'document-rejected'; facts: DocumentRejectedFacts }
  | { kind: 'document-sealed'; facts: DocumentSealedFacts }
  | { kind: 'payment-received'; facts: PaymentReceivedFacts }
  | { kind: 'deadline-alert'; facts: DeadlineAlertFacts }
  | { kind: 'daily-digest'; facts: OfficerDigest }
  | { kind: 'notice'; facts: NoticeFacts };

export type MessageKind = InboxMessage['kind'];

export const MESSAGE_KINDS = [
  'filing-acknowledged',
  'filing-confirmed',
  'draft-approved',
  'order-made',
  'document-rejected',
  'document-sealed',
  'payment-received',
  'deadline-alert',
  'daily-digest',
  'notice',
] as const satisfies readonly MessageKind[];

/** What the account is sent: exactly this is stored and shown. */
export interface RenderedMessage {
  subject: string;
  body: string;
}

/**
 * The key that makes a delivery happen once per account: the kind and the
 * business key of what it reports (a filing reference, a document reference
 * number, the sender's notice id). A retried delivery finds the first.
 */
export function dedupeKeyOf(message: InboxMessage): string {
  switch (message.kind) {
    case 'filing-acknowledged':
    case 'filing-confirmed':
    case 'document-rejected':
    case 'document-sealed':
      return `${message.kind}:${message.facts.filingReference}`;
    case 'draft-approved':
      return `${message.kind}:${message.facts.draft.documentReferenceNo}`;
    case 'order-made':
      return `${message.kind}:${message.facts.caseNo}:${message.facts.documentReferenceNo}`;
    case 'payment-received':
      return `${message.kind}:${message.facts.receiptNo}`;
    case 'deadline-alert':
      return `${message.kind}:${message.facts.alertId}`;
    case 'daily-digest':
      return `${message.kind}:${message.facts.date}`;
    case 'notice':
      return `${message.kind}:${message.facts.noticeId}`;
  }
}

/** Renders a message in the account's language. */
export function renderMessage(message: InboxMessage, language: Language): RenderedMessage {
  switch (message.kind) {
    case 'filing-acknowledged':
      return filingAcknowledged(message.facts, language);
    case 'filing-confirmed':
      return filingConfirmed(message.facts, language);
    case 'draft-approved':
      return draftApproved(message.facts, language);
    case 'order-made':
      return orderMade(message.facts, language);
    case 'document-rejected':
      return documentRejected(message.facts, language);
    case 'document-sealed':
      return documentSealed(message.facts, language);
    case 'payment-received':
      return paymentReceived(message.facts, language);
    case 'deadline-alert':
      return deadlineAlert(message.facts, language);
    case 'daily-digest':
      return renderDigest(message.facts, language);
    case 'notice':
      return { subject: message.facts.subject[language], body: message.facts.body[language] };
  }
}

const lines = (...parts: (string | false | undefined)[]): string => parts.filter((p): p is string => typeof p === 'string').join('\n');
const numbered = <T>(items: readonly T[], line: (item: T) => string[]): string[] =>
  items.flatMap((item, i) => {
    const [first = '', ...rest] = line(item);
    return [`${i + 1}. ${first}`, ...rest.map((r) => `   ${r}`)];
  });

function filingAcknowledged(f: FilingAcknowledgedFacts, lang: Language): RenderedMessage {
  const office = RECEIVING_OFFICES[f.receivingOffice][lang];
  const court = COURT_LEVELS[f.courtLevel][lang];
  const filer = f.filer.organisation ? (lang === 'en' ? `${f.filer.name} (${f.filer.organisation})` : `${f.filer.name}（${f.filer.organisation}）`) : f.filer.name;
  const documents = numbered(f.documents, (d) => {
    const type = DOCUMENT_TYPES[d.type][lang];
    const purpose = FILING_PURPOSES[d.purpose][lang];
    const language = DOCUMENT_LANGUAGES[d.language][lang];
    const draft = d.approvedDraftReferenceNo;
    return lang === 'en'
      ? [
          `${type}: ${purpose.toLowerCase()}; ${language}; ${d.fileName}; ${pagesInWords(d.pages, lang)}`,
          ...(draft ? [`Document reference number of approved draft: ${draft}`] : []),
          `SHA-256: ${d.sha256}`,
        ]
      : [
          `${type}（${purpose}；${language}；${d.fileName}；${pagesInWords(d.pages, lang)}）`,
          ...(draft ? [`獲批准草擬本的文件參考編號：${draft}`] : []),
          `SHA-256：${d.sha256}`,
        ];
  });
  if (lang === 'en') {
    return {
      subject: `Acknowledgement: documents filed in ${f.caseNo} (filing reference ${f.filingReference})`,
      body: lines(
        `The ${office} received the documents submitted by ${filer} through ${ICMS.en} in ${court} case ${f.caseNo} ` +
          `on ${timeInWords(f.submittedAt, lang)}. The filing reference is ${f.filingReference}.`,
        f.treatedAsReceivedAt !== undefined &&
          `The documents are treated as received on ${timeInWords(f.treatedAsReceivedAt, lang)}.`,
        '',
        'Documents submitted:',
        ...documents,
        '',
        'The acknowledgement is attached: download it and keep it. It confirms receipt only; it does not mean that the ' +
          "documents are accepted for filing. You will receive another message in this inbox after the Judiciary's internal process.",
      ),
    };
  }
  return {
    subject: `認收通知：案件 ${f.caseNo} 的文件存檔（存檔參考編號 ${f.filingReference}）`,
    body: lines(
      `${office}已於${timeInWords(f.submittedAt, lang)}收到${filer}經${ICMS['zh-Hant']}就${court}案件 ${f.caseNo} 送交的文件，` +
        `存檔參考編號為 ${f.filingReference}。`,
      f.treatedAsReceivedAt !== undefined && `上述文件視作於${timeInWords(f.treatedAsReceivedAt, lang)}收到。`,
      '',
      '已送交的文件：',
      ...documents,
      '',
      '認收通知載於附件，請下載並妥為保存。認收通知只確認收到上述文件，並不表示文件已獲接納存檔。' +
        '司法機構完成內部程序後，你的訊息匣會另有訊息。',
    ),
  };
}

function filingConfirmed(f: FilingConfirmedFacts, lang: Language): RenderedMessage {
  const office = RECEIVING_OFFICES[f.receivingOffice][lang];
  const documents = numbered(f.documents, (d) =>
    lang === 'en'
      ? [`${DOCUMENT_TYPES[d.type].en} (${d.fileName}): document reference number ${d.documentReferenceNo}`]
      : [`${DOCUMENT_TYPES[d.type]['zh-Hant']}（${d.fileName}）：文件參考編號 ${d.documentReferenceNo}`],
  );
  if (lang === 'en') {
    return {
      subject: `Confirmation: documents of filing ${f.filingReference} accepted (${f.caseNo})`,
      body: lines(
        `After its internal process, the ${office} accepted the documents of filing ${f.filingReference} in ` +
          `${COURT_LEVELS[f.courtLevel].en} case ${f.caseNo} on ${timeInWords(f.confirmedAt, lang)}:`,
        ...documents,
        '',
        'Quote the document reference number when you refer to a document.',
      ),
    };
  }
  return {
    subject: `確認訊息：存檔參考編號 ${f.filingReference} 的文件已獲接納（${f.caseNo}）`,
    body: lines(
      `經司法機構內部程序後，${office}已於${timeInWords(f.confirmedAt, lang)}接納${COURT_LEVELS[f.courtLevel]['zh-Hant']}案件 ${f.caseNo} ` +
        `存檔參考編號 ${f.filingReference} 的文件：`,
      ...documents,
      '',
      '提述有關文件時，請註明其文件參考編號。',
    ),
  };
}

function draftApproved(f: DraftApprovedFacts, lang: Language): RenderedMessage {
  const type = DOCUMENT_TYPES[f.draft.type][lang];
  const action = COURT_ACTIONS[f.courtAction][lang];
  const ref = f.draft.documentReferenceNo;
  if (lang === 'en') {
    return {
      subject: `${f.courtAction === 'order' ? 'Order made' : 'Direction given'} and draft approved: ${type} (${f.caseNo})`,
      body: lines(
        `On the application of filing ${f.filingReference} in ${COURT_LEVELS[f.courtLevel].en} case ${f.caseNo}, the court ` +
          `${f.courtAction === 'order' ? 'made an order' : 'gave a direction'} and approved the draft ${type} on ${timeInWords(f.approvedAt, lang)}.`,
        `The document reference number of the approved draft is ${ref}.`,
        '',
        `When you file the ${type} for sealing, enter ${ref} as the document reference number of the approved draft. ` +
          `The approved draft is attached.`,
      ),
    };
  }
  return {
    subject: `作出${action}及草擬本已獲批准：${type}（${f.caseNo}）`,
    body: lines(
      `法庭已於${timeInWords(f.approvedAt, lang)}就${COURT_LEVELS[f.courtLevel]['zh-Hant']}案件 ${f.caseNo} 存檔參考編號 ${f.filingReference} ` +
        `的申請作出${action}，並批准${type}的草擬本。`,
      `獲批准草擬本的文件參考編號為 ${ref}。`,
      '',
      `送交${type}以供蓋章時，請在「獲批准草擬本的文件參考編號」一欄輸入 ${ref}。獲批准的草擬本載於附件。`,
    ),
  };
}

function orderMade(f: OrderMadeFacts, lang: Language): RenderedMessage {
  const action = COURT_ACTIONS[f.courtAction][lang];
  const court = COURT_LEVELS[f.courtLevel][lang];
  if (lang === 'en') {
    return {
      subject: `${f.courtAction === 'order' ? 'Order made' : 'Direction given'} in ${f.caseNo}`,
      body: lines(
        `The court ${f.courtAction === 'order' ? 'made an order' : 'gave a direction'} in ${court} case ${f.caseNo} on ${timeInWords(f.madeAt, lang)}` +
          (f.filingReference ? ` on filing ${f.filingReference}.` : '.'),
        f.about !== undefined && `It concerns: ${f.about.en}`,
        `Document reference number: ${f.documentReferenceNo}.`,
        '',
        `A copy of the ${action} is attached.`,
      ),
    };
  }
  return {
    subject: `法庭已作出${action}：${f.caseNo}`,
    body: lines(
      `法庭已於${timeInWords(f.madeAt, lang)}就${court}案件 ${f.caseNo}` +
        (f.filingReference ? ` 存檔參考編號 ${f.filingReference} ` : ' ') +
        `作出${action}。`,
      f.about !== undefined && `事由：${f.about['zh-Hant']}`,
      `文件參考編號：${f.documentReferenceNo}。`,
      '',
      `${action}的文本載於附件。`,
    ),
  };
}

function documentRejected(f: DocumentRejectedFacts, lang: Language): RenderedMessage {
  const office = RECEIVING_OFFICES[f.receivingOffice][lang];
  /** The registry's note follows the coded reason, in the words it was written in. */
  const defect = (d: Defect): string => {
    const reason = DEFECT_REASONS[d.reason][lang];
    const text = d.note === undefined ? reason : lang === 'en' ? `${reason} ${d.note}` : `${reason}${d.note}`;
    return `${lang === 'en' ? '-' : '－'} ${text}`;
  };
  const documents = numbered(f.documents, (d) => [
    lang === 'en' ? `${DOCUMENT_TYPES[d.type].en} (${d.fileName})` : `${DOCUMENT_TYPES[d.type]['zh-Hant']}（${d.fileName}）`,
    ...d.defects.map(defect),
  ]);
  if (lang === 'en') {
    return {
      subject: `Documents not accepted: filing ${f.filingReference} (${f.caseNo})`,
      body: lines(
        `On ${timeInWords(f.rejectedAt, lang)}, after its internal process, the ${office} found the following wrong with the documents ` +
          `of filing ${f.filingReference} in ${COURT_LEVELS[f.courtLevel].en} case ${f.caseNo}:`,
        ...documents,
        '',
        `Correct the documents and file them again. For enquiries, contact the ${office}.`,
      ),
    };
  }
  return {
    subject: `文件有不妥之處：存檔參考編號 ${f.filingReference}（${f.caseNo}）`,
    body: lines(
      `經司法機構內部程序後，${office}於${timeInWords(f.rejectedAt, lang)}發現${COURT_LEVELS[f.courtLevel]['zh-Hant']}案件 ${f.caseNo} ` +
        `存檔參考編號 ${f.filingReference} 的文件有以下不妥之處：`,
      ...documents,
      '',
      `請更正有關文件後重新送交。如有查詢，請聯絡${office}。`,
    ),
  };
}

function documentSealed(f: DocumentSealedFacts, lang: Language): RenderedMessage {
  const documents = numbered(f.documents, (d) =>
    lang === 'en'
      ? [`${DOCUMENT_TYPES[d.type].en}: document reference number ${d.documentReferenceNo}`]
      : [`${DOCUMENT_TYPES[d.type]['zh-Hant']}：文件參考編號 ${d.documentReferenceNo}`],
  );
  const first = f.documents[0];
  const named = first ? DOCUMENT_TYPES[first.type][lang] : lang === 'en' ? 'documents' : '文件';
  if (lang === 'en') {
    return {
      subject: `Sealed document issued: ${named} (${f.caseNo})`,
      body: lines(
        `The documents of filing ${f.filingReference} in ${COURT_LEVELS[f.courtLevel].en} case ${f.caseNo}, filed for sealing, ` +
          `were sealed and issued on ${timeInWords(f.sealedAt, lang)}:`,
        ...documents,
        '',
        'The sealed documents are attached.',
      ),
    };
  }
  return {
    subject: `已發出蓋章文件：${named}（${f.caseNo}）`,
    body: lines(
      `${COURT_LEVELS[f.courtLevel]['zh-Hant']}案件 ${f.caseNo} 存檔參考編號 ${f.filingReference} 以供蓋章的文件，` +
        `已於${timeInWords(f.sealedAt, lang)}蓋章發出：`,
      ...documents,
      '',
      '蓋章文件載於附件。',
    ),
  };
}

/** What the API serves an attachment under, and the database accepts. */
export const ATTACHMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** The failure type of a delivery the inbox refuses outright (no such account, a key reused for other facts): never retried. */
export const INBOX_DELIVERY_REFUSED = 'InboxDeliveryRefused';

function paymentReceived(f: PaymentReceivedFacts, lang: Language): RenderedMessage {
  const total = formatHkd(f.totalCents);
  const items = numbered(f.lines, (l) =>
    lang === 'en'
      ? [`${DOCUMENT_TYPES[l.document.type].en} (${FILING_PURPOSES[l.document.purpose].en}): ${formatHkd(l.netCents)}`]
      : [`${DOCUMENT_TYPES[l.document.type]['zh-Hant']}（${FILING_PURPOSES[l.document.purpose]['zh-Hant']}）：${formatHkd(l.netCents)}`],
  );
  if (lang === 'en') {
    const how = f.method === 'prepayment' ? `from the prepayment account of ${f.prepaymentAccount ?? ''}` : `through the payment service provider (reference ${f.providerRef ?? ''})`;
    return {
      subject: `Payment receipt ${f.receiptNo}: ${total} (${f.caseNo})`,
      body: lines(`${total} in fees for filing ${f.filingReference} in ${COURT_LEVELS[f.courtLevel].en} case ${f.caseNo} was paid ${how} on ${timeInWords(f.paidAt, lang)}:`, ...items, '', `Receipt ${f.receiptNo} is attached.`),
    };
  }
  const how = f.method === 'prepayment' ? `經 ${f.prepaymentAccount ?? ''} 的預繳帳戶` : `經電子付款服務提供者（參考編號 ${f.providerRef ?? ''}）`;
  return {
    subject: `付款收據 ${f.receiptNo}：${total}（${f.caseNo}）`,
    body: lines(`${COURT_LEVELS[f.courtLevel]['zh-Hant']}案件 ${f.caseNo} 存檔參考編號 ${f.filingReference} 的費用 ${total}，已於${timeInWords(f.paidAt, lang)}${how}繳付：`, ...items, '', `收據 ${f.receiptNo} 載於附件。`),
  };
}

function deadlineAlert(f: DeadlineAlertFacts, lang: Language): RenderedMessage {
  const title = RULE_TITLES[f.rule][lang];
  const where = f.filingReference ? (lang === 'en' ? `${f.caseNo}, filing ${f.filingReference}` : `${f.caseNo}，存檔參考編號 ${f.filingReference}`) : f.caseNo;
  const headline = leadHeadline(f.lead, lang);
  const forWhom = ADDRESSEES[f.addressee][lang];
  if (lang === 'en') {
    const when =
      f.lead.kind === 'missed'
        ? `The last day was ${f.due} and nothing was recorded as done by its end.`
        : f.lead.kind === 'due-day'
          ? `Today, ${f.due}, is the last day.`
          : `The last day is ${f.due}, ${f.lead.workingDays} working day${f.lead.workingDays === 1 ? '' : 's'} from today.`;
    return {
      subject: `[${headline}] ${where}: ${title}, last day ${f.due}`,
      body: lines(
        `Case: ${where}`,
        `Period: ${title} (${f.basis})`,
        `For: ${forWhom}`,
        when,
        f.moved !== undefined && `The last day moved from ${f.moved.from} to ${f.due}: ${f.moved.because}.`,
      ),
    };
  }
  const when =
    f.lead.kind === 'missed'
      ? `最後一日為 ${f.due}，至該日完結時並無紀錄顯示已辦理。`
      : f.lead.kind === 'due-day'
        ? `今日（${f.due}）為最後一日。`
        : `最後一日為 ${f.due}，距今${f.lead.workingDays}個工作天。`;
  return {
    subject: `【${headline}】${where}：${title}，最後一日 ${f.due}`,
    body: lines(
      `案件：${where}`,
      `期限：${title}（${f.basis}）`,
      `對象：${forWhom}`,
      when,
      f.moved !== undefined && `最後一日已由 ${f.moved.from} 改為 ${f.due}：${f.moved.because}。`,
    ),
  };
}
