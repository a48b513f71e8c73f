/**
 * The filename of an upload, from its Content-Disposition header (RFC 6266),
 * and the header that sends it back. Header values are Latin-1 on the wire,
 * so a Chinese filename comes as `filename*=UTF-8''%E4%BB%A4%E7%8B%80.pdf`
 * (RFC 8187), preferred when both forms are given, as RFC 6266 s.4.3 says.
 */

export type FilenameParam = { ok: true; filename: string | undefined } | { ok: false; message: string };

/** `attachment; filename="writ.pdf"` → `writ.pdf`; no header or no filename → undefined. */
export function filenameFromContentDisposition(header: string | undefined): FilenameParam {
  if (header === undefined) return { ok: true, filename: undefined };
  const params = new Map<string, string>();
  // `; name=token` or `; name="quoted \" string"`, after the disposition type.
  const param = /;\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]*)/g;
  for (let match = param.exec(header); match !== null; match = param.exec(header)) {
    const name = (match[1] as string).toLowerCase();
    const raw = match[2] as string;
    if (!params.has(name)) params.set(name, raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw);
  }
  const extended = params.get('filename*');
  if (extended !== undefined) {
    // RFC 8187 requires UTF-8 of every recipient; it is the one charset taken here.
    const parts = /^UTF-8'[^']*'(.*)$/i.exec(extended);
    if (!parts) return { ok: false, message: "filename* must be written UTF-8''value, e.g. UTF-8''%E4%BB%A4.pdf (RFC 8187)" };
    try {
      return { ok: true, filename: decodeURIComponent(parts[1] as string) };
    } catch {
      return { ok: false, message: 'filename* is not valid UTF-8 percent-encoding (RFC 8187)' };
    }
  }
  const plain = params.get('filename');
  return { ok: true, filename: plain === undefined ? undefined : utf8IfItIs(plain) };
}

/**
 * Node reads header bytes as Latin-1; a client such as curl sends a UTF-8
 * name as it is. Bytes that are valid UTF-8 are read as UTF-8 (a Latin-1
 * name with accents is almost never valid UTF-8), anything else as Latin-1.
 */
function utf8IfItIs(latin1: string): string {
  if (!/[\x80-\xff]/.test(latin1)) return latin1;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(latin1, 'latin1'));
  } catch {
    return latin1;
  }
}

/**
 * `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<the name>`:
 * every client gets a usable name, and those that read RFC 8187 the real one.
 */
export function attachmentHeader(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
