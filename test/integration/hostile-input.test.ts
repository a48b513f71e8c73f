/**
 * Malformed, oversized and hostile requests: each is refused with a 4xx
 * problem that names what is wrong, and changes nothing.
 */
import { aClaim } from '../support/claims';
import { eventually, startTestStack, untilNoticeIssued, type SignedIn, type TestStack } from '../support/stack';

let stack: TestStack;
let filer: SignedIn;
let officer: SignedIn;
let caseNo: string;

beforeAll(async () => {
  stack = await startTestStack();
  filer = await stack.newIndividual();
  officer = await stack.officer();
  const res = await post('/api/v1/sct/claims', filer, aClaim());
  caseNo = ((await res.json()) as { caseNo: string }).caseNo;
  // The case settles (its notice of hearing issued and projected, the last thing a filing sets going),
  // so a version read later changes only if a refused step changed it.
  await untilNoticeIssued(stack, caseNo, officer.headers);
});
afterAll(async () => {
  await stack?.stop();
});

function post(path: string, who: SignedIn, body: unknown): Promise<Response> {
  return fetch(`${stack.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...who.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const counts = async () => {
  const { rows } = await stack.db.pool.query<{ filings: string; counter: number | null }>(
    'SELECT (SELECT count(*) FROM sct_filings) AS filings, (SELECT max(last_value) FROM case_number_counters) AS counter',
  );
  return rows[0];
};

const caseVersion = async () => {
  const res = await fetch(`${stack.baseUrl}/api/v1/sct/claims/${caseNo}`, { headers: officer.headers });
  return ((await res.json()) as { version: number }).version;
};

describe('hostile and malformed input', () => {
  it('when a body is over 256 KB, then 413 problem+json and nothing is filed', async () => {
    const before = await counts();
    const res = await post('/api/v1/sct/claims', filer, { ...aClaim(), particulars: 'x'.repeat(300 * 1024) });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await counts()).toEqual(before);
  });

  it('when fields have the wrong types, then 400 names each field with invalid_type and nothing is filed', async () => {
    const before = await counts();
    const res = await post('/api/v1/sct/claims', filer, { ...aClaim(), claimants: { name: 'x' }, defendants: [{ name: 42, address: 'nowhere' }], abandonExcess: 'yes' });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { field: string; rule: string }[] };
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'claimants', rule: 'invalid_type' }),
        expect.objectContaining({ field: 'defendants[0].name', rule: 'invalid_type' }),
        expect.objectContaining({ field: 'defendants[0].address', rule: 'invalid_type' }),
        expect.objectContaining({ field: 'abandonExcess', rule: 'invalid_type' }),
      ]),
    );
    expect(await counts()).toEqual(before);
  });

  it('when a body smuggles __proto__ or constructor keys, then they are refused as unknown fields', async () => {
    const before = await counts();
    const res = await post('/api/v1/sct/claims', filer, `{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}},${JSON.stringify(aClaim()).slice(1)}`);
    expect(res.status).toBe(400);
    const fields = ((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field).join(' ');
    expect(fields).toContain('constructor');
    expect(await counts()).toEqual(before);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('when names carry SQL and markup, then they are stored as the text they are and nothing else happens', async () => {
    const name = "Robert'); DROP TABLE sct_cases; -- <script>alert(1)</script>";
    const res = await post('/api/v1/sct/claims', filer, aClaim({ defendants: [{ name, address: { lines: ["1' OR '1'='1"] } }] }));
    expect(res.status).toBe(201);
    const filed = (await res.json()) as { caseNo: string };
    const view = await eventually(
      () => fetch(`${stack.baseUrl}/api/v1/sct/claims/${filed.caseNo}`, { headers: officer.headers }).then((r) => r.json() as Promise<{ parties?: { id: string; name: string }[] }>),
      (v) => Array.isArray(v.parties),
    );
    expect(view.parties?.find((p) => p.id === 'D1')?.name).toBe(name);
    expect((await stack.db.pool.query('SELECT count(*) FROM sct_cases')).rowCount).toBe(1);
  });

  it('when a case number in the path carries an injection, then 400 names caseNo', async () => {
    const res = await fetch(`${stack.baseUrl}/api/v1/sct/claims/${encodeURIComponent("SCTC-2026-000001' OR '1'='1")}`, { headers: officer.headers });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('caseNo');
  });

  it('when a step has unknown fields or wrong types, then 400 names them and the case does not change', async () => {
    const before = await caseVersion();
    const unknown = await post(`/api/v1/sct/claims/${caseNo}/steps/record-service`, officer, { partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'post', servedOn: '2026-11-23', force: true });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { errors: { field: string; rule: string }[] }).errors).toEqual([expect.objectContaining({ field: 'force', rule: 'unrecognized_keys' })]);
    const wrong = await post(`/api/v1/sct/claims/${caseNo}/steps/record-service`, officer, { partyId: 'D9; DROP', document: 'summons', manner: 'carrier pigeon', servedOn: '23/11/2026' });
    expect(wrong.status).toBe(400);
    const fields = ((await wrong.json()) as { errors: { field: string }[] }).errors.map((e) => e.field).sort();
    expect(fields).toEqual(['document', 'manner', 'partyId', 'servedOn']);
    expect(await caseVersion()).toBe(before);
  });
});
