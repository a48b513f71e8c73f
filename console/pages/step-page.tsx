/**
 * Taking one step of a process (a small claim, an application to register,
 * a filing):
 * the form the API's schema for the step describes, sent to the step's
 * route (POST /api/v1/sct/claims/{caseNo}/steps/{step}, …) with
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
import { stepsOf, type StepDescription, type StepProcess } from '../openapi';
import { href, navigate, type Place } from '../router';
import { useSignedInRequest } from './signed-in';

/** What a step form reads of its process: the version it is opened on, and the parties a party field offers. */
interface ProcessForStep {
  version: number;
  parties?: { id: string; name: string; struckOut?: boolean }[];
}

/** Where each process is read, where its steps are sent, and where the console shows it. */
const ROUTES: Record<StepProcess, { view: (ref: string) => string; step: (ref: string, step: string) => string; page: (ref: string) => string }> = {
  'small-claim': {
    view: (ref) => `/api/v1/sct/claims/${encodeURIComponent(ref)}`,
    step: (ref, step) => `/api/v1/sct/claims/${encodeURIComponent(ref)}/steps/${step}`,
    page: (ref) => `/cases/${ref}`,
  },
  registration: {
    view: (ref) => `/api/v1/registrations/${encodeURIComponent(ref)}`,
    step: (ref, step) => `/api/v1/registrations/${encodeURIComponent(ref)}/steps/${step}`,
    page: (ref) => `/registrations/${ref}`,
  },
  filing: {
    view: (ref) => `/api/v1/filings/${encodeURIComponent(ref)}`,
    step: (ref, step) => `/api/v1/filings/${encodeURIComponent(ref)}/steps/${step}`,
    page: (ref) => `/filings/${ref}`,
  },
};

export function StepPage({ process, reference: caseNo, step, place }: { process: StepProcess; reference: string; step: string; place: Place }) {
  const routes = ROUTES[process];
  const { t, language } = useLanguage();
  const request = useSignedInRequest();
  const [description, setDescription] = useState<StepDescription | null>(null);
  const [view, setView] = useState<ProcessForStep | null>(null);
  const [state, setState] = useState<FormState>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // One key per opening of the form: a resubmission of the same form is the same request.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), [caseNo, step]);
  const stepName = wordsOr(t, `step.${step}`, step);
  const item = place.query.get('item');

  useEffect(() => {
    Promise.all([stepsOf(process), request<ProcessForStep>('GET', routes.view(caseNo))]).then(
      ([steps, found]) => {
        const described = steps.find((s) => s.step === step);
        if (!described) setError(new ApiProblem(404, t('app.notFound.title'), undefined, [], 'about:blank'));
        else setDescription(described);
        if (found) setView(found);
      },
      (err: unknown) => setError(err),
    );
  }, [process, caseNo, step]);

  const submit = async () => {
    if (!description || !view) return;
    setBusy(true);
    setError(null);
    try {
      const options = { body: payloadOf(description.body, state), headers: { 'If-Match': `"v${view.version}"`, 'Idempotency-Key': idempotencyKey } };
      // Opened from the work queue: taken through the queue, which claims the item if need be and releases it when done.
      const taken = item
        ? await request<{ version: number }>('POST', `/api/v1/work-queue/${encodeURIComponent(item)}/act`, { ...options, query: { step } })
        : await request<{ version: number }>('POST', routes.step(caseNo, step), options);
      if (taken) navigate(href(routes.page(caseNo), { taken: step }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const labels = Object.fromEntries(
    description ? shownFields(description.body).map(([name]) => [name, wordsOr(t, `field.${name}`, name)]) : [],
  );
  const backTo: Record<StepProcess, string> = {
    'small-claim': t('step.backToCase', { caseNo }),
    registration: t('registration.backTo', { reference: caseNo }),
    filing: t('filing.title', { reference: caseNo }),
  };
  const errorOf = (path: string) => (error instanceof ApiProblem ? error.errorOf(path) : undefined);
  return (
    <Page title={`${stepName} · ${caseNo}`}>
      <p>
        <a href={item ? href('/work-queue') : href(routes.page(caseNo))}>{item ? t('step.backToQueue') : backTo[process]}</a>
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
            parties={(view.parties ?? []).filter((p) => !p.struckOut).map((p) => ({ id: p.id, name: p.name }))}
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
