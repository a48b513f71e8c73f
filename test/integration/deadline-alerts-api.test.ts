/**
 * Deadline alerts end to end: a case driven through the API on the
 * time-skipping server with the real activities, PostgreSQL, a mail sink and
 * a webhook receiver. An oral award nobody reduces to writing alerts the
 * adjudicator (who reads in Traditional Chinese) 3 working days before, on
 * the last day and when it is missed, each once, by inbox, email and signed
 * webhook, with the same words everywhere; the registry is told too; and a
 * party is told of the windows that are theirs.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '../../db/notifications/webhook-signature';
import { hkDateOf } from '../../domain/time/hong-kong-time';
import { aClaim } from '../support/claims';
import { SEEDED, eventually, startTestStack, type SignedIn, type TestStack } from '../support/stack';

let stack: TestStack;
let officer: SignedIn;
let adjudicator: SignedIn;
let receiver: Server;
const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];

beforeAll(async () => {
  stack = await startTestStack({ timeSkipping: true, mail: true });
  officer = await stack.officer();
  adjudicator = await stack.login(SEEDED.adjudicator.username, SEEDED.adjudicator.password);
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  await stack?.stop();
});

async function call<T = Record<string, unknown>>(method: string, url: string, who: SignedIn, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${stack.baseUrl}${url}`, {
    method,
    headers: { ...who.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
}

interface Message {
  id: string;
  kind: string;
  language: string;
  subject: string;
  body: string;
  facts: { alertId: string; caseNo: string; rule: string; lead: { kind: string }; addressee: string };
}

/** Every deadline alert in the account's inbox about `caseNo`, oldest first, with body and facts. */
async function alertsOf(who: SignedIn, caseNo: string): Promise<Message[]> {
  const page = await call<{ messages: { id: string; kind: string }[] }>('GET', '/api/v1/inbox?limit=100', who);
  const full = await Promise.all(page.body.messages.filter((m) => m.kind === 'deadline-alert').map(async (m) => (await call<Message>('GET', `/api/v1/inbox/${m.id}`, who)).body));
  return full.filter((m) => m.facts.caseNo === caseNo).reverse();
}

const today = async () => hkDateOf(await stack.env.currentTimeMs());

interface CaseView {
  stage: string;
  hearing: { startsAt: string } | null;
  deadlines: { key: string; status: string; computation: { due: string } }[];
  deadlineAlerts?: { key: string; deadlineKey: string; plannedAt: string; deliveredAt: string | null }[];
}
const getCase = async (caseNo: string) => (await call<CaseView>('GET', `/api/v1/sct/claims/${caseNo}`, officer)).body;

