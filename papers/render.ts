/**
 * The renderer every paper is made with (the acknowledgement now; notices of
 * hearing, written awards, receipts and sealed writs later): an A4 page set
 * in the embedded CJK font, bilingual headings and labels (English, then
 * Traditional Chinese), label and value rows, numbered blocks, and a footer
 * with the page count and the paper's reference on every page.
 *
 * The same facts give the same bytes. pdfkit stamps a PDF with its creation
 * time and derives the file identifier (the trailer's /ID) from the
 * document information, creation time included; here the creation time is
 * the moment the paper records (a submission, an award), never the clock, and
 * every other entry of the information is fixed, so the identifier follows
 * from the facts too. Fonts are registered in a fixed order, so their subset
 * tags are the same every time. A paper can therefore be re-rendered and
 * compared byte for byte with what was sent.
 */
import PDFDocument from 'pdfkit';
import type { LocalisedText } from '../domain/inbox/terms';
import { fontBytes, type FontWeight } from './fonts';

export interface PaperInfo {
  /** The paper's title, in both languages (the document's /Title). */
  title: LocalisedText;
  /** What the paper is about, e.g. the filing reference and case number (the document's /Subject). */
  subject: string;
  /** Printed in the footer of every page, e.g. `Filing reference EF-2026-000123`. */
  footer: string;
  /** ISO instant the paper records: its creation date, and so (with the rest) its file identifier. */
  dated: string;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const FOOTER_SPACE = 28;
const LABEL_WIDTH = 150;
const GAP = 10;
const CONTENT_WIDTH = A4.width - 2 * MARGIN;
const VALUE_WIDTH = CONTENT_WIDTH - LABEL_WIDTH - GAP;
const INK = '#000000';
const MUTED = '#444444';
const RULE = '#999999';

/** A row's value: one line or several (each its own line). */
export type Value = string | readonly string[];

/** The page being written, with the few layouts papers are made of. */
export class PaperWriter {
  constructor(private readonly doc: PDFKit.PDFDocument) {}

  private font(weight: FontWeight, size: number, color = INK): this {
    this.doc.font(weight).fontSize(size).fillColor(color);
    return this;
  }

  private get bottom(): number {
    return A4.height - MARGIN - FOOTER_SPACE;
  }

  /** Starts a new page when `height` does not fit on this one. */
  private room(height: number): void {
    if (this.doc.y + height > this.bottom) {
      this.doc.addPage();
      this.doc.y = MARGIN;
    }
  }

  /** The court or office at the top, both languages, centred. */
  masthead(name: LocalisedText): this {
    this.font('bold', 12).doc.text(name['zh-Hant'], MARGIN, this.doc.y, { width: CONTENT_WIDTH, align: 'center' });
    this.font('regular', 10, MUTED).doc.text(name.en.toUpperCase(), MARGIN, this.doc.y, { width: CONTENT_WIDTH, align: 'center' });
    this.doc.moveDown(0.8);
    return this;
  }

  /** The paper's title: Chinese, then English, centred, with a rule under it. */
  title(title: LocalisedText): this {
    this.font('bold', 18).doc.text(title['zh-Hant'], MARGIN, this.doc.y, { width: CONTENT_WIDTH, align: 'center' });
    this.font('bold', 14).doc.text(title.en, MARGIN, this.doc.y, { width: CONTENT_WIDTH, align: 'center' });
    this.doc.moveDown(0.5);
    this.rule();
    return this;
  }

  /** A section heading: English and Chinese on one line. */
  heading(label: LocalisedText): this {
    this.room(40);
    this.doc.moveDown(0.6);
    this.font('bold', 12).doc.text(`${label.en}  ${label['zh-Hant']}`, MARGIN, this.doc.y, { width: CONTENT_WIDTH });
    this.rule();
    return this;
  }

  /**
   * A label (English over Chinese) and its value, side by side; `indent`
   * shifts both right (rows inside a numbered block). A value line that is a
   * single token too wide for its column (a hash) is set smaller so it stays
   * whole on one line, to be read and compared as one string.
   */
  field(label: LocalisedText, value: Value, indent = 0): this {
    const values = typeof value === 'string' ? [value] : [...value];
    const labelWidth = LABEL_WIDTH - indent;
    const labelHeight = this.heightOf('regular', 9, label.en, labelWidth) + this.heightOf('regular', 9, label['zh-Hant'], labelWidth);
    const sizes = values.map((v) => this.sizeToFit(v, 10, VALUE_WIDTH));
    const valueHeight = values.reduce((sum, v, i) => sum + this.heightOf('regular', sizes[i] ?? 10, v, VALUE_WIDTH), 0);
    this.room(Math.max(labelHeight, valueHeight) + 4);
    const top = this.doc.y;
    const x = MARGIN + indent;
    this.font('regular', 9, MUTED).doc.text(label.en, x, top, { width: labelWidth });
    this.doc.text(label['zh-Hant'], x, this.doc.y, { width: labelWidth });
    const labelEnd = this.doc.y;
    this.doc.y = top;
    values.forEach((v, i) => {
      this.font('regular', sizes[i] ?? 10).doc.text(v, MARGIN + LABEL_WIDTH + GAP, this.doc.y, { width: VALUE_WIDTH });
    });
    this.doc.y = Math.max(labelEnd, this.doc.y) + 4;
    return this;
  }

