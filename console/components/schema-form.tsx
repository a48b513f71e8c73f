/**
 * A form for a request body, built from the JSON Schema the API publishes
 * for it: a date field for a date, a list for a choice, the case's parties
 * for a party, HK$ for a sum the API takes in cents, a box for yes or no, a
 * box for each of a set of choices, a password hidden as it is typed, a set
 * of fields for a part that has its own (switched on when optional).
 * Each input is labelled from the catalogues (the API's description is its
 * hint) and has the id of the request field it fills, so the API's field
 * errors point at it. What the form cannot show (fields kept only for cases
 * opened under an earlier revision, with a default) is left to its default.
 *
 * The form keeps what was typed as text; `payloadOf` turns it into the body,
 * and leaves anything it cannot read as typed, for the API to refuse by name.
 */
import type { FieldError } from '../api';
import { useLanguage, wordsOr } from '../i18n/language';
import { centsOf, linesOf } from '../form-values';
import type { JsonSchema } from '../openapi';

/** What was typed or chosen, by field path (`preAwardInterest.from`); an optional part's switch under its own path. */
export type FormState = Record<string, string | boolean | string[]>;

export interface PartyChoice {
  id: string;
  name: string;
}

/** A party of the case, as the API publishes the pattern (`\d` written `[0-9]`): a small claim's (`C1`, `R1`, `D2`) or a filing's (any party id the case has). */
const PARTY_PATTERNS = new Set(['^[CRD][0-9]{1,4}$', '^[A-Z]{1,3}[0-9]{1,4}$']);
const isPartyPattern = (pattern: string | undefined) => pattern !== undefined && PARTY_PATTERNS.has(pattern);
const isLegacy = (schema: JsonSchema) => /^Cases opened before/.test(schema.description ?? '');
const isCents = (name: string, schema: JsonSchema) => schema.type === 'integer' && /Cents$/.test(name);
const isPartyList = (schema: JsonSchema) => schema.type === 'array' && isPartyPattern(schema.items?.pattern);
/** A list of free texts (reasons, grounds): typed one per line. */
const isTextList = (schema: JsonSchema) => schema.type === 'array' && schema.items?.type === 'string' && !schema.items.enum && !isPartyList(schema);


/** `[X, null]` → X: a field that may be left empty. */
function unwrap(schema: JsonSchema): JsonSchema {
  const other = schema.anyOf?.filter((s) => s.type !== 'null');
  return other && other.length === 1 && other[0] ? { ...other[0], description: schema.description ?? other[0].description } : schema;
}

/** The fields the form shows, in the schema's order. */
export function shownFields(schema: JsonSchema): [string, JsonSchema][] {
  return Object.entries(schema.properties ?? {})
    .filter(([, s]) => !isLegacy(s))
    .map(([name, s]) => [name, unwrap(s)]);
}

const humanise = (name: string) => name.replace(/Cents$/, '').replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());

/** The body to send: typed values where they read as their type, the text as typed where they do not. */
export function payloadOf(schema: JsonSchema, state: FormState, prefix = ''): Record<string, unknown> {
  const required = new Set(schema.required ?? []);
  const body: Record<string, unknown> = {};
  for (const [name, field] of shownFields(schema)) {
    const path = prefix ? `${prefix}.${name}` : name;
    const raw = state[path];
    if (field.type === 'object') {
      if (required.has(name) || state[path] === true) body[name] = payloadOf(field, state, path);
    } else if (field.type === 'boolean') {
      if (required.has(name) || raw !== undefined) body[name] = raw === true;
    } else if (isTextList(field)) {
      const lines = typeof raw === 'string' ? linesOf(raw) : [];
      if (required.has(name) || lines.length > 0) body[name] = lines;
    } else if (field.type === 'array') {
      if (required.has(name) || (Array.isArray(raw) && raw.length > 0)) body[name] = Array.isArray(raw) ? raw : [];
    } else if (typeof raw === 'string' && raw.trim() !== '') {
      body[name] = typedValue(name, field, raw.trim());
    } else if (required.has(name)) {
      body[name] = '';
    }
  }
  return body;
}

function typedValue(name: string, field: JsonSchema, text: string): unknown {
  if (isCents(name, field)) return centsOf(text);
  if (field.type === 'integer') return /^-?\d+$/.test(text) ? Number(text) : text;
  if (field.type === 'number') return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  return text;
}

export interface SchemaFieldsProps {
  schema: JsonSchema;
  state: FormState;
  onChange(path: string, value: string | boolean | string[]): void;
  parties: PartyChoice[];
  errorOf(path: string): FieldError | undefined;
  prefix?: string;
  /** Labels of this form's own for fields whose usual words would mislead here (an application's language is its messages'). */
  labels?: Record<string, string>;
}

