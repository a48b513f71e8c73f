/**
 * Registering for iCMS, the applicant's side (seed 000), for anyone not
 * signed in: the application form (POST /api/v1/registrations, built from
 * the API's schema), whose answer carries the access key shown once; then
 * the application itself (GET /api/v1/registrations/{reference} with the
 * key as Registration-Token): the documents its kind needs, each PDF
 * attached from the page (POST …/documents?kind=…), submitting it, and
 * where it stands: when to go to the Support Centre, reminders, the
 * registry's decision. The key is kept in this tab's sessionStorage only,
 * like a signed-in session, so it ends with the tab.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiProblem, uploadPdf } from '../api';
import { ApiForm } from '../components/api-form';
import { Page } from '../components/page';
import { ProblemAlert } from '../components/problem-alert';
import { Words } from '../components/words';
import { hongKongTime } from '../hong-kong-time';
import { useLanguage, wordsOr } from '../i18n/language';
import { href, navigate, type Place } from '../router';

interface Registration {
  reference: string;
  kind: 'individual' | 'organisation';
  stage: string;
  verifyBy: string | null;
  documents: { kind: string; fileName: string; sha256: string; pages: number }[];
  reminders: { at: string; message: string }[];
  decision: { outcome: 'activated' | 'rejected'; reasons: string[] } | null;
  version: number;
}

/** The supporting documents each kind of application needs (seed 000). */
const NEEDED: Record<Registration['kind'], string[]> = {
  individual: ['court-document'],
  organisation: ['authorisation', 'party-evidence', 'registration-certificate'],
};

const KEY_PREFIX = 'courtflow.registration.';
const keptKey = (reference: string): string | null => {
  try {
    return sessionStorage.getItem(KEY_PREFIX + reference);
  } catch {
    return null;
  }
};
const keepKey = (reference: string, key: string) => {
  try {
    sessionStorage.setItem(KEY_PREFIX + reference, key);
  } catch {
    // Storage refused: the applicant types the key in again.
  }
};

export function Register() {
  const { t } = useLanguage();
  const [reference, setReference] = useState('');
  const [key, setKey] = useState('');
  return (
    <Page title={t('register.title')}>
      <p>{t('register.intro')}</p>
      <ApiForm<{ accessToken: string; registration: { reference: string } }>
        schemaPath="/api/v1/registrations"
        path="/api/v1/registrations"
        heading={t('register.apply')}
        button={t('register.applyButton')}
        anonymous
        labels={{ language: t('register.language') }}
        onDone={(made) => {
          keepKey(made.registration.reference, made.accessToken);
          navigate(href(`/register/${made.registration.reference}`, { key: 'new' }));
        }}
      />
      <section class="subform" aria-labelledby="again">
        <h3 id="again">{t('register.again')}</h3>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const ref = reference.trim().toUpperCase();
            if (key.trim()) keepKey(ref, key.trim());
            navigate(href(`/register/${ref}`));
          }}
        >
          <div class="field">
            <label for="registration-reference">{t('register.reference')}</label>
            <input type="text" id="registration-reference" value={reference} onInput={(e) => setReference(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="registration-key">{t('register.key')}</label>
            <p id="registration-key-hint" class="hint">
              {t('register.keyHint')}
            </p>
            <input type="password" id="registration-key" autoComplete="off" aria-describedby="registration-key-hint" value={key} onInput={(e) => setKey(e.currentTarget.value)} />
          </div>
          <button type="submit">{t('register.openButton')}</button>
        </form>
      </section>
    </Page>
  );
}

