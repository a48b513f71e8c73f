/**
 * Reading what a person typed into the values a request carries: the same
 * rules for every form, so HK$ and address lines read alike everywhere.
 */

/** Lines as typed, one per line, blank lines dropped. */
export const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** `HK$12,500.00` → 1250000; anything else is left as typed, for the API to refuse by name. */
export function centsOf(text: string): number | string {
  const dollars = text.trim().replace(/^HK\$\s*/i, '').replace(/,/g, '');
  return /^\d+(\.\d{1,2})?$/.test(dollars) ? Math.round(Number(dollars) * 100) : text.trim();
}
