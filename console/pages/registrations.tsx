/**
 * Applications to register, for registry officers at the Support Centre
 * (GET /api/v1/registrations?stage=…, GET …/{reference}): the applications
 * at a stage, oldest first, and one application with its documents and the
 * steps the officer may take (verification in person, activation,
 * rejection), each a form built from the API's schema for it.
 */
import { useEffect, useState } from 'preact/hooks';
import { Page } from '../components/page';
import { ProblemAlert } from '../components/problem-alert';
import { ScrollTable } from '../components/scroll-table';
import { Words } from '../components/words';
import { useLanguage, wordsOr } from '../i18n/language';
import { stepsOf, type StepDescription } from '../openapi';
import { href, navigate, type Place } from '../router';
import { useSession } from '../session';
import { useSignedInRequest } from './signed-in';

const STAGES = ['awaiting-documents', 'awaiting-verification', 'verified', 'activated', 'rejected', 'lapsed', 'withdrawn'] as const;

interface Registration {
  reference: string;
  kind: string;
  stage: string;
  verifyBy: string | null;
  documents: { kind?: string; fileName?: string; filename?: string; sha256?: string }[];
  version: number;
}

export function Registrations({ place }: { place: Place }) {
  const { t } = useLanguage();
  const request = useSignedInRequest();
  const stage = place.query.get('stage') ?? 'awaiting-verification';
  const [list, setList] = useState<Registration[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setList(null);
    setError(null);
    request<{ registrations: Registration[] }>('GET', '/api/v1/registrations', { query: { stage } }).then(
      (found) => found && setList(found.registrations),
      (err: unknown) => setError(err),
    );
  }, [stage]);

  return (
    <Page title={t('registrations.title')}>
      <p>{t('registrations.intro')}</p>
      <div class="inline-form">
        <label for="stage">{t('registrations.stage')}</label>
        <select id="stage" value={stage} onChange={(e) => navigate(href('/registrations', { stage: e.currentTarget.value }))}>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {wordsOr(t, `regStage.${s}`, s)}
            </option>
          ))}
        </select>
      </div>
      {error !== null && <ProblemAlert error={error} />}
      {list === null && error === null && <p role="status">{t('app.loading')}</p>}
      {list !== null && list.length === 0 && <p role="status">{t('registrations.none')}</p>}
      {list !== null && list.length > 0 && (
        <ScrollTable label={t('registrations.title')} columns={[t('registrations.col.reference'), t('registrations.col.kind'), t('registrations.col.verifyBy')]}>
          {list.map((r) => (
            <tr key={r.reference}>
              <th scope="row" class="nowrap">
                <a href={href(`/registrations/${r.reference}`)}>{r.reference}</a>
              </th>
              <td lang="en">{r.kind}</td>
              <td class="nowrap">{r.verifyBy ?? '—'}</td>
            </tr>
          ))}
        </ScrollTable>
      )}
    </Page>
  );
}

export function RegistrationPage({ reference, place }: { reference: string; place: Place }) {
  const { t } = useLanguage();
  const { session } = useSession();
  const request = useSignedInRequest();
  const [registration, setRegistration] = useState<Registration | null>(null);
  const [steps, setSteps] = useState<StepDescription[]>([]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    request<Registration>('GET', `/api/v1/registrations/${encodeURIComponent(reference)}`).then(
      (found) => found && setRegistration(found),
      (err: unknown) => setError(err),
    );
    stepsOf('registration').then(setSteps, () => setSteps([]));
  }, [reference]);

  const role = session?.account.role ?? '';
  const mine = steps.filter((s) => s.roles.includes(role));
  const taken = place.query.get('taken');
  return (
    <Page title={t('registration.title', { reference })}>
      <p>
        <a href={href('/registrations')}>{t('registration.back')}</a>
      </p>
      {taken && (
        <p role="status" class="done">
          {t('case.taken', { step: wordsOr(t, `step.${taken}`, taken) })}
        </p>
      )}
      {error !== null && <ProblemAlert error={error} />}
      {registration === null && error === null && <p role="status">{t('app.loading')}</p>}
      {registration && (
        <>
          <dl class="facts">
            <dt>{t('registration.kind')}</dt>
            <dd lang="en">{registration.kind}</dd>
            <dt>{t('registration.stage')}</dt>
            <dd>
              <Words k={`regStage.${registration.stage}`} fallback={registration.stage} />
            </dd>
            <dt>{t('registration.verifyBy')}</dt>
            <dd>{registration.verifyBy ?? '—'}</dd>
          </dl>
          <h2>{t('registration.documents')}</h2>
          {registration.documents.length === 0 ? (
            <p>{t('registration.noDocuments')}</p>
          ) : (
            <ul>
              {registration.documents.map((d, i) => (
                <li key={i} lang="en">
                  {d.kind ?? ''} {d.fileName ?? d.filename ?? ''} {d.sha256 && <code class="digest">{d.sha256}</code>}
                </li>
              ))}
            </ul>
          )}
          {mine.length > 0 && (
            <>
              <h2>{t('registration.steps')}</h2>
              <ul>
                {mine.map((s) => (
                  <li key={s.step}>
                    <a href={href(`/registrations/${reference}/steps/${s.step}`)}>
                      <Words k={`step.${s.step}`} fallback={s.step} />
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </Page>
  );
}
