/**
 * A labelled input with its hint and its error: the label is the input's
 * accessible name, the hint and the error are read with it
 * (`aria-describedby`), and an error marks it invalid.
 */
import type { FieldError } from '../api';
import { useLanguage } from '../i18n/language';

export interface FieldProps {
  /** The request field it fills, as the API names it in errors; also the input's id and name. */
  name: string;
  label: string;
  hint?: string;
  value: string;
  onInput(value: string): void;
  type?: 'text' | 'password' | 'date';
  /** Several lines: a text area of this many rows (`type` is then ignored). */
  rows?: number;
  autoComplete?: string;
  required?: boolean;
  error?: FieldError | undefined;
}

export function Field({ name, label, hint, value, onInput, type = 'text', rows, autoComplete, required, error }: FieldProps) {
  const { language } = useLanguage();
  const hintId = `${name}-hint`;
  const errorId = `${name}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  const common = {
    id: name,
    name,
    value,
    onInput: (e: Event) => onInput((e.currentTarget as HTMLInputElement).value),
    autoComplete,
    required,
    'aria-required': required ? ('true' as const) : undefined,
    'aria-describedby': describedBy || undefined,
    'aria-invalid': error ? ('true' as const) : undefined,
  };
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={name}>{label}</label>
      {hint && (
        <p id={hintId} class="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} class="field-error">
          <span lang={language === 'en' ? undefined : 'en'}>{error.message}</span>
        </p>
      )}
      {/* One element per type: Preact types each kind of input's attributes apart. */}
      {rows ? (
        <textarea {...common} rows={rows} />
      ) : type === 'password' ? (
        <input type="password" {...common} />
      ) : type === 'date' ? (
        <input type="date" {...common} />
      ) : (
        <input type="text" {...common} />
      )}
    </div>
  );
}
