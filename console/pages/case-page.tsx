/**
 * A small claim as its readers see it (GET /api/v1/sct/claims/{caseNo}):
 * where it stands and its hearing, the parties, the sums, the papers
 * issued, what is waiting to be done and by whom, every deadline with its
 * explanation (the rule, the statutory basis, the event, the last day, and
 * each day that pushed it later and why), and the timeline. The court's own
 * words (explanations, the timeline) come from the API in English.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Page } from '../components/page';
import { ProblemAlert } from '../components/problem-alert';
import { DeadlineCard, type Computation } from '../components/deadline-card';
import { Timeline } from '../components/timeline';
import { Words } from '../components/words';
import { useLanguage, wordsOr } from '../i18n/language';
import { stepsOf, type StepDescription } from '../openapi';
import { href, navigate, type Place } from '../router';
import { useSession } from '../session';
import { FILING_ROLES } from './filings';
import { useSignedInRequest } from './signed-in';

interface Localised {
  en: string;
  'zh-Hant': string;
}
interface Deadline {
  key: string;
  status: string;
  explanation: string;
  computation: Computation;
}
interface CaseView {
  caseNo: string;
  stage: string;
  filedOn: string;
  parties: { id: string; side: string; name: string; struckOut?: boolean }[];
  amounts: { claimed: string; withinJurisdiction: string; awarded: string | null; paid: string; balance: string };
  hearing: { date: string; time?: string; venue?: { building: Localised } } | null;
  pendingActions: { step: string; roles: string[]; party: string | null; dueBy: string | null; rule: string | null; note: string }[];
  /** s.14(1)(a): the first hearing is fixed on or before its last day. */
  latestHearing: Computation;
  deadlines: Deadline[];
  papersIssued?: { key: string; kind: string; documentReferenceNo: string }[];
  /** District Court filings enforcing the award (s.32), with their writs. */
  enforcement?: { reference: string; stage: string; writs: { documentId: string; type: string; purpose: string; status: string; documentReferenceNo: string | null }[] }[];
  history: { at: string; event: string; detail: string; by?: { name: string; role: string } | null }[];
  version: number;
}

