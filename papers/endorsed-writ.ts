/**
 * The court's endorsement on a writ of execution, at its two stages: the
 * approved draft (Stage A, 「草擬本已獲批准」) and the sealed writ (Stage B,
 * 「已蓋章」). Each paper is the filer's own PDF as filed, its pages copied
 * unchanged, with
 *
 * - on the first page, in the top right-hand corner as the reader sees it, the
 *   court's mark: a stamp box for the approved draft (its document reference
 *   number, the date, by order or direction of the court), a round seal for
 *   the sealed writ (the court, the date, its document reference number and
 *   the approved draft it follows); and
 * - a last page stating every fact of the endorsement in both languages,
 *   including the SHA-256 of the file as filed, so the paper says which file
 *   it endorses.
 *
 * The stamp, the seal and the last page are drawn with pdfkit in the paper
 * font (`renderSheet`, `renderPaper`), so their Chinese is embedded as in
 * every paper; pdf-lib (which cannot subset that font without a fontkit of
 * its own) only copies the filer's pages, places the stamp on the first as a
 * form XObject (the page's own content is wrapped, not rewritten) and appends
 * the last page. A file pdf-lib cannot read as a PDF (damaged, encrypted, not
 * a PDF at all, no pages) gives the endorsement page alone, saying that the
 * court keeps the file under its SHA-256: the endorsement is still made.
 *
 * The same inputs give the same bytes: pdfkit's output is deterministic (see
 * render.ts), and the bound document is written by pdf-lib, which adds no
 * file identifier, with its information fixed but for the date of the
 * endorsement.
 */
import { createHash } from 'node:crypto';
import { PDFDocument, degrees, type PDFEmbeddedPage, type PDFPage } from 'pdf-lib';
import type { ApprovedDraftFacts, EndorsedWritFacts, SealedWritFacts } from '../domain/filing/writ-papers';
import { COURT_ACTIONS, COURT_LEVELS, DOCUMENT_TYPES, hongKongIso, pagesInWords, timeInWords, type LocalisedText } from '../domain/inbox/terms';
import { renderPaper, renderSheet, type PaperWriter } from './render';

/** Bumped whenever the stamp, the layout or the wording changes, so a stored approved draft names the renderer that made it. */
export const APPROVED_DRAFT_VERSION = '1';
/** Bumped whenever the seal, the layout or the wording changes, so a stored sealed writ names the renderer that made it. */
export const SEALED_WRIT_VERSION = '1';

const safeName = (text: string): string => text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 80);

/** The file name the approved draft is offered under: `approved-draft-<document reference number>.pdf`. */
export function approvedDraftFileName(documentReferenceNo: string): string {
  return `approved-draft-${safeName(documentReferenceNo) || 'writ'}.pdf`;
}

/** The file name the sealed writ is offered under: `sealed-writ-<document reference number>.pdf`. */
export function sealedWritFileName(documentReferenceNo: string): string {
  return `sealed-writ-${safeName(documentReferenceNo) || 'writ'}.pdf`;
}

const L = {
  document: { en: 'Document', 'zh-Hant': '文件名稱' },
  documentReferenceNo: { en: 'Document reference no.', 'zh-Hant': '文件參考編號' },
  approvedDraft: { en: 'Approved draft ref. no.', 'zh-Hant': '獲批准草擬本的文件參考編號' },
  filingReference: { en: 'Filing reference', 'zh-Hant': '存檔參考編號' },
  caseNo: { en: 'Case number', 'zh-Hant': '案件編號' },
  courtLevel: { en: 'Court level', 'zh-Hant': '法院級別' },
  approvedAt: { en: 'Approved at', 'zh-Hant': '批准時間' },
  courtAction: { en: 'Order or direction', 'zh-Hant': '命令／指示' },
  approvedBy: { en: 'Approved by', 'zh-Hant': '批准人' },
  sealedAt: { en: 'Sealed at', 'zh-Hant': '蓋章時間' },
  sealedBy: { en: 'Sealed by', 'zh-Hant': '蓋章人' },
  sha256: { en: 'SHA-256 of the file as filed', 'zh-Hant': '所存檔檔案的數碼指紋 (SHA-256)' },
  original: { en: 'The file as filed', 'zh-Hant': '所存檔的檔案' },
} as const satisfies Record<string, LocalisedText>;

