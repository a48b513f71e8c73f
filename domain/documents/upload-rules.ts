/**
 * What a document uploaded for e-filing must be, and what a litigant is told
 * when it is not: the limits as dated data, the refusal codes with their
 * messages in English and Traditional Chinese, and the verdict on the facts
 * the checker gathered from the file.
 *
 * The iCMS step-by-step guide (seeds/003, "將執行令狀送交存檔", May 2025)
 * describes uploading each document (上載文件: browse or drag and drop,
 * preview, delete before going on) and says that large files should first be
 * uploaded to the Judiciary cloud platform and then picked from it in the
 * filing (「大型檔案應先經功能表上載至司法機構云端平台」). It states no file
 * size, page count or format limit, so the figures below are this project's
 * own choice, recorded with that source, and a date so that a later change
 * is a new entry rather than an edit.
 *
 * Pure and deterministic: no I/O, no clock; the caller passes the date.
 */
import type { IsoDate } from '../calendar/iso-date';

export interface UploadLimits {
  /** First upload date (inclusive, Hong Kong) on which these limits apply. */
  readonly effectiveFrom: IsoDate;
  /** The largest file accepted, in bytes; a file of exactly this size is accepted. */
  readonly maxBytes: number;
  /** The most pages one document may have. */
  readonly maxPages: number;
  /** Where the figures come from. */
  readonly source: string;
}

/** Oldest first: `uploadLimitsOn` relies on this order. */
export const UPLOAD_LIMITS: readonly UploadLimits[] = [
  {
    effectiveFrom: '2026-01-01',
    // 50 MiB: room for a scanned bundle of exhibits, yet small enough that the
    // structural check, which must hold the whole file in memory, stays cheap
    // on a small API machine. 1,000 pages: a document past that is a bundle
    // that the registry would want split into volumes anyway.
    maxBytes: 50 * 1024 * 1024,
    maxPages: 1000,
    source:
      'courtflow policy: the iCMS filing guide (seeds/003, May 2025) states no size or page limit; ' +
      'chosen for documents uploaded through POST /api/v1/documents',
  },
];

/**
 * The limits in force on `date`: the last entry whose `effectiveFrom` is on
 * or before it. No document was uploaded before the first entry, so an
 * earlier date (a machine clock set wrong) gets the first entry rather than
 * no limit at all.
 */
export function uploadLimitsOn(date: IsoDate, limits: readonly UploadLimits[] = UPLOAD_LIMITS): UploadLimits {
  const first = limits[0];
  if (first === undefined) throw new Error('no upload limits are recorded');
  let found = first;
  // ISO dates compare correctly as strings.
  for (const entry of limits) if (entry.effectiveFrom <= date) found = entry;
  return found;
}

/** Why a document is refused. Stable: they are the `rule` of the API's problem. */
export const UPLOAD_REFUSAL_CODES = ['not-a-pdf', 'truncated', 'too-large', 'too-many-pages', 'active-content', 'encrypted', 'unreadable'] as const;
export type UploadRefusalCode = (typeof UPLOAD_REFUSAL_CODES)[number];

/** What a PDF can carry that runs, launches or hides something when it is opened. */
export const ACTIVE_CONTENT_KINDS = [
  /** /JavaScript or /JS, in an action, a name tree or a form field (an /OpenAction or /AA that runs script is one). */
  'javascript',
  /** A /Launch action: opens another program or file. */
  'launch',
  /** An embedded file (/EmbeddedFile, /EmbeddedFiles, a file attachment annotation, /GoToE): a file inside the file. */
  'embedded-file',
  /** /RichMedia (Flash and other players). */
  'rich-media',
  /** An XFA form: carries its own scripts. */
  'xfa-form',
  /** /SubmitForm or /ImportData: sends or loads data when triggered. */
  'form-action',
  /**
   * HTML a web browser would run or load (`<script`, `<iframe`, `<svg`…)
   * among the file's bytes as they are, outside compressed streams: the file
   * is also a web page (a PDF/HTML polyglot), whatever a PDF reader shows.
   */
  'html',
] as const;
export type ActiveContentKind = (typeof ACTIVE_CONTENT_KINDS)[number];

