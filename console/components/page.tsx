/**
 * A page's heading: it names the page in the window title too, and takes
 * the focus when the page is reached by a link, so a screen reader announces
 * where the reader now is and the keyboard goes on from the top of it.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useLanguage } from '../i18n/language';

export function Page({ title, lang, children }: { title: string; /** When the title is in another language than the page's (a message's subject). */ lang?: string; children?: ComponentChildren }) {
  const { t } = useLanguage();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  useEffect(() => {
    // Only after a move within the console; on first load the browser's own start is kept.
    if (document.activeElement && document.activeElement !== document.body) heading.current?.focus();
  }, []);
  return (
    <>
      <h1 tabIndex={-1} ref={heading} lang={lang}>
        {title}
      </h1>
      {children}
    </>
  );
}
