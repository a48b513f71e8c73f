/**
 * The layer rules bite: probes that break them are reported as errors by the
 * project's own configurations (.dependency-cruiser.cjs, eslint.config.mjs),
 * through the tools' Node APIs, and a clean probe passes.
 *
 * dependency-cruiser is an ES module and ESLint loads eslint.config.mjs with
 * `import()`, neither of which Jest's module sandbox can do; so the checks run
 * in one child `node` process (the script below), and this file asserts on
 * what it reports.
 *
 * dependency-cruiser reads from disk, so its probes are real files, written
 * under unique names just before the cruise and removed right after it (in
 * `finally`, by the child and again by this file, whatever happens); their
 * contents typecheck, so a `tsc` that runs meanwhile is not disturbed. ESLint's
 * probes never touch the disk: they are linted with `lintText` at a path in
 * the folder, the configuration's rules unchanged; only the parser is told to
 * type them with tsconfig.json's options although no such file exists
 * (typescript-eslint's `allowDefaultProject`).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const tag = `__layer_probe_${randomBytes(6).toString('hex')}`;

/** Each probe: which tool checks it, its path (relative to the project root) and what it holds. */
const PROBES = {
  workflowImportsApi: {
    tools: ['cruise'],
    path: `workflows/${tag}_imports_api.ts`,
    text: "import { createApp } from '../api/app';\n\nexport const probe = createApp;\n",
  },
  workflowImportsNodeFs: {
    tools: ['cruise'],
    path: `workflows/${tag}_imports_fs.ts`,
    text: "import { readFileSync } from 'node:fs';\n\nexport const probe = readFileSync;\n",
  },
  domainImportsNpm: {
    tools: ['cruise'],
    path: `domain/${tag}_imports_npm.ts`,
    text: "import type { Pool } from 'pg';\n\nexport type Probe = Pool;\n",
  },
  consoleImportsApi: {
    tools: ['cruise'],
    path: `console/${tag}_imports_api.ts`,
    text: "import { problemType } from '../api/problem';\n\nexport const probe = problemType;\n",
  },
  consoleImportsNodeFs: {
    tools: ['cruise'],
    path: `console/${tag}_imports_fs.ts`,
    text: "import { readFileSync } from 'node:fs';\n\nexport const probe = readFileSync;\n",
  },
  apiImportsConsole: {
    tools: ['cruise'],
    path: `api/${tag}_imports_console.ts`,
    text: "import { en } from '../console/i18n/en';\n\nexport const probe = en;\n",
  },
  domainClock: {
    tools: ['lint'],
    path: `domain/${tag}_clock.ts`,
    text: [
      'export const now = (): number => Date.now();',
      'export const today = (): Date => new Date();',
      'export const dice = (): number => Math.random();',
      'export const id = (): string => crypto.randomUUID();',
      '',
    ].join('\n'),
  },
  workflowClock: {
    tools: ['lint'],
    path: `workflows/${tag}_clock.ts`,
    text: 'export const now = (): number => Date.now();\nexport const today = (): Date => new Date();\n',
  },
  dbPromises: {
    tools: ['lint'],
    path: `db/${tag}_promises.ts`,
    text: [
      'async function work(): Promise<number> {',
      '  return 1;',
      '}',
      'export function floating(): void {',
      '  work();',
      '}',
      'export function misused(): void {',
      '  [1].forEach(async () => {',
      '    await work();',
      '  });',
      '}',
      'export const loose: any = 1;',
      '',
    ].join('\n'),
  },
  domainClean: {
    tools: ['cruise', 'lint'],
    path: `domain/${tag}_clean.ts`,
    text: 'export const addDays = (epochDay: number, days: number): number => epochDay + days;\nexport const epoch = (): Date => new Date(0);\n',
  },
  workflowClean: {
    tools: ['cruise', 'lint'],
    path: `workflows/${tag}_clean.ts`,
    text: [
      "import { sleep } from '@temporalio/workflow';",
      `import { addDays } from '../domain/${tag}_clean';`,
      '',
      'export async function probeWorkflow(day: number): Promise<number> {',
      "  await sleep('1 day');",
      '  return addDays(day, 1);',
      '}',
      '',
    ].join('\n'),
  },
} satisfies Record<string, { tools: ('cruise' | 'lint')[]; path: string; text: string }>;
type ProbeName = keyof typeof PROBES;

