// ESLint (flat config) with typescript-eslint's type-aware rules over the
// TypeScript sources. Run by `npm run lint` (so by `npm test`); the import
// layers are dependency-cruiser's job (.dependency-cruiser.cjs), not this file's.
//
// Kept deliberately small: promise misuse and `any` everywhere; no clock and
// no randomness in domain/ and workflows/. No stylistic rules (formatting is
// not what lint is for here). `test/unit/layers.test.ts` proves the rules bite.
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const SOURCES = ['domain', 'workflows', 'activities', 'db', 'papers', 'services', 'api', 'workers', 'cli', 'config', 'sandbox', 'test', 'bench', 'console'];

/**
 * The one file allowed to read the clock in deterministic code. Inside
 * Temporal's workflow sandbox `Date.now()` and `new Date()` return the
 * workflow's deterministic time (the time of the current workflow task), so
 * workflows read time through this module and nowhere else.
 */
const WORKFLOW_TIME_FILE = 'workflows/workflow-time.ts';

const clockProperties = [
  { object: 'Date', property: 'now', message: 'No clock in domain/ or workflows/: pass the time in (domain/) or use workflows/workflow-time.ts (workflows/).' },
  { object: 'performance', property: 'now', message: 'No clock in domain/ or workflows/.' },
  { object: 'globalThis', property: 'performance', message: 'No clock in domain/ or workflows/.' },
];
const randomProperties = [
  { object: 'Math', property: 'random', message: 'No randomness in domain/ or workflows/: take identifiers as input, or use uuid4() from @temporalio/workflow in a workflow.' },
  { object: 'globalThis', property: 'crypto', message: 'No randomness in domain/ or workflows/.' },
];
const clockSyntax = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'No clock in domain/ or workflows/: `new Date()` reads the current time; pass the time in, or use workflows/workflow-time.ts.' },
  { selector: "CallExpression[callee.name='Date']", message: 'No clock in domain/ or workflows/: `Date()` returns the current time as a string.' },
];
const randomGlobals = [{ name: 'crypto', message: 'No randomness in domain/ or workflows/ (Web Crypto): take identifiers as input, or use uuid4() from @temporalio/workflow.' }];

export default defineConfig(
  {
    // Built output, installed tools and data; recorded histories are JSON.
    ignores: ['dist/**', 'node_modules/**', '.tools/**', '.data/**', 'coverage/**', '**/*.js', '**/*.cjs', '**/*.mjs'],
  },
  {
    files: SOURCES.flatMap((dir) => [`${dir}/**/*.ts`, `${dir}/**/*.tsx`]),
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: {
        // Type information from tsconfig.json, found per file by the project service.
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Deterministic code: no clock, no randomness.
    files: ['domain/**/*.ts', 'workflows/**/*.ts'],
    ignores: [WORKFLOW_TIME_FILE],
    rules: {
      'no-restricted-properties': ['error', ...clockProperties, ...randomProperties],
      'no-restricted-syntax': ['error', ...clockSyntax],
      'no-restricted-globals': ['error', ...randomGlobals],
    },
  },
  {
    // The documented exception: workflow time is read here and only here.
    // Randomness stays forbidden even in this file.
    files: [WORKFLOW_TIME_FILE],
    rules: {
      'no-restricted-properties': ['error', ...randomProperties],
      'no-restricted-globals': ['error', ...randomGlobals],
    },
  },
);
