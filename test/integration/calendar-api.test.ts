/**
 * Declared closure days and the calendar/deadline API, on a real Temporal
 * dev server and a real PostgreSQL: a declaration is stored once, bumps the
 * calendar version once, starts one broadcast that signals every open case,
 * and moves the deadlines computed on the calendar. A warning day in the
 * future is refused; a day that already does not count is only recorded; a
 * closure declared by mistake is withdrawn, itself a broadcast change; a new
 * holiday list is broadcast once.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { HK_GENERAL_HOLIDAYS_VERSION, addDays } from '../../domain/calendar';
import { hkDateOf } from '../../domain/time/hong-kong-time';
import { CLOSURE_BROADCAST_WORKFLOW, type CalendarBroadcastChange, type ClosureBroadcastResult } from '../../workflows/calendar/contract';
import { eventually, SEEDED, startTestStack, type SignedIn, type TestStack } from '../support/stack';
import { uniqueId } from '../support/temporal';

let stack: TestStack;
/** An open case whose workflow runs (on a queue no worker polls, so it only records what it is sent). */
const openCase = 'SCTC-2099-000001';
/** An accepted filing whose workflow never started: counted as not found. */
const unstartedCase = 'SCTC-2099-000002';
/** A closed case: never signalled. */
const closedCase = 'SCTC-2099-000003';
let caseHandles: WorkflowHandle[] = [];

/** The seeded registry officer, an adjudicator and an individual user, signed in. */
let officer: Record<string, string>;
let officerAccount: SignedIn;
let adjudicator: Record<string, string>;
let individual: Record<string, string>;

beforeAll(async () => {
  stack = await startTestStack();
  officerAccount = await stack.officer();
  officer = officerAccount.headers;
  adjudicator = (await stack.login(SEEDED.adjudicator.username, SEEDED.adjudicator.password)).headers;
  individual = (await stack.newIndividual()).headers;
  const { pool } = stack.db;
  for (const caseNo of [openCase, unstartedCase, closedCase]) {
    await pool.query("INSERT INTO sct_filings (case_no, request_hash, input, filed_at, started_at) VALUES ($1, 'h', '{}', now(), now())", [caseNo]);
  }
  await pool.query(
    `INSERT INTO sct_cases (case_no, stage, filed_on, claimed_cents, snapshot, version) VALUES ($1, 'closed', '2026-06-01', 100, '{}', 9)`,
    [closedCase],
  );
  const taskQueue = uniqueId('no-worker');
  caseHandles = await Promise.all(
    [openCase, closedCase].map((workflowId) => stack.env.client.workflow.start('standInCase', { taskQueue, workflowId, args: [] })),
  );
});
afterAll(async () => {
  await Promise.all(caseHandles.map((h) => h.terminate('test over').catch(() => undefined)));
  await stack?.stop();
});


interface Declared {
  changed: boolean;
  declared: { date: string; reason: string };
  calendar: { calendarVersion: string; closuresVersion: number; closures: { date: string; reason: string }[] };
  broadcast: { workflowId: string; started: boolean } | null;
}
interface ProblemBody {
  type: string;
  status: number;
  detail?: string;
  errors?: { field: string; rule: string }[];
  validRules?: string[];
}
interface Deadline {
  rule: string;
  due: string;
  unextendedDue: string;
  policy: string;
  calendarVersion: string;
  extensions: { date: string; reason: string; kind: string }[];
  explanation: string;
}

