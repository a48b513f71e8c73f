/**
 * Two cases driven through the HTTP API by the people who act in them, as
 * registry staff, an adjudicator and the parties would: one to closed by
 * default judgment, one through review and appeal. The time-skipping server
 * lets the 60 days to the hearing and the windows after it pass in seconds;
 * PostgreSQL and the API are real.
 */
import { addDays } from '../../domain/calendar';
import { hkDateOf } from '../../domain/time/hong-kong-time';
import { aClaim } from '../support/claims';
import { SEEDED, eventually, startTestStack, type SignedIn, type TestStack } from '../support/stack';

let stack: TestStack;
let officer: SignedIn;
let adjudicator: SignedIn;

// A stack per test: the API files claims by the wall clock while the test
// server's clock only moves forward, so the two agree only on a fresh server.
beforeEach(async () => {
  stack = await startTestStack({ timeSkipping: true });
  officer = await stack.officer();
  adjudicator = await stack.login(SEEDED.adjudicator.username, SEEDED.adjudicator.password);
});
afterEach(async () => {
  await stack?.stop();
});

interface CaseView {
  caseNo: string;
  stage: string;
  version: number;
  hearing: { date: string; startsAt: string } | null;
  deadlines: { key: string; status: string; computation: { due: string; rule: string }; explanation: string }[];
  pendingActions: { step: string; roles: string[]; party: string | null }[];
  applications: { id: string; kind: string; status: string }[];
  history: { event: string; detail: string; by: { role: string } | null }[];
  closed: { reason: string } | null;
}

const today = async () => hkDateOf(await stack.env.currentTimeMs());

async function getCase(who: SignedIn, caseNo: string): Promise<CaseView> {
  const res = await fetch(`${stack.baseUrl}/api/v1/sct/claims/${caseNo}`, { headers: who.headers });
  expect(res.status).toBe(200);
  return (await res.json()) as CaseView;
}