export function Application({ reference, place }: { reference: string; place: Place }) {
  const { t, language } = useLanguage();
  const [key, setKey] = useState<string | null>(() => keptKey(reference));
  const [typed, setTyped] = useState('');
  const [view, setView] = useState<Registration | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [kind, setKind] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [round, setRound] = useState(0);
  const [withdrawal, setWithdrawal] = useState('');
  const english = language === 'en' ? undefined : 'en';
  const path = `/api/v1/registrations/${encodeURIComponent(reference)}`;
  const headers = useMemo((): Record<string, string> => (key ? { 'Registration-Token': key } : {}), [key]);

  const load = async () => {
    if (!key) return;
    try {
      setView(await api<Registration>('GET', path, { headers }));
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => {
    setView(null);
    setError(null);
    void load();
  }, [reference, key]);

  const step = async (name: string, body: unknown = {}) => {
    if (!view) return;
    setBusy(true);
    setError(null);
    try {
      setView(await api<Registration>('POST', `${path}/steps/${name}`, { body, headers: { ...headers, 'If-Match': `"v${view.version}"`, 'Idempotency-Key': crypto.randomUUID() } }));
    } catch (err) {
      setError(err);
      await load();
    } finally {
      setBusy(false);
    }
  };
  const attach = async () => {
    setError(null);
    if (!file || !kind) {
      const missing = [
        ...(kind ? [] : [{ field: 'kind', rule: 'required', message: t('form.choose') }]),
        ...(file ? [] : [{ field: 'registration-file', rule: 'required', message: t('filing.add.noFile') }]),
      ];
      setError(new ApiProblem(400, t('filing.add.noFile'), missing.map((m) => m.message).join(' '), missing, 'about:blank'));
      return;
    }
    setBusy(true);
    try {
      setView(await uploadPdf<Registration>(file, headers, `${path}/documents?kind=${encodeURIComponent(kind)}`));
      setFile(null);
      setKind('');
      setRound((n) => n + 1);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const title = t('register.appTitle', { reference });
  if (!key)
    return (
      <Page title={title}>
        <p>{t('register.noKey')}</p>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!typed.trim()) return;
            keepKey(reference, typed.trim());
            setKey(typed.trim());
          }}
        >
          <div class="field">
            <label for="registration-key">{t('register.key')}</label>
            <input type="password" id="registration-key" autoComplete="off" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />
          </div>
          <button type="submit">{t('register.openButton')}</button>
        </form>
      </Page>
    );
  if (view === null)
    return <Page title={title}>{error !== null ? <ProblemAlert error={error} /> : <p role="status">{t('app.loading')}</p>}</Page>;

  const attached = new Set(view.documents.map((d) => d.kind));
  const labels = { kind: t('field.kind'), 'registration-file': t('field.uploadId') };
  return (
    <Page title={title}>
      {place.query.get('key') === 'new' && (
        <section class="done" aria-labelledby="key-heading">
          <h2 id="key-heading">{t('register.keyHeading')}</h2>
          <p>
            <code class="digest">{key}</code>
          </p>
          <p>{t('register.keyKeep')}</p>
        </section>
      )}
      {error !== null && <ProblemAlert error={error} labels={labels} />}
      <dl class="facts">
        <dt>{t('registration.kind')}</dt>
        <dd>
          <Words k={`enum.kind.${view.kind}`} fallback={view.kind} />
        </dd>
        <dt>{t('registration.stage')}</dt>
        <dd>
          <strong>
            <Words k={`regStage.${view.stage}`} fallback={view.stage} />
          </strong>
        </dd>
      </dl>
      {view.stage === 'awaiting-verification' && view.verifyBy && <p class="notice">{t('register.verifyBy', { date: view.verifyBy })}</p>}
      {view.decision?.outcome === 'activated' && (
        <p class="done">
          {t('register.activated')} <a href={href('/sign-in')}>{t('nav.signIn')}</a>
        </p>
      )}
      {view.decision?.outcome === 'rejected' && (
        <div class="notice">
          <p>{t('register.rejected')}</p>
          <ul>
            {view.decision.reasons.map((r, i) => (
              <li key={i} class="names">
                {r}
              </li>
            ))}
          </ul>
        </div>
      )}

      <h2>{t('register.needed')}</h2>
      <ul>
        {NEEDED[view.kind].map((k) => {
          const doc = view.documents.find((d) => d.kind === k);
          return (
            <li key={k}>
              {wordsOr(t, `enum.kind.${k}`, k)}:{' '}
              {doc ? (
                <>
                  <span class="names">{doc.fileName}</span> · SHA-256 <code class="digest">{doc.sha256}</code>
                </>
              ) : (
                '—'
              )}
            </li>
          );
        })}
      </ul>

      {view.stage === 'awaiting-documents' && (
        <section class="subform" aria-labelledby="attach-heading">
          <h3 id="attach-heading">{t('register.attach')}</h3>
          <form
            key={round}
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void attach();
            }}
          >
            <div class="field">
              <label for="kind">{t('field.kind')}</label>
              <select id="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
                <option value="">{t('form.choose')}</option>
                {NEEDED[view.kind].map((k) => (
                  <option key={k} value={k}>
                    {wordsOr(t, `enum.kind.${k}`, k)}
                    {attached.has(k) ? ' ✓' : ''}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="registration-file">{t('field.uploadId')}</label>
              <p id="registration-file-hint" class="hint">
                {t('filing.add.fileHint')}
              </p>
              <input type="file" id="registration-file" accept="application/pdf,.pdf" aria-describedby="registration-file-hint" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
            </div>
            <button type="submit" disabled={busy}>
              {t('register.attachButton')}
            </button>
          </form>
        </section>
      )}

      {view.stage === 'awaiting-documents' && (
        <section aria-labelledby="submit-heading">
          <h2 id="submit-heading">{t('register.submitHeading')}</h2>
          <p class="hint">{t('register.submitHint')}</p>
          <button type="button" disabled={busy} onClick={() => void step('submit-application')}>
            {t('register.submitButton')}
          </button>
        </section>
      )}

      {(view.stage === 'awaiting-documents' || view.stage === 'awaiting-verification') && (
        <details class="steps">
          <summary>{t('register.withdraw')}</summary>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void step('withdraw', { reason: withdrawal });
            }}
          >
            <div class="field">
              <label for="reason">{t('field.reason')}</label>
              <textarea id="reason" rows={2} value={withdrawal} onInput={(e) => setWithdrawal(e.currentTarget.value)} />
            </div>
            <button type="submit" class="secondary" disabled={busy}>
              {t('register.withdraw')}
            </button>
          </form>
        </details>
      )}

      {view.reminders.length > 0 && (
        <>
          <h2>{t('register.reminders')}</h2>
          <ul>
            {view.reminders.map((r, i) => (
              <li key={i}>
                <time dateTime={r.at}>{hongKongTime(r.at)}</time> <span lang={english}>{r.message}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}
