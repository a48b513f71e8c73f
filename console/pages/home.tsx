/** The console's front page: what can be done without signing in, and who is signed in. */
import { Page } from '../components/page';
import { useLanguage } from '../i18n/language';
import { href } from '../router';
import { useSession } from '../session';

export function Home() {
  const { t } = useLanguage();
  const { session } = useSession();
  return (
    <Page title={t('home.title')}>
      <p>{t('home.intro')}</p>
      {session && <p>{t('home.signedInAs', { name: session.account.displayName })}</p>}
      <ul class="links">
        <li>
          <a href={href('/cause-book')}>{t('nav.causeBook')}</a>
        </li>
        <li>
          <a href={href('/verify')}>{t('nav.verify')}</a>
        </li>
        <li>{session ? <a href={href('/my-cases')}>{t('nav.myCases')}</a> : <a href={href('/sign-in')}>{t('nav.signIn')}</a>}</li>
      </ul>
    </Page>
  );
}
