/**
 * The court's endorsement on a writ of execution: the approved draft (Stage
 * A) and the sealed writ (Stage B) are the filer's own PDF, its pages kept as
 * they were, with the court's mark on the first page (top right as the reader
 * sees it) and an endorsement page stating every fact in both languages, the
 * SHA-256 of the file as filed among them. A file that is not a readable PDF
 * still gets its endorsement. The same inputs give the same bytes.
 */
import { createHash } from 'node:crypto';
import { PDFDocument, StandardFonts, degrees } from 'pdf-lib';
import type { ApprovedDraftFacts, SealedWritFacts } from '../../domain/filing/writ-papers';
import { approvedDraftFileName, renderApprovedDraft, renderSealedWrit, sealedWritFileName } from '../../papers/endorsed-writ';
import { makePaper } from '../../papers/papers';
import { boxOf, pdfPageRaster, pdfText } from '../support/pdf-reading';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const FIXED = new Date('2026-12-01T00:00:00.000Z');

/**
 * The filer's writ: `pages` A4 pages in a standard font, each saying which
 * page it is, its text clear of the top right-hand corner (where the mark
 * goes, so pdftotext does not read the two as one); `rotate` turns every page
 * as a viewer shows it.
 */
async function writ(pages: number, rotate = 0): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setCreationDate(FIXED);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n++) {
    const page = doc.addPage([595.28, 841.89]);
    page.setRotation(degrees(rotate));
    page.drawText(`IN THE HIGH COURT - WRIT OF POSSESSION - ORIGINAL PAGE ${n}`, { x: 60, y: 600, size: 12, font });
    page.drawText(`The filer's own words on page ${n}.`, { x: 60, y: 400, size: 11, font });
  }
  return doc.save();
}

const common = (original: Uint8Array) => ({
  filingReference: 'EF-2026-000123',
  caseNo: 'HCA 1234/2026',
  courtLevel: 'high-court' as const,
  writ: { type: 'writ-of-possession' as const, documentReferenceNo: 'HCA1234-2026-WP-0001' },
  sourceSha256: sha256(original),
  by: 'Master Lee 李聆案官',
});

const approved = (original: Uint8Array, over: Partial<ApprovedDraftFacts> = {}): ApprovedDraftFacts => ({
  ...common(original),
  approvedAt: '2026-12-14T07:05:09.000Z',
  courtAction: 'order',
  ...over,
});

const sealed = (original: Uint8Array, over: Partial<SealedWritFacts> = {}): SealedWritFacts => ({
  ...common(original),
  writ: { type: 'writ-of-possession', documentReferenceNo: 'HCA1234-2026-WP-0002' },
  sealedAt: '2026-12-21T02:30:00.000Z',
  approvedDraftReferenceNo: 'HCA1234-2026-WP-0001',
  ...over,
});

const pageCount = async (pdf: Uint8Array) => (await PDFDocument.load(pdf)).getPageCount();
/** pdftotext wraps lines as they are set and collapses runs of spaces: text is compared without its white space. */
const unspaced = (text: string) => text.replace(/\s+/g, '');
const expectAll = (text: string, expected: readonly string[]) => {
  for (const s of expected) expect([s, unspaced(text).includes(unspaced(s))]).toEqual([s, true]);
};

