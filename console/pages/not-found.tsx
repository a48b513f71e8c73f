/** An address under /console/ that names no page. */
import { Page } from '../components/page';
import { useLanguage } from '../i18n/language';

export function NotFound() {
  const { t } = useLanguage();
  return (
    <Page title={t('app.notFound.title')}>
      <p>{t('app.notFound.body')}</p>
    </Page>
  );
}
