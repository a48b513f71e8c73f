/**
 * The registry's side of organisations' requests for higher maximums
 * (GET /api/v1/quota-requests?status=pending): each waiting request, with
 * its reason, approved with the maximum asked for (or another above the
 * current one) or refused with reasons (one per line), through
 * POST /api/v1/quota-requests/{id}/decision.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiProblem } from '../api';
import { Page } from '../components/page';
import { ProblemAlert } from '../components/problem-alert';
import { linesOf } from '../form-values';
import { hongKongTime } from '../hong-kong-time';
import { useLanguage, wordsOr } from '../i18n/language';
import { useSignedInRequest } from './signed-in';

interface QuotaRequest {
  id: string;
  organisationId: string;
  kind: string;
  currentMaximum: number;
  requestedMaximum: number;
  reason: string;
  requestedAt: string;
}

export function QuotaRequests() {
  const { t } = useLanguage();
  const request = useSignedInRequest();
  const [requests, setRequests] = useState<QuotaRequest[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  const load = async () => {
    try {
      const found = await request<{ quotaRequests: QuotaRequest[] }>('GET', '/api/v1/quota-requests', { query: { status: 'pending' } });
      if (found) setRequests(found.quotaRequests);
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => {
    void load();
  }, []);

  return (
    <Page title={t('quotaRequests.title')}>
      <p>{t('quotaRequests.intro')}</p>
      {done && (
        <p role="status" class="done">
          {t('quotaRequests.decided')}
        </p>
      )}
      {error !== null && <ProblemAlert error={error} />}
      {requests === null && error === null && <p role="status">{t('app.loading')}</p>}
      {requests !== null && requests.length === 0 && <p>{t('org.none')}</p>}
      {requests?.map((r) => (
        <Decision
          key={r.id}
          quotaRequest={r}
          onDecided={() => {
            setDone(true);
            void load();
          }}
        />
      ))}
    </Page>
  );
}

function Decision({ quotaRequest: r, onDecided }: { quotaRequest: QuotaRequest; onDecided(): void }) {
  const { t } = useLanguage();
  const request = useSignedInRequest();
  const [maximum, setMaximum] = useState('');
  const [reasons, setReasons] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const heading = t('quotaRequests.request', { kind: wordsOr(t, `enum.kind.${r.kind}`, r.kind), current: r.currentMaximum, requested: r.requestedMaximum });
  const id = (field: string) => `${field}-${r.id}`;

  const decide = async (body: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      const decided = await request('POST', `/api/v1/quota-requests/${encodeURIComponent(r.id)}/decision`, { body, headers: { 'Idempotency-Key': crypto.randomUUID() } });
      if (decided !== null) onDecided();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (name: string) => (error instanceof ApiProblem ? error.errors.find((e) => e.field === name || e.field.startsWith(`${name}.`) || e.field.startsWith(`${name}[`)) : undefined);
  const typed = maximum.trim();

  return (
    <section class="subform" aria-labelledby={id('heading')}>
      <h2 id={id('heading')}>{heading}</h2>
      <p class="hint">
        <time dateTime={r.requestedAt}>{hongKongTime(r.requestedAt)}</time> · <code>{r.organisationId}</code>
      </p>
      <p class="names">{r.reason}</p>
      {error !== null && <ProblemAlert error={error} />}
      <div class={fieldError('maximum') ? 'field field-invalid' : 'field'}>
        <label for={id('maximum')}>{t('field.maximum')}</label>
        <input type="text" inputMode="numeric" id={id('maximum')} value={maximum} aria-invalid={fieldError('maximum') ? 'true' : undefined} onInput={(e) => setMaximum(e.currentTarget.value)} />
      </div>
      <button type="button" disabled={busy} onClick={() => void decide({ decision: 'approve', ...(typed ? { maximum: /^\d+$/.test(typed) ? Number(typed) : typed } : {}) })}>
        {t('quotaRequests.approve')}
      </button>
      <div class={fieldError('reasons') ? 'field field-invalid' : 'field'}>
        <label for={id('reasons')}>{t('field.reasons')}</label>
        <p id={id('reasons-lines')} class="hint">
          {t('form.onePerLine')}
        </p>
        <textarea id={id('reasons')} rows={3} aria-describedby={id('reasons-lines')} aria-invalid={fieldError('reasons') ? 'true' : undefined} value={reasons} onInput={(e) => setReasons(e.currentTarget.value)} />
      </div>
      <button type="button" class="secondary" disabled={busy} onClick={() => void decide({ decision: 'refuse', reasons: linesOf(reasons) })}>
        {t('quotaRequests.refuse')}
      </button>
    </section>
  );
}
