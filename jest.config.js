// Six projects, one per kind of test, so each can be run alone:
//   unit         pure code (domain, schemas), no servers
//   workflow     workflows on the time-skipping test server
//   integration  dev server + PostgreSQL + API in-process, reached over HTTP
//   e2e          the built `courtflow start`, as an operator runs it
//   browser      the web console in headless Chromium (playwright-core) against the
//                real stack in-process, with axe-core's accessibility checks
//   drills       fault drills: a worker, the API, Temporal or PostgreSQL killed or cut
//                mid-work (the built worker and API as child processes), a lost or
//                doubled payment callback, a full document store (a tmpfs, so root)
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

const project = (name, setupFilesAfterEnv = []) => ({
  displayName: name,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFilesAfterEnv,
});
const withTemporal = ['<rootDir>/test/support/jest-setup.ts'];

module.exports = {
  projects: [project('unit'), project('workflow', withTemporal), project('integration', withTemporal), project('e2e'), project('drills', withTemporal), project('browser', withTemporal)],
  // Servers start in beforeAll hooks; a slow CI machine must not fail on start-up alone.
  testTimeout: 120_000,
  // One file at a time. Suites start real servers on ports picked as "free"
  // just before binding; two suites picking at once can end up on one port
  // (a test client then talks to the other suite's server). Unit files are fast.
  maxWorkers: 1,
};