async function declare(body: unknown, headers: Record<string, string> = officer) {
  // (officer is read when called, after beforeAll signed in)
  const res = await fetch(`${stack.baseUrl}/api/v1/calendar/closures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, contentType: res.headers.get('content-type'), body: (await res.json()) as Declared & ProblemBody };
}

async function deadline(rule: string, query: string) {
  const res = await fetch(`${stack.baseUrl}/api/v1/deadlines/${rule}?${query}`);
  return { status: res.status, body: (await res.json()) as Deadline & ProblemBody };
}

const storedVersion = async () =>
  (await stack.db.pool.query<{ closures_version: number }>('SELECT closures_version FROM court_calendar_version')).rows[0]?.closures_version;

const storedClosure = async (date: string) =>
  (
    await stack.db.pool.query<{ reason: string; declared_by: string; declared_by_name: string; closures_version: number }>(
      'SELECT reason, declared_by, declared_by_name, closures_version FROM court_closure_days WHERE date = $1',
      [date],
    )
  ).rows;

const broadcastIds = async () => {
  const ids: string[] = [];
  for await (const wf of stack.env.client.workflow.list({ query: `WorkflowType = '${CLOSURE_BROADCAST_WORKFLOW}'` })) ids.push(wf.workflowId);
  return ids.sort();
};

const signalsReceived = async (handle: WorkflowHandle) => {
  const history = await handle.fetchHistory();
  return (history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'calendarChanged').length;
};

describe('POST /api/v1/calendar/closures', () => {
  it('when a registry officer declares a closure day, then it is stored, the version goes up by one, and one broadcast signals every open case', async () => {
    const before = (await storedVersion()) ?? 0;
    const res = await declare({ date: '2026-07-20', reason: 'black rainstorm warning' });
    expect(res.status).toBe(201);
    expect(res.body.changed).toBe(true);
    expect(res.body.calendar.closuresVersion).toBe(before + 1);
    expect(res.body.calendar.calendarVersion).toBe(`hk-gazette-2029.2+closures.${before + 1}`);
    expect(res.body.calendar.closures).toContainEqual({ date: '2026-07-20', reason: 'black rainstorm warning' });
    expect(res.body.broadcast).toEqual({ workflowId: `calendar-closure-2026-07-20-v${before + 1}`, started: true });
    expect(await storedVersion()).toBe(before + 1);
    expect(await storedClosure('2026-07-20')).toEqual([
      { reason: 'black rainstorm warning', declared_by: officerAccount.id, declared_by_name: 'Registry Officer', closures_version: before + 1 },
    ]);

    const result = (await stack.env.client.workflow.getHandle(res.body.broadcast!.workflowId).result()) as ClosureBroadcastResult;
    // The open case is told; the filing with no workflow is counted; the closed case is not listed.
    expect(result).toEqual({ signalled: 1, notFound: 1, undelivered: 0, pages: 1 });
    const [openHandle, closedHandle] = caseHandles;
    expect(await signalsReceived(openHandle!)).toBeGreaterThanOrEqual(1);
    expect(await signalsReceived(closedHandle!)).toBe(0);

    const calendar = (await (await fetch(`${stack.baseUrl}/api/v1/calendar?year=2026`)).json()) as {
      closuresVersion: number;
      closures: { date: string; reason: string; closuresVersion: number }[];
    };
    expect(calendar.closures).toContainEqual(expect.objectContaining({ date: '2026-07-20', reason: 'black rainstorm warning', closuresVersion: before + 1 }));
  });

  it('when the same closure is declared again, then 200, nothing changes and no second broadcast starts', async () => {
    const first = await declare({ date: '2026-08-03', reason: 'black rainstorm warning' });
    expect(first.status).toBe(201);
    const version = await storedVersion();
    const broadcastsBefore = await eventually(broadcastIds, (ids) => ids.includes(first.body.broadcast!.workflowId));

    const again = await declare({ date: '2026-08-03', reason: 'black rainstorm warning' });
    expect(again.status).toBe(200);
    expect(again.body.changed).toBe(false);
    expect(again.body.calendar.closuresVersion).toBe(version);
    expect(again.body.broadcast).toEqual({ workflowId: first.body.broadcast!.workflowId, started: false });
    expect(await storedVersion()).toBe(version);
    expect(await broadcastIds()).toEqual(broadcastsBefore);
  });

  it('when the same closure is declared twice at once, then the version goes up once and one broadcast starts', async () => {
    const before = (await storedVersion()) ?? 0;
    const body = { date: '2026-08-04', reason: 'gale warning (signal No. 8 or above)' };
    const responses = await Promise.all([declare(body), declare(body)]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(await storedVersion()).toBe(before + 1);
    expect(responses.map((r) => r.body.calendar.closuresVersion)).toEqual([before + 1, before + 1]);
    expect(responses.filter((r) => r.body.broadcast?.started)).toHaveLength(1);
    const workflowId = `calendar-closure-2026-08-04-v${before + 1}`;
    expect(responses.map((r) => r.body.broadcast?.workflowId)).toEqual([workflowId, workflowId]);
    expect(await storedClosure('2026-08-04')).toHaveLength(1);
  });

  it('when several different closures are declared at once, then each gets its own next version, none lost or shared', async () => {
    const before = (await storedVersion()) ?? 0;
    const dates = ['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08', '2026-10-09'];
    const responses = await Promise.all(dates.map((date) => declare({ date, reason: 'black rainstorm warning' })));
    expect(responses.map((r) => r.status)).toEqual(Array(dates.length).fill(201));
    expect(await storedVersion()).toBe(before + dates.length);
    const versions = await Promise.all(dates.map(async (date) => (await storedClosure(date))[0]?.closures_version));
    expect([...versions].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(dates.map((_d, i) => before + 1 + i));
  });

  it('when a declared date is declared with another reason, then it is a correction: 201, a new version and a new broadcast', async () => {
    await declare({ date: '2026-08-05', reason: 'black rainstorm warning' });
    const before = (await storedVersion()) ?? 0;
    const res = await declare({ date: '2026-08-05', reason: 'gale warning (signal No. 8 or above)' });
    expect(res.status).toBe(201);
    expect(res.body.calendar.closuresVersion).toBe(before + 1);
    expect(res.body.broadcast).toEqual({ workflowId: `calendar-closure-2026-08-05-v${before + 1}`, started: true });
    expect((await storedClosure('2026-08-05'))[0]?.reason).toBe('gale warning (signal No. 8 or above)');
  });

  const unauthorised: Array<[string, number, () => Record<string, string>, RegExp]> = [
    ['no credentials are sent', 401, () => ({}), /Sign in as one of: registry-officer/],
    ['the token is not valid', 401, () => ({ authorization: 'Bearer not.a.token' }), /not valid/],
    ['an unknown API key is sent', 401, () => ({ 'x-api-key': 'cf_000000000000_' + 'a'.repeat(43) }), /API key is not valid/],
    ['the caller is a filer', 403, () => individual, /registry-officer \(you are individual-user\)/],
    ['the caller is an adjudicator', 403, () => adjudicator, /registry-officer/],
  ];

  it.each(unauthorised)('when %s, then %i problem+json and nothing is stored', async (_case, status, headersOf, detail) => {
    const before = await storedVersion();
    const res = await declare({ date: '2026-09-14', reason: 'black rainstorm warning' }, headersOf());
    expect(res.status).toBe(status);
    expect(res.contentType).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toBe(status === 401 ? 'urn:courtflow:problem:unauthenticated' : 'urn:courtflow:problem:forbidden');
    expect(res.body.detail).toMatch(detail);
    expect(await storedVersion()).toBe(before);
    expect(await storedClosure('2026-09-14')).toEqual([]);
  });

  const invalid: Array<[string, unknown, string, string]> = [
    ['the date is impossible', { date: '2026-02-30', reason: 'black rainstorm warning' }, 'date', 'invalid_format'],
    ['the date is not a date', { date: '14/09/2026', reason: 'black rainstorm warning' }, 'date', 'invalid_format'],
    ['the date is missing', { reason: 'black rainstorm warning' }, 'date', 'invalid_type'],
    ['the reason is not a Cap. 1 s.71 ground', { date: '2026-09-14', reason: 'typhoon' }, 'reason', 'invalid_value'],
    ['an unknown field is sent', { date: '2026-09-14', reason: 'black rainstorm warning', note: 'x' }, 'note', 'unrecognized_keys'],
  ];

  it.each(invalid)('when %s, then 400 names the field and nothing is stored', async (_case, body, field, rule) => {
    const before = await storedVersion();
    const res = await declare(body);
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('urn:courtflow:problem:validation');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ field, rule }));
    expect(await storedVersion()).toBe(before);
  });

  it('when the date is outside the calendar coverage, then 422 names the date and nothing is stored', async () => {
    const before = await storedVersion();
    const res = await declare({ date: '2031-07-01', reason: 'black rainstorm warning' });
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('urn:courtflow:problem:closure-refused');
    expect(res.body.errors?.[0]?.field).toBe('date');
    expect(res.body.detail).toMatch(/outside the court calendar's coverage/);
    expect(await storedVersion()).toBe(before);
  });
});

describe('GET /api/v1/deadlines/{rule}', () => {
  it("when a deadline's last day is declared closed, then it moves to the next open day and says why", async () => {
    // sct.review-application: 7 days, registry policy. Wed 2026-09-02 + 7 = Wed 2026-09-09.
    const before = await deadline('sct.review-application', 'from=2026-09-02');
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ due: '2026-09-09', unextendedDue: '2026-09-09', policy: 'registry', extensions: [] });

    const declared = await declare({ date: '2026-09-09', reason: 'gale warning (signal No. 8 or above)' });
    expect(declared.status).toBe(201);
    const after = await deadline('sct.review-application', 'from=2026-09-02');
    expect(after.status).toBe(200);
    expect(after.body.due).toBe('2026-09-10');
    expect(after.body.extensions).toEqual([{ date: '2026-09-09', reason: 'gale warning (signal No. 8 or above)', kind: 'extended' }]);
    expect(after.body.calendarVersion).toBe(declared.body.calendar.calendarVersion);
    expect(after.body.explanation).toContain('2026-09-09 (gale warning (signal No. 8 or above))');
    expect(after.body.explanation).toMatch(/^Due 2026-09-10 under Cap\. 338 s\.27A\(2\)\(b\)/);
  });

  it('when a policy and a period are given, then they are used', async () => {
    // Sat 2026-12-12 + 7 = Sat 2026-12-19: the registry policy skips it, the statutory one does not.
    expect((await deadline('sct.review-application', 'from=2026-12-12')).body.due).toBe('2026-12-21');
    const statutory = await deadline('sct.review-application', 'from=2026-12-12&policy=statutory');
    expect(statutory.body).toMatchObject({ due: '2026-12-19', policy: 'statutory' });
    // From Fri 02-13, 3 days at the registry: no closure day counted (s.71(1A)(c)), so Mon 16, Fri 20, Mon 23.
    const order = await deadline('sct.order-compliance', 'from=2026-02-13&days=3');
    expect(order.body.due).toBe('2026-02-23');
  });

  it('when the rule is unknown, then 404 lists the valid rule ids', async () => {
    const res = await deadline('sct.appeal', 'from=2026-06-12');
    expect(res.status).toBe(404);
    expect(res.body.type).toBe('urn:courtflow:problem:unknown-deadline-rule');
    expect(res.body.validRules).toContain('sct.set-aside');
    expect(res.body.detail).toContain('sct.hearing');
  });

  const bad: Array<[string, number, string, string, string]> = [
    ['from is missing', 400, 'from', 'sct.hearing', ''],
    ['from is impossible', 400, 'from', 'sct.hearing', 'from=2026-02-30'],
    ['the policy is unknown', 400, 'policy', 'sct.hearing', 'from=2026-06-12&policy=weekly'],
    ['days is not a number', 400, 'days', 'sct.order-compliance', 'from=2026-06-12&days=ten'],
    ['days is missing for order compliance', 400, 'days', 'sct.order-compliance', 'from=2026-06-12'],
    ['days contradicts a fixed period', 400, 'days', 'sct.hearing', 'from=2026-06-12&days=30'],
    ['an unknown parameter is sent', 400, 'when', 'sct.hearing', 'from=2026-06-12&when=now'],
    ['from is outside the coverage', 422, 'from', 'sct.hearing', 'from=2031-01-05'],
    ['the deadline runs out of the coverage', 422, 'from', 'sct.written-award', 'from=2029-12-20'],
  ];

  it.each(bad)('when %s, then %i names the %s parameter', async (_case, status, field, rule, query) => {
    const res = await deadline(rule, query);
    expect(res.status).toBe(status);
    expect(res.body.errors?.map((e) => e.field)).toContain(field);
  });
});

describe('GET /api/v1/calendar', () => {
  it('when read, then it lists the holidays of every covered year, the closures, the version, the coverage and the policies', async () => {
    const res = await fetch(`${stack.baseUrl}/api/v1/calendar`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      calendarVersion: string;
      closuresVersion: number;
      coverage: { from: string; to: string };
      policies: { id: string; description: string }[];
      years: { year: number; holidays: { date: string; name: string }[] }[];
      closures: { date: string }[];
    };
    expect(body.calendarVersion).toBe(`hk-gazette-2029.2+closures.${await storedVersion()}`);
    expect(body.coverage).toEqual({ from: '2023-01-01', to: '2029-12-31' });
    expect(body.years.map((y) => y.year)).toEqual([2023, 2024, 2025, 2026, 2027, 2028, 2029]);
    expect(body.years[3]?.holidays).toContainEqual({ date: '2026-12-25', name: 'Christmas Day' });
    expect(body.policies.map((p) => p.id)).toEqual(['statutory', 'registry']);
    expect(body.policies[0]?.description).toContain('Cap. 1 s.71');
    expect(body.closures.map((c) => c.date)).toEqual([...body.closures.map((c) => c.date)].sort());
  });

  it('when the year is malformed or not covered, then 400 or 422 names it', async () => {
    const malformed = await fetch(`${stack.baseUrl}/api/v1/calendar?year=26`);
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as ProblemBody).errors?.[0]?.field).toBe('year');
    const uncovered = await fetch(`${stack.baseUrl}/api/v1/calendar?year=2031`);
    expect(uncovered.status).toBe(422);
    expect(((await uncovered.json()) as ProblemBody).errors?.[0]?.field).toBe('year');
  });

  it('when /openapi.json is read, then it describes the calendar routes, the closure body and who may call them', async () => {
    const doc = (await (await fetch(`${stack.baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters: { name: string }[]; security: Record<string, string[]>[]; 'x-roles'?: string[]; requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }>>;
      components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }>; securitySchemes: Record<string, { type: string }> };
    };
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiKey', 'bearerAuth']);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/calendar', '/api/v1/calendar/closures', '/api/v1/deadlines/{rule}']));
    const post = doc.paths['/api/v1/calendar/closures']?.post;
    expect(post?.requestBody?.content['application/json']?.schema.$ref).toBe('#/components/schemas/DeclareClosure');
    // No path or query parameters: only the optional Idempotency-Key header of a replayable operation.
    expect(post?.parameters.map((p) => p.name)).toEqual(['Idempotency-Key']);
    expect(post?.security).toEqual([{ bearerAuth: [] }, { apiKey: [] }]);
    expect(post?.['x-roles']).toEqual(['registry-officer']);
    expect(doc.paths['/api/v1/calendar']?.get?.security).toEqual([{}, { bearerAuth: [] }, { apiKey: [] }]);
    expect(doc.components.schemas.DeclareClosure?.properties?.kind?.enum).toEqual(['warning', 'planned']);
    expect(doc.paths['/api/v1/calendar/closures/{date}']?.delete?.['x-roles']).toEqual(['registry-officer']);
    expect(doc.paths['/api/v1/calendar/closures/{date}']?.delete?.requestBody?.content['application/json']?.schema.$ref).toBe('#/components/schemas/WithdrawClosure');
    expect(doc.paths['/api/v1/calendar/sync']?.post?.['x-roles']).toEqual(['registry-officer']);
    expect(doc.paths['/api/v1/deadlines/{rule}']?.get?.parameters.map((p) => p.name)).toEqual(['rule', 'from', 'policy', 'days']);
  });
});

