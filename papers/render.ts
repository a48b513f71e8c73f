/**
 * The renderer every paper is made with (the acknowledgement, the notice of
 * hearing, the written award, the payment receipt, the endorsement page of
 * an approved draft or a sealed writ): an A4 page set in the embedded CJK
 * font, bilingual headings and labels (English, then Traditional Chinese),
 * label and value rows, numbered blocks, tables, and a footer with the page
 * count and the paper's reference on every page. Stamps and seals, to be
 * placed on a filer's own pages, are drawn on a sheet of their own size in
 * the same font (`renderSheet`).
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
import { parsedFont, type FontWeight } from './fonts';

export interface PaperInfo {
  /** The paper's title, in both languages (the document's /Title). */
  title: LocalisedText;
  /** What the paper is about, e.g. the filing reference and case number (the document's /Subject). */
  subject: string;
  /** Printed in the footer of every page, e.g. `Filing reference EF-2026-000123`. */
  footer: string;
  /** ISO instant the paper records: its creation date, and so (with the rest) its file identifier. */
  dated: string;
  /**
   * Pages bound before this paper's own when it is appended to another
   * document (an endorsement follows the writ it endorses): the footer counts
   * them, so the endorsement of a three-page writ reads "Page 4 of 4".
   */
  pagesBefore?: number;
}

/** The line across the top of every page of a training stack's papers. */
export const TRAINING_MARK = 'TRAINING — NOT A COURT DOCUMENT　培訓用 — 並非法庭文件　培训用 — 并非法庭文件';

let markedAsTraining = false;

/**
 * Marks every paper this process renders from now on as a training paper
 * (`courtflow start --training` sets it in the worker and the API at start):
 * a paper from a training stack must never pass for a real one.
 */
