/**
 * One deadline, explained as every deadline the court computes explains
 * itself: the rule and its statutory basis, the event and the period, the
 * last day, and each day that pushed it later and why. The court's own words
 * come from the API in English and are marked so on a Chinese page.
 */
import { Words } from './words';
import { useLanguage } from '../i18n/language';

interface DeadlineDay {
  date: string;
  reason: string;
  kind: 'extended' | 'not-counted' | 'by-order';
  until?: string;
}
export interface Computation {
  rule: string;
  basis: string;
  description: string;
  trigger: string;
  from: string;
  periodDays: number;
  due: string;
  extensions: DeadlineDay[];
}

/** One deadline, explained: the rule and its basis, the event and the period, the last day, and each day that moved it. */
export function DeadlineCard({ computation: c, status, explanation }: { computation: Computation; status?: string; explanation?: string }) {
  const { t, language } = useLanguage();
  const english = language === 'en' ? undefined : 'en';
  return (
    <section class="deadline" aria-label={c.description}>
      <h3 lang={english}>{c.description}</h3>
      <dl class="facts">
        {status && (
          <>
            <dt>{t('deadline.status')}</dt>
            <dd>
              <Words k={`deadline.status.${status}`} fallback={status} />
            </dd>
          </>
        )}
        <dt>{t('deadline.rule')}</dt>
        <dd>
          <code>{c.rule}</code>
        </dd>
        <dt>{t('deadline.basis')}</dt>
        <dd lang={english}>{c.basis}</dd>
        <dt>{t('deadline.event')}</dt>
        <dd>
          {c.from} <span lang={english}>({c.trigger})</span>
        </dd>
        <dt>{t('deadline.period')}</dt>
        <dd>{t('deadline.days', { days: c.periodDays })}</dd>
        <dt>{t('deadline.due')}</dt>
        <dd>
          <strong>{c.due}</strong>
        </dd>
      </dl>
      {c.extensions.length > 0 && (
        <>
          <h4>{t('deadline.pushedLater')}</h4>
          <ul>
            {c.extensions.map((day) => (
              <li key={`${day.date}-${day.kind}`}>
                {day.date}: <span lang={english}>{day.reason}</span> ({t(`deadline.kind.${day.kind}`)}
                {day.until ? `, ${t('deadline.until', { date: day.until })}` : ''})
              </li>
            ))}
          </ul>
        </>
      )}
      {explanation && (
        <details>
          <summary>{t('deadline.explanation')}</summary>
          <p lang={english}>{explanation}</p>
        </details>
      )}
    </section>
  );
}
