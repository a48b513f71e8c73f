/**
 * The registry's and the adjudicators' work queue (GET /api/v1/work-queue):
 * what is waiting on the signed-in officer or adjudicator, due first, with
 * who holds each item. An item is claimed (30 minutes, so nobody else acts
 * on it meanwhile; claiming again renews) and released here; acting on a
 * small-claim step opens its form, which takes the step through the queue
 * (claimed if need be, released when done); acting on a filing's review
 * opens the filing, whose decisions go through the item.
 */
import { useEffect, useState } from 'preact/hooks';
import { Page } from '../components/page';
import { ProblemAlert } from '../components/problem-alert';
import { ScrollTable } from '../components/scroll-table';
import { Words } from '../components/words';
import { useLanguage } from '../i18n/language';
import { href, navigate, type Place } from '../router';
import { useSession } from '../session';
import { useSignedInRequest } from './signed-in';

interface WorkItem {
  id: string;
  kind: 'sct-step' | 'filing-review' | 'draft-approval';
  reference: string;
  step: string;
  due: string | null;
  title: string;
  party: string | null;
  claim: { by: string; byName: string; until: string } | null;
}

const ASSIGNEES = ['', 'me', 'unclaimed'] as const;

export function WorkQueue({ place }: { place: Place }) {
  const { t, language } = useLanguage();
  const { session } = useSession();
  const request = useSignedInRequest();
  const assignee = place.query.get('assignee') ?? '';
  const [items, setItems] = useState<WorkItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const english = language === 'en' ? undefined : 'en';

  const load = async () => {
    try {
      const queue = await request<{ items: WorkItem[] }>('GET', '/api/v1/work-queue', { query: { assignee: assignee || undefined } });
      if (queue) setItems(queue.items);
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => {
    setItems(null);
    setError(null);
    void load();
  }, [assignee, session?.token]);

  const change = async (item: WorkItem, action: 'claim' | 'release') => {
    setBusy(item.id);
    setError(null);
    try {
      await request('POST', `/api/v1/work-queue/${encodeURIComponent(item.id)}/${action}`);
      await load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Page title={t('queue.title')}>
      <form
        noValidate
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const chosen = (e.currentTarget.elements.namedItem('assignee') as HTMLSelectElement).value;
          navigate(href('/work-queue', { assignee: chosen }));
        }}
      >
        <label for="assignee">{t('queue.show')}</label>
        <select id="assignee" name="assignee" value={assignee}>
          {ASSIGNEES.map((a) => (
            <option key={a} value={a}>
              {t(a === '' ? 'queue.show.all' : a === 'me' ? 'queue.show.me' : 'queue.show.unclaimed')}
            </option>
          ))}
        </select>
        <button type="submit">{t('queue.filter')}</button>
      </form>
      {error !== null && <ProblemAlert error={error} />}
      {items === null && error === null && <p role="status">{t('app.loading')}</p>}
      {items !== null && items.length === 0 && <p role="status">{t('queue.empty')}</p>}
      {items !== null && items.length > 0 && (
        <ScrollTable label={t('queue.title')} columns={[t('queue.col.due'), t('queue.col.reference'), t('queue.col.step'), t('queue.col.held'), t('queue.col.actions')]}>
          {items.map((item) => {
            const mine = item.claim?.by === session?.account.id;
            return (
              <tr key={item.id}>
                <td class="nowrap">{item.due ?? '—'}</td>
                <th scope="row" class="nowrap">
                  <a href={item.kind === 'sct-step' ? href(`/cases/${item.reference}`) : href(`/filings/${item.reference}`)}>{item.reference}</a>
                </th>
                <td>
                  <strong>
                    <Words k={`step.${item.step}`} fallback={item.step} />
                  </strong>
                  {item.party && <> · {item.party}</>}
                  <p class="hint" lang={english}>
                    {item.title}
                  </p>
                </td>
                <td>{item.claim ? (mine ? t('queue.heldByYou') : item.claim.byName) : t('queue.unclaimed')}</td>
                <td class="actions">
                  <a
                    class="button-link"
                    href={item.kind === 'sct-step' ? href(`/cases/${item.reference}/steps/${item.step}`, { item: item.id }) : href(`/filings/${item.reference}`, { item: item.id })}
                    aria-label={`${t('queue.act')} ${item.reference}`}
                  >
                    {t('queue.act')}
                  </a>
                  {!item.claim || mine ? (
                    <button type="button" class="secondary" disabled={busy === item.id} onClick={() => void change(item, 'claim')} aria-label={`${t(item.claim ? 'queue.renew' : 'queue.claim')} ${item.reference}`}>
                      {t(item.claim ? 'queue.renew' : 'queue.claim')}
                    </button>
                  ) : null}
                  {mine && (
                    <button type="button" class="secondary" disabled={busy === item.id} onClick={() => void change(item, 'release')} aria-label={`${t('queue.release')} ${item.reference}`}>
                      {t('queue.release')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </ScrollTable>
      )}
    </Page>
  );
}
