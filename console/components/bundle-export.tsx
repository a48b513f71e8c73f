/**
 * For auditors: export the case as a signed bundle (POST
 * /api/v1/cases/{caseNo}/bundle), saved as a tar archive, with the
 * archive's SHA-256 shown beside it and how to check it offline.
 */
import { useState } from 'preact/hooks';
import { download } from '../api';
import { useLanguage } from '../i18n/language';
import { useSession } from '../session';
import { ProblemAlert } from './problem-alert';

/** `sha-256=:<base64>:` → hex, as `sha256sum` prints it. */
function hexOfDigest(header: string | null): string | null {
  const base64 = /^sha-256=:([A-Za-z0-9+/=]+):$/.exec(header ?? '')?.[1];
  if (!base64) return null;
  return Array.from(atob(base64), (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
}

export function BundleExport({ caseNo }: { caseNo: string }) {
  const { t } = useLanguage();
  const { session } = useSession();
  const [withDocuments, setWithDocuments] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<{ name: string; sha256: string | null } | null>(null);
  if (session?.account.role !== 'auditor') return null;

  const exportBundle = async () => {
    setBusy(true);
    setError(null);
    setSaved(null);
    const name = `${caseNo}-bundle.tar`;
    try {
      const { digest } = await download(`/api/v1/cases/${encodeURIComponent(caseNo)}/bundle`, session.token, name, { method: 'POST', body: { withDocuments } });
      setSaved({ name, sha256: hexOfDigest(digest) });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="bundle-heading">
      <h2 id="bundle-heading">{t('bundle.heading')}</h2>
      <p class="hint">{t('bundle.what')}</p>
      <p>
        <input id="bundle-with-documents" type="checkbox" checked={withDocuments} onChange={(e) => setWithDocuments(e.currentTarget.checked)} />{' '}
        <label for="bundle-with-documents">{t('bundle.withDocuments')}</label>
      </p>
      <button type="button" disabled={busy} onClick={() => void exportBundle()}>
        {t('bundle.export')}
      </button>
      <div role="status">
        {saved && (
          <>
            <p>{t('bundle.saved', { name: saved.name })}</p>
            {saved.sha256 && (
              <p>
                SHA-256 <code class="digest">{saved.sha256}</code>
              </p>
            )}
            <p class="hint">
              {t('bundle.check')} <code lang="en">tar -xf {saved.name} &amp;&amp; courtflow verify {caseNo}-bundle --public-key audit-key.pem</code>
            </p>
          </>
        )}
      </div>
      {error !== null && <ProblemAlert error={error} />}
    </section>
  );
}
