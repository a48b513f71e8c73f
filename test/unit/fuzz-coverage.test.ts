/**
 * How the fuzz run (test/fuzz/schemathesis.ts) knows which operations it
 * fuzzed as each role: the test cases of schemathesis's JUnit report,
 * against every operation of the OpenAPI document.
 */
import { countJunit, documentOperations, junitLabels, unfuzzedOperations } from '../fuzz/schemathesis';

const REPORT = `<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="schemathesis" errors="0" failures="1" skipped="0" tests="4">
<testcase name="GET /api/v1/sct/claims/{caseNo}" time="0.1" />
<testcase name="POST /api/v1/documents" time="0.2"><failure type="failure" message="500">Server error</failure></testcase>
<testcase name="GET /api/v1/search?q=&quot;x&quot;" time="0.1" />
<testcase name="Stateful tests" time="1.0" />
</testsuite></testsuites>`;

describe('what a fuzz run covered', () => {
  it('when a report is read, then each test case is named as schemathesis labels an operation, entities decoded', () => {
    expect(junitLabels(REPORT)).toEqual(['GET /api/v1/sct/claims/{caseNo}', 'POST /api/v1/documents', 'GET /api/v1/search?q="x"', 'Stateful tests']);
    expect(countJunit(REPORT)).toEqual({ passed: 3, failed: 1 });
  });

  it('when the document is read, then every method of every path is an operation, and those a report does not name are found', () => {
    const operations = documentOperations({ paths: { '/api/v1/sct/claims/{caseNo}': { get: {}, post: {} }, '/api/v1/documents': { post: {} } } });
    expect(operations).toEqual(['GET /api/v1/sct/claims/{caseNo}', 'POST /api/v1/sct/claims/{caseNo}', 'POST /api/v1/documents']);
    expect(unfuzzedOperations(operations, [REPORT])).toEqual(['POST /api/v1/sct/claims/{caseNo}']);
    // A role fuzzed in two passes (the session-ending one apart) covers what either pass named.
    expect(unfuzzedOperations(operations, [REPORT, '<testcase name="POST /api/v1/sct/claims/{caseNo}" />'])).toEqual([]);
  });
});
