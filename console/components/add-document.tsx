/**
 * A document for a filing: the PDF chosen here is uploaded first
 * (POST /api/v1/documents, the large-file path), then its upload's id is
 * quoted in the step with the rest of the form, which is built from the
 * API's schema for the step (add-document: the document's name, purpose,
 * language and parties; resubmit-document: only the file). A file the court
 * cannot take is refused at upload, worded by the API in both languages.
 */
import { useState } from 'preact/hooks';
import { ApiProblem, uploadPdf } from '../api';
import { useLanguage, wordsOr } from '../i18n/language';
import type { JsonSchema } from '../openapi';
import { useSession } from '../session';
import { ProblemAlert } from './problem-alert';
import { payloadOf, SchemaFields, shownFields, type FormState, type PartyChoice } from './schema-form';

/** The step's body without the fields this form fills itself: the upload, and the document a correction names. */
function describedBy(schema: JsonSchema, filledHere: readonly string[]): JsonSchema {
  const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([name]) => !filledHere.includes(name)));
  return { ...schema, properties, required: (schema.required ?? []).filter((name) => !filledHere.includes(name)) };
}

export interface AddDocumentProps {
  /** The step's body schema, as the API publishes it. */
  schema: JsonSchema;
  heading: string;
  button: string;
  parties: PartyChoice[];
  /** What the form starts with (the filer's own party). */
  initial?: FormState;
  /** Fields the caller fills (a correction's documentId). */
  fixed?: Record<string, string>;
  /** Takes the step; throws the API's refusal. */
  take(body: Record<string, unknown>): Promise<unknown>;
  /** A prefix for the ids, so two such forms on one page do not share them. */
  idPrefix?: string;
}

export function AddDocument({ schema, heading, button, parties, initial = {}, fixed = {}, take, idPrefix = '' }: AddDocumentProps) {
  const { t } = useLanguage();
  const { session } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<FormState>(initial);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Each document added starts a fresh form: the file input cannot be emptied otherwise.
  const [round, setRound] = useState(0);
  const rest = describedBy(schema, ['uploadId', ...Object.keys(fixed)]);
  const fileId = `${idPrefix}uploadId`;

  const submit = async () => {
    setError(null);
    if (!file) {
      setError(new ApiProblem(400, t('filing.add.noFile'), t('filing.add.noFile'), [{ field: 'uploadId', rule: 'required', message: t('filing.add.noFile') }], 'about:blank'));
      return;
    }
    if (!session) return;
    setBusy(true);
    try {
      const uploaded = await uploadPdf(file, session.token);
      await take({ ...payloadOf(rest, state), ...fixed, uploadId: uploaded.id });
      setFile(null);
      setState(initial);
      setRound((n) => n + 1);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const errorOf = (path: string) => (error instanceof ApiProblem ? error.errorOf(path) : undefined);
  const fileError = errorOf('uploadId') ?? errorOf('Content-Type') ?? errorOf('Content-Disposition');
  const labels = { uploadId: wordsOr(t, 'field.uploadId', 'uploadId'), ...Object.fromEntries(shownFields(rest).map(([name]) => [name, wordsOr(t, `field.${name}`, name)])) };
  return (
    <section class="subform" aria-label={heading}>
      <h3>{heading}</h3>
      {error !== null && <ProblemAlert error={error} labels={idPrefix ? {} : labels} />}
      <form
        key={round}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div class={fileError ? 'field field-invalid' : 'field'}>
          <label for={fileId}>{labels.uploadId}</label>
          <p id={`${fileId}-hint`} class="hint">
            {t('filing.add.fileHint')}
          </p>
          <input
            type="file"
            id={fileId}
            accept="application/pdf,.pdf"
            required
            aria-describedby={`${fileId}-hint`}
            aria-invalid={fileError ? 'true' : undefined}
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
        </div>
        <SchemaFields schema={rest} state={state} onChange={(path, value) => setState((was) => ({ ...was, [path]: value }))} parties={parties} errorOf={errorOf} prefix="" />
        <button type="submit" disabled={busy}>
          {button}
        </button>
      </form>
    </section>
  );
}