export function CasePage({ caseNo, place }: { caseNo: string; place: Place }) {
  const { t, language } = useLanguage();
  const { session } = useSession();
  const request = useSignedInRequest();
  const [view, setView] = useState<CaseView | null>(null);
  const [steps, setSteps] = useState<StepDescription[]>([]);
  const [error, setError] = useState<unknown>(null);
  const english = language === 'en' ? undefined : 'en';

  useEffect(() => {
    setView(null);
    setError(null);
    request<CaseView>('GET', `/api/v1/sct/claims/${encodeURIComponent(caseNo)}`).then(
      (found) => found && setView(found),
      (err: unknown) => setError(err),
    );
    // The steps the API offers this account's role; none if the description cannot be read (the page still shows the case).
    stepsOf('small-claim').then(setSteps, () => setSteps([]));
  }, [caseNo]);

  const title = t('case.title', { caseNo });
  if (error !== null)
    return (
      <Page title={title}>
        <ProblemAlert error={error} />
      </Page>
    );
  if (view === null)
    return (
      <Page title={title}>
        <p role="status">{t('app.loading')}</p>
      </Page>
    );

  const role = session?.account.role ?? '';
  const mine = steps.filter((s) => s.roles.includes(role));
  const taken = place.query.get('taken');
  const stepLink = (step: string) => href(`/cases/${caseNo}/steps/${step}`);
  const open = view.deadlines.filter((d) => d.status === 'open');
  const closed = view.deadlines.filter((d) => d.status !== 'open');
  return (
    <Page title={title}>
      {place.query.get('filed') === '1' && (
        <p role="status" class="done">
          {t('case.filed')}
        </p>
      )}
      {taken && (
        <p role="status" class="done">
          {t('case.taken', { step: wordsOr(t, `step.${taken}`, taken) })}
        </p>
      )}
      <dl class="facts">
        <dt>{t('case.stage')}</dt>
        <dd><Words k={`caseStage.${view.stage}`} fallback={view.stage} /></dd>
        <dt>{t('case.filedOn')}</dt>
        <dd>{view.filedOn}</dd>
        <dt>{t('case.hearing')}</dt>
        <dd>
          {view.hearing
            ? t('causeBook.hearingAt', {
                date: view.hearing.date,
                time: view.hearing.time ?? '',
                building: view.hearing.venue ? (language === 'en' ? view.hearing.venue.building.en : view.hearing.venue.building['zh-Hant']) : '',
              })
            : t('causeBook.noHearing')}
        </dd>
      </dl>

      {FILING_ROLES.has(role) && (
        <p>
          <a href={href('/filings', { caseNo })}>{t('case.fileDocuments')}</a>
        </p>
      )}
      {(view.stage === 'enforceable' || (view.enforcement ?? []).length > 0) && <Enforcement caseNo={caseNo} view={view} mayBegin={FILING_ROLES.has(role) && view.stage === 'enforceable'} />}

      <h2>{t('case.parties')}</h2>
      <ul class="parties">
        {view.parties.map((p) => (
          <li key={p.id}>
            <span class="party-id">{p.id}</span> <Words k={`case.side.${p.side}`} fallback={p.side} />: <span class="names">{p.name}</span>
            {p.struckOut && <> ({t('case.struckOut')})</>}
          </li>
        ))}
      </ul>

      <h2>{t('case.amounts')}</h2>
      <dl class="facts">
        <dt>{t('case.amount.claimed')}</dt>
        <dd>{view.amounts.claimed}</dd>
        <dt>{t('case.amount.withinJurisdiction')}</dt>
        <dd>{view.amounts.withinJurisdiction}</dd>
        {view.amounts.awarded !== null && (
          <>
            <dt>{t('case.amount.awarded')}</dt>
            <dd>{view.amounts.awarded}</dd>
            <dt>{t('case.amount.paid')}</dt>
            <dd>{view.amounts.paid}</dd>
            <dt>{t('case.amount.balance')}</dt>
            <dd>{view.amounts.balance}</dd>
          </>
        )}
      </dl>

      <h2>{t('case.papers')}</h2>
      {(view.papersIssued ?? []).length === 0 ? (
        <p>{t('case.noPapers')}</p>
      ) : (
        <ul>
          {(view.papersIssued ?? []).map((paper) => (
            <li key={paper.key}>
              <Words k={`case.paper.${paper.kind}`} fallback={paper.kind} />:{' '}
              <a href={href('/verify', { reference: paper.documentReferenceNo })}>{paper.documentReferenceNo}</a>
            </li>
          ))}
        </ul>
      )}

      <h2>{t('case.pending')}</h2>
      {view.pendingActions.length === 0 ? (
        <p>{t('case.nothingPending')}</p>
      ) : (
        <ul class="pending">
          {view.pendingActions.map((action) => (
            <li key={`${action.step}-${action.party ?? ''}`}>
              <strong>
                {mine.some((s) => s.step === action.step) ? (
                  <a href={stepLink(action.step)}>
                    <Words k={`step.${action.step}`} fallback={action.step} />
                  </a>
                ) : (
                  <Words k={`step.${action.step}`} fallback={action.step} />
                )}
              </strong>
              {action.dueBy && <> · {t('case.dueBy', { date: action.dueBy })}</>}
              {action.party && <> · {action.party}</>}
              <p class="hint" lang={english}>
                {action.note}
              </p>
            </li>
          ))}
        </ul>
      )}

      {mine.length > 0 && (
        <details class="steps">
          <summary>{t('case.steps')}</summary>
          <ul>
            {mine.map((s) => (
              <li key={s.step}>
                <a href={stepLink(s.step)}>
                  <Words k={`step.${s.step}`} fallback={s.step} />
                </a>
              </li>
            ))}
          </ul>
        </details>
      )}

      <h2>{t('case.deadlines')}</h2>
      {/* The s.14(1)(a) limit is also tracked as a deadline on newer cases: shown once. */}
      {!view.deadlines.some((d) => d.computation.rule === view.latestHearing.rule) && <DeadlineCard computation={view.latestHearing} />}
      {[...open, ...closed].map((deadline) => (
        <DeadlineCard key={deadline.key} computation={deadline.computation} status={deadline.status} explanation={deadline.explanation} />
      ))}

      <h2>{t('case.timeline')}</h2>
      <p>
        <a href={href(`/cases/${caseNo}/history`)}>{t('case.history')}</a>
      </p>
      <Timeline events={view.history} />
    </Page>
  );
}

/**
 * Enforcing the award (Cap. 338 s.32): the filings begun to enforce it, and
 * for the party it favours, once it is enforceable, beginning a writ of
 * execution in the District Court (the API refuses anyone else, and says why).
 */
function Enforcement({ caseNo, view, mayBegin }: { caseNo: string; view: CaseView; mayBegin: boolean }) {
  const { t } = useLanguage();
  const request = useSignedInRequest();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const idempotencyKey = useMemo(() => crypto.randomUUID(), [caseNo]);
  const begin = async () => {
    setBusy(true);
    setError(null);
    try {
      const opened = await request<{ reference: string }>('POST', `/api/v1/sct/claims/${encodeURIComponent(caseNo)}/enforcement`, { headers: { 'Idempotency-Key': idempotencyKey } });
      if (opened) navigate(href(`/filings/${opened.reference}`));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="enforcement-heading">
      <h2 id="enforcement-heading">{t('case.enforcement')}</h2>
      {error !== null && <ProblemAlert error={error} />}
      {(view.enforcement ?? []).length > 0 && (
        <ul>
          {(view.enforcement ?? []).map((f) => (
            <li key={f.reference}>
              <a href={href(`/filings/${f.reference}`)}>{f.reference}</a> · <Words k={`filing.stage.${f.stage}`} fallback={f.stage} />
              {f.writs.map((w) => (
                <span key={w.documentId}>
                  {' '}
                  · <Words k={`enum.type.${w.type}`} fallback={w.type} /> (<Words k={`enum.purpose.${w.purpose}`} fallback={w.purpose} />): <Words k={`filing.docStatus.${w.status}`} fallback={w.status} />
                  {w.documentReferenceNo && <> {w.documentReferenceNo}</>}
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
      {mayBegin && (
        <>
          <p class="hint">{t('case.enforceHint')}</p>
          <button type="button" disabled={busy} onClick={() => void begin()}>
            {t('case.enforce')}
          </button>
        </>
      )}
    </section>
  );
}
