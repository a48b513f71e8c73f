/**
 * The layers, enforced (run by `npm run lint`, so by `npm test`):
 *
 *   domain/      pure rules; imports nothing outside domain/ (no npm package, no Node built-in)
 *   workflows/   domain/, workflows/, @temporalio/workflow, @temporalio/common; no Node built-in
 *   activities/  domain/, db/, papers/, activities/, libraries
 *   db/          domain/, db/, libraries
 *   papers/      domain/, papers/, libraries (the PDFs courtflow renders)
 *   config/      domain/, config/, libraries
 *   services/    domain/, db/, papers/, workflows/ contracts, config/, services/, libraries (@temporalio/client); no HTTP
 *   api/         services/ and all that services/ may import, api/
 *   workers/     activities/, workflows/, db/, papers/, domain/, config/, workers/, libraries
 *   cli/         anything
 *   console/     the web console, run in the browser: console/ and npm packages only
 *                (Preact); no Node built-in, no server layer (it reaches the
 *                court through the public API alone); served by api/ as built files
 *   sandbox/     stand-ins for outside services (the payment provider): libraries,
 *                sandbox/, and the published scheme each stands in for
 *                (db/payment-provider/signature.ts); imported only by cli/, test/, bench/
 *   test/, bench/  anything
 *
 * Imports point downward only. Type-only imports count too
 * (`tsPreCompilationDeps`): a type is a dependency on the module that owns it.
 * A workflow contract is `workflows/<family>/contract.ts` (or a
 * `contract/` folder): task queue, input, view, updates, signals.
 *
 * `npm run lint` cruises the whole project (`depcruise … .`, minus dist/,
 * .tools/, .data/; node_modules is seen but not followed), so a folder that
 * does not exist yet is no error and a new one is checked without editing
 * this file. A file in none of the folders above may be imported only from
 * cli/, test/ and bench/. `test/unit/layers.test.ts` proves the rules bite.
 */

/** Project folders, as depcruise sees paths (relative to the project root). */
const folder = (...names) => `^(${names.join('|')})/`;
const WORKFLOW_CONTRACT = '/contracts?(\\.ts$|/)';

/**
 * `from` may import only its own folder, the `allowed` folders, npm packages
 * and Node built-ins (further rules narrow those for domain/ and workflows/):
 * any other file of the project, in a layer above or in no layer at all, is an error.
 */