/** Today in Hong Kong, moved by `days`. */
const hkToday = (days = 0) => addDays(hkDateOf(Date.now()), days);

const storedChanges = async (date: string) =>
  (
    await stack.db.pool.query<{ change: string; reason: string | null; note: string | null; closure_kind: string | null; closures_version: number | null }>(
      `SELECT change, reason, note, closure_kind, closures_version FROM court_calendar_changes WHERE date = $1 ORDER BY id`,
      [date],
    )
  ).rows;

/** The calendar changes the stand-in open case was sent, in order. */
async function changesReceived(handle: WorkflowHandle): Promise<CalendarBroadcastChange[]> {
  const history = await handle.fetchHistory();
  return (history.events ?? [])
    .filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'calendarChanged')
    .map((e) => {
      const data = e.workflowExecutionSignaledEventAttributes?.input?.payloads?.[0]?.data;
      return JSON.parse(Buffer.from(data ?? new Uint8Array()).toString('utf8')) as CalendarBroadcastChange;
    });
}

async function withdraw(date: string, body: unknown, headers: Record<string, string> = officer) {
  const res = await fetch(`${stack.baseUrl}/api/v1/calendar/closures/${date}`, {
    method: 'DELETE',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as ProblemBody & {
      changed: boolean;
      withdrawn: { date: string; reason: string };
      reason: string;
      calendar: Declared['calendar'];
      broadcast: { workflowId: string; started: boolean } | null;
    },
  };
}

describe('closure days are facts', () => {
  it('when a warning day in the future is declared, then 422 names the rule and nothing is stored', async () => {
    const before = await storedVersion();
    const tomorrow = hkToday(3);
    const res = await declare({ date: tomorrow, reason: 'black rainstorm warning' });
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('urn:courtflow:problem:closure-in-future');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'date', rule: expect.stringContaining('Cap. 1 s.71: a gale or black rainstorm warning day is a fact') })]);
    expect(res.body.detail).toContain('kind "planned"');
    expect(await storedVersion()).toBe(before);
    expect(await storedClosure(tomorrow)).toEqual([]);
  });

  it('when a planned closure (closed by order) is declared for a future day, then it is accepted as its own kind and counts under the registry policy only', async () => {
    // A weekday some weeks ahead that is no holiday.
    let day = hkToday(30);
    while ([0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay())) day = addDays(day, 1);
    const res = await declare({ date: day, kind: 'planned', reason: 'registry closed by order of the Chief Judge: office move' });
    expect(res.status).toBe(201);
    expect(res.body.declared).toEqual({ date: day, reason: 'registry closed by order of the Chief Judge: office move', kind: 'planned' });
    const stored = await stack.db.pool.query<{ kind: string }>('SELECT kind FROM court_closure_days WHERE date = $1', [day]);
    expect(stored.rows).toEqual([{ kind: 'planned' }]);
    // A 7-day registry period ending that day runs on; a statutory one does not.
    const from = addDays(day, -7);
    expect((await deadline('sct.review-application', `from=${from}`)).body.due).not.toBe(day);
    expect((await deadline('sct.review-application', `from=${from}&policy=statutory`)).body.due).toBe(day);
    // A planned closure still needs a reason, and a warning needs one of its grounds.
    expect((await declare({ date: day, kind: 'planned', reason: ' ' })).status).toBe(400);
    expect((await declare({ date: day, kind: 'planned', reason: 'x'.repeat(201) })).status).toBe(400);
  });

  it('when a Sunday or a general holiday is declared, then it is recorded only: 200, changed false, why, no new version, no broadcast', async () => {
    const before = await storedVersion();
    for (const [date, why] of [
      ['2026-07-19', 'Sunday'],
      ['2026-10-01', 'National Day'],
    ] as const) {
      const res = await declare({ date, reason: 'black rainstorm warning' });
      expect(res.status).toBe(200);
      expect(res.body.changed).toBe(false);
      expect((res.body as unknown as { why: string }).why).toBe(
        `${date} is already a day that does not count (${why}): the closure is recorded only; no deadline and no calendar version changed`,
      );
      expect(res.body.broadcast).toBeNull();
      expect(await storedClosure(date)).toEqual([]);
      expect(await storedChanges(date)).toEqual([expect.objectContaining({ change: 'recorded', reason: 'black rainstorm warning', closures_version: null })]);
    }
    expect(await storedVersion()).toBe(before);
  });
});

