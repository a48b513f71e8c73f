/**
 * Checks an uploaded file by its content, never by its name or declared
 * type: the `%PDF-` signature at its first byte, an `%%EOF` at its end, then
 * a structural parse with pdf-lib that counts the pages, notices encryption
 * and walks every object for content that runs or hides something. It
 * gathers facts; the verdict is the domain's (`uploadVerdict`).
 */
import { open, readFile } from 'node:fs/promises';
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFStream, type PDFContext, type PDFObject } from 'pdf-lib';
import {
  uploadVerdict,
  WEB_PAGE_MARKUP,
  type ActiveContentKind,
  type StructureFacts,
  type UploadFacts,
  type UploadLimits,
  type UploadVerdict,
} from '../../domain/documents/upload-rules';
import { withDecodingBudget } from './decoding-budget';

export interface PdfCheck {
  facts: UploadFacts;
  verdict: UploadVerdict;
}

/** What may follow `%%EOF`: PDF white space (NUL, tab, LF, FF, CR, space). */
const TRAILING_WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const SIGNATURE = Buffer.from('%PDF-', 'latin1');
const EOF_MARKER = Buffer.from('%%EOF', 'latin1');
/** How far from the end `%%EOF` may sit, white space after it included. */
const TAIL_BYTES = 1024;

/**
 * Checks the file at `file`, `bytes` long (already known to be within the
 * size limit: the caller stopped reading past it), stage by stage, stopping
 * at the first stage whose facts refuse it.
 */
export async function checkPdf(file: string, bytes: number, limits: Pick<UploadLimits, 'maxBytes' | 'maxPages'>): Promise<PdfCheck> {
  let facts: UploadFacts = { bytes };
  let verdict = uploadVerdict(facts, limits);
  if (verdict.kind === 'refused') return { facts, verdict };

  facts = { ...facts, ...(await markers(file, bytes)) };
  verdict = uploadVerdict(facts, limits);
  if (verdict.kind === 'refused') return { facts, verdict };

  // pdf-lib parses from bytes in memory, so the file is read whole here. That
  // is bounded: nothing past the size limit was ever written to it.
  const content = await readFile(file);
  facts = { ...facts, structure: await inspectStructure(content) };
  return { facts, verdict: uploadVerdict(facts, limits) };
}

/** The signature at the start and the end-of-file marker, from the first and last bytes only. */
async function markers(file: string, bytes: number): Promise<Pick<UploadFacts, 'pdfSignature' | 'endOfFileMarker'>> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(SIGNATURE.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const tailLength = Math.min(bytes, TAIL_BYTES);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, bytes - tailLength);
    let end = tail.length;
    while (end > 0 && TRAILING_WHITESPACE.has(tail[end - 1] as number)) end--;
    return {
      pdfSignature: bytesRead === SIGNATURE.length && head.equals(SIGNATURE),
      endOfFileMarker: end >= EOF_MARKER.length && tail.subarray(end - EOF_MARKER.length, end).equals(EOF_MARKER),
    };
  } finally {
    await handle.close();
  }
}

/**
 * The most a parse may decompress (object and cross-reference streams):
 * eight times the file, and never less than 64 MB. A genuine document's
 * object streams are a fraction of it; a bomb is thousands of times its size.
 */
export const decodingBudgetFor = (bytes: number) => Math.max(64 * 1024 * 1024, 8 * bytes);

/**
 * Parses the whole file. Strict: an object pdf-lib cannot parse makes the
 * file unreadable (`throwOnInvalidObject`), because content that is skipped
 * is content that was not checked. Encrypted files are parsed anyway
 * (`ignoreEncryption`) so they are refused as encrypted, not as unreadable.
 * The parse yields to the event loop every 1,500 objects, so one large
 * upload does not stall every other request.
 */
export async function inspectStructure(content: Uint8Array): Promise<StructureFacts> {
  try {
    return await withDecodingBudget(decodingBudgetFor(content.length), async () => {
      const doc = await PDFDocument.load(content, {
        ignoreEncryption: true,
        throwOnInvalidObject: true,
        updateMetadata: false,
        parseSpeed: ParseSpeeds.Fast,
      });
      // The trailer naming an /Encrypt dictionary is what makes a file encrypted,
      // whether or not the dictionary itself can be found.
      const encrypted = doc.context.trailerInfo.Encrypt !== undefined || doc.isEncrypted;
      const { activeContent, nestingDepth } = walkObjects(doc.context);
      const count = doc.catalog.Pages().lookup(PDFName.of('Count'));
      const bytes = latin1(content);
      return {
        readable: true,
        encrypted,
        pages: doc.getPageCount(),
        declaredPages: count instanceof PDFNumber ? count.asNumber() : null,
        nestingDepth,
        largestObjectNumber: Math.max(doc.context.largestObjectNumber, declaredSize(doc.context, bytes) - 1),
        activeContent: WEB_PAGE_MARKUP.test(bytes) ? [...activeContent, 'html'] : activeContent,
      };
    });
  } catch {
    // Anything the parser throws (malformed syntax, a missing catalogue, a
    // page tree that loops, a spent decoding budget) means the same to the filer.
    return { readable: false };
  }
}

