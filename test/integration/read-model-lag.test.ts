/**
 * A version the read model cannot store (here, a NUL character that reached
 * the workflow without passing the API) never leaves readers looking at an
 * older version as if it were current: the lag is recorded at once (no
 * endless retries), the registry is alerted, and a GET answers from the case
 * itself, saying the read model is behind.
 */
import { STEP_UPDATES } from '../../workflows/sct/contract';
import { aClaim } from '../support/claims';
import { eventually, startTestStack, untilNoticeIssued, type SignedIn, type TestStack } from '../support/stack';

let stack: TestStack;
let filer: SignedIn;
let officer: SignedIn;

beforeAll(async () => {
  stack = await startTestStack();
  filer = await stack.newIndividual();
  officer = await stack.officer();
});
afterAll(async () => {
  await stack?.stop();
});

interface CaseBody {
  version: number;
  hearing: { date: string };
  history: { detail: string }[];
  alerts: { to: string; status: string; message: string }[];
  readModel: { status: string; source: string; lag?: { version: number; kind: string; reason: string } };
}

const read = async (caseNo: string) => (await (await fetch(`${stack.baseUrl}/api/v1/sct/claims/${caseNo}`, { headers: officer.headers })).json()) as CaseBody;

it('when the read model refuses a version as data, then the lag is recorded, the registry alerted, and a GET answers from the workflow marked behind', async () => {
  const filed = await fetch(`${stack.baseUrl}/api/v1/sct/claims`, { method: 'POST', headers: { 'content-type': 'application/json', ...filer.headers }, body: JSON.stringify(aClaim()) });
  const { caseNo } = (await filed.json()) as { caseNo: string };
  await untilNoticeIssued(stack, caseNo, officer.headers);
  const before = await eventually(() => read(caseNo), (b) => b.readModel?.source === 'read-model');
  expect(before.readModel).toEqual({ status: 'current', source: 'read-model' });

  const actor = { id: 'ro-direct', role: 'registry-officer' as const, name: 'Officer straight to Temporal' };
  const answered = await stack.env.client.workflow
    .getHandle(caseNo)
    .executeUpdate(STEP_UPDATES.fixHearing, { args: [{ actor, payload: { date: before.hearing.date, reason: 'relisted\u0000' } }] });

  const lag = await eventually(
    async () => (await stack.db.pool.query('SELECT workflow_version, kind FROM read_model_lag WHERE case_no = $1', [caseNo])).rows[0] as { workflow_version: number; kind: string } | undefined,
    (row) => row !== undefined,
  );
  expect(lag).toEqual({ workflow_version: answered.version, kind: 'data' });
  const stored = await stack.db.pool.query('SELECT version FROM sct_cases WHERE case_no = $1', [caseNo]);
  expect(stored.rows[0].version).toBeLessThan(answered.version);

  const after = await read(caseNo);
  expect(after.version).toBe(answered.version);
  expect(after.readModel).toMatchObject({ status: 'behind', source: 'workflow', lag: { version: answered.version, kind: 'data' } });
  expect(after.alerts).toEqual(expect.arrayContaining([expect.objectContaining({ to: 'registry', status: 'pending', message: expect.stringContaining('read model refused') })]));
});