describe('DELETE /api/v1/calendar/closures/{date}', () => {
  it('when a closure declared by mistake is withdrawn, then it leaves the calendar with a new version, the deadline returns, and a broadcast tells every open case why', async () => {
    // sct.review-application from Wed 2026-09-16: due Wed 2026-09-23.
    const declared = await declare({ date: '2026-09-23', reason: 'black rainstorm warning' });
    expect(declared.status).toBe(201);
    expect((await deadline('sct.review-application', 'from=2026-09-16')).body.due).toBe('2026-09-24');
    const before = (await storedVersion()) ?? 0;

    const res = await withdraw('2026-09-23', { reason: 'declared for the wrong day: the warning was on 22 September' });
    expect(res.status).toBe(201);
    expect(res.body.changed).toBe(true);
    expect(res.body.withdrawn).toEqual({ date: '2026-09-23', reason: 'black rainstorm warning' });
    expect(res.body.calendar.closuresVersion).toBe(before + 1);
    expect(res.body.calendar.closures.map((c) => c.date)).not.toContain('2026-09-23');
    expect(res.body.broadcast).toEqual({ workflowId: `calendar-closure-2026-09-23-withdrawn-v${before + 1}`, started: true });
    expect(await storedClosure('2026-09-23')).toEqual([]);
    expect(await storedChanges('2026-09-23')).toEqual([
      expect.objectContaining({ change: 'declared', reason: 'black rainstorm warning', closures_version: before }),
      expect.objectContaining({ change: 'withdrawn', reason: 'black rainstorm warning', note: 'declared for the wrong day: the warning was on 22 September', closures_version: before + 1 }),
    ]);
    const after = await deadline('sct.review-application', 'from=2026-09-16');
    expect(after.body.due).toBe('2026-09-23');
    expect(after.body.extensions).toEqual([]);

    const result = (await stack.env.client.workflow.getHandle(res.body.broadcast!.workflowId).result()) as ClosureBroadcastResult;
    expect(result).toMatchObject({ signalled: 1, notFound: 1 });
    // Broadcasts of earlier tests may still be arriving: find this one's.
    const told = (await changesReceived(caseHandles[0]!)).find((c) => c.cause?.kind === 'closure-withdrawn');
    expect(told?.cause).toEqual({
      kind: 'closure-withdrawn',
      closure: { date: '2026-09-23', reason: 'black rainstorm warning' },
      reason: 'declared for the wrong day: the warning was on 22 September',
      by: { id: officerAccount.id, role: 'registry-officer', name: 'Registry Officer' },
    });
    expect(told?.calendar.closuresVersion).toBe(before + 1);

    // The calendar's history shows both facts.
    const calendar = (await (await fetch(`${stack.baseUrl}/api/v1/calendar?year=2026`)).json()) as { changes: { change: string; date: string | null; note: string | null }[] };
    expect(calendar.changes.filter((c) => c.date === '2026-09-23').map((c) => c.change)).toEqual(['declared', 'withdrawn']);

    // Withdrawing again changes nothing.
    const again = await withdraw('2026-09-23', { reason: 'once more' });
    expect(again.status).toBe(200);
    expect(again.body.changed).toBe(false);
    expect(await storedVersion()).toBe(before + 1);
  });

  it('when the date was never declared, the reason is missing, or the caller is not a registry officer, then 404, 400 or 403 and nothing changes', async () => {
    const before = await storedVersion();
    const never = await withdraw('2026-09-25', { reason: 'mistake' });
    expect(never.status).toBe(404);
    expect(never.body.type).toBe('urn:courtflow:problem:closure-not-declared');
    await declare({ date: '2026-09-28', reason: 'gale warning (signal No. 8 or above)' });
    const withClosure = await storedVersion();
    const noReason = await withdraw('2026-09-28', {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors?.[0]?.field).toBe('reason');
    expect((await withdraw('2026-09-28', { reason: 'mistake' }, adjudicator)).status).toBe(403);
    expect((await withdraw('2026-09-28', { reason: 'mistake' }, {})).status).toBe(401);
    expect(await storedVersion()).toBe(withClosure);
    expect(withClosure).toBe((before ?? 0) + 1);
    expect(await storedClosure('2026-09-28')).toHaveLength(1);
  });
});

describe('POST /api/v1/calendar/sync: a new general holiday list reaches running cases', () => {
  it('when running cases were told of the provisional list, then one broadcast under the list version tells every open case what changed, and a second sync starts nothing', async () => {
    const before = await stack.db.pool.query<{ holidays_broadcast_version: string }>('SELECT holidays_broadcast_version FROM court_calendar_version');
    // Every database migrated before this list shipped starts here.
    expect(before.rows[0]?.holidays_broadcast_version).toBe('hk-gazette-2028.1');
    const sync = async (headers: Record<string, string> = officer) => {
      const res = await fetch(`${stack.baseUrl}/api/v1/calendar/sync`, { method: 'POST', headers });
      return { status: res.status, body: (await res.json()) as { holidays: { from: string; to: string; changes: string[]; broadcast: { workflowId: string; started: boolean } | null } } };
    };
    expect((await sync(adjudicator)).status).toBe(403);

    const first = await sync();
    expect(first.status).toBe(200);
    expect(first.body.holidays).toMatchObject({
      from: 'hk-gazette-2028.1',
      to: HK_GENERAL_HOLIDAYS_VERSION,
      broadcast: { workflowId: `calendar-holidays-${HK_GENERAL_HOLIDAYS_VERSION}`, started: true },
    });
    expect(first.body.holidays.changes).toEqual(expect.arrayContaining([expect.stringMatching(/^2027 now as gazetted/), expect.stringMatching(/^2029 added/)]));
    const result = (await stack.env.client.workflow.getHandle(first.body.holidays.broadcast!.workflowId).result()) as ClosureBroadcastResult;
    expect(result).toMatchObject({ signalled: 1 });
    const told = (await changesReceived(caseHandles[0]!)).filter((c) => c.cause?.kind === 'holidays-replaced');
    expect(told).toHaveLength(1);
    expect(told[0]?.cause).toEqual({ kind: 'holidays-replaced', from: 'hk-gazette-2028.1', to: HK_GENERAL_HOLIDAYS_VERSION });
    expect(told[0]?.calendar.holidaysVersion).toBe(HK_GENERAL_HOLIDAYS_VERSION);

    const second = await sync();
    expect(second.body.holidays).toMatchObject({ from: HK_GENERAL_HOLIDAYS_VERSION, changes: [], broadcast: { workflowId: `calendar-holidays-${HK_GENERAL_HOLIDAYS_VERSION}`, started: false } });
    const view = (await (await fetch(`${stack.baseUrl}/api/v1/calendar`)).json()) as { holidaysToldToCases: string; changes: { change: string; holidaysVersion: string | null }[] };
    expect(view.holidaysToldToCases).toBe(HK_GENERAL_HOLIDAYS_VERSION);
    expect(view.changes.filter((c) => c.change === 'holidays')).toEqual([expect.objectContaining({ holidaysVersion: HK_GENERAL_HOLIDAYS_VERSION })]);
  });
});
