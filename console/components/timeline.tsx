/**
 * What happened, oldest first, each entry at its Hong Kong time with who
 * did it: the court's own words, from the API in English, marked so on a
 * Chinese page.
 */
import { hongKongTime } from '../hong-kong-time';
import { useLanguage } from '../i18n/language';

export interface TimelineEntry {
  at: string;
  detail: string;
  by?: { name: string } | null;
}

export function Timeline({ events }: { events: readonly TimelineEntry[] }) {
  const { language } = useLanguage();
  const english = language === 'en' ? undefined : 'en';
  return (
    <ol class="timeline">
      {events.map((event, i) => (
        <li key={i}>
          <time dateTime={event.at}>{hongKongTime(event.at)}</time> <span lang={english}>{event.detail}</span>
          {event.by && <span class="hint"> · {event.by.name}</span>}
        </li>
      ))}
    </ol>
  );
}
