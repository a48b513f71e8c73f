/**
 * A small claim's history from its workflow's own event history (GET
 * /api/v1/cases/{caseNo}/history): every record the case made, oldest
 * first, across every run, with who acted and for which party, the step and
 * the provision it rests on, and the periods each version set, moved or
 * closed. For auditors, court staff, and the parties (their own cases).
 */
import { useEffect, useState } from 'preact/hooks';
import { Page } from '../components/page';
import { ProblemAlert } from '../components/problem-alert';
import { Words } from '../components/words';
import { BundleExport } from '../components/bundle-export';
import { hongKongTime } from '../hong-kong-time';
import { useLanguage } from '../i18n/language';
import { href } from '../router';
import { useSignedInRequest } from './signed-in';

interface DeadlineChange {
  key: string;
  rule: string;
  basis: string;
  due: string;
  from?: string;
  status?: string;
}
interface TimelineEntry {
  n: number;
  at: string;
  version: number;
  detail: string;
  actor: { name: string; role: string } | null;
  onBehalfOf: string | null;
  step: string | null;
  basis: string | null;
  deadlines: { set: DeadlineChange[]; moved: DeadlineChange[]; closed: DeadlineChange[] };
}
interface Timeline {
  runs: number;
  entries: TimelineEntry[];
  nextCursor: string | null;
}

/** The timeline names a step as the workflow does (`recordService`); the catalogues as its route does (`record-service`). */
const routeName = (step: string) => step.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function CaseHistory({ caseNo }: { caseNo: string }) {
  const { t, language } = useLanguage();
  const request = useSignedInRequest();
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [error, setError] = useState<unknown>(null);
  const english = language === 'en' ? undefined : 'en';

  const load = async (cursor?: string) => {
    try {
      const page = await request<Timeline>('GET', `/api/v1/cases/${encodeURIComponent(caseNo)}/history`, cursor ? { query: { cursor } } : {});
      if (page) setTimeline((shown) => (cursor && shown ? { ...page, entries: [...shown.entries, ...page.entries] } : page));
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => {
    setTimeline(null);
    setError(null);
    void load();
  }, [caseNo]);

  const changes = (kind: 'set' | 'moved' | 'closed', list: DeadlineChange[]) =>
    list.map((d) => (
      <li key={`${kind}-${d.key}`}>
        {t(`history.deadline.${kind}`)}: <code>{d.rule}</code> <span lang={english}>({d.basis})</span> {d.from ? `${d.from} → ${d.due}` : d.due}
        {d.status && (
          <>
            {' '}
            · <Words k={`deadline.status.${d.status}`} fallback={d.status} />
          </>
        )}
      </li>
    ));

  return (
    <Page title={t('history.title', { caseNo })}>
      <p>
        <a href={href(`/cases/${caseNo}`)}>{t('step.backToCase', { caseNo })}</a>
      </p>
      <BundleExport caseNo={caseNo} />
      {error !== null && <ProblemAlert error={error} />}
      {timeline === null && error === null && <p role="status">{t('app.loading')}</p>}
      {timeline && <p>{t('history.runs', { runs: timeline.runs, entries: timeline.entries.length })}</p>}
      {timeline && (
        <ol class="timeline">
          {timeline.entries.map((entry) => (
            <li key={entry.n}>
              <p>
                <time dateTime={entry.at}>{hongKongTime(entry.at)}</time> · v{entry.version}
                {entry.step && (
                  <>
                    {' '}
                    · <strong><Words k={`step.${routeName(entry.step)}`} fallback={entry.step} /></strong>
                  </>
                )}
                {entry.basis && <span lang={english}> ({entry.basis})</span>}
                {' · '}
                {entry.actor ? `${entry.actor.name} (${entry.actor.role}${entry.onBehalfOf ? `, ${entry.onBehalfOf}` : ''})` : t('history.byTheCase')}
              </p>
              <p lang={english}>{entry.detail}</p>
              {entry.deadlines.set.length + entry.deadlines.moved.length + entry.deadlines.closed.length > 0 && (
                <ul class="hint">
                  {changes('set', entry.deadlines.set)}
                  {changes('moved', entry.deadlines.moved)}
                  {changes('closed', entry.deadlines.closed)}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
      {timeline?.nextCursor && (
        <button type="button" onClick={() => void load(timeline.nextCursor ?? undefined)}>
          {t('history.more')}
        </button>
      )}
    </Page>
  );
}
