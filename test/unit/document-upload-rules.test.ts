/**
 * The rules of a document upload, as pure data and functions: the limits in
 * force on a date, the verdict on what the checker found (first thing wrong
 * wins), the litigant's messages in both languages, filenames and ids.
 */
import {
  ACTIVE_CONTENT_KINDS,
  DOCUMENT_ID_PATTERN,
  documentIdFrom,
  formatSize,
  refusalMessage,
  sanitiseFilename,
  UPLOAD_LIMITS,
  UPLOAD_REFUSAL_CODES,
  uploadLimitsOn,
  uploadVerdict,
  MAX_NESTING_DEPTH,
  MAX_OBJECT_NUMBER,
  WEB_PAGE_MARKUP,
  type StructureFacts,
  type UploadFacts,
  type UploadLimits,
} from '../../domain/documents/upload-rules';

const limits = { maxBytes: 1000, maxPages: 10 };
type Readable = Extract<StructureFacts, { readable: true }>;
const readable = (over: Partial<Readable> = {}): Readable => {
  const pages = over.pages ?? 3;
  return { readable: true, encrypted: false, pages, declaredPages: pages, nestingDepth: 4, largestObjectNumber: 12, activeContent: [], ...over };
};
const complete = (over: Partial<UploadFacts> = {}): UploadFacts => ({ bytes: 500, pdfSignature: true, endOfFileMarker: true, structure: readable(), ...over });