async function step(who: SignedIn, caseNo: string, name: string, body: unknown, expected = 200): Promise<CaseView & { detail?: string }> {
  const res = await fetch(`${stack.baseUrl}/api/v1/sct/claims/${caseNo}/steps/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...who.headers },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as CaseView & { detail?: string };
  if (res.status !== expected) throw new Error(`${name}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Lets workflow time pass, then waits until the read model shows what the case did. */
async function skipTo(instant: number, caseNo: string, accept: (view: CaseView) => boolean): Promise<CaseView> {
  const wait = instant - (await stack.env.currentTimeMs());
  if (wait > 0) await stack.env.sleep(wait);
  return eventually(() => getCase(officer, caseNo), accept, 30_000);
}

const endOf = (date: string) => Date.parse(`${addDays(date, 1)}T00:00:00+08:00`) + 60_000;

/** A claimant files; the registry links a defendant's account to D1. */
async function fileCase(): Promise<{ caseNo: string; claimant: SignedIn; defendant: SignedIn }> {
  const claimant = await stack.newIndividual('Chan Tai Man');
  const res = await fetch(`${stack.baseUrl}/api/v1/sct/claims`, { method: 'POST', headers: { 'content-type': 'application/json', ...claimant.headers }, body: JSON.stringify(aClaim()) });
  expect(res.status).toBe(201);
  const { caseNo } = (await res.json()) as { caseNo: string };
  const defendant = await stack.newIndividual('Wong Siu Ming');
  const link = await fetch(`${stack.baseUrl}/api/v1/cases/${caseNo}/parties/D1/links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...officer.headers },
    body: JSON.stringify({ accountId: defendant.id }),
  });
  expect(link.status).toBe(201);
  await eventually(() => getCase(officer, caseNo), (v) => v.stage === 'awaiting-hearing');
  return { caseNo, claimant, defendant };
}

describe('a case through the API', () => {
  it('when served, heard in the defendant\'s absence, judged by default, paid and left to its windows, then it closes with a complete timeline', async () => {
    const { caseNo, defendant } = await fileCase();
    await step(officer, caseNo, 'record-service', { partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'personal-delivery', servedOn: await today() });
    const fixed = await getCase(officer, caseNo);
    await skipTo(Date.parse(fixed.hearing!.startsAt) + 60_000, caseNo, (v) => v.stage === 'awaiting-outcome');

    // The claimant's account is not the adjudicator: a judgment by them is refused.
    const hearingDay = await today();
    const judgment = { summary: 'Judgment for the claimant in default of attendance', oral: false, amountCents: 1_250_000, against: ['D1'], affidavitFiled: true, payBy: addDays(hearingDay, 14) };
    await step(defendant, caseNo, 'enter-default-judgment', judgment, 403);
    const judged = await step(adjudicator, caseNo, 'enter-default-judgment', judgment);
    expect(judged.stage).toBe('decided');
    for (const partyId of ['C1', 'D1']) await step(officer, caseNo, 'record-service', { partyId, document: 'written-award', manner: 'post', servedOn: hearingDay });
    await step(defendant, caseNo, 'record-payment', { amountCents: 1_250_000, paidOn: hearingDay });

    const open = (await getCase(officer, caseNo)).deadlines.filter((d) => d.status === 'open').map((d) => d.computation.due).sort();
    const closed = await skipTo(endOf(open.at(-1)!), caseNo, (v) => v.stage === 'closed');
    expect(closed.closed?.reason).toBe('award satisfied and no period left to run');
    // The papers the case issues (notice of hearing, written award) are recorded as they go out.
    expect(closed.history.map((e) => e.event).filter((e) => e !== 'paper-issued')).toEqual([
      'claim-filed',
      'hearing-fixed',
      'service-recorded',
      'hearing-day',
      'default-judgment',
      'service-recorded',
      'service-recorded',
      'payment-recorded',
      ...closed.history.filter((e) => e.event === 'period-ended').map(() => 'period-ended'),
      'case-closed',
    ]);
    expect(closed.history.filter((e) => e.event === 'paper-issued').map((e) => e.detail)).toEqual([
      expect.stringMatching(/^Notice of hearing issued.*-NOH-/),
      expect.stringMatching(/^Written award issued.*-AWD-/),
    ]);
    expect(closed.history.filter((e) => e.event === 'period-ended')).toHaveLength(5);
    expect(closed.deadlines.every((d) => d.explanation.startsWith(`Due ${d.computation.due} under`))).toBe(true);

    // The same story in Temporal's own history, each step a named update.
    const history = await stack.env.client.workflow.getHandle(caseNo).fetchHistory();
    const updates = (history.events ?? []).flatMap((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name ?? []);
    expect(updates).toEqual(['recordService', 'enterDefaultJudgment', 'recordService', 'recordService', 'recordPayment']);
    expect((await stack.env.client.workflow.getHandle(caseNo).describe()).status.name).toBe('COMPLETED');
  });

  it('when the defendant seeks review, asks for reasons and appeals, then each window opens on its event, late steps are refused, and the courts\' decisions are recorded', async () => {
    const { caseNo, claimant, defendant } = await fileCase();
    await step(officer, caseNo, 'record-service', { partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'post', servedOn: await today() });
    const fixed = await getCase(officer, caseNo);
    await skipTo(Date.parse(fixed.hearing!.startsAt) + 60_000, caseNo, (v) => v.stage === 'awaiting-outcome');
    const award = { kind: 'award', oral: true, summary: 'Defendant to pay the price of the works', amountCents: 1_000_000, against: ['D1'], inFavourOf: ['C1'] };
    const awarded = await step(adjudicator, caseNo, 'make-award', award);
    const reviewDue = awarded.deadlines.find((d) => d.key === 'review-application')!.computation.due;

    const review = await step(defendant, caseNo, 'apply-for-review', { grounds: 'The works were defective' });
    const reviewId = review.applications.at(-1)!.id;
    await step(adjudicator, caseNo, 'decide-review', { applicationId: reviewId, result: 'varied', summary: 'Reduced for defects', amountCents: 800_000 });
    const writtenOn = await today();
    await step(adjudicator, caseNo, 'write-award', { writtenOn });
    await step(officer, caseNo, 'record-service', { partyId: 'D1', document: 'written-award', manner: 'post', servedOn: writtenOn });
    await step(defendant, caseNo, 'request-reasons', {});
    await step(officer, caseNo, 'record-service', { partyId: 'D1', document: 'reasons', manner: 'post', servedOn: writtenOn });
    const leave = await step(defendant, caseNo, 'apply-for-leave-to-appeal', { grounds: 'The claim was outside jurisdiction' });
    const leaveId = leave.applications.at(-1)!.id;
    await step(officer, caseNo, 'record-court-decision', { applicationId: leaveId, decision: 'leave-granted', decidedOn: writtenOn });
    const appealed = await step(officer, caseNo, 'record-court-decision', { applicationId: leaveId, decision: 'appeal-dismissed', decidedOn: writtenOn, note: 'HCSA 12/2027' });
    const caDue = appealed.deadlines.find((d) => d.key === 'ca-leave:D1')!.computation;
    expect(caDue.rule).toBe('sct.ca-leave');

    // The claimant's own review window has long closed: refused with its dates.
    await skipTo(endOf(caDue.due), caseNo, (v) => v.deadlines.some((d) => d.key === 'ca-leave:D1' && d.status === 'lapsed'));
    const late = await step(claimant, caseNo, 'apply-for-review', { grounds: 'too late' }, 409);
    expect(late.detail).toContain(`closed on ${reviewDue}`);
    const lateCa = await step(defendant, caseNo, 'apply-for-ca-leave', { grounds: 'too late' }, 409);
    expect(lateCa.detail).toContain(`closed on ${caDue.due}`);

    const final = await getCase(officer, caseNo);
    expect(final.history.map((e) => e.event)).toEqual(
      expect.arrayContaining(['award-made', 'review-applied', 'review-decided', 'award-written', 'reasons-requested', 'appeal-leave-applied', 'court-decision']),
    );
    expect(final.applications.map((a) => [a.kind, a.status])).toEqual([
      ['review', 'decided'],
      ['appeal-leave', 'decided'],
    ]);
    // The award named no date for payment: payable at once, so enforceable from the next day (RDC O.42 r.2(2)).
    expect(final.stage).toBe('enforceable');
    expect(final.pendingActions.map((a) => a.step)).toContain('record-payment');
  });
});
