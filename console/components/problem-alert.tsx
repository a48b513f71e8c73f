/**
 * Why a request was refused, as the API worded it, announced as soon as it
 * appears (role="alert") and focused, so a keyboard or screen-reader user
 * lands on it. Each field error links to its input. The API words most
 * refusals in English; a Chinese page says so and marks them `lang="en"`
 * (one it words in Traditional Chinese too is shown in that).
 */
import { useEffect, useRef } from 'preact/hooks';
import { ApiProblem, Unreachable } from '../api';
import { useLanguage } from '../i18n/language';

export interface ProblemAlertProps {
  error: unknown;
  /** The label of each field the form has, by the API's field name. */
  labels?: Record<string, string>;
}

export function ProblemAlert({ error, labels = {} }: ProblemAlertProps) {
  const { t, language } = useLanguage();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.focus();
  }, [error]);
  const english = language === 'en' ? undefined : 'en';
  let body;
  if (error instanceof Unreachable) body = <p>{t('problem.network')}</p>;
  else if (error instanceof ApiProblem) {
    body = (
      <>
        {english && error.localisedDetail ? (
          // Worded by the API in Traditional Chinese too (a refused upload): that, marked as such on a Simplified page.
          <p lang={language === 'zh-Hant' ? undefined : 'zh-Hant'}>{error.localisedDetail['zh-Hant']}</p>
        ) : (
          <>
            {english && <p>{t('problem.inEnglish')}</p>}
            <p lang={english}>{error.detail ?? error.title}</p>
          </>
        )}
        {error.errors.length > 0 && (
          <ul>
            {error.errors.map((e) => (
              <li key={e.field}>
                {Object.hasOwn(labels, e.field) ? (
                  <a href={`#${e.field}`} onClick={(event) => focusField(event, e.field)}>
                    {labels[e.field]}
                  </a>
                ) : (
                  <code>{e.field}</code>
                )}
                {': '}
                <span lang={english}>{e.message}</span>
              </li>
            ))}
          </ul>
        )}
      </>
    );
  } else body = <p lang="en">{String(error)}</p>;
  return (
    <div class="problem" role="alert" tabIndex={-1} ref={box}>
      <h2>{t('problem.heading')}</h2>
      {body}
    </div>
  );
}

/** Following an error's link puts the keyboard in its field (a fragment link alone only scrolls there). */
function focusField(event: MouseEvent, id: string): void {
  const field = document.getElementById(id);
  if (!field) return;
  event.preventDefault();
  field.focus();
  field.scrollIntoView({ block: 'center' });
}
