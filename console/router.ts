/**
 * Pages are addresses under /console/: the address bar, the back button and
 * a bookmark all work, and a search's terms live in the query string, so a
 * change of language or a reload never loses them. The server answers every
 * /console/… address with the same page (api/console-page.ts).
 */
import { useEffect, useState } from 'preact/hooks';

export const BASE = '/console';

export interface Place {
  /** The page's path below /console, e.g. `/cause-book`; `/` for home. */
  path: string;
  query: URLSearchParams;
}

const here = (): Place => {
  const below = window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) : '/';
  return { path: below === '' ? '/' : below, query: new URLSearchParams(window.location.search) };
};

/** The console address of a page, with an optional query. */
export function href(path: string, query?: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined && value !== '') params.set(name, value);
  const search = params.toString();
  return `${BASE}${path}${search ? `?${search}` : ''}`;
}

const CHANGED = 'courtflow:navigate';

/** Goes to a console address without reloading; `replace` for a change that is not a step back-able. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGED));
}

/** The current place, following back, forward and `navigate`. */
export function usePlace(): Place {
  const [place, setPlace] = useState(here);
  useEffect(() => {
    const follow = () => setPlace(here());
    window.addEventListener('popstate', follow);
    window.addEventListener(CHANGED, follow);
    // A page may have moved on before this listened (a child's effect runs first: sign-in when signed out).
    follow();
    return () => {
      window.removeEventListener('popstate', follow);
      window.removeEventListener(CHANGED, follow);
    };
  }, []);
  return place;
}

/**
 * A plain click on a same-origin console link is followed in place; a click
 * with a modifier (new tab, new window) is left to the browser.
 */
export function followLink(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = (event.target as Element | null)?.closest('a');
  if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin || !url.pathname.startsWith(BASE)) return;
  // A link to a place on this page (an error's field) is the browser's to follow.
  if (url.hash && url.pathname === window.location.pathname && url.search === window.location.search) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
}