export interface LocalisedText {
  en: string;
  'zh-Hant': string;
}

/**
 * What the checker found, stage by stage; a fact it has not (yet) gathered
 * is absent. The checker stops at the first stage whose facts refuse the
 * file, so a later fact may never be gathered.
 */
export interface UploadFacts {
  /** Bytes received; more than the limit means the checker stopped reading there. */
  readonly bytes: number;
  /**
   * Whether the file begins with the `%PDF-` signature at its very first
   * byte. Readers tolerate up to 1,024 bytes of anything before it; this
   * does not, so a file that is also something else (a polyglot: HTML, ZIP
   * or a script with a PDF behind it) is refused as not a PDF.
   */
  readonly pdfSignature?: boolean;
  /** Whether an `%%EOF` marker ends the file (allowing trailing whitespace). */
  readonly endOfFileMarker?: boolean;
  /** What the structural parse found. */
  readonly structure?: StructureFacts;
}

export type StructureFacts =
  | { readonly readable: false }
  | {
      readonly readable: true;
      readonly encrypted: boolean;
      /** The pages found by walking the page tree. */
      readonly pages: number;
      /** What the page tree's root says it holds (`/Count`); null when it says nothing a reader could use. */
      readonly declaredPages: number | null;
      /** The deepest nesting of arrays and dictionaries inside any one object (an object's own dictionary is 1). */
      readonly nestingDepth: number;
      /** The highest object number the file uses or declares (its cross-reference `/Size` less one). */
      readonly largestObjectNumber: number;
      /** Each kind found at least once, in any order. */
      readonly activeContent: readonly ActiveContentKind[];
    };

/**
 * How deep arrays and dictionaries may nest inside one object: 64, the depth
 * at which PDFium (the reader in Chrome and Edge) stops parsing an object.
 * A genuine document nests a few levels; thousands is a file made to
 * exhaust a reader's stack, which some readers survive and others do not.
 */
export const MAX_NESTING_DEPTH = 64;

/**
 * The highest object number a PDF may have: 8,388,607 indirect objects, the
 * architectural limit of ISO 32000-1 Annex C. A file declaring more (a
 * cross-reference `/Size` of billions) makes readers that size their tables
 * by it allocate for what is not there.
 */
export const MAX_OBJECT_NUMBER = 8_388_607;

export type UploadVerdict =
  | { readonly kind: 'accepted'; readonly pages: number }
  | { readonly kind: 'refused'; readonly code: UploadRefusalCode; readonly activeContent?: readonly ActiveContentKind[] }
  /** Nothing gathered so far refuses the file, but a fact needed to accept it is still missing. */
  | { readonly kind: 'undecided' };

/**
 * The verdict on the facts gathered so far, checking in the order the
 * checker gathers them (size while the file streams in, then the signature
 * and the end marker, then the structure), so the refusal given is the
 * first thing wrong with the file. Within the structure an encrypted file is
 * refused as encrypted before anything else: its contents cannot be
 * inspected, so nothing else said about it could be relied on.
 */
