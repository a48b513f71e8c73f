/**
 * Filing and reading small claims through the HTTP API, on a real Temporal
 * dev server and a real PostgreSQL.
 */
import { addDays, createCalendar } from '../../domain/calendar';
import type { Client } from '@temporalio/client';
import { createPool } from '../../db/pool';
import type { Caller } from '../../services/audit';
import { fileSmallClaim, startPendingCases } from '../../services/sct/file-claim';
import { SCT_TASK_QUEUE, SMALL_CLAIM_WORKFLOW, stateQuery } from '../../workflows/sct/contract';
import { aClaim } from '../support/claims';
import { eventually, startTestStack, type SignedIn, type TestStack } from '../support/stack';
import { startTcpProxy } from '../support/tcp-proxy';

let stack: TestStack;
/** The filer of every claim in this file, and a second individual user with no link to their cases. */
let filer: SignedIn;
let stranger: SignedIn;

beforeAll(async () => {
  stack = await startTestStack();
  filer = await stack.newIndividual();
  stranger = await stack.newIndividual('Ho Ka Ming');
});
afterAll(async () => {
  await stack?.stop();
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${stack.baseUrl}/api/v1/sct/claims`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...filer.headers, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const getCase = async (caseNo: string, as: Record<string, string> = filer.headers) => {
  const res = await fetch(`${stack.baseUrl}/api/v1/sct/claims/${caseNo}`, { headers: as });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { stage?: string } };
};

const countFilings = async () => Number((await stack.db.pool.query('SELECT count(*) AS n FROM sct_filings')).rows[0].n);

describe('POST /api/v1/sct/claims', () => {
  it('when a valid claim is filed, then it gets the next case number, its workflow starts under that ID and the hearing is projected', async () => {
    const res = await post(aClaim());
    expect(res.status).toBe(201);
    const filed = (await res.json()) as { caseNo: string; filedOn: string; links: { self: string } };
    expect(filed.caseNo).toMatch(new RegExp(`^SCTC-${filed.filedOn.slice(0, 4)}-\\d{6}$`));
    expect(res.headers.get('location')).toBe(`/api/v1/sct/claims/${filed.caseNo}`);

    const description = await stack.env.client.workflow.getHandle(filed.caseNo).describe();
    expect(description.type).toBe(SMALL_CLAIM_WORKFLOW);
    expect(description.taskQueue).toBe(SCT_TASK_QUEUE);

    const { body } = await eventually(() => getCase(filed.caseNo), (r) => r.body.stage === 'awaiting-hearing');
    const hearing = body.hearing as { date: string };
    const latest = body.latestHearing as { rule: string; basis: string; unextendedDue: string };
    expect(latest.rule).toBe('sct.hearing');
    expect(latest.basis).toContain('Cap. 338 s.14(1)(a)');
    expect(latest.unextendedDue).toBe(addDays(filed.filedOn, 60));
    expect(hearing.date <= addDays(filed.filedOn, 60)).toBe(true);
    expect(hearing.date > filed.filedOn).toBe(true);
  });

  it('when many claims are filed at once, then their numbers are distinct and consecutive, with no gaps', async () => {
    const before = await stack.db.pool.query<{ last_value: number }>('SELECT last_value FROM case_number_counters');
    const start = before.rows[0]?.last_value ?? 0;
    const responses = await Promise.all(Array.from({ length: 12 }, () => post(aClaim())));
    expect(responses.map((r) => r.status)).toEqual(Array(12).fill(201));
    const serials = (await Promise.all(responses.map(async (r) => ((await r.json()) as { caseNo: string }).caseNo)))
      .map((no) => Number(no.slice(-6)))
      .sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: 12 }, (_, i) => start + 1 + i));
  });

  it('when the body is invalid, then 400 problem+json names each bad field and rule, and nothing is filed', async () => {
    const before = await countFilings();
    const res = await post({
      ...aClaim(),
      claimants: [{ name: '  ', address: { lines: [] }, amountCents: -5, signed: true }],
      defendants: [],
      nickname: 'x',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { type: string; status: number; errors: { field: string; rule: string }[] };
    expect(problem).toMatchObject({ type: 'urn:courtflow:problem:validation', status: 400 });
    const fields = problem.errors.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['claimants[0].name', 'claimants[0].address.lines', 'claimants[0].amountCents', 'defendants', 'nickname']),
    );
    expect(problem.errors.find((e) => e.field === 'nickname')?.rule).toBe('unrecognized_keys');
    expect(await countFilings()).toBe(before);
  });

  it('when the claim is beyond the tribunal (over HK$75,000, excess not abandoned), then 422 names the field and section, and nothing is filed', async () => {
    const before = await countFilings();
    const res = await post(aClaim({ claimants: [{ ...aClaim().claimants[0]!, amountCents: 7_500_001 }] }));
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { type: string; errors: { field: string; rule: string; code: string }[] };
    expect(problem.type).toBe('urn:courtflow:problem:claim-refused');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'claimants[0].amountCents', code: 'amount-over-limit' })]);
    expect(problem.errors[0]?.rule).toMatch(/^Cap\. 338 Schedule/);
    expect(await countFilings()).toBe(before);
  });

  it('when the claimant already has an open claim on the same cause of action against the same defendant, and together they exceed the limit, then 422 names s.8 and nothing is filed', async () => {
    const cause = { causeOfAction: `Invoice INV-${Date.now()}`, defendants: [{ name: 'Split Cause Trading Ltd', address: { lines: ['1 Des Voeux Road Central'] } }] };
    const first = await post(aClaim({ ...cause, claimants: [{ ...aClaim().claimants[0]!, amountCents: 5_000_000 }] }));
    expect(first.status).toBe(201);
    const { caseNo } = (await first.json()) as { caseNo: string };
    await eventually(() => getCase(caseNo), (r) => r.body.stage === 'awaiting-hearing');

    const before = await countFilings();
    const second = await post(aClaim({ ...cause, claimants: [{ ...aClaim().claimants[0]!, amountCents: 4_000_000 }] }));
    expect(second.status).toBe(422);
    const problem = (await second.json()) as { errors: { field: string; rule: string; code: string; message: string }[] };
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'causeOfAction', rule: 'Cap. 338 s.8', code: 'split-cause-of-action', message: expect.stringContaining(caseNo) })]);
    expect(await countFilings()).toBe(before);

    // Another cause of action against the same defendant is filed, with a warning for the adjudicator.
    const other = await post(aClaim({ ...cause, causeOfAction: 'A different contract', claimants: [{ ...aClaim().claimants[0]!, amountCents: 4_000_000 }] }));
    expect(other.status).toBe(201);
    expect(((await other.json()) as { warnings: { code: string }[] }).warnings.map((w) => w.code)).toContain('possible-splitting');
  });

  it('when a joint claimant has not yet signed, then the claim is filed with a warning that they must sign before the hearing (s.12(4))', async () => {
    const base = aClaim().claimants[0]!;
    const defendants = [{ name: 'Joint Signing Test Ltd', address: { lines: ['2 Queensway'] } }];
    const res = await post(aClaim({ kind: 'joint', claimants: [base, { ...base, name: 'Chan Siu Wah', signed: false }], defendants }));
    expect(res.status).toBe(201);
    const filed = (await res.json()) as { caseNo: string; warnings: { field: string; section: string }[] };
    expect(filed.warnings).toEqual([expect.objectContaining({ field: 'claimants[1].signed' })]);
    expect(filed.warnings[0]?.section).toContain('s.12(4)');
    const { body } = await eventually(() => getCase(filed.caseNo), (r) => r.body.stage === 'awaiting-hearing');
    expect(body.warnings).toEqual(filed.warnings);
  });

  it('when the body is not JSON, then 400 (malformed) or 415 (wrong media type), and nothing is filed', async () => {
    const before = await countFilings();
    const malformed = await post('{"kind": ');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { type: string }).type).toBe('urn:courtflow:problem:malformed-json');
    const wrongType = await fetch(`${stack.baseUrl}/api/v1/sct/claims`, { method: 'POST', headers: { 'content-type': 'text/plain', ...filer.headers }, body: 'hello' });
    expect(wrongType.status).toBe(415);
    expect(await countFilings()).toBe(before);
  });

  it('when the same Idempotency-Key is sent twice with the same body, then the claim is filed once and the answer repeats', async () => {
    const key = `retry-${Date.now()}`;
    const first = await post(aClaim(), { 'Idempotency-Key': key });
    const again = await Promise.all([post(aClaim(), { 'Idempotency-Key': key }), post(aClaim(), { 'Idempotency-Key': key })]);
    const firstBody = (await first.json()) as { caseNo: string };
    expect(first.status).toBe(201);
    for (const res of again) {
      expect(res.status).toBe(200);
      expect(((await res.json()) as { caseNo: string }).caseNo).toBe(firstBody.caseNo);
    }
    // Keys are the filer's own: stored under their account id.
    const { rows } = await stack.db.pool.query('SELECT case_no FROM sct_filings WHERE idempotency_key = $1', [`${filer.id}:${key}`]);
    expect(rows).toHaveLength(1);
  });

  it('when concurrent first requests share an Idempotency-Key, then exactly one case is filed and no number is lost', async () => {
    const key = `race-${Date.now()}`;
    const before = (await stack.db.pool.query<{ last_value: number }>('SELECT last_value FROM case_number_counters')).rows[0]?.last_value ?? 0;
    const responses = await Promise.all(Array.from({ length: 5 }, () => post(aClaim(), { 'Idempotency-Key': key })));
    const numbers = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as { caseNo: string }).caseNo)));
    expect(numbers.size).toBe(1);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    const after = (await stack.db.pool.query<{ last_value: number }>('SELECT last_value FROM case_number_counters')).rows[0]?.last_value;
    expect(after).toBe(before + 1);
  });

  it('when an Idempotency-Key is reused with a different body, then 422 and nothing is filed', async () => {
    const key = `reuse-${Date.now()}`;
    expect((await post(aClaim(), { 'Idempotency-Key': key })).status).toBe(201);
    const before = await countFilings();
    const res = await post(aClaim({ particulars: 'A different claim altogether, for unpaid wages of a domestic helper.' }), { 'Idempotency-Key': key });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { type: string }).type).toBe('urn:courtflow:problem:idempotency-key-reused');
    expect(await countFilings()).toBe(before);
  });
});

describe('who files, and who sees the case', () => {
  it('when no one is signed in, then filing is 401; when a registry officer files, then 403; and nothing is filed', async () => {
    const before = await countFilings();
    const anonymous = await fetch(`${stack.baseUrl}/api/v1/sct/claims`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(aClaim()) });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const officer = await stack.officer();
    expect((await post(aClaim(), officer.headers)).status).toBe(403);
    expect(await countFilings()).toBe(before);
  });

  it('when an individual user files, then they are linked to party C1 and see the case; another user and the public get 404; staff see it; every read is audited', async () => {
    const res = await post(aClaim());
    expect(res.status).toBe(201);
    const { caseNo } = (await res.json()) as { caseNo: string };
    const links = await stack.db.pool.query('SELECT party_id, account_id FROM case_party_links WHERE case_no = $1', [caseNo]);
    expect(links.rows).toEqual([{ party_id: 'C1', account_id: filer.id }]);
    expect((await getCase(caseNo)).status).toBe(200);
    expect((await getCase(caseNo, stranger.headers)).status).toBe(404);
    expect((await getCase(caseNo, {})).status).toBe(404);
    expect((await getCase(caseNo, (await stack.officer()).headers)).status).toBe(200);

    const audit = await stack.db.pool.query<{ action: string; actor_id: string; on_behalf_of: string | null; request_id: string | null }>(
      'SELECT action, actor_id, on_behalf_of, request_id FROM audit_log WHERE target = $1 ORDER BY seq',
      [`case:${caseNo}`],
    );
    expect(audit.rows[0]).toMatchObject({ action: 'fileSmallClaim', actor_id: filer.id, on_behalf_of: 'party:C1' });
    expect(audit.rows[0]?.request_id).toEqual(expect.any(String));
    // The filer's read and the officer's; refused reads (404) leave no entry.
    expect(audit.rows.filter((r) => r.action === 'sct.case.viewed').map((r) => r.on_behalf_of)).toEqual(['party:C1', null]);
  });

  it('when another user sends the same Idempotency-Key and body, then they file their own case and never get the first filer\'s', async () => {
    const key = `shared-${Date.now()}`;
    const first = (await (await post(aClaim(), { 'Idempotency-Key': key })).json()) as { caseNo: string };
    const second = await post(aClaim(), { 'Idempotency-Key': key, ...stranger.headers });
    expect(second.status).toBe(201);
    expect(((await second.json()) as { caseNo: string }).caseNo).not.toBe(first.caseNo);
  });
});

describe('GET /api/v1/sct/claims/{caseNo}', () => {
  it('when the case does not exist, then 404 problem+json', async () => {
    const res = await fetch(`${stack.baseUrl}/api/v1/sct/claims/SCTC-1999-000001`, { headers: (await stack.officer()).headers });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('when the case number is malformed, then 400 naming the caseNo parameter', async () => {
    const res = await fetch(`${stack.baseUrl}/api/v1/sct/claims/not-a-case`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('caseNo');
  });
});

describe('recovery of an interrupted filing', () => {
  it('when the API died after recording a filing but before starting its workflow, then the reconciler starts it under the same number', async () => {
    // Record a filing exactly as the API does, then "crash" before the start.
    const filedAt = new Date();
    const caseNo = 'SCTC-2099-000001';
    const input = { caseNo, filedAt: filedAt.toISOString(), filedOn: '2026-12-01', claim: aClaim(), calendar: createCalendar() };
    await stack.db.pool.query('INSERT INTO sct_filings (case_no, request_hash, input, filed_at) VALUES ($1, $2, $3, $4)', [caseNo, 'h', JSON.stringify(input), filedAt]);

    const started = await startPendingCases({ pool: stack.db.pool, temporal: stack.env.client });
    expect(started).toContain(caseNo);
    const state = await stack.env.client.workflow.getHandle(caseNo).query(stateQuery);
    expect(state.caseNo).toBe(caseNo);
    // A second sweep finds nothing left to do and starts nothing twice.
    expect(await startPendingCases({ pool: stack.db.pool, temporal: stack.env.client })).not.toContain(caseNo);
  });

  it('when the database went away just after the workflow started, then the claim is answered as filed (not "try again") and the sweep notes it started', async () => {
    // The service's own connections go through a proxy that is cut the moment the workflow has started.
    const target = new URL(stack.db.appUrl);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
    target.port = String(proxy.port);
    const pool = createPool(target.toString());
    const workflows = stack.env.client.workflow;
    const startThenLoseTheDatabase: typeof workflows.start = async (...args) => {
      const started = await workflows.start(...args);
      proxy.cut();
      return started;
    };
    const temporal = { workflow: { start: startThenLoseTheDatabase } } as unknown as Client;
    try {
      const caller: Caller = { actor: { id: filer.id, role: 'individual-user', name: 'Chan Tai Man' } };
      const { filing } = await fileSmallClaim({ pool, temporal, calendar: async () => createCalendar() }, caller, aClaim({ defendants: [{ name: 'Lam Wai Kit', address: { lines: ['1 Lock Road'] } }] }), 'started-then-cut');
      expect((await stack.env.client.workflow.getHandle(filing.caseNo).describe()).status.name).toBe('RUNNING');
      const startedAt = async () => (await stack.db.pool.query('SELECT started_at FROM sct_filings WHERE case_no = $1', [filing.caseNo])).rows[0]?.started_at as Date | null;
      expect(await startedAt()).toBeNull();
      proxy.restore();
      expect(await startPendingCases({ pool, temporal: stack.env.client })).toContain(filing.caseNo);
      expect(await startedAt()).toBeInstanceOf(Date);
    } finally {
      await pool.end();
      await proxy.close();
    }
  });
});

describe('operations endpoints', () => {
  it('when Temporal and PostgreSQL answer, then /healthz and /readyz are 200', async () => {
    expect((await fetch(`${stack.baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${stack.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { temporal: 'ok', postgres: 'ok' } });
  });

  it('when /openapi.json is read, then it is OpenAPI 3.1 and describes the filing body from the same schema the route validates with', async () => {
    const doc = (await (await fetch(`${stack.baseUrl}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }>>;
      components: { schemas: Record<string, { required?: string[]; additionalProperties?: boolean }> };
    };
    expect(doc.openapi).toBe('3.1.0');
    const ref = doc.paths['/api/v1/sct/claims']?.post?.requestBody?.content['application/json']?.schema.$ref;
    expect(ref).toBe('#/components/schemas/FileSmallClaim');
    const body = doc.components.schemas.FileSmallClaim;
    expect(body?.required).toEqual(expect.arrayContaining(['subjectMatter', 'claimants', 'defendants', 'particulars']));
    // Unknown fields are refused by the route, and the document says so.
    expect(body?.additionalProperties).toBe(false);
    expect(doc.components.schemas.Problem).toBeDefined();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/sct/claims/{caseNo}', '/healthz', '/readyz']));
    const docs = await fetch(`${stack.baseUrl}/docs`);
    expect(docs.headers.get('content-type')).toMatch(/text\/html/);
    expect(await docs.text()).toContain('/api/v1/sct/claims');
  });

  it('when a route does not exist, then 404 problem+json with the request ID as instance', async () => {
    const res = await fetch(`${stack.baseUrl}/api/v1/nothing`, { headers: { 'X-Request-Id': 'req-123' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('req-123');
    expect(((await res.json()) as { instance: string }).instance).toBe('req-123');
  });
});
