/**
 * Signing in: POST /api/v1/auth/login. A refusal is shown as the API words
 * it (the same answer for a wrong username and a wrong password); after a
 * success the reader goes where they were going, or to their cases.
 */
import { useState } from 'preact/hooks';
import { api, ApiProblem } from '../api';
import { Field } from '../components/field';
import { Page } from '../components/page';
import { ProblemAlert } from '../components/problem-alert';
import { isLanguage, useLanguage } from '../i18n/language';
import { href, navigate, type Place } from '../router';
import { useSession, type Session } from '../session';

interface LoginResponse {
  accessToken: string;
  expiresAt: string;
  account: Session['account'];
}

/**
 * Where to go after signing in: the console page that asked (only a console
 * address, never another site), else the staff's work queue, else the cases.
 */
const safeNext = (next: string | null, role: string) =>
  next !== null && /^\/console(\/[\w\-/]*)?(\?[^#]*)?$/.test(next) ? next : href(role === 'registry-officer' || role === 'adjudicator' ? '/work-queue' : '/my-cases');

export function SignIn({ place }: { place: Place }) {
  const { t, language, setLanguage } = useLanguage();
  const { signIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const labels = { username: t('signIn.username'), password: t('signIn.password') };
  const fieldError = (name: string) => (error instanceof ApiProblem ? error.errorOf(name) : undefined);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api<LoginResponse>('POST', '/api/v1/auth/login', { body: { username, password } });
      signIn({ token: answer.accessToken, expiresAt: answer.expiresAt, account: answer.account });
      // The account's own language wins; an account that has none keeps the one it signed in with.
      const kept = await api<{ language: string | null }>('GET', '/api/v1/me/console-language', { token: answer.accessToken }).catch(() => null);
      if (kept && isLanguage(kept.language)) setLanguage(kept.language, { forAccount: false });
      else if (kept) await api('PUT', '/api/v1/me/console-language', { token: answer.accessToken, body: { language } }).catch(() => undefined);
      navigate(safeNext(place.query.get('next'), answer.account.role), { replace: true });
    } catch (err) {
      setError(err);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('signIn.title')}>
      {place.query.get('signedOut') === '1' && <p role="status">{t('signIn.signedOut')}</p>}
      {place.query.get('ended') === '1' && <p role="status">{t('problem.signInAgain')}</p>}
      {error !== null && <ProblemAlert error={error} labels={labels} />}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field name="username" label={labels.username} value={username} onInput={setUsername} autoComplete="username" required error={fieldError('username')} />
        <Field name="password" type="password" label={labels.password} value={password} onInput={setPassword} autoComplete="current-password" required error={fieldError('password')} />
        <button type="submit" disabled={busy}>
          {busy ? t('signIn.signingIn') : t('signIn.submit')}
        </button>
      </form>
    </Page>
  );
}
