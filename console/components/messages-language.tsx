/**
 * The language the court writes to the account in (GET and PUT
 * /api/v1/me/language): English or Traditional Chinese, the languages its
 * notices exist in. Apart from the console's own language; messages already
 * sent stay in the language they were sent in.
 */
import { useEffect, useState } from 'preact/hooks';
import { useLanguage, wordsOr } from '../i18n/language';
import { useSignedInRequest } from '../pages/signed-in';
import { ProblemAlert } from './problem-alert';

const CHOICES = ['en', 'zh-Hant'] as const;

export function MessagesLanguage() {
  const { t } = useLanguage();
  const request = useSignedInRequest();
  const [chosen, setChosen] = useState<string>('');
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    request<{ language: string }>('GET', '/api/v1/me/language').then(
      (found) => found && setChosen(found.language),
      (err: unknown) => setError(err),
    );
  }, []);

  const save = async () => {
    setError(null);
    setSaved(null);
    try {
      const set = await request<{ language: string }>('PUT', '/api/v1/me/language', { body: { language: chosen } });
      if (set) setSaved(set.language);
    } catch (err) {
      setError(err);
    }
  };
  const name = (code: string) => wordsOr(t, `enum.language.${code}`, code);

  return (
    <details class="steps">
      <summary>{t('messages.heading')}</summary>
      <p class="hint">{t('messages.hint')}</p>
      {error !== null && <ProblemAlert error={error} />}
      {saved && (
        <p role="status" class="done">
          {t('messages.saved', { language: name(saved) })}
        </p>
      )}
      <form
        noValidate
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label for="messages-language">{t('messages.heading')}</label>
        <select id="messages-language" value={chosen} onChange={(e) => setChosen(e.currentTarget.value)}>
          {CHOICES.map((code) => (
            <option key={code} value={code} lang={code === 'en' ? 'en' : 'zh-Hant'}>
              {name(code)}
            </option>
          ))}
        </select>
        <button type="submit">{t('messages.save')}</button>
      </form>
    </details>
  );
}