const APPROVED_TITLE: LocalisedText = { en: 'Approved Draft', 'zh-Hant': '草擬本已獲批准' };
const SEALED_TITLE: LocalisedText = { en: 'Sealed Writ', 'zh-Hant': '已蓋章令狀' };
const APPROVAL_STAMP: LocalisedText = { en: 'approval stamp', 'zh-Hant': '批准印章' };
const SEAL: LocalisedText = { en: 'seal', 'zh-Hant': '印章' };

const both = (text: LocalisedText): string => `${text.en}  ${text['zh-Hant']}`;
/** A time as the paper prints it: the instant in Hong Kong time (ISO), then in words in both languages. */
const when = (iso: string): string[] => [hongKongIso(iso), timeInWords(iso, 'en'), timeInWords(iso, 'zh-Hant')];
/** The day a stamp bears: the Hong Kong date of the instant. */
const dayOf = (iso: string): string => hongKongIso(iso).slice(0, 10);
const byCourt = (action: ApprovedDraftFacts['courtAction']): LocalisedText => ({
  en: `By ${COURT_ACTIONS[action].en} of the court`,
  'zh-Hant': `奉法庭${COURT_ACTIONS[action]['zh-Hant']}`,
});

/** What the endorsement says of the file as filed: bound before the last page, or kept by the court alone. */
type Original = { pages: number } | 'unreadable';

/** What differs between the two endorsements. */
interface Endorsement {
  facts: EndorsedWritFacts;
  /** The instant of the endorsement: the date on the mark and the paper's creation date. */
  dated: string;
  title: LocalisedText;
  /** What the mark on the first page is called, on the endorsement page. */
  mark: LocalisedText;
  drawMark: () => Promise<Buffer>;
  /** The rows that belong to this stage (times, who, the approved draft), after the document's own. */
  rows: (paper: PaperWriter) => void;
  note: LocalisedText;
}

/** Renders the approved draft: the filer's draft with the approval stamp, and the endorsement page. */
export function renderApprovedDraft(original: Uint8Array, facts: ApprovedDraftFacts): Promise<Buffer> {
  const type = DOCUMENT_TYPES[facts.writ.type];
  const action = COURT_ACTIONS[facts.courtAction];
  const ref = facts.writ.documentReferenceNo;
  return endorse(original, {
    facts,
    dated: facts.approvedAt,
    title: APPROVED_TITLE,
    mark: APPROVAL_STAMP,
    drawMark: () => approvalStamp(facts),
    rows: (paper) =>
      paper
        .field(L.approvedAt, when(facts.approvedAt))
        .field(L.courtAction, both(byCourt(facts.courtAction)))
        .field(L.approvedBy, facts.by),
    note: {
      en:
        `The court ${facts.courtAction === 'order' ? 'made an order' : 'gave a direction'} and approved this draft ${type.en}. ` +
        `When the ${type.en} is filed for sealing, it must follow this approved draft and give ${ref} as the document reference number of the approved draft. ` +
        'This endorsement applies to the file whose SHA-256 is stated above, and to no other.',
      'zh-Hant':
        `法庭已作出${action['zh-Hant']}，並批准此${type['zh-Hant']}草擬本。送交${type['zh-Hant']}以供蓋章時，文件須依循此獲批准的草擬本，` +
        `並須在「獲批准草擬本的文件參考編號」一欄填上 ${ref}。本批註只適用於上述 SHA-256 數碼指紋所指的檔案。`,
    },
  });
}