/**
 * `/J#61vaScript` is `/JavaScript` to a reader, whatever case the hex digits
 * are in; pdf-lib decodes only upper-case ones, and re-escapes the `#` of
 * those it leaves, so escapes are decoded until nothing changes.
 */
function plainName(name: PDFName): string {
  let text = name.asString().replace(/^\//, '');
  for (let i = 0; i < 4; i++) {
    const decoded = text.replace(/#([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (decoded === text) break;
    text = decoded;
  }
  return text;
}

/** Keys whose mere presence means active content, whatever their value. */
const ACTIVE_KEYS: Record<string, ActiveContentKind> = {
  JavaScript: 'javascript',
  JS: 'javascript',
  EmbeddedFile: 'embedded-file',
  EmbeddedFiles: 'embedded-file',
  EF: 'embedded-file',
  RichMediaContent: 'rich-media',
  RichMediaSettings: 'rich-media',
  XFA: 'xfa-form',
};

/** Values of /S (an action's type), /Type and /Subtype that mean active content. */
const ACTIVE_TYPES: Record<string, ActiveContentKind> = {
  JavaScript: 'javascript',
  Launch: 'launch',
  SubmitForm: 'form-action',
  ImportData: 'form-action',
  GoToE: 'embedded-file',
  EmbeddedFile: 'embedded-file',
  FileAttachment: 'embedded-file',
  RichMedia: 'rich-media',
  RichMediaExecute: 'rich-media',
};
const TYPE_KEYS = new Set(['S', 'Type', 'Subtype']);

/**
 * Every kind of active content anywhere in the document, and how deep
 * arrays and dictionaries nest: each indirect object, and every dictionary
 * and array nested in one (a stream's dictionary included), walked with a
 * stack rather than recursion so no nesting depth can overflow it.
 * References need no following: every object they can point at is itself
 * one of the indirect objects walked. So an /OpenAction or /AA that runs
 * script is found by its action's /S /JavaScript, and one that only goes to
 * a page is not refused.
 */
export function walkObjects(context: PDFContext): { activeContent: ActiveContentKind[]; nestingDepth: number } {
  const found = new Set<ActiveContentKind>();
  let nestingDepth = 0;
  // Depth of the container an object sits in: an indirect object's own dictionary or array is at depth 1.
  const stack: { object: PDFObject; depth: number }[] = context.enumerateIndirectObjects().map(([, object]) => ({ object, depth: 0 }));
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { object, depth } = item;
    if (object instanceof PDFStream) {
      stack.push({ object: object.dict, depth });
    } else if (object instanceof PDFArray) {
      nestingDepth = Math.max(nestingDepth, depth + 1);
      // One by one: spreading an array of a million elements would overflow the call stack.
      for (const element of object.asArray()) stack.push({ object: element, depth: depth + 1 });
    } else if (object instanceof PDFDict) {
      nestingDepth = Math.max(nestingDepth, depth + 1);
      for (const [key, value] of object.entries()) {
        const name = plainName(key);
        const byKey = ACTIVE_KEYS[name];
        if (byKey) found.add(byKey);
        if (value instanceof PDFName && TYPE_KEYS.has(name)) {
          const byType = ACTIVE_TYPES[plainName(value)];
          if (byType) found.add(byType);
        }
        stack.push({ object: value, depth: depth + 1 });
      }
    }
  }
  return { activeContent: [...found].sort(), nestingDepth };
}

/** The bytes as they are, one character a byte: for what is looked for in them, not parsed. */
const latin1 = (content: Uint8Array): string => Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('latin1');

/**
 * The largest `/Size` a cross-reference section declares: how many objects
 * the file says it has. A cross-reference stream's is in its dictionary,
 * which pdf-lib keeps; a classic trailer's pdf-lib reads and drops, so it is
 * read from the bytes after each `trailer` keyword. 0 when none is written.
 */
function declaredSize(context: PDFContext, text: string): number {
  let largest = 0;
  for (const [, object] of context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFStream) || object.dict.lookup(PDFName.of('Type')) !== PDFName.of('XRef')) continue;
    const size = object.dict.lookup(PDFName.of('Size'));
    if (size instanceof PDFNumber) largest = Math.max(largest, size.asNumber());
  }
  for (const trailer of text.matchAll(/trailer[\s\0]*<<([\s\S]{0,4096}?)>>[\s\0]*startxref/g)) {
    const size = /\/Size[\s\0]+([0-9]{1,20})(?![0-9.])/.exec(trailer[1] as string);
    if (size) largest = Math.max(largest, Number(size[1]));
  }
  return largest;
}
