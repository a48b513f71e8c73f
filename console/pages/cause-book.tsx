/**
 * The cause book, for anyone: GET /api/v1/cause-book with the form's terms,
 * which are kept in the address so the search survives a reload, a change
 * of language and the back button. Party names are shown as filed, in
 * whatever language the party used.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiProblem } from '../api';
import { Field } from '../components/field';
import { Page } from '../components/page';
import { ProblemAlert } from '../components/problem-alert';
import type { MessageKey } from '../i18n/en';
import { useLanguage, type Language } from '../i18n/language';
import { href, navigate, type Place } from '../router';

interface Venue {
  building: { en: string; 'zh-Hant': string };
}
interface Entry {
  caseNo: string;
  claimants: string[];
  defendants: string[];
  hearing: { date: string; time: string; venue: Venue } | null;
  stage: string;
}
interface CauseBookPage {
  entries: Entry[];
  nextCursor: string | null;
}

const TERMS = ['caseNo', 'party', 'hearingFrom', 'hearingTo'] as const;
type Terms = Record<(typeof TERMS)[number], string>;

/** The stages as the cause book words them (api/cause-book), by the console's key for each. */
const STAGE_KEYS: Record<string, MessageKey> = {
  'Hearing fixed': 'caseStage.awaiting-hearing',
  'Awaiting a hearing date': 'caseStage.awaiting-listing',
  'Heard; decision awaited': 'caseStage.awaiting-outcome',
  Decided: 'caseStage.decided',
  'Transferred to another court or tribunal': 'caseStage.transferred',
  Closed: 'caseStage.closed',
};

const termsOf = (query: URLSearchParams): Terms => ({
  caseNo: query.get('caseNo') ?? '',
  party: query.get('party') ?? '',
  hearingFrom: query.get('hearingFrom') ?? '',
  hearingTo: query.get('hearingTo') ?? '',
});

/** The venue's building in the reader's language: Traditional Chinese for both Chinese pages (the API gives no Simplified). */
const buildingIn = (venue: Venue, language: Language) => (language === 'en' ? venue.building.en : venue.building['zh-Hant']);

export function CauseBook({ place }: { place: Place }) {
  const { t, language } = useLanguage();
  const searched = place.query.has('search');
  const asked = termsOf(place.query);
  const [terms, setTerms] = useState<Terms>(asked);
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const key = place.query.toString();

  useEffect(() => {
    setTerms(termsOf(place.query));
    if (!searched) return;
    const abort = new AbortController();
    setBusy(true);
    setError(null);
    api<CauseBookPage>('GET', '/api/v1/cause-book', { query: asked, signal: abort.signal })
      .then((page) => {
        setEntries(page.entries);
        setNextCursor(page.nextCursor);
      })
      .catch((err: unknown) => {
        if (!abort.signal.aborted) {
          setEntries(null);
          setError(err);
        }
      })
      .finally(() => {
        if (!abort.signal.aborted) setBusy(false);
      });
    return () => abort.abort();
    // The address is the search: run it again only when the address changes.
  }, [key]);

  const more = async () => {
    if (nextCursor === null) return;
    setBusy(true);
    try {
      const page = await api<CauseBookPage>('GET', '/api/v1/cause-book', { query: { ...asked, cursor: nextCursor } });
      setEntries([...(entries ?? []), ...page.entries]);
      setNextCursor(page.nextCursor);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const labels: Terms = {
    caseNo: t('causeBook.caseNo'),
    party: t('causeBook.party'),
    hearingFrom: t('causeBook.hearingFrom'),
    hearingTo: t('causeBook.hearingTo'),
  };
  const fieldError = (name: string) => (error instanceof ApiProblem ? error.errorOf(name) : undefined);
  const set = (name: keyof Terms) => (value: string) => setTerms({ ...terms, [name]: value });

  return (
    <Page title={t('causeBook.title')}>
      <p>{t('causeBook.intro')}</p>
      <form
        role="search"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          navigate(href('/cause-book', { ...terms, search: '1' }));
        }}
      >
        <div class="fields">
          <Field name="caseNo" label={labels.caseNo} hint={t('causeBook.caseNoHint')} value={terms.caseNo} onInput={set('caseNo')} error={fieldError('caseNo')} />
          <Field name="party" label={labels.party} hint={t('causeBook.partyHint')} value={terms.party} onInput={set('party')} error={fieldError('party')} />
          <Field name="hearingFrom" type="date" label={labels.hearingFrom} value={terms.hearingFrom} onInput={set('hearingFrom')} error={fieldError('hearingFrom')} />
          <Field name="hearingTo" type="date" label={labels.hearingTo} value={terms.hearingTo} onInput={set('hearingTo')} error={fieldError('hearingTo')} />
        </div>
        <button type="submit" disabled={busy}>
          {t('causeBook.search')}
        </button>
      </form>
      {error !== null && <ProblemAlert error={error} labels={labels} />}
      {busy && entries === null && <p role="status">{t('app.loading')}</p>}
      {entries !== null && (
        <section aria-labelledby="results-heading">
          <div role="status">
            <h2 id="results-heading">
              {entries.length === 0 ? t('causeBook.none') : t('causeBook.results', { count: entries.length })}
            </h2>
          </div>
          {entries.length > 0 && (
            <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="results-heading">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('causeBook.col.caseNo')}</th>
                    <th scope="col">{t('causeBook.col.claimants')}</th>
                    <th scope="col">{t('causeBook.col.defendants')}</th>
                    <th scope="col">{t('causeBook.col.hearing')}</th>
                    <th scope="col">{t('causeBook.col.stage')}</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((entry) => {
                    const stageKey = STAGE_KEYS[entry.stage];
                    return (
                      <tr key={entry.caseNo}>
                        <th scope="row" class="nowrap">
                          {entry.caseNo}
                        </th>
                        <td class="names">{entry.claimants.join('; ')}</td>
                        <td class="names">{entry.defendants.join('; ')}</td>
                        <td>
                          {entry.hearing
                            ? t('causeBook.hearingAt', { date: entry.hearing.date, time: entry.hearing.time, building: buildingIn(entry.hearing.venue, language) })
                            : t('causeBook.noHearing')}
                        </td>
                        <td>{stageKey ? t(stageKey) : <span lang="en">{entry.stage}</span>}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          {nextCursor !== null && (
            <button type="button" onClick={() => void more()} disabled={busy}>
              {t('causeBook.more')}
            </button>
          )}
        </section>
      )}
    </Page>
  );
}
