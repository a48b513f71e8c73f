/**
 * Work queues of registry officers and adjudicators, through the API on a
 * real Temporal dev server and PostgreSQL: an officer's queue holds a
 * submitted filing's review and a small claim's registry step, due first;
 * two officers claiming one item at once, one wins and the other is told who
 * holds it; the holder acts through `/act` and the item leaves the queue; a
 * stale claim is taken over; an adjudicator sees only what a judge may do.
 * And the daily digest made from the same items: its words, sent once a day
 * by inbox and email, and its Temporal Schedule as officers steer it.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { hashPassword } from '../../db/passwords';
import { createDailyDigestActivities } from '../../activities/daily-digest';
import { currentCalendar } from '../../db/court-calendar';
import { SCT_TASK_QUEUE } from '../../workflows/sct/contract';
import { DIGEST_SCHEDULE_ID, type DailyDigestOutcome } from '../../workflows/digest/contract';
import { ensureDigestSchedule } from '../../workers/digest-schedule';
import { isOpenDay } from '../../domain/calendar';
import { aClaim } from '../support/claims';
import { eventually, SEEDED, startTestStack, type SignedIn, type TestStack } from '../support/stack';

interface Claim {
  by: string;
  byName: string;
  until: string;
}
interface Item {
  id: string;
  kind: string;
  court: string;
  reference: string;
  step: string;
  roles: string[];
  due: string | null;
  title: string;
  claim: Claim | null;
}

let stack: TestStack;
let filer: SignedIn;
let officer: SignedIn;
let secondOfficer: SignedIn;
let adjudicator: SignedIn;
let caseNo: string;
let reviewRef: string;
let draftRef: string;

const call = async (method: string, url: string, who: SignedIn, body?: unknown) => {
  const res = await fetch(`${stack.baseUrl}${url}`, {
    method,
    headers: { ...who.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
};

const queue = async (who: SignedIn, query = '') => {
  const res = await call('GET', `/api/v1/work-queue${query}`, who);
  expect(res.status).toBe(200);
  return (res.body as unknown as { items: Item[] }).items;
};

async function upload(who: SignedIn, name: string, text: string): Promise<string> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText(text, { x: 50, y: 700, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  const res = await fetch(`${stack.baseUrl}/api/v1/documents`, {
    method: 'POST',
    headers: { ...who.headers, 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${name}"` },
    body: Buffer.from(await doc.save()),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Opens a filing on the case, adds the documents and submits it; its reference. */
async function submitFiling(documents: { type: string; purpose: string; name: string }[]): Promise<string> {
  const opened = await call('POST', '/api/v1/filings', filer, { caseNo });
  expect(opened.status).toBe(201);
  const ref = String(opened.body.reference);
  for (const d of documents) {
    const uploadId = await upload(filer, d.name, d.type);
    const added = await call('POST', `/api/v1/filings/${ref}/steps/add-document`, filer, { uploadId, type: d.type, purpose: d.purpose, language: 'en', filingParty: 'C1', filedAgainst: ['D1'] });
    expect([added.status, added.body.detail]).toEqual([200, undefined]);
  }
  const submitted = await call('POST', `/api/v1/filings/${ref}/steps/submit`, filer, {});
  expect(submitted.body.stage).toBe('submitted');
  return ref;
}

const hkToday = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Hong_Kong' });

beforeAll(async () => {
  stack = await startTestStack({ mail: true });
  filer = await stack.newIndividual('Chan Tai Man');
  officer = await stack.officer();
  await stack.db.pool.query(`INSERT INTO accounts (username, display_name, role, password_hash) VALUES ('registry.officer.2', 'Officer Ho', 'registry-officer', $1)`, [
    await hashPassword('second-officer-password'),
  ]);
  secondOfficer = await stack.login('registry.officer.2', 'second-officer-password');
  adjudicator = await stack.login(SEEDED.adjudicator.username, SEEDED.adjudicator.password);
  const filed = await call('POST', '/api/v1/sct/claims', filer, aClaim());
  expect(filed.status).toBe(201);
  caseNo = String(filed.body.caseNo);
  // The case's read model holds its parties (a filing names them from it).
  await eventually(async () => (await stack.db.pool.query("SELECT 1 FROM sct_parties WHERE case_no = $1 AND party_id = 'D1'", [caseNo])).rowCount, (n) => n === 1);
  reviewRef = await submitFiling([{ type: 'letter', purpose: 'for-filing', name: 'letter.pdf' }]);
  draftRef = await submitFiling([
    { type: 'writ-of-fieri-facias', purpose: 'for-approval-of-draft', name: 'writ.pdf' },
    { type: 'praecipe', purpose: 'for-approval-of-draft', name: 'praecipe.pdf' },
  ]);
});
afterAll(async () => {
  await stack?.stop();
});

