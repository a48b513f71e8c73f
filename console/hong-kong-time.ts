/**
 * Instants as the court reads them: Hong Kong's wall clock, whatever the
 * reader's computer is set to (the API sends instants in UTC).
 */
const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Hong_Kong',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `2026-11-23T09:14:05.120Z` → `2026-11-23 17:14`. */
export function hongKongTime(instant: string): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return instant;
  const part = (type: Intl.DateTimeFormatPartTypes) => PARTS.formatToParts(at).find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