/** Renders the sealed writ: the filer's writ with the court's seal, and the endorsement page. */
export function renderSealedWrit(original: Uint8Array, facts: SealedWritFacts): Promise<Buffer> {
  const type = DOCUMENT_TYPES[facts.writ.type];
  return endorse(original, {
    facts,
    dated: facts.sealedAt,
    title: SEALED_TITLE,
    mark: SEAL,
    drawMark: () => courtSeal(facts),
    rows: (paper) =>
      paper
        .field(L.approvedDraft, facts.approvedDraftReferenceNo)
        .field(L.sealedAt, when(facts.sealedAt))
        .field(L.sealedBy, facts.by),
    note: {
      en:
        `The court sealed and issued this ${type.en}, which follows the approved draft ${facts.approvedDraftReferenceNo}. ` +
        'This endorsement applies to the file whose SHA-256 is stated above, and to no other.',
      'zh-Hant':
        `法庭已將此${type['zh-Hant']}蓋章發出；該文件依循獲批准草擬本 ${facts.approvedDraftReferenceNo}。` +
        '本批註只適用於上述 SHA-256 數碼指紋所指的檔案。',
    },
  });
}

/**
 * The endorsed paper: the file as filed with the mark and the endorsement
 * page, or the endorsement page alone when the file cannot be read as a PDF.
 */
async function endorse(original: Uint8Array, e: Endorsement): Promise<Buffer> {
  const sha256 = createHash('sha256').update(original).digest('hex');
  // Endorsing other bytes than the facts name would certify a file the court never saw: a mistake in the caller, never a paper.
  if (sha256 !== e.facts.sourceSha256.toLowerCase()) {
    throw new Error(`The file given has SHA-256 ${sha256}, not ${e.facts.sourceSha256} as the endorsement states: it is not the file as filed`);
  }
  const source = await readPdf(original);
  if (source) {
    const pages = source.getPageCount();
    const [mark, page] = await Promise.all([e.drawMark(), endorsementPage(e, { pages })]);
    try {
      return await bind(source, mark, page, e);
    } catch {
      // pdf-lib reads lazily: a page it listed but cannot copy makes the file as unreadable as one it could not open.
    }
  }
  return endorsementPage(e, 'unreadable');
}

/** The file as filed as pdf-lib reads it, or undefined: not a PDF, damaged, encrypted, or without a page to bear the mark. */
async function readPdf(original: Uint8Array): Promise<PDFDocument | undefined> {
  try {
    const source = await PDFDocument.load(original, { updateMetadata: false });
    return source.getPageCount() > 0 ? source : undefined;
  } catch {
    return undefined;
  }
}

/** The filer's pages, the mark on the first, and the endorsement page last, in a new document whose information is the court's. */
async function bind(source: PDFDocument, mark: Buffer, endorsement: Buffer, e: Endorsement): Promise<Buffer> {
  const out = await PDFDocument.create({ updateMetadata: false });
  for (const page of await out.copyPages(source, source.getPageIndices())) out.addPage(page);
  const [embedded] = await out.embedPdf(mark);
  if (!embedded) throw new Error('the mark has no page');
  placeInCorner(out.getPage(0), embedded);

  const back = await PDFDocument.load(endorsement, { updateMetadata: false });
  for (const page of await out.copyPages(back, back.getPageIndices())) out.addPage(page);

  const dated = new Date(e.dated);
  out.setTitle(`${e.title.en} ${e.title['zh-Hant']}`, { showInWindowTitleBar: true });
  out.setSubject(`${e.facts.writ.documentReferenceNo} ${e.facts.filingReference} ${e.facts.caseNo}`);
  out.setCreator('courtflow');
  out.setProducer('courtflow (pdf-lib)');
  out.setCreationDate(dated);
  out.setModificationDate(dated);
  return Buffer.from(await out.save());
}

const CORNER_INSET = 18;

/**
 * Draws the mark in the top right-hand corner of the page as a viewer shows
 * it: inside the crop box, turned with the page's /Rotate so that it reads
 * upright, and made smaller on a small page so that it never covers more
 * than a corner.
 */