export function markPapersAsTraining(): void {
  markedAsTraining = true;
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
const TRAINING_INK = '#b00020';

/** A row's value: one line or several (each its own line). */
export type Value = string | readonly string[];

/** A column of a table: its heading (English over Chinese), its share of the width, and how its cells align. */
export interface TableColumn {
  label: LocalisedText;
  share: number;
  align?: 'left' | 'right';
}

/** A row of a table: one value per column, bold for a total, and small print under it across the width (the rule a fee rests on). */
export interface TableRow {
  cells: readonly Value[];
  bold?: boolean;
  smallPrint?: string;
}

const CELL_GAP = 8;
const lines = (value: Value): string[] => (typeof value === 'string' ? [value] : [...value]);

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

  /**
   * A table: the column headings, then each row with its small print. A row
   * is never split across pages; a new page repeats the headings, so every
   * figure can be read against its column.
   */
  table(columns: readonly TableColumn[], rows: readonly TableRow[]): this {
    const shares = columns.reduce((sum, c) => sum + c.share, 0);
    let x = MARGIN;
    const cols = columns.map((c, i) => {
      const full = (c.share / shares) * CONTENT_WIDTH;
      const col = { ...c, x, width: i === columns.length - 1 ? full : full - CELL_GAP };
      x += full;
      return col;
    });
    const headerHeight = Math.max(
      ...cols.map((c) => this.heightOf('regular', 9, c.label.en, c.width) + this.heightOf('regular', 9, c.label['zh-Hant'], c.width)),
    );
    const rowHeight = (row: TableRow): number =>
      Math.max(...cols.map((c, i) => lines(row.cells[i] ?? '').reduce((sum, v) => sum + this.heightOf(row.bold ? 'bold' : 'regular', 10, v, c.width), 0))) +
      (row.smallPrint ? this.heightOf('regular', 7.5, row.smallPrint, CONTENT_WIDTH) + 1 : 0) +
      11;
    const header = (): void => {
      const top = this.doc.y;
      cols.forEach((c) => {
        this.font('regular', 9, MUTED).doc.text(c.label.en, c.x, top, { width: c.width, align: c.align ?? 'left' });
        this.doc.text(c.label['zh-Hant'], c.x, this.doc.y, { width: c.width, align: c.align ?? 'left' });
      });
      this.doc.y = top + headerHeight;
      this.rule();
    };

    const first = rows[0];
    this.room(headerHeight + 8 + (first ? rowHeight(first) : 0));
    header();
    for (const row of rows) {
      if (this.doc.y + rowHeight(row) > this.bottom) {
        this.doc.addPage();
        this.doc.y = MARGIN;
        header();
      }
      const top = this.doc.y;
      let end = top;
      cols.forEach((c, i) => {
        this.doc.y = top;
        for (const v of lines(row.cells[i] ?? '')) {
          this.font(row.bold ? 'bold' : 'regular', 10).doc.text(v, c.x, this.doc.y, { width: c.width, align: c.align ?? 'left' });
        }
        end = Math.max(end, this.doc.y);
      });
      this.doc.y = end;
      if (row.smallPrint) this.font('regular', 7.5, MUTED).doc.text(row.smallPrint, MARGIN, this.doc.y + 1, { width: CONTENT_WIDTH });
      this.doc.y += 3;
      this.rule();
    }
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

  /** Page `n` of `total` and the paper's footer on every page, once all pages are written; `pagesBefore` counts pages bound in front. */
  finish(footer: string, pagesBefore = 0): void {
    const { start, count } = this.doc.bufferedPageRange();
    const total = pagesBefore + count;
    for (let i = start; i < start + count; i++) {
      const n = pagesBefore + i + 1;
      this.doc.switchToPage(i);
      // Text below the bottom margin would start a new page: lift the margin while writing the footer.
      const margin = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      const y = A4.height - MARGIN - 12;
      this.font('regular', 8, MUTED).doc.text(footer, MARGIN, y, { width: CONTENT_WIDTH / 2, lineBreak: false });
      this.doc.text(`Page ${n} of ${total}  第 ${n} 頁，共 ${total} 頁`, MARGIN + CONTENT_WIDTH / 2, y, {
        width: CONTENT_WIDTH / 2,
        align: 'right',
        lineBreak: false,
      });
      if (markedAsTraining) {
        this.font('bold', 9, TRAINING_INK).doc.text(TRAINING_MARK, MARGIN, MARGIN / 2 - 4, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
      }
      this.doc.page.margins.bottom = margin;
    }
  }
}

/** The instant a paper records, as a Date; a RangeError for anything else. */
function dateOf(iso: string): Date {
  const dated = new Date(iso);
  if (Number.isNaN(dated.getTime())) throw new RangeError(`a paper's date must be an ISO instant: ${iso}`);
  return dated;
}

/**
 * A pdfkit document in the paper font, whose information is fixed but for
 * the date the paper records, and a promise of its bytes once it is ended.
 */
function openDocument(info: Pick<PaperInfo, 'title' | 'subject' | 'dated'>, options: PDFKit.PDFDocumentOptions): { doc: PDFKit.PDFDocument; bytes: Promise<Buffer> } {
  const doc = new PDFDocument({
    ...options,
    compress: true,
    pdfVersion: '1.7',
    displayTitle: true,
    info: {
      Title: `${info.title.en} ${info.title['zh-Hant']}`,
      Subject: info.subject,
      Creator: 'courtflow',
      Producer: 'courtflow (PDFKit)',
      CreationDate: dateOf(info.dated),
    },
  });
  const chunks: Buffer[] = [];
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // Registered in a fixed order: pdfkit names the embedded subsets after their registration.
  doc.registerFont('regular', parsedFont('regular'));
  doc.registerFont('bold', parsedFont('bold'));
  doc.font('regular');
  return { doc, bytes };
}

/**
 * Renders a paper: `write` lays out its content, and the bytes come back once
 * the PDF is complete. Deterministic (see the module's comment).
 */
export async function renderPaper(info: PaperInfo, write: (paper: PaperWriter) => void): Promise<Buffer> {
  const { doc, bytes } = openDocument(info, {
    size: [A4.width, A4.height],
    margins: { top: MARGIN, bottom: MARGIN + FOOTER_SPACE, left: MARGIN, right: MARGIN },
    bufferPages: true,
  });
  const paper = new PaperWriter(doc);
  write(paper);
  paper.finish(info.footer, info.pagesBefore);
  doc.end();
  return bytes;
}

/** A sheet's size in points, and what it records (its title, subject and date, as a paper's). */
export interface SheetInfo extends Pick<PaperInfo, 'title' | 'subject' | 'dated'> {
  width: number;
  height: number;
}

/**
 * Renders one page of any size drawn directly with pdfkit (a stamp, a
 * seal), in the paper font and as deterministic as a paper. It is made to be
 * placed on another document's page, so that its Chinese text is set in the
 * embedded font like every paper's. `draw` must keep within the sheet: the
 * sheet has no margins, and text it sets should not break lines.
 */
export async function renderSheet(info: SheetInfo, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const { doc, bytes } = openDocument(info, { size: [info.width, info.height], margins: { top: 0, bottom: 0, left: 0, right: 0 } });
  draw(doc);
  doc.end();
  return bytes;
}
