/**
 * A budget on what pdf-lib may decompress while it parses one upload.
 *
 * Parsing a PDF decodes its object streams and cross-reference streams in
 * memory (pdf-lib's port of pdf.js's DecodeStream), and nothing bounds how
 * far a buffer grows: a one-megabyte upload can inflate to gigabytes and
 * take the API process down with it (a decompression bomb). Every pdf-lib
 * decoder grows its buffer through `DecodeStream.prototype.ensureBuffer`, so
 * that one method is wrapped, once, to charge each growth to the budget of
 * the parse in progress (kept in AsyncLocalStorage, so concurrent uploads
 * each have their own) and to stop the parse when it is spent. Outside a
 * budget the method behaves as before.
 *
 * pdf-lib is pinned (package.json); if a new version moves the method, the
 * first parse fails loudly here rather than running without the bound.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import DecodeStream from 'pdf-lib/cjs/core/streams/DecodeStream';

export class DecodingBudgetSpent extends Error {
  override name = 'DecodingBudgetSpent';
}

interface Budget {
  left: number;
}

/** A pdf-lib decoder (FlateStream, LZWStream…), as far as the budget needs to know it. */
type Decoder = object;
type EnsureBuffer = (this: Decoder, requested: number) => Uint8Array;

const budgets = new AsyncLocalStorage<Budget>();
let installed = false;

function install(): void {
  if (installed) return;
  const prototype = DecodeStream.prototype as unknown as { ensureBuffer?: EnsureBuffer };
  const original = prototype.ensureBuffer;
  if (typeof original !== 'function') {
    throw new Error('pdf-lib no longer has DecodeStream.prototype.ensureBuffer: review services/documents/decoding-budget.ts before upgrading it');
  }
  // What each decoder has asked room for so far: its decoded length. Growth of
  // that, not of the buffer (which doubles), is what the budget is charged.
  const decoded = new WeakMap<Decoder, number>();
  prototype.ensureBuffer = function ensureBufferWithinBudget(this: Decoder, requested: number): Uint8Array {
    const budget = budgets.getStore();
    const before = decoded.get(this) ?? 0;
    if (budget !== undefined && requested > before) {
      decoded.set(this, requested);
      budget.left -= requested - before;
      if (budget.left < 0) throw new DecodingBudgetSpent('the PDF decompresses to more than its decoding budget');
    }
    return original.call(this, requested);
  };
  installed = true;
}

/** Runs `work` (a pdf-lib parse) with at most `bytes` of decompressed stream data. */
export function withDecodingBudget<T>(bytes: number, work: () => Promise<T>): Promise<T> {
  install();
  return budgets.run({ left: bytes }, work);
}
