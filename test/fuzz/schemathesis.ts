/**
 * API fuzzing: schemathesis (PyPI, pinned below) against the OpenAPI
 * document a real stack serves, once anonymously and once as each role, on a
 * case and accounts seeded for the run. Any failed check fails the run.
 *
 *   npm run test:fuzz                      # every role
 *   FUZZ_ROLES=auditor,adjudicator npm run test:fuzz
 *   FUZZ_MAX_EXAMPLES=50 FUZZ_SEED=7 npm run test:fuzz
 *   FUZZ_ARGS='--report har' npm run test:fuzz   # more schemathesis options
 *
 * The stack is `startTestStack({ payments: true })`: a Temporal dev server, PostgreSQL, the sandbox payment provider, a
 * worker and the API on a free port, in this process. schemathesis runs as a
 * child process (asynchronously: the API answers from this event loop).
 * It comes from `.tools/schemathesis/` (installed by .ci/run) or
 * `SCHEMATHESIS`, and must be the pinned version.
 *
 * Each role prints `<role>: N passed, M failed` (JUnit test cases: one per
 * operation and one for the stateful phase); the JUnit
 * report of each run is kept in the directory printed at the end. An
 * operation of the document that a role's reports do not name was not
 * fuzzed as that role: it is named and counted as failed, so a route can
 * never drop out of the run unnoticed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { POWERS } from '../../domain/identity/powers';
import { aClaim } from '../support/claims';
import { eventually, SEEDED, startTestStack, type SignedIn, type TestStack } from '../support/stack';

export const SCHEMATHESIS_VERSION = '4.32.5';
const ROOT = resolve(__dirname, '..', '..');
const SCHEMATHESIS = process.env.SCHEMATHESIS ?? join(ROOT, '.tools', 'schemathesis', 'bin', 'schemathesis');
const INSTALL = `python3 -m venv .tools/schemathesis && .tools/schemathesis/bin/pip install schemathesis==${SCHEMATHESIS_VERSION}`;

export const CHECKS = ['not_a_server_error', 'status_code_conformance', 'content_type_conformance', 'response_schema_conformance', 'response_headers_conformance'];
const MAX_EXAMPLES = Number(process.env.FUZZ_MAX_EXAMPLES ?? 10);
/** Fixed by default so CI runs the same cases each time; set FUZZ_SEED to explore. */
const SEED = process.env.FUZZ_SEED ?? '20261122';

type RoleName = 'anonymous' | 'individual' | 'org-user' | 'org-admin' | 'org-sub-admin' | 'auditor' | 'registry-officer' | 'adjudicator';
/**
 * Every role that signs in, and the public; in this order: the readers
 * first, then the organisation's accounts, each before those who may
 * suspend it (the principal administrator's run suspends the
 * sub-administrator it finds), then the staff whose steps move the seeded
 * case on. (`system` is the workflows' own actor: no account signs in as it.)
 */
const ROLES: readonly RoleName[] = ['anonymous', 'auditor', 'individual', 'org-user', 'org-sub-admin', 'org-admin', 'registry-officer', 'adjudicator'];

interface Seeded {
  caseNo: string;
  organisationId: string;
  /** Signs the role in afresh (tokens last 15 minutes); undefined for the public. */
  signIn: Record<RoleName, () => Promise<SignedIn | undefined>>;
}

interface RoleResult {
  role: RoleName;
  passed: number;
  failed: number;
  exitCode: number;
  seconds: number;
}

function checkSchemathesis(): void {
  if (!existsSync(SCHEMATHESIS) && process.env.SCHEMATHESIS === undefined) {
    throw new Error(`schemathesis is not installed at ${SCHEMATHESIS}; install it with:\n  ${INSTALL}`);
  }
  const version = spawnSync(SCHEMATHESIS, ['--version'], { encoding: 'utf8' });
  const found = /version\s+(\S+)/.exec(version.stdout ?? '')?.[1];
  if (found !== SCHEMATHESIS_VERSION) {
    throw new Error(`${SCHEMATHESIS} is schemathesis ${found ?? '(not runnable)'}, not the pinned ${SCHEMATHESIS_VERSION}; install it with:\n  ${INSTALL}`);
  }
}

