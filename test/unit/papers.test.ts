/**
 * Papers: the acknowledgement of a filing renders as a PDF whose text (as
 * pdftotext reads it, through the embedded font's ToUnicode map) carries the
 * bilingual labels, the reference and every hash; the same facts give the
 * same bytes; the font is a real TrueType with Traditional Chinese and Hong
 * Kong characters.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FilingAcknowledgedFacts } from '../../domain/inbox/messages';
import { acknowledgementFileName, renderAcknowledgement } from '../../papers/acknowledgement';
import { FONT_FAMILY, fontBytes } from '../../papers/fonts';
import { makePaper } from '../../papers/papers';

const HASH_A = 'a3f1c2d4e5b60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00';
const HASH_B = '0f1e2d3c4b5a69788796a5b4c3d2e1f00123456789abcdef0123456789abcdef';

const facts = (over: Partial<FilingAcknowledgedFacts> = {}): FilingAcknowledgedFacts => ({
  filingReference: 'EF-2026-000123',
  caseNo: 'HCA 1234/2026',
  courtLevel: 'high-court',
  receivingOffice: 'high-court-registry',
  submittedAt: '2026-12-14T07:05:09.000Z',
  treatedAsReceivedAt: '2026-12-15T01:00:00.000Z',
  filer: { name: '陳大文 Chan Tai Man', organisation: 'Wong & Partners 黃氏律師行' },
  documents: [
    { type: 'writ-of-possession', purpose: 'for-approval-of-draft', language: 'en', fileName: 'writ-of-possession.pdf', pages: 3, sha256: HASH_A },
    { type: 'praecipe', purpose: 'for-approval-of-draft', language: 'zh', fileName: '便箋.pdf', pages: 1, sha256: HASH_B },
  ],
  ...over,
});

/**
 * pdftotext (poppler-utils) reads a PDF the way a person's viewer does. It
 * must be installed (`apt-get install poppler-utils`): without it these tests
 * fail saying so, rather than pass having checked nothing.
 */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'courtflow-paper-'));
  try {
    const file = path.join(dir, 'paper.pdf');
    writeFileSync(file, pdf);
    try {
      return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('pdftotext is not installed: apt-get install poppler-utils');
      throw err;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the acknowledgement of a filing', () => {
  let pdf: Buffer;
  let text: string;
  beforeAll(async () => {
    pdf = await renderAcknowledgement(facts());
    text = pdfText(pdf);
  });

  it('when rendered, then it is a PDF with the font embedded as a subset', () => {
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(pdf.toString('latin1')).toMatch(/\/FontFile2/);
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHK-Regular/);
    // A subset: far smaller than the 7 MB font.
    expect(pdf.length).toBeLessThan(200_000);
  });

  it('when read as text, then the title and labels are there in Traditional Chinese and in English', () => {
    for (const label of ['認收通知', 'Acknowledgement of Filing', '存檔參考編號', 'Filing reference', '案件編號', 'Case number', '法院級別',
      '接收文件的法院辦事處', 'Receiving court office', '送交時間', 'Submitted at', '視作收到的時間', 'Treated as received at', '發送人',
      '已送交的文件', 'Documents submitted', '用途', 'Purpose', '文件語言', '檔案名稱', 'File name', '頁數', 'Pages']) {
      expect([label, text.includes(label)]).toEqual([label, true]);
    }
  });

  it('when read as text, then the facts are there: reference, case, court and office, times in Hong Kong time, filer, each document', () => {
    for (const fact of ['EF-2026-000123', 'HCA 1234/2026', '高等法院', 'High Court Registry', '高等法院登記處', '2026-12-14T15:05:09+08:00',
      'Monday 14 December 2026, 15:05 (Hong Kong time)', '2026年12月14日（星期一）15時05分（香港時間）', '2026-12-15T09:00:00+08:00',
      '陳大文 Chan Tai Man', '黃氏律師行', 'Writ of Possession', '管有令狀', '便箋', '以供審批草擬本', 'For approval of draft', '英文', '中文',
      'writ-of-possession.pdf', '便箋.pdf', 'Page 1 of', '第 1 頁']) {
      expect([fact, text.includes(fact)]).toEqual([fact, true]);
    }
  });

  it('when read as text, then every document\'s SHA-256 is there whole, on one line', () => {
    expect(text).toContain(HASH_A);
    expect(text).toContain(HASH_B);
  });

  it('when the same facts are rendered again, then the bytes are identical; other facts give other bytes', async () => {
    const again = await renderAcknowledgement(facts());
    expect(again.equals(pdf)).toBe(true);
    const other = await renderAcknowledgement(facts({ filingReference: 'EF-2026-000124' }));
    expect(other.equals(pdf)).toBe(false);
  });

  it('when other papers, in other characters, were rendered before it, then its bytes are those it has alone (the parsed font carries nothing over)', async () => {
    await renderAcknowledgement(facts({ filer: { name: '歐陽嘅㗎啲 Au Yeung', organisation: '九龍灣區議會 Kowloon Bay' }, filingReference: 'EF-2026-000999' }));
    await renderAcknowledgement(facts({ filer: { name: 'Z', organisation: 'Q' } }));
    expect((await renderAcknowledgement(facts())).equals(pdf)).toBe(true);
  });

  it('when no treated-as-received time is given, then that row is left out', async () => {
    const { treatedAsReceivedAt: _omitted, ...rest } = facts();
    expect(pdfText(await renderAcknowledgement(rest))).not.toContain('Treated as received at');
  });

  it('when a filing has many documents, then it runs to more pages, each numbered, and every hash is still there', async () => {
    const many = Array.from({ length: 14 }, (_v, i) => ({
      type: 'letter' as const,
      purpose: 'for-filing' as const,
      language: 'bilingual' as const,
      fileName: `letter-${i + 1}.pdf`,
      pages: i + 1,
      sha256: (i.toString(16).padStart(2, '0') + HASH_A.slice(2)).slice(0, 64),
    }));
    const long = pdfText(await renderAcknowledgement(facts({ documents: many })));
    expect(long).toMatch(/Page 2 of [2-9]/);
    expect(long).toMatch(/第 2 頁，共 [2-9] 頁/);
    for (const d of many) expect(long).toContain(d.sha256);
  });

  it('when offered for download, then its file name is built from the reference and safe in a path', async () => {
    expect(acknowledgementFileName('EF-2026-000123')).toBe('acknowledgement-EF-2026-000123.pdf');
    expect(acknowledgementFileName('../EF 1/2')).toBe('acknowledgement-EF-1-2.pdf');
    const paper = await makePaper({ kind: 'filing-acknowledgement', facts: facts() });
    expect(paper).toMatchObject({ kind: 'filing-acknowledgement', version: '1', fileName: 'acknowledgement-EF-2026-000123.pdf', contentType: 'application/pdf' });
    expect(paper.bytes.equals(pdf)).toBe(true);
  });
});

describe('the paper font', () => {
  it(`when loaded, then ${FONT_FAMILY} is a TrueType font (not woff, not a collection)`, () => {
    for (const weight of ['regular', 'bold'] as const) {
      expect(fontBytes(weight).readUInt32BE(0)).toBe(0x00010000);
    }
  });
});
