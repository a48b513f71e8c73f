/**
 * Filings through iCMS (GET /api/v1/filings): a filer's own (and their
 * organisation's), with the form that opens a new one on a case
 * (POST /api/v1/filings, built from the API's schema for it); for the
 * registry, the filings waiting on its review, the overdue first.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiProblem } from '../api';
import { Page } from '../components/page';
import { ProblemAlert } from '../components/problem-alert';
import { payloadOf, SchemaFields, shownFields, type FormState } from '../components/schema-form';
import { ScrollTable } from '../components/scroll-table';
import { Words } from '../components/words';
import { hongKongTime } from '../hong-kong-time';
import { useLanguage, wordsOr } from '../i18n/language';
import { bodySchema, type JsonSchema } from '../openapi';
import { href, navigate, type Place } from '../router';
import { useSession } from '../session';
import { useSignedInRequest } from './signed-in';

/** Who opens filings (the API's FILER_ROLES). */
export const FILING_ROLES = new Set(['individual-user', 'org-user']);

interface FilingSummary {
  reference: string;
  caseNo: string;
  courtLevel: string;
  stage: string;
  submittedAt: string | null;
  documents: unknown[];
}

/** The office a court level's documents usually go to: preselected, and the filer may change it (seed 003, step 1). */
const OFFICE_OF_LEVEL: Record<string, string> = {
  'high-court': 'high-court-registry',
  'district-court': 'district-court-registry',
  'small-claims-tribunal': 'small-claims-tribunal-registry',
};

export function Filings({ place }: { place: Place }) {
  const { t } = useLanguage();
  const { session } = useSession();
  const request = useSignedInRequest();
  const [filings, setFilings] = useState<FilingSummary[] | null>(null);
  const [schema, setSchema] = useState<JsonSchema | null>(null);
  const [state, setState] = useState<FormState>(() => ({ caseNo: place.query.get('caseNo') ?? '', courtLevel: place.query.get('courtLevel') ?? '' }));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const files = session !== null && FILING_ROLES.has(session.account.role);
  // One key per opening of the form: a double click opens one filing.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);

  useEffect(() => {
    request<{ filings: FilingSummary[] }>('GET', '/api/v1/filings', { query: { limit: '100' } }).then(
      (found) => found && setFilings(found.filings),
      (err: unknown) => setError(err),
    );
    if (files) bodySchema('/api/v1/filings').then(setSchema, (err: unknown) => setError(err));
  }, [session?.token]);

  const change = (path: string, value: string | boolean | string[]) =>
    setState((was) => {
      const next = { ...was, [path]: value };
      if (path === 'courtLevel' && typeof value === 'string' && OFFICE_OF_LEVEL[value]) next.receivingOffice = OFFICE_OF_LEVEL[value];
      return next;
    });

  const open = async () => {
    if (!schema) return;
    setBusy(true);
    setError(null);
    try {
      const opened = await request<{ reference: string }>('POST', '/api/v1/filings', { body: payloadOf(schema, state), headers: { 'Idempotency-Key': idempotencyKey } });
      if (opened) navigate(href(`/filings/${opened.reference}`));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const labels = Object.fromEntries(schema ? shownFields(schema).map(([name]) => [name, wordsOr(t, `field.${name}`, name)]) : []);
  return (
    <Page title={t('filings.title')}>
      <p>{t(files ? 'filings.intro.filer' : 'filings.intro.registry')}</p>
      {error !== null && <ProblemAlert error={error} labels={labels} />}
      {files && schema && (
        <section aria-labelledby="open-filing">
          <h2 id="open-filing">{t('filings.open')}</h2>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void open();
            }}
          >
            <SchemaFields schema={schema} state={state} onChange={change} parties={[]} errorOf={(path) => (error instanceof ApiProblem ? error.errorOf(path) : undefined)} />
            <button type="submit" disabled={busy}>
              {t('filings.openButton')}
            </button>
          </form>
        </section>
      )}
      <h2>{t('filings.title')}</h2>
      {filings === null && error === null && <p role="status">{t('app.loading')}</p>}
      {filings !== null && filings.length === 0 && <p>{t('filings.none')}</p>}
      {filings !== null && filings.length > 0 && (
        <ScrollTable label={t('filings.title')} columns={[t('filings.col.reference'), t('filings.col.case'), t('filings.col.court'), t('filings.col.stage'), t('filings.col.submitted'), t('filings.col.documents')]}>
          {filings.map((f) => (
            <tr key={f.reference}>
              <th scope="row" class="nowrap">
                <a href={href(`/filings/${f.reference}`)}>{f.reference}</a>
              </th>
              <td class="nowrap">{f.caseNo}</td>
              <td>
                <Words k={`enum.courtLevel.${f.courtLevel}`} fallback={f.courtLevel} />
              </td>
              <td>
                <Words k={`filing.stage.${f.stage}`} fallback={f.stage} />
              </td>
              <td class="nowrap">{f.submittedAt ? <time dateTime={f.submittedAt}>{hongKongTime(f.submittedAt)}</time> : '—'}</td>
              <td>{f.documents.length}</td>
            </tr>
          ))}
        </ScrollTable>
      )}
    </Page>
  );
}
