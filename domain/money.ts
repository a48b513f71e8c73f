/**
 * Money as people read it: `HK$12,500.00`, one way everywhere (case
 * histories, notices, refusals). Amounts are whole Hong Kong cents.
 *
 * Written by hand rather than with `toLocaleString`, so the output does not
 * depend on the runtime's locale data (workflows replay on any worker).
 */
export function formatHkd(cents: number): string {
  if (!Number.isSafeInteger(cents)) return `HK$${String(cents / 100)}`;
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100).toString();
  const rest = (abs % 100).toString().padStart(2, '0');
  const grouped = dollars.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}HK$${grouped}.${rest}`;
}
