/**
 * The fee quote through the API (`POST /api/v1/fees/quote`), on the real
 * stack: a filer quotes Stage B of a District Court writ of execution inside
 * the iCMS concession, a legally aided party is told there is nothing to pay
 * and why, the date defaults to today in Hong Kong, a combination with no
 * recorded fee is named, and a bad body is a problem naming each field and rule.
 */
import { hkDateOf } from '../../domain/time/hong-kong-time';
import { SEEDED, startTestStack, type SignedIn, type TestStack } from '../support/stack';

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

type Json = Record<string, unknown>;

async function quote(body: unknown, headers: Record<string, string> = filer.headers) {
  const res = await fetch(`${stack.baseUrl}/api/v1/fees/quote`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as Json };
}

const STAGE_B = [
  { type: 'writ-of-possession', purpose: 'for-sealing' },
  { type: 'praecipe', purpose: 'for-filing' },
  { type: 'letter', purpose: 'for-filing' },
];

describe('POST /api/v1/fees/quote', () => {
  it('when a filer quotes Stage B of a District Court writ inside the concession, then each line has its fee, reduction, net and rule, and there is a payment step', async () => {
    const res = await quote({ courtLevel: 'district-court', documents: STAGE_B, on: '2026-03-02' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      courtLevel: 'district-court',
      on: '2026-03-02',
      legallyAided: false,
      totalCents: 50_400,
      payableCents: 50_400,
      complete: true,
      confirmed: false,
      paymentRequired: true,
      exemption: null,
    });
    const lines = res.body.lines as Json[];
    expect(lines.map((l) => [l.amountCents, l.reductionCents, l.netCents])).toEqual([
      [63_000, 12_600, 50_400],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(lines[0]).toMatchObject({ recorded: true, rule: expect.stringMatching(/Cap\. 336C/), concession: { lastDay: '2027-05-05', percentPayable: 80 } });
    expect(res.body.explanation).toMatch(/Cap\. 336C.*Cap\. 638E/);
  });

  it('when the registry quotes the same filing for a legally aided party, then nothing is payable, there is no payment step, and the exemption is named', async () => {
    const res = await quote({ courtLevel: 'district-court', documents: STAGE_B, on: '2026-03-02', legallyAided: true }, officer.headers);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ legallyAided: true, payableCents: 0, paymentRequired: false });
    expect(res.body.exemption).toMatchObject({ rule: expect.stringMatching(/Cap\. 91/), confirmed: false });
    expect(res.body.explanation).toMatch(/no payment step: the party is legally aided/);
  });

  it('when no date is given, then the quote is for today in Hong Kong', async () => {
    const before = hkDateOf(Date.now());
    const res = await quote({ courtLevel: 'high-court', documents: [{ type: 'writ-of-fieri-facias', purpose: 'for-approval-of-draft' }] });
    const after = hkDateOf(Date.now());
    expect(res.status).toBe(200);
    expect([before, after]).toContain(res.body.on);
    expect(res.body).toMatchObject({ totalCents: 0, paymentRequired: false, complete: true });
  });

  it('when a combination has no recorded fee, then its line says so by name and the quote does not promise there is nothing to pay', async () => {
    const res = await quote({ courtLevel: 'small-claims-tribunal', documents: [{ type: 'affidavit', purpose: 'for-filing' }], on: '2026-03-02' });
    expect(res.status).toBe(200);
    expect(res.body.lines).toEqual([expect.objectContaining({ recorded: false, amountCents: null, netCents: null })]);
    expect((res.body.lines as Json[])[0]?.explanation).toMatch(/^No fee recorded for an Affidavit for filing in the Small Claims Tribunal on 2026-03-02/);
    expect(res.body).toMatchObject({ complete: false, paymentRequired: true });
  });

  it('when the body breaks the rules, then 400 problem+json names each field and the rule it broke', async () => {
    const res = await quote({ courtLevel: 'supreme-court', documents: [], on: '2026-02-30', legallyAided: 'yes', extra: 1 });
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/^application\/problem\+json/);
    const errors = (res.body.errors as { field: string; rule: string }[]).map((e) => [e.field, e.rule]);
    expect(errors).toEqual(
      expect.arrayContaining([
        ['courtLevel', 'invalid_value'],
        ['documents', 'too_small'],
        ['on', 'invalid_format'],
        ['legallyAided', 'invalid_type'],
        ['extra', 'unrecognized_keys'],
      ]),
    );
    const unknown = await quote({ courtLevel: 'district-court', documents: [{ type: 'writ-of-possession', purpose: 'for-payment' }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'documents[0].purpose', rule: 'invalid_value' })]);
  });

  it('when someone outside the filers and the registry asks, then 401 without credentials and 403 for another role', async () => {
    const body = { courtLevel: 'district-court', documents: STAGE_B };
    expect((await quote(body, {})).status).toBe(401);
    const adjudicator = await stack.login(SEEDED.adjudicator.username, SEEDED.adjudicator.password);
    const refused = await quote(body, adjudicator.headers);
    expect(refused.status).toBe(403);
    expect(refused.body.requiredRoles).toEqual(['individual-user', 'org-user', 'org-principal-admin', 'org-sub-admin', 'registry-officer']);
  });

  it('when the OpenAPI document is read, then the route is there with its request and answer schemas and its roles', async () => {
    const doc = (await (await fetch(`${stack.baseUrl}/openapi.json`)).json()) as { paths: Record<string, Record<string, Json>> };
    const op = doc.paths['/api/v1/fees/quote']?.post;
    expect(op).toMatchObject({ operationId: 'quoteFees', 'x-roles': expect.arrayContaining(['org-user', 'registry-officer']) });
    expect(JSON.stringify(op?.requestBody)).toContain('FeeQuoteRequest');
    expect(JSON.stringify((op?.responses as Json)['200'])).toContain('FeeQuote');
  });
});
