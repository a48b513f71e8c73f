/**
 * A refused attempt at a case (a 404 to an outsider, a step refused) is on
 * the record as an attempt: counted every time, and written to the audit log
 * once per caller, case and reason an hour, up to a cap per caller, so a
 * flood (anonymous or not) grows a counter and never the log without bound.
 */
import { AUDITED_PER_CALLER_HOUR, refusalsOf } from '../../db/access-refusals';
import { verifyAuditChain } from '../../db/audit-log';
import { aClaim } from '../support/claims';
import { eventually, startTestStack, type SignedIn, type TestStack } from '../support/stack';

let stack: TestStack;
let filer: SignedIn;
let stranger: SignedIn;
let officer: SignedIn;
let caseNo: string;

beforeAll(async () => {
  stack = await startTestStack();
  filer = await stack.newIndividual();
  stranger = await stack.newIndividual('Lee Ka Yan');
  officer = await stack.officer();
  const res = await fetch(`${stack.baseUrl}/api/v1/sct/claims`, { method: 'POST', headers: { 'content-type': 'application/json', ...filer.headers }, body: JSON.stringify(aClaim()) });
  caseNo = ((await res.json()) as { caseNo: string }).caseNo;
  await eventually(() => fetch(`${stack.baseUrl}/api/v1/sct/claims/${caseNo}`, { headers: officer.headers }), (r) => r.status === 200);
});
afterAll(async () => {
  await stack?.stop();
});

const refusedEntries = async (target: string) =>
  (await stack.db.pool.query<{ actor_id: string; after: { status: number; reason: string } }>(`SELECT actor_id, after FROM audit_log WHERE action = 'access.refused' AND target = $1`, [target])).rows;

describe('refused attempts at a case', () => {
  it('when an outsider asks for a case thirty times, then each is counted and the audit log has one entry naming them', async () => {
    for (let i = 0; i < 30; i += 1) expect((await fetch(`${stack.baseUrl}/api/v1/sct/claims/${caseNo}`, { headers: stranger.headers })).status).toBe(404);
    await eventually(() => refusalsOf(stack.db.pool, `case:${caseNo}`), (rows) => rows.some((r) => r.attempts === 30));
    expect(await refusalsOf(stack.db.pool, `case:${caseNo}`)).toEqual([{ actorKey: `account:${stranger.id}`, reason: 'not-found', attempts: 30, audited: true }]);
    expect(await refusedEntries(`case:${caseNo}`)).toEqual([{ actor_id: stranger.id, after: { status: 404, reason: 'not-found' } }]);
  });

  it('when a step is refused, then the attempt is recorded with the reason', async () => {
    const res = await fetch(`${stack.baseUrl}/api/v1/sct/claims/${caseNo}/steps/write-award`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await stack.login('adjudicator', 'adjudicator-password-for-tests')).headers },
      body: JSON.stringify({ writtenOn: '2026-11-02' }),
    });
    expect(res.status).toBe(409);
    const entries = await eventually(() => refusedEntries(`case:${caseNo}`), (rows) => rows.some((r) => r.after.reason === 'step-wrong-stage'));
    expect(entries.filter((r) => r.after.reason === 'step-wrong-stage')).toHaveLength(1);
  });

  it(`when the public floods a hundred case numbers, then every attempt is counted but at most ${AUDITED_PER_CALLER_HOUR} reach the audit log, and the chain stays intact`, async () => {
    const before = Number((await stack.db.pool.query(`SELECT count(*) AS n FROM audit_log WHERE action = 'access.refused' AND actor_id = 'public'`)).rows[0].n);
    for (let i = 0; i < 100; i += 1) {
      const probe = `SCTC-2025-${String(900_000 + i).padStart(6, '0')}`;
      expect((await fetch(`${stack.baseUrl}/api/v1/sct/claims/${probe}`)).status).toBe(404);
    }
    const counted = await eventually(
      async () => Number((await stack.db.pool.query(`SELECT coalesce(sum(attempts), 0) AS n FROM access_refusals WHERE actor_key = 'public' AND target LIKE 'case:SCTC-2025-9%'`)).rows[0].n),
      (n) => n === 100,
    );
    expect(counted).toBe(100);
    const after = Number((await stack.db.pool.query(`SELECT count(*) AS n FROM audit_log WHERE action = 'access.refused' AND actor_id = 'public'`)).rows[0].n);
    expect(after - before).toBeLessThanOrEqual(AUDITED_PER_CALLER_HOUR);
    expect(after).toBeGreaterThan(before);
    expect((await verifyAuditChain(stack.db.pool)).ok).toBe(true);
  });
});