interface Finding {
  rule: string;
  severity: string;
  line?: number;
  to?: string;
}
interface Report {
  depcruise: Record<string, Finding[]>;
  eslint: Record<string, Finding[]>;
  /** The rules ESLint would apply to files that do not exist (the documented exception and a workflow). */
  config: Record<string, Record<string, unknown>>;
}

/** Runs in the child: cruise and lint the probes with the project's configurations, print one JSON report. */
const CHILD = `
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { ESLint } from 'eslint';
import { rmSync, writeFileSync } from 'node:fs';

const { probes, probeGlobs, configFor } = JSON.parse(process.env.LAYER_PROBES);
const root = process.cwd();

const cruised = probes.filter((p) => p.tools.includes('cruise'));
const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
const transpile = { tsConfig: extractTSConfig('tsconfig.json') };
const depcruise = Object.fromEntries(cruised.map((p) => [p.path, []]));
try {
  for (const p of cruised) writeFileSync(p.path, p.text, { flag: 'wx' });
  const result = await cruise(cruised.map((p) => p.path), { ...options, maxDepth: 1 }, undefined, transpile);
  for (const v of result.output.summary.violations) depcruise[v.from]?.push({ rule: v.rule.name, severity: v.rule.severity, to: v.to });
} finally {
  for (const p of cruised) rmSync(p.path, { force: true });
}

const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    files: probeGlobs,
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: probeGlobs, defaultProject: 'tsconfig.json' } } },
  },
});
const lint = {};
for (const p of probes.filter((p) => p.tools.includes('lint'))) {
  const [result] = await eslint.lintText(p.text, { filePath: p.path });
  lint[p.path] = result.messages.map((m) => ({ rule: m.ruleId ?? (m.fatal ? 'fatal: ' + m.message : 'unknown'), severity: m.severity === 2 ? 'error' : 'warn', line: m.line }));
}
const config = {};
for (const file of configFor) config[file] = (await eslint.calculateConfigForFile(file)).rules;
process.stdout.write(JSON.stringify({ depcruise, eslint: lint, config }));
`;

function runChild(input: { probes: unknown[]; probeGlobs: string[]; configFor: string[] }): Promise<Report> {
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      ['--input-type=module', '--eval', CHILD],
      { cwd: ROOT, env: { ...process.env, LAYER_PROBES: JSON.stringify(input) }, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) fail(new Error(`the lint child failed: ${err.message}\n${stderr}`));
        else done(JSON.parse(stdout) as Report);
      },
    );
  });
}

const WORKFLOW_TIME = 'workflows/workflow-time.ts';
const SOME_WORKFLOW = `workflows/${tag}_not_written.ts`;
let report: Report;

beforeAll(async () => {
  const probes = Object.values(PROBES);
  const probeGlobs = [...new Set(probes.map((p) => `${p.path.split('/')[0]}/${tag}_*.ts`))];
  try {
    report = await runChild({ probes, probeGlobs, configFor: [WORKFLOW_TIME, SOME_WORKFLOW] });
  } finally {
    for (const p of probes) rmSync(join(ROOT, p.path), { force: true });
  }
}, 90_000);

const cruiseRules = (probe: ProbeName) => report.depcruise[PROBES[probe].path]?.map((f) => f.rule) ?? ['(not cruised)'];
const lintRules = (probe: ProbeName) => report.eslint[PROBES[probe].path]?.map((f) => f.rule) ?? ['(not linted)'];
const lintLines = (probe: ProbeName, rule: string) =>
  (report.eslint[PROBES[probe].path] ?? []).filter((f) => f.rule === rule).map((f) => f.line);