describe('uploadLimitsOn', () => {
  it('when asked for any date, then the limits are dated data with a source and positive figures', () => {
    for (const entry of UPLOAD_LIMITS) {
      expect(entry.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(entry.source).toContain('seeds/003');
      expect(entry.maxBytes).toBeGreaterThan(0);
      expect(entry.maxPages).toBeGreaterThan(0);
    }
    expect(uploadLimitsOn('2026-11-22')).toBe(UPLOAD_LIMITS[UPLOAD_LIMITS.length - 1]);
  });

  it('when the limits change on a date, then the day before has the old ones and that day the new ones', () => {
    const table: UploadLimits[] = [
      { effectiveFrom: '2026-01-01', maxBytes: 100, maxPages: 5, source: 'first' },
      { effectiveFrom: '2027-07-01', maxBytes: 200, maxPages: 9, source: 'second' },
    ];
    expect(uploadLimitsOn('2027-06-30', table).source).toBe('first');
    expect(uploadLimitsOn('2027-07-01', table).source).toBe('second');
    // A clock set before the table still gets a limit, never none.
    expect(uploadLimitsOn('2020-01-01', table).source).toBe('first');
  });
});

describe('uploadVerdict', () => {
  it('when every fact is good, then the file is accepted with its page count', () => {
    expect(uploadVerdict(complete(), limits)).toEqual({ kind: 'accepted', pages: 3 });
  });

  it('when the size is exactly the limit, then it is accepted; one byte more is too large, whatever else is known', () => {
    expect(uploadVerdict(complete({ bytes: 1000 }), limits).kind).toBe('accepted');
    expect(uploadVerdict({ bytes: 1001 }, limits)).toEqual({ kind: 'refused', code: 'too-large' });
    expect(uploadVerdict(complete({ bytes: 1001, pdfSignature: false }), limits)).toEqual({ kind: 'refused', code: 'too-large' });
  });

  it('when a fact is still missing and nothing known refuses, then the verdict waits for it', () => {
    expect(uploadVerdict({ bytes: 10 }, limits)).toEqual({ kind: 'undecided' });
    expect(uploadVerdict({ bytes: 10, pdfSignature: true }, limits)).toEqual({ kind: 'undecided' });
    expect(uploadVerdict({ bytes: 10, pdfSignature: true, endOfFileMarker: true }, limits)).toEqual({ kind: 'undecided' });
  });

  it('when the signature is missing or the file is empty, then it is not a PDF, before anything later is looked at', () => {
    expect(uploadVerdict({ bytes: 10, pdfSignature: false }, limits)).toEqual({ kind: 'refused', code: 'not-a-pdf' });
    expect(uploadVerdict({ bytes: 0, pdfSignature: true }, limits)).toEqual({ kind: 'refused', code: 'not-a-pdf' });
    expect(uploadVerdict(complete({ pdfSignature: false, endOfFileMarker: false }), limits)).toEqual({ kind: 'refused', code: 'not-a-pdf' });
  });

  it('when the end-of-file marker is missing, then the file is truncated', () => {
    expect(uploadVerdict({ bytes: 10, pdfSignature: true, endOfFileMarker: false }, limits)).toEqual({ kind: 'refused', code: 'truncated' });
  });

  it('when the structure cannot be parsed, or has no page, then it is unreadable', () => {
    expect(uploadVerdict(complete({ structure: { readable: false } }), limits)).toEqual({ kind: 'refused', code: 'unreadable' });
    expect(uploadVerdict(complete({ structure: readable({ pages: 0 }) }), limits)).toEqual({ kind: 'refused', code: 'unreadable' });
  });

  it('when objects nest deeper than 64 levels, or the file declares more objects than a PDF may have, then it is unreadable; at the limits it is read', () => {
    expect(uploadVerdict(complete({ structure: readable({ nestingDepth: MAX_NESTING_DEPTH }) }), limits).kind).toBe('accepted');
    expect(uploadVerdict(complete({ structure: readable({ nestingDepth: MAX_NESTING_DEPTH + 1 }) }), limits)).toEqual({ kind: 'refused', code: 'unreadable' });
    expect(uploadVerdict(complete({ structure: readable({ largestObjectNumber: MAX_OBJECT_NUMBER }) }), limits).kind).toBe('accepted');
    expect(uploadVerdict(complete({ structure: readable({ largestObjectNumber: MAX_OBJECT_NUMBER + 1 }) }), limits)).toEqual({ kind: 'refused', code: 'unreadable' });
    expect([MAX_NESTING_DEPTH, MAX_OBJECT_NUMBER]).toEqual([64, 8_388_607]);
  });

  it('when the page tree says it holds other than the pages it has, or says nothing usable, then it is unreadable (the registry records the page count)', () => {
    expect(uploadVerdict(complete({ structure: readable({ pages: 3, declaredPages: 999_999_999 }) }), limits)).toEqual({ kind: 'refused', code: 'unreadable' });
    expect(uploadVerdict(complete({ structure: readable({ pages: 3, declaredPages: 2 }) }), limits)).toEqual({ kind: 'refused', code: 'unreadable' });
    expect(uploadVerdict(complete({ structure: readable({ pages: 3, declaredPages: null }) }), limits)).toEqual({ kind: 'refused', code: 'unreadable' });
  });

  it('when the file is encrypted, then it is refused as encrypted even if it also shows active content or too many pages', () => {
    const facts = complete({ structure: readable({ encrypted: true, activeContent: ['javascript'], pages: 99 }) });
    expect(uploadVerdict(facts, limits)).toEqual({ kind: 'refused', code: 'encrypted' });
  });

  it('when there is active content of any kind, then it is refused naming every kind found, sorted', () => {
    for (const kind of ACTIVE_CONTENT_KINDS) {
      expect(uploadVerdict(complete({ structure: readable({ activeContent: [kind] }) }), limits)).toEqual({ kind: 'refused', code: 'active-content', activeContent: [kind] });
    }
    expect(uploadVerdict(complete({ structure: readable({ activeContent: ['launch', 'embedded-file', 'javascript'] }) }), limits)).toMatchObject({
      activeContent: ['embedded-file', 'javascript', 'launch'],
    });
  });

  it('when the pages pass the limit, then too many pages; exactly the limit is accepted', () => {
    expect(uploadVerdict(complete({ structure: readable({ pages: 10 }) }), limits)).toEqual({ kind: 'accepted', pages: 10 });
    expect(uploadVerdict(complete({ structure: readable({ pages: 11 }) }), limits)).toEqual({ kind: 'refused', code: 'too-many-pages' });
  });
});

describe('WEB_PAGE_MARKUP', () => {
  it('when the bytes hold an element a browser runs or loads, in any case, then it is found', () => {
    for (const markup of ['<script>', '<SCRIPT src=x>', '<iframe src="x">', '<svg onload=alert(1)>', '<img/src=x onerror=y>', '<!DOCTYPE html>', '<html>', '<body\n>', '<meta http-equiv=refresh>', '<object data=x>', '<embed src=x>']) {
      expect([markup, WEB_PAGE_MARKUP.test(`%PDF-1.7\n%${markup}\n`)]).toEqual([markup, true]);
    }
  });

  it('when the bytes hold what a PDF is made of (hex strings, dictionaries, XMP metadata), then nothing is found', () => {
    for (const pdf of ['<< /Type /Catalog /Pages 2 0 R >>', '<a1b2 c3d4>', '<ab>', '<FEFF00480069>', '<x:xmpmeta xmlns:x="adobe:ns:meta/">', '<rdf:RDF>', '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>', '(a < b) Tj', '<embedded>', '<images>']) {
      expect([pdf, WEB_PAGE_MARKUP.test(pdf)]).toEqual([pdf, false]);
    }
  });
});

describe('refusalMessage', () => {
  it('when any refusal is explained, then there is an English and a Traditional Chinese message, each saying what to do', () => {
    for (const code of UPLOAD_REFUSAL_CODES) {
      const message = refusalMessage(code, { maxBytes: 50 * 1024 * 1024, maxPages: 1000 }, 1200);
      expect(message.en.length).toBeGreaterThan(40);
      expect(message['zh-Hant']).toMatch(/[\u4e00-\u9fff]/);
      // Traditional, not Simplified: the forms a Hong Kong reader expects.
      expect(message['zh-Hant']).not.toMatch(/[档载请压缩损]/);
      expect(message.en).toMatch(/\.$/);
    }
  });

  it('when the limits are in a message, then both languages state them', () => {
    const tooLarge = refusalMessage('too-large', { maxBytes: 50 * 1024 * 1024, maxPages: 1000 });
    expect(tooLarge.en).toContain('50 MB');
    expect(tooLarge['zh-Hant']).toContain('50 MB');
    const tooLong = refusalMessage('too-many-pages', { maxBytes: 1, maxPages: 1000 }, 1200);
    expect(tooLong.en).toContain('1200 pages');
    expect(tooLong.en).toContain('at most 1000');
    expect(tooLong['zh-Hant']).toContain('共1200頁');
    expect(tooLong['zh-Hant']).toContain('最多1000頁');
  });

  it('when sizes are shown, then in KB and MB a litigant reads', () => {
    expect(formatSize(50 * 1024 * 1024)).toBe('50 MB');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(64 * 1024)).toBe('64 KB');
    expect(formatSize(900)).toBe('900 bytes');
  });
});

