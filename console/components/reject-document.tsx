/**
 * The registry's rejection of one document: each defect a coded reason (the
 * list the API publishes for the step), with a note where the officer has
 * more to say; "other" is the officer's own words and must have them. The
 * filer's message says what is wrong in their language from the codes.
 */
import { useState } from 'preact/hooks';
import { ApiProblem } from '../api';
import { useLanguage, wordsOr } from '../i18n/language';
import type { JsonSchema } from '../openapi';
import { ProblemAlert } from './problem-alert';

/** The reasons the step's `defects` take, in the API's order, `other` last. */
export function defectReasons(schema: JsonSchema): string[] {
  const variants = schema.properties?.defects?.items?.anyOf ?? [];
  return variants.flatMap((v) => {
    const reason = v.properties?.reason;
    return reason?.enum ?? (reason?.const !== undefined ? [reason.const] : []);
  });
}

export interface RejectDocumentProps {
  documentId: string;
  schema: JsonSchema;
  take(body: Record<string, unknown>): Promise<unknown>;
  onCancel(): void;
}

export function RejectDocument({ documentId, schema, take, onCancel }: RejectDocumentProps) {
  const { t, language } = useLanguage();
  const [chosen, setChosen] = useState<string[]>([]);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const reasons = defectReasons(schema);
  const words = (reason: string) => wordsOr(t, `enum.defect.${reason}`, reason);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const defects = chosen.map((reason) => {
        const note = (notes[reason] ?? '').trim();
        return note === '' && reason !== 'other' ? { reason } : { reason, note };
      });
      await take({ documentId, defects });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const errorFor = (path: string) => (error instanceof ApiProblem ? error.errors.find((e) => e.field === path || e.field.startsWith(`${path}.`)) : undefined);
  const listError = errorFor('defects');
  const legendId = `reject-${documentId}`;
  return (
    <section class="subform" aria-labelledby={legendId}>
      <h3 id={legendId}>{t('filing.reject.heading', { id: documentId })}</h3>
      {error !== null && <ProblemAlert error={error} labels={{ defects: t('field.defects') }} />}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <fieldset class="field" id="defects" aria-invalid={listError ? 'true' : undefined}>
          <legend>{t('field.defects')}</legend>
          {listError && (
            <p class="field-error">
              <span lang={language === 'en' ? undefined : 'en'}>{listError.message}</span>
            </p>
          )}
          {reasons.map((reason) => {
            const on = chosen.includes(reason);
            return (
              <div key={reason}>
                <div class="check">
                  <input
                    type="checkbox"
                    id={`defect-${reason}`}
                    checked={on}
                    onChange={(e) => setChosen((was) => (e.currentTarget.checked ? [...was, reason] : was.filter((r) => r !== reason)))}
                  />
                  <label for={`defect-${reason}`}>{words(reason)}</label>
                </div>
                {on && (
                  <div class="field">
                    <label for={`defect-${reason}-note`}>{t('filing.reject.note', { reason: words(reason) })}</label>
                    <textarea id={`defect-${reason}-note`} rows={2} value={notes[reason] ?? ''} required={reason === 'other'} onInput={(e) => setNotes((was) => ({ ...was, [reason]: e.currentTarget.value }))} />
                  </div>
                )}
              </div>
            );
          })}
        </fieldset>
        <div class="actions">
          <button type="submit" disabled={busy}>
            {t('filing.reject.button')}
          </button>
          <button type="button" class="secondary" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