describe('the approved draft (Stage A)', () => {
  let original: Uint8Array;
  let pdf: Buffer;
  beforeAll(async () => {
    original = await writ(2);
    pdf = await renderApprovedDraft(original, approved(original));
  });

  it("when endorsed, then the draft's pages are all there and one endorsement page follows", async () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await pageCount(pdf)).toBe(3);
  });

  it('when endorsed, then the first page bears the stamp: 草擬本已獲批准 APPROVED DRAFT, the reference number, the date, by order of the court', () => {
    const first = pdfText(pdf, { first: 1, last: 1 });
    expectAll(first, ['ORIGINAL PAGE 1', '草擬本已獲批准', 'APPROVED DRAFT', 'HCA1234-2026-WP-0001', '2026-12-14', 'By order of the court', '奉法庭命令']);
  });

  it("when endorsed, then the filer's other pages read exactly as they did, with no stamp", async () => {
    expect(pdfText(pdf, { first: 2, last: 2 })).toBe(pdfText(original, { first: 2, last: 2 }));
    expect(pdfText(pdf, { first: 1, last: 1 })).toContain(pdfText(original, { first: 1, last: 1 }).trim());
  });

  it('when endorsed, then the last page states every fact in both languages, the SHA-256 of the file as filed whole', () => {
    const last = pdfText(pdf, { first: 3, last: 3 });
    expectAll(last, [
      '高等法院', 'HIGH COURT', '草擬本已獲批准', 'Approved Draft', '文件名稱', 'Writ of Possession', '管有令狀',
      '文件參考編號', 'Document reference no.', 'HCA1234-2026-WP-0001', '存檔參考編號', 'EF-2026-000123', '案件編號', 'HCA 1234/2026',
      '批准時間', 'Approved at', '2026-12-14T15:05:09+08:00', 'Monday 14 December 2026, 15:05 (Hong Kong time)',
      '2026年12月14日（星期一）15時05分（香港時間）', '命令／指示', 'By order of the court  奉法庭命令', '批准人', 'Master Lee 李聆案官',
      'SHA-256 of the file as filed', '所存檔檔案的數碼指紋 (SHA-256)', sha256(original),
      'The Writ of Possession as filed, 2 pages, precedes this page', '所存檔的管有令狀共2頁，載於本頁之前',
      'Page 3 of 3', '第 3 頁，共 3 頁',
    ]);
  });

  it('when the court gave a direction, then the stamp and the page say so', async () => {
    const text = pdfText(await renderApprovedDraft(original, approved(original, { courtAction: 'direction' })));
    expectAll(text, ['By direction of the court', '奉法庭指示', 'gave a direction']);
    expect(text).not.toContain('By order of the court');
  });

  it('when the same inputs are endorsed again, then the bytes are identical; another date gives other bytes', async () => {
    expect((await renderApprovedDraft(original, approved(original))).equals(pdf)).toBe(true);
    expect((await renderApprovedDraft(original, approved(original, { approvedAt: '2026-12-15T07:05:09.000Z' }))).equals(pdf)).toBe(false);
  });

  it("when read for its information, then it is the court's, dated by the approval, not the filer's or the clock's", async () => {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getProducer()).toBe('courtflow (pdf-lib)');
    expect(doc.getCreator()).toBe('courtflow');
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-12-14T07:05:09.000Z');
    expect(doc.getModificationDate()?.toISOString()).toBe('2026-12-14T07:05:09.000Z');
  });
});

describe('the sealed writ (Stage B)', () => {
  let original: Uint8Array;
  let pdf: Buffer;
  beforeAll(async () => {
    original = await writ(3);
    pdf = await renderSealedWrit(original, sealed(original));
  });

  it("when sealed, then the writ's three pages are there and the endorsement page is the fourth", async () => {
    expect(await pageCount(pdf)).toBe(4);
    expect(pdfText(pdf, { first: 3, last: 3 })).toBe(pdfText(original, { first: 3, last: 3 }));
  });

  it('when sealed, then the first page bears the seal: 已蓋章 SEALED, the court, the date, the reference number and the approved draft', () => {
    const first = pdfText(pdf, { first: 1, last: 1 });
    expectAll(first, ['ORIGINAL PAGE 1', '已蓋章', 'SEALED', '高等法院', 'High Court', '2026-12-21', 'HCA1234-2026-WP-0002', 'Approved draft', '獲批准草擬本', 'HCA1234-2026-WP-0001']);
  });

  it('when sealed, then the last page states every fact in both languages', () => {
    const last = pdfText(pdf, { first: 4, last: 4 });
    expectAll(last, [
      '已蓋章令狀', 'Sealed Writ', 'HCA1234-2026-WP-0002', '獲批准草擬本的文件參考編號', 'Approved draft ref. no.', 'HCA1234-2026-WP-0001',
      '蓋章時間', 'Sealed at', '2026-12-21T10:30:00+08:00', 'Monday 21 December 2026, 10:30 (Hong Kong time)', '蓋章人', 'Sealed by',
      'Master Lee 李聆案官', 'EF-2026-000123', 'HCA 1234/2026', sha256(original), '3 pages', '共3頁', "court's seal", '法院的印章', 'Page 4 of 4',
    ]);
  });

  it('when the same inputs are sealed again, then the bytes are identical', async () => {
    expect((await renderSealedWrit(original, sealed(original))).equals(pdf)).toBe(true);
  });

  it.each([0, 90, 180, 270])('when the first page is turned %i degrees, then the seal is upright in its top right-hand corner as seen', async (rotate) => {
    const turned = await writ(1, rotate);
    const page = pdfPageRaster(await renderSealedWrit(turned, sealed(turned)), 1);
    // Portrait pages turned a quarter are seen landscape.
    expect(page.width > page.height).toBe(rotate % 180 !== 0);
    // The seal's red ink; the filer's text is black.
    const seal = boxOf(page, ([r, g, b]) => r > 140 && g < 110 && b < 110 && r - g > 60);
    expect(seal).toBeDefined();
    if (!seal) return;
    expect(seal.left).toBeGreaterThan(page.width / 2);
    expect(seal.bottom).toBeLessThan(page.height / 2);
    // Upright, the seal and its label lie side by side: wider than tall.
    expect(seal.right - seal.left).toBeGreaterThan(seal.bottom - seal.top);
  });
});

