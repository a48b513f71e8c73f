/**
 * Taking one step on a small claim: the form the API's schema for the step
 * describes, sent to POST /api/v1/sct/claims/{caseNo}/steps/{step} with
 * If-Match (the version the form was opened on, so a step on a case that
 * changed meanwhile is refused, not applied to something unseen) and an
 * Idempotency-Key (a double click or a retry is taken once). A refusal is
 * shown as the API words it, its fields marked; the form keeps what was typed.
 * The console's forms turn the browser's own checks off (`noValidate`): the
 * API is the one judge of a request, so every refusal is worded, announced
 * and marked the same way, in the reader's language where the console has it.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiProblem } from '../api';
import { Page } from '../components/page';
import { ProblemAlert } from '../components/problem-alert';
import { payloadOf, SchemaFields, shownFields, type FormState } from '../components/schema-form';
import { useLanguage, wordsOr } from '../i18n/language';
import { smallClaimSteps, type StepDescription } from '../openapi';
import { href, navigate, type Place } from '../router';
import { useSignedInRequest } from './signed-in';

interface CaseForStep {
  caseNo: string;
  version: number;
  parties: { id: string; name: string; struckOut?: boolean }[];
}

export function StepPage({ caseNo, step, place }: { caseNo: string; step: string; place: Place }) {
  const { t, language } = useLanguage();
  const request = useSignedInRequest();
  const [description, setDescription] = useState<StepDescription | null>(null);
  const [view, setView] = useState<CaseForStep | null>(null);
  const [state, setState] = useState<FormState>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // One key per opening of the form: a resubmission of the same form is the same request.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), [caseNo, step]);
  const stepName = wordsOr(t, `step.${step}`, step);
  const item = place.query.get('item');

  useEffect(() => {
    Promise.all([smallClaimSteps(), request<CaseForStep>('GET', `/api/v1/sct/claims/${encodeURIComponent(caseNo)}`)]).then(
      ([steps, found]) => {
        const described = steps.find((s) => s.step === step);
        if (!described) setError(new ApiProblem(404, t('app.notFound.title'), undefined, [], 'about:blank'));
        else setDescription(described);
        if (found) setView(found);
      },
      (err: unknown) => setError(err),
    );
  }, [caseNo, step]);

  const submit = async () => {
    if (!description || !view) return;
    setBusy(true);
    setError(null);
    try {
      const options = { body: payloadOf(description.body, state), headers: { 'If-Match': `"v${view.version}"`, 'Idempotency-Key': idempotencyKey } };
      // Opened from the work queue: taken through the queue, which claims the item if need be and releases it when done.
      const taken = item
        ? await request<{ version: number }>('POST', `/api/v1/work-queue/${encodeURIComponent(item)}/act`, { ...options, query: { step } })
        : await request<{ version: number }>('POST', `/api/v1/sct/claims/${encodeURIComponent(caseNo)}/steps/${step}`, options);
      if (taken) navigate(href(`/cases/${caseNo}`, { taken: step }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const labels = Object.fromEntries(
    description ? shownFields(description.body).map(([name]) => [name, wordsOr(t, `field.${name}`, name)]) : [],
  );
  const errorOf = (path: string) => (error instanceof ApiProblem ? error.errorOf(path) : undefined);
  return (
    <Page title={`${stepName} · ${caseNo}`}>
      <p>
        <a href={item ? href('/work-queue') : href(`/cases/${caseNo}`)}>{item ? t('step.backToQueue') : t('step.backToCase', { caseNo })}</a>
      </p>
      {description && (
        <p class="hint" lang={language === 'en' ? undefined : 'en'}>
          {description.summary}
        </p>
      )}
      {error !== null && <ProblemAlert error={error} labels={labels} />}
      {description && view && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <SchemaFields
            schema={description.body}
            state={state}
            onChange={(path, value) => setState((was) => ({ ...was, [path]: value }))}
            parties={view.parties.filter((p) => !p.struckOut).map((p) => ({ id: p.id, name: p.name }))}
            errorOf={errorOf}
          />
          <button type="submit" disabled={busy}>
            {stepName}
          </button>
        </form>
      )}
      {!error && (!description || !view) && <p role="status">{t('app.loading')}</p>}
    </Page>
  );
}
