/**
 * Reading a PDF back the way a person's viewer does, with poppler-utils:
 * its text (pdftotext, through the embedded font's ToUnicode map) and a page
 * as pixels (pdftoppm), to check where a mark landed. poppler-utils must be
 * installed (`apt-get install poppler-utils`): without it the tests that use
 * these fail saying so, rather than pass having checked nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

function withFile<T>(pdf: Uint8Array, use: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'courtflow-pdf-'));
  try {
    const file = path.join(dir, 'paper.pdf');
    writeFileSync(file, pdf);
    return use(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function poppler(tool: string, args: string[]): Buffer {
  try {
    return execFileSync(tool, args, { maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${tool} is not installed: apt-get install poppler-utils`);
    throw err;
  }
}

/** The text of the PDF, or of pages `first` to `last` (1-based) only. */
export function pdfText(pdf: Uint8Array, pages?: { first: number; last: number }): string {
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  return withFile(pdf, (file) => poppler('pdftotext', ['-enc', 'UTF-8', ...range, file, '-']).toString('utf8'));
}

/** A page as the viewer shows it (rotation applied), in RGB pixels. */
export interface Raster {
  width: number;
  height: number;
  /** The colour at column x, row y (row 0 at the top). */
  rgb(x: number, y: number): [number, number, number];
}

/** Page `page` (1-based) rendered at `dpi`, read from pdftoppm's binary PPM. */
export function pdfPageRaster(pdf: Uint8Array, page: number, dpi = 24): Raster {
  const ppm = withFile(pdf, (file, dir) => {
    const out = path.join(dir, 'page');
    poppler('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, out]);
    return readFileSync(`${out}.ppm`);
  });
  // P6 header: magic, width, height, maximum value, each followed by whitespace; then the pixels.
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a binary PPM');
  const [whole, w, h] = header as unknown as [string, string, string];
  const width = Number(w);
  const height = Number(h);
  const start = whole.length;
  return {
    width,
    height,
    rgb: (x, y) => {
      const i = start + (y * width + x) * 3;
      return [ppm[i] ?? 0, ppm[i + 1] ?? 0, ppm[i + 2] ?? 0];
    },
  };
}

/** The bounding box of the pixels `match` picks, or undefined when none does. */
export function boxOf(raster: Raster, match: (rgb: [number, number, number]) => boolean): { left: number; top: number; right: number; bottom: number } | undefined {
  let box: { left: number; top: number; right: number; bottom: number } | undefined;
  for (let y = 0; y < raster.height; y++) {
    for (let x = 0; x < raster.width; x++) {
      if (!match(raster.rgb(x, y))) continue;
      box = box
        ? { left: Math.min(box.left, x), top: Math.min(box.top, y), right: Math.max(box.right, x), bottom: Math.max(box.bottom, y) }
        : { left: x, top: y, right: x, bottom: y };
    }
  }
  return box;
}