describe('a file as filed that cannot be read as a PDF', () => {
  const cases: [string, () => Promise<Uint8Array>][] = [
    ['not a PDF at all', () => Promise.resolve(new TextEncoder().encode('This is a scanned image, not a PDF. 這不是 PDF 檔案。'))],
    ['empty', () => Promise.resolve(new Uint8Array(0))],
    ['a PDF cut short', async () => (await writ(2)).subarray(0, 300)],
  ];

  it.each(cases)('when it is %s, then the endorsement page is made alone, saying the court keeps the file under its SHA-256', async (_what, make) => {
    const original = await make();
    for (const pdf of [await renderApprovedDraft(original, approved(original)), await renderSealedWrit(original, sealed(original))]) {
      expect(await pageCount(pdf)).toBe(1);
      const text = pdfText(pdf);
      expectAll(text, [
        sha256(original),
        'The file as filed cannot be read as a PDF, so it is not reproduced here; the court keeps it under the SHA-256 above.',
        '所存檔的檔案無法以 PDF 格式讀取，故未在此轉載；法院按上述 SHA-256 數碼指紋保存該檔案。',
        'Page 1 of 1',
      ]);
    }
  });

  it('when it is endorsed again, then the bytes are identical', async () => {
    const original = new TextEncoder().encode('%PDF-1.7 but nothing after');
    const once = await renderSealedWrit(original, sealed(original));
    expect((await renderSealedWrit(original, sealed(original))).equals(once)).toBe(true);
  });
});

describe('the file an endorsement names', () => {
  it('when the bytes given are not those whose SHA-256 the facts state, then nothing is endorsed', async () => {
    const original = await writ(1);
    const other = await writ(2);
    await expect(renderApprovedDraft(other, approved(original))).rejects.toThrow(/not the file as filed/);
    await expect(renderSealedWrit(other, sealed(original))).rejects.toThrow(/not the file as filed/);
  });
});

describe('endorsed writs as papers', () => {
  it('when made through makePaper, then each kind has its version and a file name safe in a path', async () => {
    const original = await writ(1);
    const draft = await makePaper({ kind: 'approved-draft', facts: approved(original), original });
    expect(draft).toMatchObject({ kind: 'approved-draft', version: '1', fileName: 'approved-draft-HCA1234-2026-WP-0001.pdf', contentType: 'application/pdf' });
    expect(draft.bytes.equals(await renderApprovedDraft(original, approved(original)))).toBe(true);
    const seal = await makePaper({ kind: 'sealed-writ', facts: sealed(original), original });
    expect(seal).toMatchObject({ kind: 'sealed-writ', version: '1', fileName: 'sealed-writ-HCA1234-2026-WP-0002.pdf', contentType: 'application/pdf' });
    expect(approvedDraftFileName('../HCA 1/2')).toBe('approved-draft-HCA-1-2.pdf');
    expect(sealedWritFileName('')).toBe('sealed-writ-writ.pdf');
  });
});