function placeInCorner(page: PDFPage, mark: PDFEmbeddedPage): void {
  const box = page.getCropBox();
  const angle = ((page.getRotation().angle % 360) + 360) % 360;
  const rotation = angle === 90 || angle === 180 || angle === 270 ? angle : 0;
  // The page's width and height as seen, which a quarter turn swaps.
  const [seenWidth, seenHeight] = rotation === 90 || rotation === 270 ? [box.height, box.width] : [box.width, box.height];
  const scale = Math.min(1, (seenWidth * 0.45) / mark.width, (seenHeight * 0.25) / mark.height);
  const w = mark.width * scale;
  const h = mark.height * scale;
  const left = box.x;
  const bottom = box.y;
  const right = box.x + box.width;
  const top = box.y + box.height;
  // Where the mark's own lower-left corner goes, in the page's unrotated space, for it to end up top right when the viewer turns the page.
  const at = {
    0: { x: right - CORNER_INSET - w, y: top - CORNER_INSET - h },
    90: { x: left + CORNER_INSET + h, y: top - CORNER_INSET - w },
    180: { x: left + CORNER_INSET + w, y: bottom + CORNER_INSET + h },
    270: { x: right - CORNER_INSET - h, y: bottom + CORNER_INSET + w },
  }[rotation];
  page.drawPage(mark, { x: at.x, y: at.y, xScale: scale, yScale: scale, rotate: degrees(rotation) });
}

/** The last page: every fact of the endorsement, both languages. */
function endorsementPage(e: Endorsement, original: Original): Promise<Buffer> {
  const { facts } = e;
  const court = COURT_LEVELS[facts.courtLevel];
  const ref = facts.writ.documentReferenceNo;
  const type = DOCUMENT_TYPES[facts.writ.type];
  const originalSays: string[] =
    original === 'unreadable'
      ? [
          'The file as filed cannot be read as a PDF, so it is not reproduced here; the court keeps it under the SHA-256 above.',
          '所存檔的檔案無法以 PDF 格式讀取，故未在此轉載；法院按上述 SHA-256 數碼指紋保存該檔案。',
        ]
      : [
          `The ${type.en} as filed, ${pagesInWords(original.pages, 'en')}, precedes this page, with the court's ${e.mark.en} on its first page.`,
          `所存檔的${type['zh-Hant']}共${pagesInWords(original.pages, 'zh-Hant')}，載於本頁之前，其首頁蓋有法院的${e.mark['zh-Hant']}。`,
        ];
  return renderPaper(
    {
      title: e.title,
      subject: `${ref} ${facts.filingReference} ${facts.caseNo}`,
      footer: `${L.documentReferenceNo.en} ${L.documentReferenceNo['zh-Hant']}: ${ref}`,
      dated: e.dated,
      pagesBefore: original === 'unreadable' ? 0 : original.pages,
    },
    (paper) => {
      paper.masthead(court).title(e.title).field(L.document, both(type)).field(L.documentReferenceNo, ref);
      e.rows(paper);
      paper
        .field(L.filingReference, facts.filingReference)
        .field(L.caseNo, facts.caseNo)
        .field(L.courtLevel, both(court))
        .field(L.sha256, facts.sourceSha256.toLowerCase())
        .field(L.original, originalSays)
        .note(e.note);
    },
  );
}

// The marks, drawn in points with pdfkit's origin at the top left of the sheet.

const STAMP_INK = '#1f3a93';
const SEAL_INK = '#b0171f';
/** A mark lies over the filer's text: a nearly opaque white ground keeps it legible without hiding what is under it entirely. */
const GROUND_OPACITY = 0.85;

/** Sets one line centred on `cx` at `y`, made smaller (not below 4 pt) until it fits `maxWidth`. */
function centred(doc: PDFKit.PDFDocument, text: string, weight: 'regular' | 'bold', size: number, cx: number, y: number, maxWidth: number): void {
  let fitted = size;
  doc.font(weight).fontSize(fitted);
  while (fitted > 4 && doc.widthOfString(text) > maxWidth) doc.fontSize((fitted -= 0.25));
  doc.text(text, cx - doc.widthOfString(text) / 2, y, { lineBreak: false });
}