async function call(stack: TestStack, method: string, path: string, who: SignedIn, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...who.headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`seeding: ${method} ${path} answered ${res.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * A case filed by an individual user (linked to C1), an organisation linked
 * to D1 whose administrator assigned the case to its user, and the staff.
 */
async function seed(stack: TestStack): Promise<Seeded> {
  const stamp = Date.now().toString(36);
  const officer = await stack.officer();
  const individualName = `fuzz-individual-${stamp}`;
  await call(stack, 'POST', '/api/v1/accounts', officer, { username: individualName, displayName: 'Chan Tai Man', password: 'fuzz-individual-password' });
  const individual = await stack.login(individualName, 'fuzz-individual-password');
  const filed = await call(stack, 'POST', '/api/v1/sct/claims', individual, aClaim());
  const caseNo = String(filed.caseNo);
  await eventually(
    async () => (await fetch(`${stack.baseUrl}/api/v1/sct/claims/${caseNo}`, { headers: officer.headers })).status,
    (status) => status === 200,
    30_000,
  );

  const adminName = `fuzz-admin-${stamp}`;
  const org = await call(stack, 'POST', '/api/v1/organisations', officer, {
    name: 'Wong & Partners',
    principalAdmin: { username: adminName, displayName: 'Wong Siu Ming', password: 'fuzz-admin-password' },
  });
  const organisationId = String((org.organisation as { id: string }).id);
  const admin = await stack.login(adminName, 'fuzz-admin-password');
  const userName = `fuzz-orguser-${stamp}`;
  const user = await call(stack, 'POST', `/api/v1/organisations/${organisationId}/accounts`, admin, {
    username: userName,
    displayName: 'Cheung Ka Yan',
    role: 'org-user',
    password: 'fuzz-orguser-password',
  });
  // A sub-administrator holding every power the principal administrator may delegate, so the administration routes are reached.
  const subAdminName = `fuzz-subadmin-${stamp}`;
  await call(stack, 'POST', `/api/v1/organisations/${organisationId}/accounts`, admin, {
    username: subAdminName,
    displayName: 'Lee Mei Ling',
    role: 'org-sub-admin',
    password: 'fuzz-subadmin-password',
    canManageSubAdmins: true,
    powers: [...POWERS],
  });
  await call(stack, 'POST', `/api/v1/cases/${caseNo}/parties/D1/links`, officer, { organisationId });
  await call(stack, 'POST', `/api/v1/organisations/${organisationId}/case-assignments`, admin, {
    caseNo,
    accountId: (user.account as { id: string }).id,
    partyId: 'D1',
  });

  return {
    caseNo,
    organisationId,
    signIn: {
      anonymous: () => Promise.resolve(undefined),
      individual: () => stack.login(individualName, 'fuzz-individual-password'),
      'org-user': () => stack.login(userName, 'fuzz-orguser-password'),
      'org-admin': () => stack.login(adminName, 'fuzz-admin-password'),
      'org-sub-admin': () => stack.login(subAdminName, 'fuzz-subadmin-password'),
      auditor: () => stack.login(SEEDED.auditor.username, SEEDED.auditor.password),
      'registry-officer': () => stack.officer(),
      adjudicator: () => stack.login(SEEDED.adjudicator.username, SEEDED.adjudicator.password),
    },
  };
}

/** The test cases a JUnit report names: `METHOD /path` for each operation fuzzed, and the stateful phase. */
export function junitLabels(xml: string): string[] {
  const unescape = (text: string) => text.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return [...xml.matchAll(/<testcase\b[^>]*\bname="([^"]*)"/g)].map((m) => unescape(m[1] as string));
}

/** Every operation of an OpenAPI document, as schemathesis labels it: `METHOD /path`. */
export function documentOperations(document: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
}

/** The operations of the document that none of a role's JUnit reports names: not fuzzed as that role. */
export function unfuzzedOperations(operations: readonly string[], reports: readonly string[]): string[] {
  const fuzzed = new Set(reports.flatMap(junitLabels));
  return operations.filter((op) => !fuzzed.has(op));
}

/** Operations passed and failed, from a JUnit report (one test case per operation). */
export function countJunit(xml: string): { passed: number; failed: number } {
  const cases = xml.match(/<testcase\b[\s\S]*?(?:\/>|<\/testcase>)/g) ?? [];
  const failed = cases.filter((c) => /<(failure|error)\b/.test(c)).length;
  const skipped = cases.filter((c) => /<skipped\b/.test(c)).length;
  return { passed: cases.length - failed - skipped, failed };
}

/** The schemathesis run under way, to stop if this run is interrupted. */
let running: ChildProcess | undefined;

function run(command: string, args: string[], cwd: string): Promise<number> {
  return new Promise((resolveExit, reject) => {
    // hooks.py: binary bodies (the PDF uploads) serialised as octet streams.
    const env = { ...process.env, NO_COLOR: '1', SCHEMATHESIS_HOOKS: join(__dirname, 'hooks.py') };
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env });
    running = child;
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      running = undefined;
      resolveExit(code ?? (signal ? 128 : 1));
    });
  });
}

/**
 * Operations that end the session they are called with: fuzzed in a pass of
 * their own after the rest, so the role's other operations are not all
 * answered 401 once one of them has succeeded.
 */
const SESSION_ENDING = ['logout'];

async function fuzzAs(role: RoleName, stack: TestStack, seeded: Seeded, reports: string, operations: readonly string[]): Promise<RoleResult> {
  const started = Date.now();
  const who = await seeded.signIn[role]();
  const dir = join(reports, role);
  mkdirSync(dir, { recursive: true });
  // The seeded case and organisation stand in for every case number and organisation id, so the
  // steps and the organisation's routes reach real data (a random one only ever answers 404).
  const config = join(dir, 'schemathesis.toml');
  writeFileSync(config, `[parameters]\n"path.caseNo" = "${seeded.caseNo}"\n"path.organisationId" = "${seeded.organisationId}"\n`);
  const passes: { name: string; filter: string[] }[] = who
    ? [
        { name: 'main', filter: SESSION_ENDING.flatMap((id) => ['--exclude-operation-id', id]) },
        { name: 'session-ending', filter: SESSION_ENDING.flatMap((id) => ['--include-operation-id', id]) },
      ]
    : [{ name: 'main', filter: [] }];
  let passed = 0;
  let failed = 0;
  let exitCode = 0;
  const reportsRead: string[] = [];
  console.log(`\n== schemathesis as ${role}${who ? ` (${who.username})` : ''}`);
  for (const pass of passes) {
    const junit = join(dir, `junit-${pass.name}.xml`);
    const args = [
      '--config-file',
      config,
      'run',
      `${stack.baseUrl}/openapi.json`,
      '--checks',
      CHECKS.join(','),
      '--max-examples',
      String(MAX_EXAMPLES),
      '--seed',
      SEED,
      // One worker: with two, CPython 3.11 (before 3.11.8) can fail hypothesis's ast.parse from two threads
      // at once ("AST constructor recursion depth mismatch", cpython#106905), an error that is no finding.
      '--workers',
      '1',
      '--generation-database',
      'none',
      '--request-timeout',
      '30',
      '--no-color',
      '--report',
      'junit',
      '--report-junit-path',
      junit,
      ...pass.filter,
      ...(who ? ['--header', `Authorization: Bearer ${who.token}`, '--generation-with-security-parameters', 'false'] : []),
      ...(process.env.FUZZ_ARGS?.split(' ').filter(Boolean) ?? []),
    ];
    // In the role's report directory, so schemathesis keeps its cache there, not in the project.
    const code = await run(SCHEMATHESIS, args, dir);
    const xml = existsSync(junit) ? readFileSync(junit, 'utf8') : '';
    reportsRead.push(xml);
    const counts = countJunit(xml);
    passed += counts.passed;
    // A failed run with no failed operation in its report (it could not load the document...) counts as one.
    failed += code !== 0 && counts.failed === 0 ? 1 : counts.failed;
    exitCode ||= code;
  }
  const notFuzzed = unfuzzedOperations(operations, reportsRead);
  if (notFuzzed.length > 0) {
    console.log(`${role}: not fuzzed: ${notFuzzed.join(', ')}`);
    failed += notFuzzed.length;
    exitCode ||= 1;
  }
  return { role, passed, failed, exitCode, seconds: Math.round((Date.now() - started) / 1000) };
}

async function main(): Promise<number> {
  checkSchemathesis();
  // No shutdown signals of the Temporal runtime's own: on SIGINT/SIGTERM this run stops its stack itself (below).
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
    shutdownSignals: [],
  });
  const wanted = process.env.FUZZ_ROLES?.split(',').map((r) => r.trim()) ?? ROLES;
  const unknown = wanted.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length > 0) throw new Error(`FUZZ_ROLES: unknown ${unknown.join(', ')}; known: ${ROLES.join(', ')}`);
  const roles = ROLES.filter((r) => wanted.includes(r));

  const started = Date.now();
  const reports = mkdtempSync(join(tmpdir(), 'courtflow-fuzz-'));
  const stack = await startTestStack({ payments: true });
  // Interrupted (Ctrl-C, CI's timeout): stop the servers this run started before leaving.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`fuzz: ${signal}, stopping the stack`);
      running?.kill('SIGTERM');
      void stack.stop().finally(() => process.exit(130));
    });
  }
  const results: RoleResult[] = [];
  try {
    const seeded = await seed(stack);
    const operations = documentOperations((await (await fetch(`${stack.baseUrl}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> });
    console.log(`fuzz: ${stack.baseUrl}/openapi.json (${operations.length} operations), case ${seeded.caseNo}, max ${MAX_EXAMPLES} examples, seed ${SEED}`);
    for (const role of roles) {
      try {
        results.push(await fuzzAs(role, stack, seeded, reports, operations));
      } catch (err) {
        // A role that cannot even sign in (an earlier role's run changed its account) fails alone; the others still run.
        console.log(`${role}: not fuzzed: ${err instanceof Error ? err.message : String(err)}`);
        results.push({ role, passed: 0, failed: 1, exitCode: 1, seconds: 0 });
      }
    }
  } finally {
    await stack.stop();
  }

  console.log(`\n== schemathesis ${SCHEMATHESIS_VERSION}, checks ${CHECKS.join(', ')}; reports in ${reports}`);
  for (const r of results) console.log(`${r.role}: ${r.passed} passed, ${r.failed} failed (${r.seconds} s)`);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`fuzz finished in ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