export function uploadVerdict(facts: UploadFacts, limits: Pick<UploadLimits, 'maxBytes' | 'maxPages'>): UploadVerdict {
  if (facts.bytes > limits.maxBytes) return { kind: 'refused', code: 'too-large' };
  if (facts.pdfSignature === undefined) return { kind: 'undecided' };
  if (facts.bytes === 0 || !facts.pdfSignature) return { kind: 'refused', code: 'not-a-pdf' };
  if (facts.endOfFileMarker === undefined) return { kind: 'undecided' };
  if (!facts.endOfFileMarker) return { kind: 'refused', code: 'truncated' };
  const structure = facts.structure;
  if (structure === undefined) return { kind: 'undecided' };
  if (!structure.readable) return { kind: 'refused', code: 'unreadable' };
  // Parsed, but not a file every reader opens the same way: too deep, too many objects declared,
  // or a page count other readers would show differently from the one the registry records.
  if (structure.nestingDepth > MAX_NESTING_DEPTH || structure.largestObjectNumber > MAX_OBJECT_NUMBER || structure.declaredPages !== structure.pages) {
    return { kind: 'refused', code: 'unreadable' };
  }
  if (structure.encrypted) return { kind: 'refused', code: 'encrypted' };
  if (structure.activeContent.length > 0) return { kind: 'refused', code: 'active-content', activeContent: [...structure.activeContent].sort() };
  // A document with no page is no document a court can read.
  if (structure.pages < 1) return { kind: 'refused', code: 'unreadable' };
  if (structure.pages > limits.maxPages) return { kind: 'refused', code: 'too-many-pages' };
  return { kind: 'accepted', pages: structure.pages };
}

/**
 * HTML that a web browser would run or load, as it may sit among a PDF's
 * bytes (in a comment, or an uncompressed stream): an element that runs
 * script, loads something or makes the page a page. Only names that cannot
 * be a PDF hex string (`<a1b2>` is one) are listed, each followed by what
 * ends a tag name. Read as Latin-1, byte for byte.
 */
export const WEB_PAGE_MARKUP = /<(?:!doctype\s+html|html|head|body|script|iframe|frameset|frame|object|embed|svg|img|style|link|meta|base|form)[\s/>]/i;

/** `52428800` → `50 MB`; `1536` → `1.5 KB`: sizes as a litigant reads them (binary units, shown as KB and MB). */
export function formatSize(bytes: number): string {
  const units = [
    ['MB', 1024 * 1024],
    ['KB', 1024],
  ] as const;
  for (const [unit, size] of units) {
    if (bytes >= size) {
      const value = Math.round((bytes / size) * 10) / 10;
      return `${Number.isInteger(value) ? value.toFixed(0) : value.toFixed(1)} ${unit}`;
    }
  }
  return `${bytes} bytes`;
}

/**
 * What the litigant is told, in English and Traditional Chinese: what is
 * wrong and what to do about it, in words a person without a lawyer can act
 * on. `pages` is the page count found, for `too-many-pages`.
 */
export function refusalMessage(code: UploadRefusalCode, limits: Pick<UploadLimits, 'maxBytes' | 'maxPages'>, pages?: number): LocalisedText {
  const size = formatSize(limits.maxBytes);
  switch (code) {
    case 'not-a-pdf':
      return {
        en: 'The file is not a PDF document, whatever its name says. Save or export it as PDF and upload it again.',
        'zh-Hant': '此檔案並非PDF文件（不論其檔案名稱為何）。請將文件儲存或匯出為PDF格式，然後再上載。',
      };
    case 'truncated':
      return {
        en: 'The PDF file is incomplete: it was probably cut short while being saved, copied or sent. Save it again and upload the new copy.',
        'zh-Hant': '此PDF檔案不完整，可能在儲存、複製或傳送時中斷。請重新儲存，然後上載新的檔案。',
      };
    case 'too-large':
      return {
        en: `The file is larger than ${size}, the most one document may be. Make it smaller (for example, scan at a lower resolution) or split it into parts and upload each part as its own document.`,
        'zh-Hant': `檔案超過每份文件${size}的上限。請縮減檔案大小（例如以較低解像度掃描），或將文件分拆，再把每部分作為獨立文件上載。`,
      };
    case 'too-many-pages':
      return {
        en: `The document has ${pages === undefined ? 'more than ' + limits.maxPages : pages} pages; one document may have at most ${limits.maxPages}. Split it into parts and upload each part as its own document.`,
        'zh-Hant': `此文件${pages === undefined ? '超過' + limits.maxPages : '共' + pages}頁，每份文件最多${limits.maxPages}頁。請將文件分拆，再把每部分作為獨立文件上載。`,
      };
    case 'active-content':
      return {
        en: 'The PDF contains active content (a script, a command that opens another program, or a file hidden inside it), which the court cannot accept. Print the document to a new PDF (for example with "Microsoft Print to PDF") and upload that copy.',
        'zh-Hant': '此PDF檔案含有主動內容（程式碼、開啟其他程式的指令或內嵌檔案），法院不能接受。請把文件另行列印為新的PDF檔案（例如使用「Microsoft Print to PDF」），然後上載該檔案。',
      };
    case 'encrypted':
      return {
        en: 'The PDF is password-protected or encrypted, so the court cannot check or open it. Remove the protection, save the document again and upload it.',
        'zh-Hant': '此PDF檔案設有密碼保護或已加密，法院無法檢查或開啟。請先解除保護並重新儲存文件，然後再上載。',
      };
    case 'unreadable':
      return {
        en: 'The PDF file is damaged or malformed and cannot be read. Open it to check it, save it again as PDF and upload the new copy.',
        'zh-Hant': '此PDF檔案已損壞或格式有誤，無法讀取。請開啟檔案檢查，重新儲存為PDF格式，然後上載新的檔案。',
      };
  }
}