describe('dependency-cruiser (.dependency-cruiser.cjs)', () => {
  test('a workflow importing the API is an error', () => {
    expect(report.depcruise[PROBES.workflowImportsApi.path]).toEqual([{ rule: 'workflows-imports-only-domain', severity: 'error', to: 'api/app.ts' }]);
  });

  test('a workflow importing node:fs is an error', () => {
    expect(cruiseRules('workflowImportsNodeFs')).toEqual(['workflows-no-node-builtins']);
  });

  test('the console importing a server layer or a Node built-in is an error, and no server layer imports the console', () => {
    expect(report.depcruise[PROBES.consoleImportsApi.path]).toEqual([{ rule: 'console-imports-only-console', severity: 'error', to: 'api/problem.ts' }]);
    expect(cruiseRules('consoleImportsNodeFs')).toEqual(['console-no-node-builtins']);
    expect(report.depcruise[PROBES.apiImportsConsole.path]).toEqual([{ rule: 'api-imports-only-services-and-below', severity: 'error', to: 'console/i18n/en.ts' }]);
  });

  test('domain importing an npm package, even a type only, is an error', () => {
    expect(cruiseRules('domainImportsNpm')).toEqual(['domain-no-npm-packages']);
  });

  test('clean probes pass: a workflow on @temporalio/workflow and domain/, and that domain module', () => {
    expect(cruiseRules('workflowClean')).toEqual([]);
    expect(cruiseRules('domainClean')).toEqual([]);
  });
});

describe('ESLint (eslint.config.mjs)', () => {
  test('domain reading the clock or randomness is an error', () => {
    expect(lintLines('domainClock', 'no-restricted-properties')).toEqual([1, 3]); // Date.now, Math.random
    expect(lintLines('domainClock', 'no-restricted-syntax')).toEqual([2]); // new Date()
    expect(lintLines('domainClock', 'no-restricted-globals')).toEqual([4]); // crypto
  });

  test('a workflow reading the clock is an error (outside workflows/workflow-time.ts)', () => {
    expect(lintRules('workflowClock')).toEqual(['no-restricted-properties', 'no-restricted-syntax']);
  });

  test('a floating promise, a misused promise and an explicit any are errors', () => {
    expect(lintLines('dbPromises', '@typescript-eslint/no-floating-promises')).toEqual([5]);
    expect(lintLines('dbPromises', '@typescript-eslint/no-misused-promises')).toEqual([8]);
    expect(lintLines('dbPromises', '@typescript-eslint/no-explicit-any')).toEqual([12]);
  });

  test('clean probes pass', () => {
    expect(lintRules('domainClean')).toEqual([]);
    expect(lintRules('workflowClean')).toEqual([]);
  });

  test('workflows/workflow-time.ts, and only it, may read the clock; randomness stays forbidden there', () => {
    const severity = (rule: unknown) => (Array.isArray(rule) ? rule[0] : rule);
    const restricted = (rule: unknown) =>
      (Array.isArray(rule) ? rule.slice(1) : []).map((r: { object?: string; property?: string }) => `${r.object}.${r.property}`);
    const exception = report.config[WORKFLOW_TIME]!;
    const workflow = report.config[SOME_WORKFLOW]!;

    expect(restricted(workflow['no-restricted-properties'])).toEqual(expect.arrayContaining(['Date.now', 'Math.random', 'performance.now']));
    expect(severity(workflow['no-restricted-syntax'])).toBe(2);

    expect(restricted(exception['no-restricted-properties'])).not.toContain('Date.now');
    expect(restricted(exception['no-restricted-properties'])).toContain('Math.random');
    expect(exception['no-restricted-syntax']).toBeUndefined();
    expect(severity(exception['no-restricted-globals'])).toBe(2);
  });
});

test('every finding on a probe is an error, not a warning', () => {
  const findings = [...Object.values(report.depcruise), ...Object.values(report.eslint)].flat();
  expect(findings.length).toBeGreaterThanOrEqual(10);
  expect(findings.filter((f) => f.severity !== 'error')).toEqual([]);
});
