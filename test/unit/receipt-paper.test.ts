/**
 * The payment receipt: both languages on one paper, the receipt, filing and
 * case numbers, when and how the fees were paid, who paid, each document's
 * fee, iCMS reduction and net sum with the rule it rests on, and the total;
 * the same facts give the same bytes.
 */
import type { ReceiptFacts } from '../../domain/payments/receipt';
import { makePaper } from '../../papers/papers';
import { receiptFileName, renderReceipt } from '../../papers/receipt';
import { pdfText } from '../support/pdf-reading';

const facts = (over: Partial<ReceiptFacts> = {}): ReceiptFacts => ({
  receiptNo: 'R-EF-2026-000123',
  paymentId: 'EF-2026-000123-P2',
  filingReference: 'EF-2026-000123',
  caseNo: 'HCA 1234/2026',
  courtLevel: 'high-court',
  paidAt: '2026-12-14T07:05:09.000Z',
  method: 'provider',
  providerRef: 'PSP-20261214-7788',
  payer: { name: '陳大文 Chan Tai Man', organisation: 'Wong & Partners 黃氏律師行' },
  lines: [
    {
      document: { type: 'writ-of-possession', purpose: 'for-sealing' },
      amountCents: 104500,
      reductionCents: 10450,
      netCents: 94050,
      rule: 'High Court Fees Rules (Cap. 4D), Schedule 1, item 12',
    },
    {
      document: { type: 'summons', purpose: 'for-filing' },
      amountCents: 125000,
      reductionCents: 0,
      netCents: 125000,
      rule: 'High Court Fees Rules (Cap. 4D), Schedule 1, item 3',
    },
  ],
  totalCents: 219050,
  ...over,
});

/** pdftotext wraps lines as they are set and collapses runs of spaces: text is compared without its white space. */
const unspaced = (text: string) => text.replace(/\s+/g, '');
const expectAll = (text: string, expected: readonly string[]) => {
  for (const s of expected) expect([s, unspaced(text).includes(unspaced(s))]).toEqual([s, true]);
};

describe('the payment receipt', () => {
  let pdf: Buffer;
  let text: string;
  beforeAll(async () => {
    pdf = await renderReceipt(facts());
    text = pdfText(pdf);
  });

  it('when rendered, then it is a one-page PDF with the font embedded as a subset', () => {
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHK-Regular/);
    expect(text).toContain('Page 1 of 1');
  });

  it('when read as text, then the title and labels are there in Traditional Chinese and in English', () => {
    expectAll(text, [
      '付款收據', 'Payment Receipt', '收據編號', 'Receipt number', '付款編號', 'Payment reference', '存檔參考編號', 'Filing reference',
      '案件編號', 'Case number', '法院級別', 'Court level', '付款時間', 'Paid at', '付款方式', 'Payment method', '付款人', 'Paid by',
      '已繳付的費用', 'Fees paid', '文件名稱及用途', 'Document and purpose', '費用', 'Fee', 'iCMS 減免', 'iCMS reduction', '淨額', 'Net',
      '已付總額', 'Total paid',
    ]);
  });

  it('when read as text, then the facts are there: numbers, court, time in Hong Kong time, provider and its reference, payer', () => {
    expectAll(text, [
      'R-EF-2026-000123', 'EF-2026-000123-P2', 'EF-2026-000123', 'HCA 1234/2026', 'High Court  高等法院', '2026-12-14T15:05:09+08:00',
      'Monday 14 December 2026, 15:05 (Hong Kong time)', '2026年12月14日（星期一）15時05分（香港時間）',
      'Payment service provider  電子付款服務提供者', '付款服務提供者參考編號', 'PSP-20261214-7788', '陳大文 Chan Tai Man', 'Wong & Partners 黃氏律師行',
    ]);
    expect(text).not.toContain('預繳帳戶');
  });

  it('when read as text, then each line has its document, purpose, fee, reduction, net and rule, and the total is there', () => {
    expectAll(text, [
      'Writ of Possession  管有令狀', 'For sealing  以供蓋章', 'Summons  傳票', 'For filing  以供存檔',
      'HK$1,045.00', '-HK$104.50', 'HK$940.50', 'HK$1,250.00', 'HK$0.00', 'HK$2,190.50',
      'High Court Fees Rules (Cap. 4D), Schedule 1, item 12', 'High Court Fees Rules (Cap. 4D), Schedule 1, item 3', '收費依據',
    ]);
  });

  it('when paid from a prepayment account, then the method and the account are named, and no provider reference', async () => {
    const { providerRef: _omitted, ...rest } = facts();
    const prepaid = pdfText(await renderReceipt({ ...rest, method: 'prepayment', prepaymentAccount: 'Wong & Partners 黃氏律師行' }));
    expectAll(prepaid, ['Prepayment account  預繳帳戶', 'Prepayment account of', '預繳帳戶持有機構', 'Wong & Partners 黃氏律師行']);
    expect(prepaid).not.toContain('付款服務提供者參考編號');
  });

  it('when the same facts are rendered again, then the bytes are identical; other facts give other bytes', async () => {
    expect((await renderReceipt(facts())).equals(pdf)).toBe(true);
    expect((await renderReceipt(facts({ totalCents: 219051 }))).equals(pdf)).toBe(false);
  });

  it('when a filing pays for many documents, then the table runs on with its headings repeated, and the total ends it', async () => {
    const lines = Array.from({ length: 30 }, (_v, i) => ({
      document: { type: 'affidavit' as const, purpose: 'for-filing' as const },
      amountCents: 10000 + i,
      reductionCents: 1000,
      netCents: 9000 + i,
      rule: `Rule ${i + 1}`,
    }));
    const long = pdfText(await renderReceipt(facts({ lines, totalCents: lines.reduce((s, l) => s + l.netCents, 0) })));
    expect(long).toMatch(/Page 2 of [2-9]/);
    expect(long.split('iCMS reduction').length - 1).toBeGreaterThanOrEqual(2);
    expectAll(long, ['HK$90.00', 'HK$90.29', 'Rule 30', 'HK$2,704.35']);
  });

  it('when offered for download, then its file name is built from the receipt number and safe in a path', async () => {
    expect(receiptFileName('R-EF-2026-000123')).toBe('receipt-R-EF-2026-000123.pdf');
    expect(receiptFileName('../R 1/2')).toBe('receipt-R-1-2.pdf');
    const paper = await makePaper({ kind: 'payment-receipt', facts: facts() });
    expect(paper).toMatchObject({ kind: 'payment-receipt', version: '1', fileName: 'receipt-R-EF-2026-000123.pdf', contentType: 'application/pdf' });
    expect(paper.bytes.equals(pdf)).toBe(true);
  });
});