/** The filename a filer gave, as it may be stored and shown again. */
export type FilenameCheck = { readonly ok: true; readonly filename: string } | { readonly ok: false; readonly rule: 'filename-required'; readonly message: LocalisedText };

export const MAX_FILENAME_LENGTH = 200;

/**
 * A filename as it may be stored, shown and sent back in Content-Disposition:
 * the last path segment only (a browser may send `C:\\Users\\…\\writ.pdf`),
 * without control characters or the bidirectional overrides that make
 * `gpj.exe` read as `exe.jpg`, spaces collapsed, at most 200 characters, and
 * ending in `.pdf`, since what is stored is a PDF whatever it was called.
 */
export function sanitiseFilename(raw: string): FilenameCheck {
  const lastSegment = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = lastSegment
    // C0 and C1 controls, DEL, bidirectional embeddings, overrides and isolates, BOM, line and paragraph separators.
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u2028\u2029]/g, '')
    // Lone surrogates cannot be stored as text.
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    // A name of dots only (`..`) names a directory, not a file.
    .replace(/^\.+$/, '');
  if (cleaned === '') {
    return {
      ok: false,
      rule: 'filename-required',
      message: {
        en: 'Give the name of the file you are uploading.',
        'zh-Hant': '請提供上載檔案的名稱。',
      },
    };
  }
  const withExtension = /\.pdf$/i.test(cleaned) ? cleaned : `${cleaned}.pdf`;
  const chars = [...withExtension];
  const filename = chars.length <= MAX_FILENAME_LENGTH ? withExtension : `${chars.slice(0, MAX_FILENAME_LENGTH - 4).join('').trimEnd()}.pdf`;
  return { ok: true, filename };
}

/**
 * A document's id: `DOC-` and twelve characters of Crockford's base32 in
 * three groups (`DOC-7K4Q-M2XA-9RTB`): easy to read aloud and to copy into a
 * filing, no I, L, O or U to mistake. 60 random bits, drawn by the caller
 * (this module has no randomness), so ids are not guessable from one another.
 */
export const DOCUMENT_ID_PATTERN = /^DOC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The id made from `random` (at least 8 bytes; the first 60 bits are used). */
export function documentIdFrom(random: Uint8Array): string {
  if (random.length < 8) throw new Error('a document id needs 8 random bytes');
  let bits = 0n;
  for (let i = 0; i < 8; i++) bits = (bits << 8n) | BigInt(random[i] as number);
  bits >>= 4n;
  let chars = '';
  for (let i = 0; i < 12; i++) {
    chars = (CROCKFORD[Number(bits & 31n)] as string) + chars;
    bits >>= 5n;
  }
  return `DOC-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

export const DOCUMENT_STATUSES = ['uploaded', 'used'] as const;
/** `uploaded`: stored, not yet in a filing; `used`: picked in a filing (and no longer to be deleted). */
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];