  /**
   * A numbered item's heading inside a section: `1. Writ of Possession
   * 管有令狀`. Starts a new page unless the heading and its first rows fit, so
   * a heading is never left alone at the foot of a page.
   */
  item(number: number, name: LocalisedText): this {
    this.room(130);
    this.doc.moveDown(0.3);
    this.font('bold', 10.5).doc.text(`${number}.  ${name.en}  ${name['zh-Hant']}`, MARGIN, this.doc.y, { width: CONTENT_WIDTH });
    this.doc.moveDown(0.2);
    return this;
  }

  /** A paragraph in both languages, English then Chinese. */
  note(text: LocalisedText): this {
    this.room(60);
    this.doc.moveDown(0.6);
    this.font('regular', 9, MUTED).doc.text(text.en, MARGIN, this.doc.y, { width: CONTENT_WIDTH });
    this.doc.moveDown(0.2);
    this.doc.text(text['zh-Hant'], MARGIN, this.doc.y, { width: CONTENT_WIDTH });
    return this;
  }

  private rule(): void {
    const y = this.doc.y + 2;
    this.doc.moveTo(MARGIN, y).lineTo(A4.width - MARGIN, y).lineWidth(0.5).strokeColor(RULE).stroke();
    this.doc.y = y + 6;
  }

  private heightOf(weight: FontWeight, size: number, text: string, width: number): number {
    return this.doc.font(weight).fontSize(size).heightOfString(text, { width });
  }

  /**
   * The size (down to 7 pt) at which a single Latin token (a hash, a file
   * name) fits the width; any other text wraps instead (Chinese breaks
   * between characters, so it never needs shrinking).
   */
  private sizeToFit(text: string, size: number, width: number): number {
    if (!/^[\x21-\x7e]+$/.test(text)) return size;
    let fitted = size;
    while (fitted > 7 && this.doc.font('regular').fontSize(fitted).widthOfString(text) > width) fitted -= 0.5;
    return fitted;
  }

  /** Page `n` of `total` and the paper's footer on every page, once all pages are written. */
  finish(footer: string): void {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      // Text below the bottom margin would start a new page: lift the margin while writing the footer.
      const margin = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      const y = A4.height - MARGIN - 12;
      this.font('regular', 8, MUTED).doc.text(footer, MARGIN, y, { width: CONTENT_WIDTH / 2, lineBreak: false });
      this.doc.text(`Page ${i + 1} of ${count}  第 ${i + 1} 頁，共 ${count} 頁`, MARGIN + CONTENT_WIDTH / 2, y, {
        width: CONTENT_WIDTH / 2,
        align: 'right',
        lineBreak: false,
      });
      this.doc.page.margins.bottom = margin;
    }
  }
}

/**
 * Renders a paper: `write` lays out its content, and the bytes come back once
 * the PDF is complete. Deterministic (see the module's comment).
 */
export async function renderPaper(info: PaperInfo, write: (paper: PaperWriter) => void): Promise<Buffer> {
  const dated = new Date(info.dated);
  if (Number.isNaN(dated.getTime())) throw new RangeError(`a paper's date must be an ISO instant: ${info.dated}`);
  const doc = new PDFDocument({
    size: [A4.width, A4.height],
    margins: { top: MARGIN, bottom: MARGIN + FOOTER_SPACE, left: MARGIN, right: MARGIN },
    bufferPages: true,
    compress: true,
    pdfVersion: '1.7',
    displayTitle: true,
    info: {
      Title: `${info.title.en} ${info.title['zh-Hant']}`,
      Subject: info.subject,
      Creator: 'courtflow',
      Producer: 'courtflow (PDFKit)',
      CreationDate: dated,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // Registered in a fixed order: pdfkit names the embedded subsets after their registration.
  doc.registerFont('regular', fontBytes('regular'));
  doc.registerFont('bold', fontBytes('bold'));
  doc.font('regular');
  const paper = new PaperWriter(doc);
  write(paper);
  paper.finish(info.footer);
  doc.end();
  return done;
}