const onlyDownward = (name, from, allowed, comment) => ({
  name,
  severity: 'error',
  comment,
  from: { path: folder(from) },
  to: { pathNot: `${folder(from, ...allowed)}|(^|/)node_modules/`, dependencyTypesNot: ['core'], couldNotResolve: false },
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // domain/: nothing outside itself.
    {
      name: 'domain-imports-only-domain',
      severity: 'error',
      comment: 'domain/ holds pure rules: it imports nothing outside domain/ (no other layer, no file outside the folders).',
      from: { path: '^domain/' },
      to: { pathNot: '^domain/|(^|/)node_modules/', dependencyTypesNot: ['core'], couldNotResolve: false },
    },
    {
      name: 'domain-no-npm-packages',
      severity: 'error',
      comment: 'domain/ imports no npm package at all (not even types): it must run anywhere, the workflow sandbox included.',
      from: { path: '^domain/' },
      to: { path: '(^|/)node_modules/' },
    },
    {
      name: 'domain-no-node-builtins',
      severity: 'error',
      comment: 'domain/ does no I/O and reads no clock or randomness: no Node built-in (node:fs, crypto, path, …).',
      from: { path: '^domain/' },
      to: { dependencyTypes: ['core'] },
    },

    // workflows/: deterministic code for Temporal's sandbox.
    onlyDownward('workflows-imports-only-domain', 'workflows', ['domain'], 'workflows/ may import domain/ and workflows/ only: never activities/, db/, services/, api/, workers/, config/ or cli/.'),
    {
      name: 'workflows-only-temporal-workflow-packages',
      severity: 'error',
      comment: 'workflows/ runs in the Temporal sandbox: of npm packages only @temporalio/workflow and @temporalio/common.',
      from: { path: '^workflows/' },
      to: { path: '(^|/)node_modules/', pathNot: '(^|/)node_modules/@temporalio/(workflow|common)/' },
    },
    {
      name: 'workflows-no-node-builtins',
      severity: 'error',
      comment: 'workflows/ must be deterministic and is bundled for the sandbox: no Node built-in (node:fs, crypto, path, …).',
      from: { path: '^workflows/' },
      to: { dependencyTypes: ['core'] },
    },

    // The middle layers.
    onlyDownward('activities-imports-only-domain-db', 'activities', ['domain', 'db', 'papers'], 'activities/ may import domain/, db/, papers/ and libraries; never workflows/ (nor services/, api/, workers/, config/, cli/).'),
    onlyDownward('papers-imports-only-domain', 'papers', ['domain'], 'papers/ renders documents from domain facts: it may import domain/ and libraries only.'),
    onlyDownward('db-imports-only-domain', 'db', ['domain'], 'db/ may import domain/ and libraries; never workflows/ or activities/ (nor services/, api/, workers/, config/, cli/).'),
    onlyDownward('config-imports-only-domain', 'config', ['domain'], 'config/ may import domain/ and libraries only.'),
    onlyDownward('services-imports-only-below', 'services', ['domain', 'db', 'papers', 'workflows', 'config'], 'services/ (use-cases) may import domain/, db/, papers/, workflows/ contracts, config/ and libraries; never api/, workers/, activities/ or cli/.'),
    {
      name: 'services-only-workflow-contracts',
      severity: 'error',
      comment: 'services/ drive workflows through @temporalio/client and the contract (workflows/<family>/contract.ts), never the workflow code itself.',
      from: { path: '^services/' },
      to: { path: '^workflows/', pathNot: WORKFLOW_CONTRACT },
    },
    {
      name: 'services-no-http',
      severity: 'error',
      comment: 'services/ are use-cases with no HTTP: Express belongs to api/.',
      from: { path: '^services/' },
      to: { path: '(^|/)node_modules/(express|@types/express)/' },
    },

    // The top layers.
    onlyDownward('api-imports-only-services-and-below', 'api', ['services', 'domain', 'db', 'papers', 'workflows', 'config'], 'api/ may import services/ and what services/ may (domain/, db/, papers/, workflows/ contracts, config/); never activities/, workers/ or cli/.'),
    {
      name: 'api-only-workflow-contracts',
      severity: 'error',
      comment: 'api/ reaches workflows through their contract (workflows/<family>/contract.ts), never the workflow code itself.',
      from: { path: '^api/' },
      to: { path: '^workflows/', pathNot: WORKFLOW_CONTRACT },
    },
    {
      name: 'sandbox-imports-only-published-schemes',
      severity: 'error',
      comment: 'sandbox/ stands in for an outside service: it shares only the scheme that service publishes (the callback signature), never courtflow internals.',
      from: { path: '^sandbox/' },
      to: { pathNot: '^sandbox/|^db/payment-provider/signature\\.ts$|(^|/)node_modules/', dependencyTypesNot: ['core'], couldNotResolve: false },
    },
    onlyDownward('workers-imports-only-below', 'workers', ['activities', 'workflows', 'db', 'papers', 'domain', 'config'], 'workers/ may import activities/, workflows/, db/, papers/, domain/, config/ and libraries; never api/, services/ or cli/.'),

    // console/: browser code that knows the court only through its public API.
    onlyDownward('console-imports-only-console', 'console', [], 'console/ runs in the browser and reaches the court through the public API alone: it imports console/ and npm packages, never a server layer.'),
    {
      name: 'console-no-node-builtins',
      severity: 'error',
      comment: 'console/ runs in the browser: no Node built-in (its build script, console/build.mjs, excepted).',
      from: { path: '^console/', pathNot: '^console/build\\.mjs$' },
      to: { dependencyTypes: ['core'] },
    },

    // Nothing in a layer imports test code or benchmarks.
    {
      name: 'no-test-code-in-layers',
      severity: 'error',
      comment: 'Production folders never import test/ or bench/.',
      from: { pathNot: '^(test|bench)/' },
      to: { path: '^(test|bench)/' },
    },

    // Hygiene.
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-dev-dependencies-in-production',
      severity: 'error',
      comment: 'Code that ships (everything but test/ and bench/) may not import a devDependency: `npm prune --omit=dev` removes it from the image.',
      from: { path: folder('domain', 'workflows', 'activities', 'db', 'papers', 'config', 'services', 'api', 'workers', 'cli', 'sandbox') },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    // Type-only imports count: a layer may not even name another's types.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: '(^|/)node_modules/' },
    exclude: { path: '^(dist|\\.tools|\\.data|coverage)/' },
    // Plain relative and package imports only (no path aliases in this project).
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.json'],
    },
    moduleSystems: ['cjs', 'es6'],
    reporterOptions: { text: { highlightFocused: true } },
  },
};
