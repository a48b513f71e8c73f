/**
 * The catalogue's words for a code the API gives (a stage, a step, a side),
 * or, for a code the catalogues do not have yet, the API's own word marked
 * as English.
 */
import { hasMessage, useLanguage } from '../i18n/language';

export function Words({ k, fallback }: { k: string; fallback: string }) {
  const { t } = useLanguage();
  return hasMessage(k) ? <>{t(k)}</> : <span lang="en">{fallback}</span>;
}
