/**
 * The font every paper is set in, embedded (subset) in each PDF so that it
 * reads the same on any machine, Chinese included.
 *
 * Noto Sans HK (思源黑體 香港), from the npm package
 * `@expo-google-fonts/noto-sans-hk` (pinned in package.json): TrueType files
 * of Google Fonts' build (version 2.004), SIL Open Font License 1.1. It
 * follows the Hong Kong glyph standard (常用字字形表) and covers Big5 and
 * HKSCS, so Cantonese characters and Hong Kong names (嘅, 㗎, 啲…) print, and
 * its Latin letters and digits set the English half and the hashes. A
 * TrueType file (not woff2, not a collection) is what pdfkit and fontkit
 * subset directly; coming from npm, it needs nothing installed on the machine.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { create, type Font } from 'fontkit';

export const FONT_PACKAGE = '@expo-google-fonts/noto-sans-hk';
export const FONT_FAMILY = 'Noto Sans HK';
export const FONT_LICENCE = 'SIL Open Font License 1.1';

/** The weights papers use: text and headings. */
export type FontWeight = 'regular' | 'bold';

const FILES: Record<FontWeight, string> = {
  regular: '400Regular/NotoSansHK_400Regular.ttf',
  bold: '700Bold/NotoSansHK_700Bold.ttf',
};

/** Where the package is installed (it has no `exports` map, so its files resolve directly). */
function packageDir(): string {
  try {
    return path.dirname(require.resolve(`${FONT_PACKAGE}/package.json`));
  } catch (err) {
    throw new Error(`The paper font ${FONT_PACKAGE} is not installed: run npm install (it is a dependency of courtflow)`, { cause: err });
  }
}

/** The path of a weight's TrueType file. */
export function fontPath(weight: FontWeight): string {
  return path.join(packageDir(), FILES[weight]);
}

/** A weight's TrueType bytes (about 7 MB each), read from the package; papers use them parsed, below. */
export function fontBytes(weight: FontWeight): Buffer {
  return readFileSync(fontPath(weight));
}

const parsed = new Map<FontWeight, Font>();

/**
 * A weight parsed once per process, for every paper to subset. Parsing the
 * 7 MB file again for each paper was half of what a paper cost to render
 * (a notice of hearing: 30 ms, 15 ms with the font parsed once); a parsed
 * font is read, never changed, by the papers that embed it, so each paper's
 * bytes are the same either way.
 */
export function parsedFont(weight: FontWeight): Font {
  let font = parsed.get(weight);
  if (!font) {
    const opened = create(fontBytes(weight));
    // A TrueType file is one font; only a collection (.ttc) holds several.
    if (!('layout' in opened)) throw new Error(`${fontPath(weight)} is a font collection, not one font`);
    font = opened;
    parsed.set(weight, font);
  }
  return font;
}
