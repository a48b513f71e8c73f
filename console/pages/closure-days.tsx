/**
 * Closure days, for registry officers (GET /api/v1/calendar, POST
 * …/closures, DELETE …/closures/{date}): the days the registries were
 * closed by a gale or black rainstorm warning, or by an order announced in
 * advance; declaring one runs every deadline whose last day it is on to the
 * next open day (Cap. 1 s.71), in every open case, and withdrawing one
 * declared by mistake puts them back. Each form carries its own
 * Idempotency-Key, so a double submit declares once.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiProblem } from '../api';
import { Field } from '../components/field';
import { Page } from '../components/page';
import { ProblemAlert } from '../components/problem-alert';
import { hongKongTime } from '../hong-kong-time';
import { useLanguage } from '../i18n/language';
import { useSignedInRequest } from './signed-in';

/** The warnings that close the registries (Cap. 1 s.71(2)): a warning closure's reason is one of these, as the API takes them. */
const WARNINGS = [
  ['black rainstorm warning', 'closures.warning.black-rainstorm'],
  ['gale warning (signal No. 8 or above)', 'closures.warning.gale'],
] as const;

interface DeclaredClosure {
  date: string;
  reason: string;
  kind: 'warning' | 'planned';
  declaredAt: string;
}
interface Calendar {
  calendarVersion: string;
  closures: DeclaredClosure[];
}

export function ClosureDays() {
  const { t, language } = useLanguage();
  const request = useSignedInRequest();
  const [calendar, setCalendar] = useState<Calendar | null>(null);
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<'warning' | 'planned'>('warning');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  // A new key after each success: the next declaration is a new request, a resubmission of this one is not.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), [attempt]);

  const load = async () => {
    try {
      const found = await request<Calendar>('GET', '/api/v1/calendar');
      if (found) setCalendar(found);
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const declare = async () => {
    setError(null);
    setDone(null);
    try {
      const answer = await request<{ changed: boolean; why?: string }>('POST', '/api/v1/calendar/closures', {
        body: { date, kind, reason },
        headers: { 'Idempotency-Key': idempotencyKey },
      });
      if (!answer) return;
      setDone(answer.changed ? t('closures.declared', { date }) : t('closures.unchanged', { date }));
      setAttempt((n) => n + 1);
      setReason('');
      await load();
    } catch (err) {
      setError(err);
    }
  };

  const fieldError = (name: string) => (error instanceof ApiProblem ? error.errorOf(name) : undefined);
  const labels = { date: t('closures.date'), reason: t('closures.reason'), kind: t('closures.kind') };
  return (
    <Page title={t('closures.title')}>
      <p>{t('closures.intro')}</p>
      {done && (
        <p role="status" class="done">
          {done}
        </p>
      )}
      {error !== null && <ProblemAlert error={error} labels={labels} />}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void declare();
        }}
      >
        <h2>{t('closures.declare')}</h2>
        <Field name="date" type="date" label={labels.date} value={date} onInput={setDate} required error={fieldError('date')} />
        <fieldset class="field">
          <legend>{labels.kind}</legend>
          {(['warning', 'planned'] as const).map((k) => (
            <div class="check" key={k}>
              <input
                type="radio"
                id={`kind-${k}`}
                name="kind"
                value={k}
                checked={kind === k}
                onChange={() => {
                  setKind(k);
                  setReason('');
                }}
              />
              <label for={`kind-${k}`}>{t(`closures.kind.${k}`)}</label>
            </div>
          ))}
        </fieldset>
        {kind === 'warning' ? (
          <div class={fieldError('reason') ? 'field field-invalid' : 'field'}>
            <label for="reason">{labels.reason}</label>
            <select id="reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} aria-required="true" {...(fieldError('reason') ? { 'aria-invalid': 'true' } : {})}>
              <option value="">{t('form.choose')}</option>
              {WARNINGS.map(([value, key]) => (
                <option key={value} value={value}>
                  {t(key)}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <Field name="reason" label={labels.reason} hint={t('closures.reasonHint')} value={reason} onInput={setReason} required error={fieldError('reason')} />
        )}
        <button type="submit">{t('closures.declare')}</button>
      </form>
      <h2>{t('closures.declaredHeading')}</h2>
      {calendar === null && error === null && <p role="status">{t('app.loading')}</p>}
      {calendar && calendar.closures.length === 0 && <p>{t('closures.none')}</p>}
      {calendar && calendar.closures.length > 0 && (
        <ul class="closures">
          {calendar.closures.map((c) => (
            <li key={c.date}>
              <strong>{c.date}</strong> · {t(`closures.kind.${c.kind}`)} · <span lang={language === 'en' ? undefined : 'en'}>{c.reason}</span>
              <span class="hint"> · {t('closures.declaredAt', { at: hongKongTime(c.declaredAt) })}</span>
              <Withdraw date={c.date} onDone={(message) => {
                setDone(message);
                void load();
              }} />
            </li>
          ))}
        </ul>
      )}
      {calendar && <p class="hint">{t('closures.version', { version: calendar.calendarVersion })}</p>}
    </Page>
  );
}

function Withdraw({ date, onDone }: { date: string; onDone(message: string): void }) {
  const { t } = useLanguage();
  const request = useSignedInRequest();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const idempotencyKey = useMemo(() => crypto.randomUUID(), [date]);
  const name = `withdraw-${date}`;
  const withdraw = async () => {
    setError(null);
    try {
      const answer = await request('DELETE', `/api/v1/calendar/closures/${date}`, { body: { reason }, headers: { 'Idempotency-Key': idempotencyKey } });
      if (answer !== null) onDone(t('closures.withdrawn', { date }));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <details>
      <summary>{t('closures.withdraw', { date })}</summary>
      {error !== null && <ProblemAlert error={error} labels={{ reason: t('closures.withdrawReason') }} />}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void withdraw();
        }}
      >
        <Field name={name} label={t('closures.withdrawReason')} value={reason} onInput={setReason} required error={error instanceof ApiProblem ? error.errorOf('reason') : undefined} />
        <button type="submit" class="secondary">
          {t('closures.withdraw', { date })}
        </button>
      </form>
    </details>
  );
}