describe('sanitiseFilename', () => {
  const ok = (raw: string) => {
    const result = sanitiseFilename(raw);
    if (!result.ok) throw new Error(`refused ${JSON.stringify(raw)}`);
    return result.filename;
  };

  it('when a browser sends a full path, then only the last segment is kept', () => {
    expect(ok('C:\\Users\\chan\\Desktop\\writ.pdf')).toBe('writ.pdf');
    expect(ok('../../etc/passwd')).toBe('passwd.pdf');
  });

  it('when the name hides its extension with a bidirectional override or carries control characters, then they are removed', () => {
    expect(ok('invoice\u202Efdp.exe')).toBe('invoicefdp.exe.pdf');
    expect(ok('a\u0000b\r\nc.pdf')).toBe('abc.pdf');
    expect(ok('  many   spaces .PDF ')).toBe('many spaces .PDF');
  });

  it('when the name is Chinese, then it is kept as it is', () => {
    expect(ok('管有令狀（草擬本）.pdf')).toBe('管有令狀（草擬本）.pdf');
  });

  it('when the name is very long, then it is cut to 200 characters and still ends in .pdf', () => {
    const name = ok(`${'令'.repeat(300)}.pdf`);
    expect([...name]).toHaveLength(200);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('when nothing usable is left, then the filename is required, in both languages', () => {
    for (const raw of ['', '   ', '\u202E', '..', 'C:\\folder\\']) {
      const result = sanitiseFilename(raw);
      expect([raw, result.ok]).toEqual([raw, false]);
      if (!result.ok) {
        expect(result.rule).toBe('filename-required');
        expect(result.message['zh-Hant']).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });
});

describe('documentIdFrom', () => {
  it('when made from random bytes, then it reads DOC-XXXX-XXXX-XXXX in Crockford base32, and different bytes give different ids', () => {
    const a = documentIdFrom(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0]));
    const b = documentIdFrom(Uint8Array.from([255, 255, 255, 255, 255, 255, 255, 255]));
    const c = documentIdFrom(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(a).toBe('DOC-0000-0000-0000');
    expect(b).toBe('DOC-ZZZZ-ZZZZ-ZZZZ');
    for (const id of [a, b, c]) expect(id).toMatch(DOCUMENT_ID_PATTERN);
    expect(new Set([a, b, c]).size).toBe(3);
    expect(c.slice(4)).not.toMatch(/[ILOU]/);
    expect(() => documentIdFrom(new Uint8Array(7))).toThrow();
  });
});
