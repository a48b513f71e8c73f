/**
 * The payment receipt (「付款收據」) for a filing's court fees: the receipt
 * number, the filing and case it pays for, when and how it was paid
 * (prepayment account or payment service provider), who paid, and each
 * document's fee with its iCMS reduction and the net sum, the rule each fee
 * rests on in small print, and the total. Both languages on the one paper, as
 * the acknowledgement. Rendered from the facts fixed when the payment
 * succeeded, so a receipt downloaded later is the same bytes as the one sent.
 */
import { formatHkd } from '../domain/money';
import type { ReceiptFacts } from '../domain/payments/receipt';
import { COURT_LEVELS, DOCUMENT_TYPES, FILING_PURPOSES, hongKongIso, timeInWords, type LocalisedText } from '../domain/inbox/terms';
import { renderPaper, type TableColumn } from './render';

/** Bumped whenever the layout or wording changes, so a stored receipt names the renderer that made it. */
export const RECEIPT_VERSION = '1';

const TITLE: LocalisedText = { en: 'Payment Receipt', 'zh-Hant': '付款收據' };

const LABELS = {
  receiptNo: { en: 'Receipt number', 'zh-Hant': '收據編號' },
  paymentId: { en: 'Payment reference', 'zh-Hant': '付款編號' },
  filingReference: { en: 'Filing reference', 'zh-Hant': '存檔參考編號' },
  caseNo: { en: 'Case number', 'zh-Hant': '案件編號' },
  courtLevel: { en: 'Court level', 'zh-Hant': '法院級別' },
  paidAt: { en: 'Paid at', 'zh-Hant': '付款時間' },
  method: { en: 'Payment method', 'zh-Hant': '付款方式' },
  prepaymentAccount: { en: 'Prepayment account of', 'zh-Hant': '預繳帳戶持有機構' },
  providerRef: { en: "Provider's reference", 'zh-Hant': '付款服務提供者參考編號' },
  payer: { en: 'Paid by', 'zh-Hant': '付款人' },
  fees: { en: 'Fees paid', 'zh-Hant': '已繳付的費用' },
} as const satisfies Record<string, LocalisedText>;

const METHODS = {
  prepayment: { en: 'Prepayment account', 'zh-Hant': '預繳帳戶' },
  provider: { en: 'Payment service provider', 'zh-Hant': '電子付款服務提供者' },
} as const satisfies Record<ReceiptFacts['method'], LocalisedText>;

const COLUMNS: readonly TableColumn[] = [
  { label: { en: 'Document and purpose', 'zh-Hant': '文件名稱及用途' }, share: 0.43 },
  { label: { en: 'Fee', 'zh-Hant': '費用' }, share: 0.19, align: 'right' },
  { label: { en: 'iCMS reduction', 'zh-Hant': 'iCMS 減免' }, share: 0.19, align: 'right' },
  { label: { en: 'Net', 'zh-Hant': '淨額' }, share: 0.19, align: 'right' },
];

const TOTAL: LocalisedText = { en: 'Total paid', 'zh-Hant': '已付總額' };
const RULE: LocalisedText = { en: 'Fee rule', 'zh-Hant': '收費依據' };

const NOTE: LocalisedText = {
  en:
    'This receipt records the payment of the court fees above for the filing named, in Hong Kong dollars. ' +
    'The reduction is the concession on a fee for a document filed through iCMS; the net sum is what was paid.',
  'zh-Hant': '本收據記錄就上述存檔所繳付的法院費用，款額以港元計算。減免指經綜合法院案件管理系統（iCMS）提交文件所獲的費用寬減；淨額為實際繳付的款額。',
};

const both = (text: LocalisedText): string => `${text.en}  ${text['zh-Hant']}`;
/** A time as the paper prints it: the instant in Hong Kong time (ISO), then in words in both languages. */
const when = (iso: string): string[] => [hongKongIso(iso), timeInWords(iso, 'en'), timeInWords(iso, 'zh-Hant')];

/** The file name the receipt is offered under: `receipt-R-EF-2026-000001.pdf`. */
export function receiptFileName(receiptNo: string): string {
  const safe = receiptNo.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 80);
  return `receipt-${safe || 'payment'}.pdf`;
}

/** Renders the payment receipt as a PDF. The same facts give the same bytes. */
export function renderReceipt(facts: ReceiptFacts): Promise<Buffer> {
  const court = COURT_LEVELS[facts.courtLevel];
  return renderPaper(
    {
      title: TITLE,
      subject: `${facts.receiptNo} ${facts.filingReference} ${facts.caseNo}`,
      footer: `${LABELS.receiptNo.en} ${LABELS.receiptNo['zh-Hant']}: ${facts.receiptNo}`,
      dated: facts.paidAt,
    },
    (paper) => {
      paper
        .masthead(court)
        .title(TITLE)
        .field(LABELS.receiptNo, facts.receiptNo)
        .field(LABELS.paymentId, facts.paymentId)
        .field(LABELS.filingReference, facts.filingReference)
        .field(LABELS.caseNo, facts.caseNo)
        .field(LABELS.courtLevel, both(court))
        .field(LABELS.paidAt, when(facts.paidAt))
        .field(LABELS.method, both(METHODS[facts.method]));
      // An empty name or reference says nothing: its row is left out rather than printed blank.
      if (facts.prepaymentAccount) paper.field(LABELS.prepaymentAccount, facts.prepaymentAccount);
      if (facts.providerRef) paper.field(LABELS.providerRef, facts.providerRef);
      paper.field(LABELS.payer, facts.payer.organisation ? [facts.payer.name, facts.payer.organisation] : facts.payer.name);

      paper.heading(LABELS.fees).table(COLUMNS, [
        ...facts.lines.map((line) => ({
          cells: [
            [both(DOCUMENT_TYPES[line.document.type]), both(FILING_PURPOSES[line.document.purpose])],
            formatHkd(line.amountCents),
            // A reduction is money taken off the fee, so it reads as a subtraction: fee - reduction = net.
            line.reductionCents > 0 ? `-${formatHkd(line.reductionCents)}` : formatHkd(line.reductionCents),
            formatHkd(line.netCents),
          ],
          smallPrint: `${RULE.en} ${RULE['zh-Hant']}: ${line.rule}`,
        })),
        { cells: [both(TOTAL), '', '', formatHkd(facts.totalCents)], bold: true },
      ]);
      paper.note(NOTE);
    },
  );
}