describe('the work queue', () => {
  it("when an officer looks, then a submitted filing's review and the case's registry step are there, due first", async () => {
    const items = await eventually(
      () => queue(officer),
      (list) => list.some((i) => i.reference === reviewRef) && list.some((i) => i.reference === caseNo),
    );
    const review = items.find((i) => i.id === `filing~${reviewRef}~review`);
    const service = items.find((i) => i.id === `sct~${caseNo}~record-service~D1`);
    expect(review).toMatchObject({ kind: 'filing-review', step: 'accept-document', roles: ['registry-officer'], claim: null });
    expect(service).toMatchObject({ kind: 'sct-step', court: 'small-claims-tribunal', step: 'record-service', claim: null });
    expect(review?.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(service?.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The review (two working days) comes before the service (by the hearing, weeks away).
    expect(items.indexOf(review!)).toBeLessThan(items.indexOf(service!));
    const dues = items.map((i) => i.due ?? '9999-12-31');
    expect(dues).toEqual([...dues].sort());
    // Filters.
    expect((await queue(officer, '?kind=sct-step')).every((i) => i.kind === 'sct-step')).toBe(true);
    expect((await queue(officer, '?court=district-court')).some((i) => i.reference === caseNo)).toBe(false);
    expect((await queue(officer, '?limit=1')).length).toBe(1);
    expect((await call('GET', '/api/v1/work-queue?limit=500', officer)).status).toBe(400);
  });

  it('when two officers claim the same item at once, then exactly one wins and the other is told who holds it and until when', async () => {
    const id = `filing~${reviewRef}~review`;
    const [a, b] = await Promise.all([call('POST', `/api/v1/work-queue/${id}/claim`, officer), call('POST', `/api/v1/work-queue/${id}/claim`, secondOfficer)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [won, lost] = a.status === 200 ? [a, b] : [b, a];
    const winner = a.status === 200 ? officer : secondOfficer;
    const loser = a.status === 200 ? secondOfficer : officer;
    const claim = (won.body as unknown as Item).claim!;
    expect(claim.by).toBe(winner.id);
    expect(lost.type).toContain('application/problem+json');
    expect(lost.body).toMatchObject({ status: 409, claim: { by: winner.id, byName: claim.byName, until: claim.until } });
    expect(String(lost.body.detail)).toContain(claim.byName);
    // The queue shows who holds it; the loser may neither release it nor act on it.
    expect((await queue(loser)).find((i) => i.id === id)?.claim).toEqual(claim);
    expect((await queue(winner, '?assignee=me')).map((i) => i.id)).toEqual([id]);
    expect((await call('POST', `/api/v1/work-queue/${id}/release`, loser)).status).toBe(409);
    const refused = await call('POST', `/api/v1/work-queue/${id}/act`, loser, { documentId: 'D1' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ claim: { by: winner.id } });
    // Claiming again renews the holder's own claim.
    const renewed = await call('POST', `/api/v1/work-queue/${id}/claim`, winner);
    expect(renewed.status).toBe(200);
    expect(((renewed.body as unknown as Item).claim!.until >= claim.until)).toBe(true);

    // The holder acts through /act; the step's rules apply (a bad payload is the step's 400), then the item leaves the queue.
    expect((await call('POST', `/api/v1/work-queue/${id}/act`, winner, { documentId: 'D1', extra: true })).status).toBe(400);
    expect((await call('POST', `/api/v1/work-queue/${id}/act?step=make-award`, winner, { documentId: 'D1' })).status).toBe(400);
    const acted = await call('POST', `/api/v1/work-queue/${id}/act`, winner, { documentId: 'D1' });
    expect(acted.status).toBe(200);
    expect(acted.body).toMatchObject({ step: 'accept-document', item: { id, claim: null }, view: { reference: reviewRef, stage: 'accepted' } });
    await eventually(() => queue(officer), (list) => !list.some((i) => i.id === id));
    expect((await call('POST', `/api/v1/work-queue/${id}/claim`, winner)).status).toBe(404);
    const { rows } = await stack.db.pool.query('SELECT 1 FROM work_claims WHERE item_id = $1', [id]);
    expect(rows).toEqual([]);
  });

  it('when a claim has gone stale, then it shows as unclaimed and another officer takes it over and acts', async () => {
    const id = `sct~${caseNo}~record-service~D1`;
    expect((await call('POST', `/api/v1/work-queue/${id}/claim`, officer)).status).toBe(200);
    expect((await call('POST', `/api/v1/work-queue/${id}/claim`, secondOfficer)).status).toBe(409);
    await stack.db.pool.query(`UPDATE work_claims SET claimed_at = now() - interval '2 hours', expires_at = now() - interval '1 hour' WHERE item_id = $1`, [id]);
    expect((await queue(secondOfficer, '?assignee=unclaimed')).some((i) => i.id === id)).toBe(true);
    const taken = await call('POST', `/api/v1/work-queue/${id}/claim`, secondOfficer);
    expect(taken.status).toBe(200);
    expect((taken.body as unknown as Item).claim).toMatchObject({ by: secondOfficer.id, byName: 'Officer Ho' });
    // The first officer's stale claim is gone: now they are the one refused.
    expect((await call('POST', `/api/v1/work-queue/${id}/claim`, officer)).status).toBe(409);
    const acted = await call('POST', `/api/v1/work-queue/${id}/act`, secondOfficer, { partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'post', servedOn: hkToday() });
    expect(acted.status).toBe(200);
    await eventually(() => queue(officer), (list) => !list.some((i) => i.id === id));
  });

  it('when an adjudicator looks, then registry-only items are not there, and a draft writ for approval is', async () => {
    const items = await eventually(() => queue(adjudicator), (list) => list.some((i) => i.reference === draftRef));
    expect(items.every((i) => i.roles.includes('adjudicator'))).toBe(true);
    expect(items.find((i) => i.reference === draftRef)).toMatchObject({ id: `filing~${draftRef}~draft-approval`, kind: 'draft-approval' });
    expect(items.some((i) => i.id === `sct~${caseNo}~record-service~D1` || i.kind === 'filing-review')).toBe(false);
    // An officer sees the same draft-approval item; a registry-only item is not the adjudicator's to claim.
    expect((await queue(officer)).some((i) => i.id === `filing~${draftRef}~draft-approval`)).toBe(true);
    const reviewOnly = await submitFiling([{ type: 'letter', purpose: 'for-filing', name: 'another.pdf' }]);
    await eventually(() => queue(officer), (list) => list.some((i) => i.reference === reviewOnly));
    expect((await call('POST', `/api/v1/work-queue/filing~${reviewOnly}~review/claim`, adjudicator)).status).toBe(404);
    // Others have no queue at all.
    expect((await call('GET', '/api/v1/work-queue', filer)).status).toBe(403);
  });
});

interface Section {
  count: number;
  items: { itemId: string; reference: string; due: string; heldBy: string | null }[];
}
interface Preview {
  digest: { date: string; horizonEnd: string; mine: Record<'overdue' | 'dueToday' | 'dueSoon', Section>; courts: { court: string; sections: Record<'overdue' | 'dueToday' | 'dueSoon', Section> }[] };
  language: string;
  subject: string;
  body: string;
}

describe('the daily digest', () => {
  const digestMessages = async (who: SignedIn) => {
    const page = await call('GET', '/api/v1/inbox?limit=100', who);
    return (page.body.messages as { id: string; kind: string; subject: string }[]).filter((m) => m.kind === 'daily-digest');
  };

  it("when an officer reads today's digest, then it lists what the queue has due within the horizon, each with the queue's due date, and nothing later", async () => {
    const res = await call('GET', '/api/v1/digest/today', officer);
    expect(res.status).toBe(200);
    const preview = res.body as unknown as Preview;
    const listed = preview.digest.courts.flatMap((c) => [...c.sections.overdue.items, ...c.sections.dueToday.items, ...c.sections.dueSoon.items]);
    const items = await queue(officer, '?limit=200');
    for (const line of listed) expect(items.find((i) => i.id === line.itemId)?.due).toBe(line.due);
    // Due within the horizon is listed; due later (or never) is not.
    for (const item of items) {
      const within = item.due !== null && item.due <= preview.digest.horizonEnd;
      expect([item.id, listed.some((l) => l.itemId === item.id)]).toEqual([item.id, within]);
    }
    expect(preview.body).toContain(preview.digest.date);
    expect((await call('GET', '/api/v1/digest/today?horizon=99', officer)).status).toBe(400);
    expect((await call('GET', '/api/v1/digest/today', filer)).status).toBe(403);
  });

  it("when the day's digest is sent twice, then the officer has it once, in the inbox and by email, with the same words", async () => {
    expect((await call('PUT', '/api/v1/me/notification-preferences', officer, { email: { address: 'registry@judiciary.test', enabled: true }, webhooks: { enabled: false } })).status).toBe(200);
    const date = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Hong_Kong' });
    const { sendDailyDigest } = createDailyDigestActivities({ pool: stack.db.pool, temporal: { client: stack.env.client, taskQueue: SCT_TASK_QUEUE } });
    const request = { date, calendar: await currentCalendar(stack.db.pool), horizonWorkingDays: 3 };
    const preview = (await call('GET', '/api/v1/digest/today', officer)).body as unknown as Preview;
    const sent = await sendDailyDigest(request);
    expect(sent.recipients).toBeGreaterThanOrEqual(2);
    await sendDailyDigest(request);
    const inbox = await digestMessages(officer);
    expect(inbox).toHaveLength(1);
    const message = (await call('GET', `/api/v1/inbox/${inbox[0]!.id}`, officer)).body as { subject: string; body: string };
    expect(message.subject).toMatch(new RegExp(`^Daily digest ${date}: \\d+ overdue, \\d+ due today, \\d+ due soon$`));
    // What the morning sends is what the officer's preview shows: the same items in the same words.
    expect(message.body).toBe(preview.body);
    expect(message.body).toMatch(/EF-\d{4}-\d{6}/);
    const mail = await eventually(
      async () => (await stack.mail!.messages()).filter((m) => m.to.includes('registry@judiciary.test') && m.subject === message.subject),
      (m) => m.length >= 1,
      20_000,
    );
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text.trim()).toBe(message.body.trim());
  });

  it('when the schedule is made at start-up, then a second start finds it; an officer pauses it with a note, resumes it and triggers a run, which sends no second digest', async () => {
    expect(await ensureDigestSchedule(stack.env.client, SCT_TASK_QUEUE)).toBe('created');
    expect(await ensureDigestSchedule(stack.env.client, SCT_TASK_QUEUE)).toBe('exists');
    const state = await call('GET', '/api/v1/digest/schedule', adjudicator);
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({ scheduleId: DIGEST_SCHEDULE_ID, paused: false, catchupWindow: '2 hours' });
    // 07:30 in Hong Kong is 23:30 UTC the day before.
    expect((state.body.nextRuns as string[]).every((t) => t.endsWith('T23:30:00.000Z'))).toBe(true);

    expect((await call('POST', '/api/v1/digest/schedule/pause', officer, {})).status).toBe(400);
    expect((await call('POST', '/api/v1/digest/schedule/pause', adjudicator, { note: 'not mine to pause' })).status).toBe(403);
    const paused = await call('POST', '/api/v1/digest/schedule/pause', officer, { note: 'system maintenance tonight' });
    expect(paused.body).toMatchObject({ paused: true, note: expect.stringContaining('system maintenance tonight') });
    const resumed = await call('POST', '/api/v1/digest/schedule/unpause', officer, { note: 'maintenance done' });
    expect(resumed.body).toMatchObject({ paused: false });

    const before = (await digestMessages(officer)).length;
    expect((await call('POST', '/api/v1/digest/schedule/trigger', officer)).status).toBe(200);
    const ran = await eventually(
      async () => (await call('GET', '/api/v1/digest/schedule', officer)).body.recentRuns as { workflowId: string }[],
      (runs) => runs.length > 0,
      20_000,
    );
    const outcome = (await stack.env.client.workflow.getHandle(ran[0]!.workflowId).result()) as DailyDigestOutcome;
    const date = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Hong_Kong' });
    // Sent on a day the registry is open; skipped, saying why, on a day it is closed.
    if (isOpenDay(await currentCalendar(stack.db.pool), date, 'registry')) expect(outcome).toMatchObject({ date, sent: true });
    else expect(outcome).toMatchObject({ date, sent: false, skipped: expect.stringContaining('closed') });
    // Either way nobody has a second digest for the day.
    expect((await digestMessages(officer)).length).toBe(before);
  });
});

