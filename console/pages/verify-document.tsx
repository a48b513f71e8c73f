/**
 * Verifying a document reference number, for anyone: GET
 * /api/v1/document-references/{number} gives the public facts of the
 * document (its case, kind, date and the SHA-256 of the file), so a holder
 * of a copy can check it is the one on record. The number asked is kept in
 * the address.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiProblem } from '../api';
import { Field } from '../components/field';
import { Page } from '../components/page';
import { ProblemAlert } from '../components/problem-alert';
import { useLanguage } from '../i18n/language';
import { href, navigate, type Place } from '../router';

interface Verification {
  documentReferenceNo: string;
  caseNo: string;
  type: string;
  source: 'filing' | 'tribunal';
  on: string | null;
  sha256: string;
  openToPublicInspection: boolean;
}

export function VerifyDocument({ place }: { place: Place }) {
  const { t, language } = useLanguage();
  const asked = place.query.get('reference') ?? '';
  const [reference, setReference] = useState(asked);
  const [found, setFound] = useState<Verification | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setReference(asked);
    setFound(null);
    setError(null);
    if (asked === '') return;
    const abort = new AbortController();
    api<Verification>('GET', `/api/v1/document-references/${encodeURIComponent(asked.trim())}`, { signal: abort.signal })
      .then(setFound)
      .catch((err: unknown) => {
        if (!abort.signal.aborted) setError(err);
      });
    return () => abort.abort();
  }, [asked]);

  const label = t('verify.reference');
  // The field is named as the API names the number in its errors (a path parameter).
  const fieldError = error instanceof ApiProblem ? error.errorOf('documentReferenceNo') : undefined;
  return (
    <Page title={t('verify.title')}>
      <p>{t('verify.intro')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          navigate(href('/verify', { reference: reference.trim() }));
        }}
      >
        <Field name="documentReferenceNo" label={label} hint={t('verify.referenceHint')} value={reference} onInput={setReference} required error={fieldError} />
        <button type="submit">{t('verify.submit')}</button>
      </form>
      {error !== null && <ProblemAlert error={error} labels={{ documentReferenceNo: label }} />}
      {found && (
        <section aria-labelledby="found-heading">
          <div role="status">
            <h2 id="found-heading">
              {t('verify.found')}
            </h2>
          </div>
          <dl class="facts">
            <dt>{t('verify.reference')}</dt>
            <dd>{found.documentReferenceNo}</dd>
            <dt>{t('verify.caseNo')}</dt>
            <dd>{found.caseNo}</dd>
            <dt>{t('verify.type')}</dt>
            <dd lang={language === 'en' ? undefined : 'en'}>{found.type}</dd>
            <dt>{t('verify.source')}</dt>
            <dd>{t(found.source === 'filing' ? 'verify.source.filing' : 'verify.source.tribunal')}</dd>
            <dt>{t('verify.on')}</dt>
            <dd>{found.on ?? '—'}</dd>
            <dt>{t('verify.sha256')}</dt>
            <dd>
              <code class="digest">{found.sha256}</code>
              <p class="hint">{t('verify.sha256Hint')}</p>
            </dd>
            <dt>{t('verify.public')}</dt>
            <dd>{t(found.openToPublicInspection ? 'verify.yes' : 'verify.no')}</dd>
          </dl>
        </section>
      )}
    </Page>
  );
}
