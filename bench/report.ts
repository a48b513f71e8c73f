/**
 * A benchmark's answer: a table of figures, each with courtflow's value, the
 * raw baseline's beside it (measured in the same run on the same server) and
 * their ratio, printed for a person and kept as JSON for the next comparison.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ratio } from './stats';

export interface Row {
  figure: string;
  courtflow: number | undefined;
  raw?: number | undefined;
  /** Digits after the point. */
  digits?: number;
  /** A word after the values: what they were measured on, or why one is missing. */
  note?: string;
}

const show = (value: number | undefined, digits: number): string => (value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits));

/** A ratio to two places, or to two significant digits below 0.1 (so 0.0037 is not shown as 0.00). */
const showRatio = (r: number): string => (!Number.isFinite(r) ? '—' : r < 0.1 ? r.toPrecision(2) : r.toFixed(r < 10 ? 2 : 1));

/** The rows as a fixed-width table: figure, courtflow, raw baseline, courtflow ÷ raw. */
export function table(rows: readonly Row[]): string {
  const lines = rows.map((row) => {
    const digits = row.digits ?? 0;
    const r = row.raw === undefined || row.courtflow === undefined ? undefined : ratio(row.courtflow, row.raw);
    return [row.figure, show(row.courtflow, digits), row.raw === undefined ? '' : show(row.raw, digits), r === undefined ? '' : showRatio(r), row.note ?? ''];
  });
  const header = ['figure', 'courtflow', 'raw baseline', 'courtflow ÷ raw', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const format = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 || i === cells.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...lines.map(format)].join('\n');
}

/** Writes `result` as JSON under `dir`; returns the file's path. */
export function writeResult(dir: string, name: string, result: unknown): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  return file;
}