describe('deadline alerts through every channel', () => {
  it('when an oral award is not reduced to writing, then the adjudicator is alerted before, on the day and once when it is missed, by inbox, email and webhook, in their language', async () => {
    // The adjudicator reads Chinese, takes email and a webhook.
    expect((await call('PUT', '/api/v1/me/language', adjudicator, { language: 'zh-Hant' })).status).toBe(200);
    expect((await call('PUT', '/api/v1/me/notification-preferences', adjudicator, { email: { address: 'adjudicator@judiciary.test', enabled: true }, webhooks: { enabled: true } })).status).toBe(200);
    const { port } = receiver.address() as AddressInfo;
    const hook = await call<{ secret: string }>('POST', '/api/v1/me/webhooks', adjudicator, { url: `http://127.0.0.1:${port}/courtflow`, events: ['deadline.alert'] });
    expect(hook.status).toBe(201);

    // A claim, served, heard, and an oral award made: the written award is due within 14 days (s.18(3)).
    const claimant = await stack.newIndividual('Chan Tai Man');
    const filed = await call<{ caseNo: string }>('POST', '/api/v1/sct/claims', claimant, aClaim());
    expect(filed.status).toBe(201);
    const { caseNo } = filed.body;
    const defendant = await stack.newIndividual('Wong Siu Ming');
    expect((await call('POST', `/api/v1/cases/${caseNo}/parties/D1/links`, officer, { accountId: defendant.id })).status).toBe(201);
    await eventually(() => getCase(caseNo), (v) => v.stage === 'awaiting-hearing');
    await call('POST', `/api/v1/sct/claims/${caseNo}/steps/record-service`, officer, { partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'personal-delivery', servedOn: await today() });
    const fixed = await getCase(caseNo);
    await stack.env.sleep(Date.parse(fixed.hearing!.startsAt) + 60_000 - (await stack.env.currentTimeMs()));
    await eventually(() => getCase(caseNo), (v) => v.stage === 'awaiting-outcome', 30_000);
    const award = { kind: 'award', oral: true, summary: 'Defendant to pay the price of the works.', amountCents: 1_250_000, costsCents: 0, preAwardInterestCents: 0, postAwardInterestRatePercent: 0, payBy: null, against: ['D1'], inFavourOf: ['C1'], absentParties: [] };
    const awarded = await call<CaseView>('POST', `/api/v1/sct/claims/${caseNo}/steps/make-award`, adjudicator, award);
    expect(awarded.status).toBe(200);
    const due = awarded.body.deadlines.find((d) => d.key === 'written-award')!.computation.due;

    // Past the end of the last day: the three alerts of the written award are raised and delivered.
    await stack.env.sleep(Date.parse(`${due}T23:59:00+08:00`) + 120_000 - (await stack.env.currentTimeMs()));
    const raised = await eventually(
      () => getCase(caseNo),
      (v) => (v.deadlineAlerts ?? []).filter((a) => a.deadlineKey === 'written-award' && a.deliveredAt !== null).length === 3,
      30_000,
    );
    const keys = raised.deadlineAlerts!.filter((a) => a.deadlineKey === 'written-award').map((a) => a.key);
    expect(keys).toEqual([`written-award@${due}#before-3`, `written-award@${due}#due-day`, `written-award@${due}#missed`]);

    // Inbox: each once, in Chinese, addressed to the adjudicator.
    const inbox = (await alertsOf(adjudicator, caseNo)).filter((m) => m.facts.rule === 'sct.written-award');
    expect(inbox.map((m) => [m.facts.lead.kind, m.language, m.facts.addressee])).toEqual([
      ['before', 'zh-Hant', 'adjudicator'],
      ['due-day', 'zh-Hant', 'adjudicator'],
      ['missed', 'zh-Hant', 'adjudicator'],
    ]);
    const missed = inbox[2]!;
    expect(missed.subject).toContain('【已逾期】');
    expect(missed.body).toContain(`最後一日為 ${due}`);

    // Email: one per alert, the very words the inbox stored.
    const mails = await eventually(
      async () => (await stack.mail!.messages()).filter((m) => m.to.includes('adjudicator@judiciary.test') && m.subject.includes(caseNo) && m.subject.includes('以書面作出裁斷')),
      (m) => m.length === 3,
      30_000,
    );
    expect(mails.map((m) => m.subject).sort()).toEqual(inbox.map((m) => m.subject).sort());
    const missedMail = mails.find((m) => m.subject === missed.subject)!;
    expect(missedMail.text.trim()).toBe(missed.body.trim());
    expect(missedMail.contentLanguage).toBe('zh-Hant');

    // Webhook: one signed call per alert; the signature verifies with the subscriber's secret.
    const calls = await eventually(
      () => Promise.resolve(received.filter((r) => r.body.includes(caseNo) && r.body.includes('sct.written-award'))),
      (r) => r.length === 3,
      30_000,
    );
    for (const c of calls) {
      const verdict = verifyWebhookSignature(hook.body.secret, c.headers['courtflow-signature'] as string, c.body, Math.floor(Date.now() / 1000));
      expect(verdict).toMatchObject({ ok: true });
    }
    const missedCall = JSON.parse(calls.find((c) => c.body.includes('"missed"'))!.body) as { type: string; subject: string; data: { lead: { kind: string } } };
    expect(missedCall).toMatchObject({ type: 'deadline.alert', subject: missed.subject, data: { lead: { kind: 'missed' } } });

    // The registry is told of the tribunal's duty too, in English (the officer's language).
    const registry = (await alertsOf(officer, caseNo)).filter((m) => m.facts.rule === 'sct.written-award');
    expect(registry.map((m) => [m.facts.lead.kind, m.language, m.facts.addressee])).toEqual([
      ['before', 'en', 'registry'],
      ['due-day', 'en', 'registry'],
      ['missed', 'en', 'registry'],
    ]);
    expect(registry[2]!.subject).toBe(`[Missed] ${caseNo}: the written award, last day ${due}`);

    // A party is told of the windows that are theirs (review within 7 days, s.27A(2)); the claimant's too.
    const forDefendant = (await alertsOf(defendant, caseNo)).map((m) => m.facts.rule);
    expect(forDefendant).toContain('sct.review-application');
    expect(forDefendant).not.toContain('sct.written-award');
    expect((await alertsOf(claimant, caseNo)).map((m) => m.facts.rule)).toContain('sct.review-application');
  });
});