export function SchemaFields({ schema, state, onChange, parties, errorOf, prefix = '', labels = {} }: SchemaFieldsProps) {
  const { t, language } = useLanguage();
  const english = language === 'en' ? undefined : 'en';
  const required = new Set(schema.required ?? []);
  const labelOf = (name: string) => labels[name] ?? wordsOr(t, `field.${name}`, humanise(name));

  return (
    <>
      {shownFields(schema).map(([name, field]) => {
        const path = prefix ? `${prefix}.${name}` : name;
        const label = labelOf(name);
        const error = errorOf(path);
        const hintId = `${path}-hint`;
        const errorId = `${path}-error`;
        const describedBy = [field.description ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
        const hint = field.description && (
          <p id={hintId} class="hint" lang={english}>
            {field.description}
          </p>
        );
        const errorLine = error && (
          <p id={errorId} class="field-error">
            <span lang={english}>{error.message}</span>
          </p>
        );
        const common = {
          id: path,
          name: path,
          'aria-describedby': describedBy,
          'aria-invalid': error ? ('true' as const) : undefined,
          required: required.has(name) || undefined,
        };

        if (field.type === 'object') {
          const optional = !required.has(name);
          const on = !optional || state[path] === true;
          return (
            <fieldset key={path} class="subform">
              <legend>{label}</legend>
              {hint}
              {optional && (
                <div class="check">
                  <input type="checkbox" id={path} checked={on} onChange={(e) => onChange(path, e.currentTarget.checked)} />
                  <label for={path}>{t('form.include', { part: label })}</label>
                </div>
              )}
              {on && <SchemaFields schema={field} state={state} onChange={onChange} parties={parties} errorOf={errorOf} prefix={path} labels={labels} />}
            </fieldset>
          );
        }
        if (field.type === 'boolean') {
          return (
            <div key={path} class="field check">
              <input type="checkbox" {...common} checked={state[path] === true} onChange={(e) => onChange(path, e.currentTarget.checked)} />
              <label for={path}>{label}</label>
              {hint}
              {errorLine}
            </div>
          );
        }
        if (isPartyList(field)) {
          const chosen = Array.isArray(state[path]) ? (state[path] as string[]) : [];
          return (
            <fieldset key={path} class="field" aria-describedby={describedBy} id={path}>
              <legend>{label}</legend>
              {hint}
              {errorLine}
              {parties.map((party) => (
                <div class="check" key={party.id}>
                  <input
                    type="checkbox"
                    id={`${path}-${party.id}`}
                    checked={chosen.includes(party.id)}
                    onChange={(e) => onChange(path, e.currentTarget.checked ? [...chosen, party.id] : chosen.filter((id) => id !== party.id))}
                  />
                  <label for={`${path}-${party.id}`}>
                    {party.id} <span class="names">{party.name}</span>
                  </label>
                </div>
              ))}
            </fieldset>
          );
        }
        if (isTextList(field)) {
          const text = typeof state[path] === 'string' ? (state[path] as string) : '';
          return (
            <div key={path} class={error ? 'field field-invalid' : 'field'}>
              <label for={path}>{label}</label>
              <p id={`${path}-lines`} class="hint">
                {t('form.onePerLine')}
              </p>
              {hint}
              {errorLine}
              <textarea {...common} aria-describedby={[`${path}-lines`, describedBy].filter(Boolean).join(' ')} rows={4} value={text} onInput={(e) => onChange(path, e.currentTarget.value)} />
            </div>
          );
        }
        if (field.type === 'array' && field.items?.enum) {
          // A set of choices (powers to delegate): one box each.
          const chosen = Array.isArray(state[path]) ? (state[path] as string[]) : [];
          return (
            <fieldset key={path} class="field" aria-describedby={describedBy} id={path}>
              <legend>{label}</legend>
              {errorLine}
              {field.items.enum.map((option) => (
                <div class="check" key={option}>
                  <input
                    type="checkbox"
                    id={`${path}-${option}`}
                    checked={chosen.includes(option)}
                    onChange={(e) => onChange(path, e.currentTarget.checked ? [...chosen, option] : chosen.filter((o) => o !== option))}
                  />
                  <label for={`${path}-${option}`}>{wordsOr(t, `enum.${name}.${option}`, option)}</label>
                </div>
              ))}
            </fieldset>
          );
        }
        if (field.type === 'array') {
          return (
            <p key={path} class="hint">
              {t('form.notHere', { field: label })}
            </p>
          );
        }
        const value = typeof state[path] === 'string' ? (state[path] as string) : '';
        const set = (e: Event) => onChange(path, (e.currentTarget as HTMLInputElement).value);
        let input;
        if (field.enum || isPartyPattern(field.pattern)) {
          const options = field.enum ?? parties.map((p) => p.id);
          input = (
            <select {...common} value={value} onChange={set}>
              <option value="">{t('form.choose')}</option>
              {options.map((option) => (
                <option key={option} value={option}>
                  {field.enum ? wordsOr(t, `enum.${name}.${option}`, option) : `${option} ${parties.find((p) => p.id === option)?.name ?? ''}`}
                </option>
              ))}
            </select>
          );
        } else if (field.format === 'date') input = <input type="date" {...common} value={value} onInput={set} />;
        else if (name === 'password') input = <input type="password" autoComplete="new-password" {...common} value={value} onInput={set} />;
        else if ((field.maxLength ?? 0) > 200) input = <textarea {...common} rows={4} value={value} onInput={set} />;
        else
          input = (
            <input
              type="text"
              {...common}
              value={value}
              onInput={set}
              {...(isCents(name, field) || field.type === 'integer' || field.type === 'number' ? { inputMode: 'decimal' as const } : {})}
            />
          );
        return (
          <div key={path} class={error ? 'field field-invalid' : 'field'}>
            <label for={path}>
              {label}
              {isCents(name, field) ? ' (HK$)' : ''}
            </label>
            {hint}
            {errorLine}
            {input}
          </div>
        );
      })}
    </>
  );
}
