/**
 * The console builds its forms from the request schemas the API publishes;
 * the words on them come from its message catalogues. Every field of every
 * form the console builds from the API today, and every choice such a field
 * offers, has its words in the catalogues (the compiler sees to it that the
 * three catalogues have the same keys), so no Chinese page shows a label or
 * a choice the catalogues forgot.
 */
import { en } from '../../console/i18n/en';
import { offlineApp } from '../support/offline-app';

interface Schema {
  $ref?: string;
  type?: string;
  description?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: string[];
  anyOf?: Schema[];
}

const app = offlineApp();
afterAll(() => app.close());
const document = app.document as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>; components: { schemas: Record<string, Schema> } };

const resolve = (s: Schema): Schema => (s.$ref ? resolve(document.components.schemas[s.$ref.split('/').pop() ?? ''] ?? {}) : s);

/** The routes whose bodies the console turns into forms (console/openapi.ts `stepsOf`, `bodySchema`). */
const FORM_ROUTES = [
  '/api/v1/filings',
  '/api/v1/registrations',
  '/api/v1/organisations/{organisationId}/accounts',
  '/api/v1/organisations/{organisationId}/branches',
  '/api/v1/organisations/{organisationId}/case-assignments',
  '/api/v1/organisations/{organisationId}/quota-requests',
];
const forms = Object.entries(document.paths).flatMap(([path, methods]) => {
  const body = methods.post?.requestBody?.content['application/json']?.schema;
  return body && (path.includes('/steps/') || FORM_ROUTES.includes(path)) ? [{ path, body: resolve(body) }] : [];
});

/** The keys a form's fields need: `field.<name>`, and `enum.<name>.<choice>` for each choice; parts of their own included. */
function keysOf(schema: Schema): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, raw]) => {
    const field = resolve(raw.anyOf?.find((s) => s.type !== 'null') ?? raw);
    const choices = field.enum ?? field.items?.enum ?? [];
    // A list of parts of their own (a rejection's defects) has its own form in the console, worded there.
    if (field.type === 'array' && field.items && resolve(field.items).type === 'object') return [];
    return [`field.${name}`, ...choices.map((c) => `enum.${name}.${c}`), ...(field.type === 'object' ? keysOf(field) : [])];
  });
}

it('finds the forms it checks', () => {
  expect(forms.length).toBeGreaterThan(40);
  expect(forms.map((f) => f.path)).toEqual(expect.arrayContaining(['/api/v1/filings/{reference}/steps/add-document', '/api/v1/sct/claims/{caseNo}/steps/decide-review']));
});

it.each(forms.map((f) => [f.path, f.body] as const))('every field and choice of %s has its words in the catalogues', (_path, body) => {
  const missing = keysOf(body).filter((key) => !Object.hasOwn(en, key));
  expect(missing).toEqual([]);
});
