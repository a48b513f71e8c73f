/**
 * The audit log, for auditors (GET /api/v1/audit-log): newest first,
 * filtered by case, actor, action and time, a page at a time, each entry
 * with the state before and after and its hashes, so a page can be checked
 * by hand. The filters live in the address. Reading is itself recorded by
 * the API.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiProblem } from '../api';
import { Field } from '../components/field';
import { Page } from '../components/page';
import { ProblemAlert } from '../components/problem-alert';
import { hongKongTime } from '../hong-kong-time';
import { useLanguage } from '../i18n/language';
import { href, navigate, type Place } from '../router';
import { useSignedInRequest } from './signed-in';

interface AuditEntry {
  seq: number;
  at: string;
  actor: { id: string; role: string; onBehalfOf: string | null };
  action: string;
  target: string | null;
  requestId: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}

const FILTERS = ['case', 'actor', 'action', 'from', 'to'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;
const filtersOf = (query: URLSearchParams): Filters => ({
  case: query.get('case') ?? '',
  actor: query.get('actor') ?? '',
  action: query.get('action') ?? '',
  from: query.get('from') ?? '',
  to: query.get('to') ?? '',
});

export function AuditLog({ place }: { place: Place }) {
  const { t } = useLanguage();
  const request = useSignedInRequest();
  const asked = filtersOf(place.query);
  const [filters, setFilters] = useState<Filters>(asked);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const key = place.query.toString();

  const load = async (cursor?: string) => {
    try {
      const page = await request<{ entries: AuditEntry[]; nextCursor: string | null }>('GET', '/api/v1/audit-log', { query: { ...asked, ...(cursor ? { cursor } : {}) } });
      if (!page) return;
      setEntries((shown) => [...(cursor && shown ? shown : []), ...page.entries]);
      setNextCursor(page.nextCursor);
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => {
    setFilters(filtersOf(place.query));
    setEntries(null);
    setError(null);
    void load();
  }, [key]);

  const labels: Filters = {
    case: t('audit.case'),
    actor: t('audit.actor'),
    action: t('audit.action'),
    from: t('audit.from'),
    to: t('audit.to'),
  };
  const fieldError = (name: string) => (error instanceof ApiProblem ? error.errorOf(name) : undefined);
  return (
    <Page title={t('audit.title')}>
      <p>{t('audit.intro')}</p>
      <form
        role="search"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          navigate(href('/audit-log', filters));
        }}
      >
        <div class="fields">
          {FILTERS.map((name) => (
            <Field
              key={name}
              name={name}
              label={labels[name]}
              {...(name === 'from' || name === 'to' ? { hint: t('audit.instantHint') } : {})}
              value={filters[name]}
              onInput={(value) => setFilters({ ...filters, [name]: value })}
              error={fieldError(name)}
            />
          ))}
        </div>
        <button type="submit">{t('audit.search')}</button>
      </form>
      {error !== null && <ProblemAlert error={error} labels={labels} />}
      {entries === null && error === null && <p role="status">{t('app.loading')}</p>}
      {entries !== null && (
        <div role="status">
          <p>{entries.length === 0 ? t('audit.none') : t('audit.shown', { count: entries.length })}</p>
        </div>
      )}
      {entries !== null && entries.length > 0 && (
        <ol class="audit-entries">
          {entries.map((entry) => (
            <li key={entry.seq}>
              <details>
                <summary>
                  <span class="nowrap">#{entry.seq}</span> <time dateTime={entry.at}>{hongKongTime(entry.at)}</time> <code>{entry.action}</code>
                  {entry.target && <> · {entry.target}</>} · {entry.actor.id} ({entry.actor.role}
                  {entry.actor.onBehalfOf ? `, ${entry.actor.onBehalfOf}` : ''})
                </summary>
                <dl class="facts">
                  <dt>{t('audit.request')}</dt>
                  <dd>
                    <code>{entry.requestId ?? '—'}</code>
                  </dd>
                  <dt>{t('audit.before')}</dt>
                  <dd>
                    <pre lang="en">{JSON.stringify(entry.before, null, 2)}</pre>
                  </dd>
                  <dt>{t('audit.after')}</dt>
                  <dd>
                    <pre lang="en">{JSON.stringify(entry.after, null, 2)}</pre>
                  </dd>
                  <dt>{t('audit.hash')}</dt>
                  <dd>
                    <code class="digest">{entry.hash}</code>
                  </dd>
                  <dt>{t('audit.prevHash')}</dt>
                  <dd>
                    <code class="digest">{entry.prevHash}</code>
                  </dd>
                </dl>
              </details>
            </li>
          ))}
        </ol>
      )}
      {nextCursor !== null && (
        <button type="button" onClick={() => void load(nextCursor)}>
          {t('audit.more')}
        </button>
      )}
    </Page>
  );
}