/** The Stage A stamp: a double-ruled box with 「草擬本已獲批准 APPROVED DRAFT」, the reference number, the date and the court's order or direction. */
function approvalStamp(facts: ApprovedDraftFacts): Promise<Buffer> {
  const W = 224;
  const H = 112;
  return renderSheet({ title: APPROVED_TITLE, subject: facts.writ.documentReferenceNo, dated: facts.approvedAt, width: W, height: H }, (doc) => {
    doc.save().fillColor('#ffffff', GROUND_OPACITY).rect(0, 0, W, H).fill().restore();
    doc.lineWidth(1.6).strokeColor(STAMP_INK).rect(1.5, 1.5, W - 3, H - 3).stroke();
    doc.lineWidth(0.6).rect(5, 5, W - 10, H - 10).stroke();
    doc.fillColor(STAMP_INK);
    const cx = W / 2;
    const inner = W - 24;
    centred(doc, APPROVED_TITLE['zh-Hant'], 'bold', 14, cx, 9, inner);
    centred(doc, 'APPROVED DRAFT', 'bold', 11, cx, 29, inner);
    doc.lineWidth(0.5).moveTo(14, 49).lineTo(W - 14, 49).stroke();
    centred(doc, `${L.documentReferenceNo.en}  ${L.documentReferenceNo['zh-Hant']}`, 'regular', 7, cx, 52, inner);
    centred(doc, facts.writ.documentReferenceNo, 'bold', 10, cx, 62, inner);
    centred(doc, `Date  日期  ${dayOf(facts.approvedAt)}`, 'regular', 7.5, cx, 78, inner);
    centred(doc, both(byCourt(facts.courtAction)), 'regular', 7.5, cx, 90, inner);
  });
}

/**
 * The Stage B seal: a double ring with a beaded band, and inside it the
 * court, 「已蓋章 SEALED」 and the date; beside it the writ's document
 * reference number and the approved draft it follows.
 */
function courtSeal(facts: SealedWritFacts): Promise<Buffer> {
  const W = 262;
  const H = 120;
  const R = 57;
  const cx = 60;
  const cy = H / 2;
  const court = COURT_LEVELS[facts.courtLevel];
  return renderSheet({ title: SEALED_TITLE, subject: facts.writ.documentReferenceNo, dated: facts.sealedAt, width: W, height: H }, (doc) => {
    doc.save().fillColor('#ffffff', GROUND_OPACITY).circle(cx, cy, R).fill().rect(124, 24, W - 126, H - 48).fill().restore();
    doc.strokeColor(SEAL_INK).fillColor(SEAL_INK);
    doc.lineWidth(2).circle(cx, cy, R - 1).stroke();
    doc.lineWidth(0.7).circle(cx, cy, R - 8).stroke();
    // The beaded band between the rings, as on an impressed seal.
    for (let i = 0; i < 48; i++) {
      const a = (i * Math.PI) / 24;
      doc.circle(cx + (R - 4.5) * Math.cos(a), cy + (R - 4.5) * Math.sin(a), 0.9).fill();
    }
    // Each line is kept inside the inner ring: the chord at its height bounds its width.
    const chord = (y: number, lineHeight: number): number => {
      const far = Math.max(Math.abs(y - cy), Math.abs(y + lineHeight - cy));
      return 2 * Math.sqrt(Math.max(0, (R - 12) ** 2 - far ** 2));
    };
    centred(doc, court['zh-Hant'], 'bold', 9, cx, cy - 37, chord(cy - 34, 10));
    centred(doc, court.en, 'regular', 6.5, cx, cy - 24, chord(cy - 22, 7));
    centred(doc, '已蓋章', 'bold', 15, cx, cy - 14, 80);
    centred(doc, 'SEALED', 'bold', 10.5, cx, cy + 7, 80);
    centred(doc, dayOf(facts.sealedAt), 'regular', 7.5, cx, cy + 23, chord(cy + 26, 8));

    doc.lineWidth(0.6).rect(124, 24, W - 126, H - 48).stroke();
    const bx = 124 + (W - 126) / 2;
    const inner = W - 134;
    centred(doc, `${L.documentReferenceNo.en}  ${L.documentReferenceNo['zh-Hant']}`, 'regular', 6.5, bx, 28, inner);
    centred(doc, facts.writ.documentReferenceNo, 'bold', 9.5, bx, 38, inner);
    centred(doc, 'Approved draft  獲批准草擬本', 'regular', 6.5, bx, 56, inner);
    centred(doc, facts.approvedDraftReferenceNo, 'bold', 9.5, bx, 66, inner);
  });
}
