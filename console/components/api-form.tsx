/**
 * A form for one request of the API, built from the body schema the API
 * publishes for its route (`schemaPath`, as `/openapi.json` names it), sent
 * with one Idempotency-Key per filling-in, its refusal shown as the API
 * words it with each field marked. What the answer means is the caller's.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiProblem } from '../api';
import { useLanguage, wordsOr } from '../i18n/language';
import { bodySchema, type JsonSchema } from '../openapi';
import { useSignedInRequest } from '../pages/signed-in';
import { ProblemAlert } from './problem-alert';
import { payloadOf, SchemaFields, shownFields, type FormState, type PartyChoice } from './schema-form';

export interface ApiFormProps<T> {
  /** The route's path as the API document names it: `/api/v1/organisations/{organisationId}/branches`. */
  schemaPath: string;
  /** Where the request goes. */
  path: string;
  method?: 'POST' | 'PUT';
  heading: string;
  button: string;
  /** Fields the form does not show, sent as given (an account chosen from a list elsewhere). */
  fixed?: Record<string, unknown>;
  initial?: FormState;
  parties?: PartyChoice[];
  /** Labels of this form's own, by field name (see SchemaFields). */
  labels?: Record<string, string>;
  /** Sent without the signed-in account's token (an application to register, made by someone with no account). */
  anonymous?: boolean;
  /** Called with the answer; the form is emptied for the next one. */
  onDone(answer: T): void;
}

export function ApiForm<T>({ schemaPath, path, method = 'POST', heading, button, fixed = {}, initial = {}, parties = [], anonymous = false, labels: ownLabels = {}, onDone }: ApiFormProps<T>) {
  const { t } = useLanguage();
  const request = useSignedInRequest();
  const [schema, setSchema] = useState<JsonSchema | null>(null);
  const [state, setState] = useState<FormState>(initial);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [round, setRound] = useState(0);
  const idempotencyKey = useMemo(() => crypto.randomUUID(), [round]);
  const headingId = useMemo(() => `form-${schemaPath.replace(/\W+/g, '-')}-${method}`, [schemaPath, method]);

  useEffect(() => {
    bodySchema(schemaPath, method === 'PUT' ? 'put' : 'post').then(
      (found) => setSchema({ ...found, properties: Object.fromEntries(Object.entries(found.properties ?? {}).filter(([name]) => !Object.hasOwn(fixed, name))) }),
      (err: unknown) => setError(err),
    );
  }, [schemaPath, method]);

  const submit = async () => {
    if (!schema) return;
    setBusy(true);
    setError(null);
    try {
      const options = { body: { ...payloadOf(schema, state), ...fixed }, headers: { 'Idempotency-Key': idempotencyKey } };
      const answer = anonymous ? await api<T>(method, path, options) : await request<T>(method, path, options);
      if (answer === null) return;
      setState(initial);
      setRound((n) => n + 1);
      onDone(answer);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const labels = Object.fromEntries(schema ? shownFields(schema).map(([name]) => [name, ownLabels[name] ?? wordsOr(t, `field.${name}`, name)]) : []);
  return (
    <section class="subform" aria-labelledby={headingId}>
      <h3 id={headingId}>{heading}</h3>
      {error !== null && <ProblemAlert error={error} labels={labels} />}
      {schema && (
        <form
          key={round}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <SchemaFields
            schema={schema}
            state={state}
            onChange={(p, value) => setState((was) => ({ ...was, [p]: value }))}
            parties={parties}
            labels={ownLabels}
            errorOf={(p) => (error instanceof ApiProblem ? error.errorOf(p) : undefined)}
          />
          <button type="submit" disabled={busy}>
            {button}
          </button>
        </form>
      )}
    </section>
  );
}
