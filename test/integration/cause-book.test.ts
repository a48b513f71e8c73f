/**
 * The public cause book over the normalised read model, on a real Temporal
 * dev server and PostgreSQL: claims are filed and hearings fixed through the
 * API, projected by the workflow, and searched by anyone without signing in.
 * Then the projection itself: a stale version changes no table.
 */
import { createSctProjectionActivities } from '../../activities/sct-projection';
import { addDays, createCalendar } from '../../domain/calendar';
import { isSittingDay } from '../../domain/sct/case/hearing';
import type { SmallClaim } from '../../domain/sct/claim';
import { SCT_VENUE } from '../../domain/sct/tribunal';
import { hkDateOf, hkInstant } from '../../domain/time/hong-kong-time';
import type { SmallClaimView } from '../../workflows/sct/contract';
import { aClaim } from '../support/claims';
import { eventually, startTestStack, type SignedIn, type TestStack } from '../support/stack';

interface Entry {
  caseNo: string;
  court: string;
  caseType: string;
  claimants: string[];
  defendants: string[];
  hearing: { date: string; time: string; startsAt: string; venue: typeof SCT_VENUE } | null;
  stage: string;
}
interface Page {
  entries: Entry[];
  nextCursor: string | null;
}
interface ProblemJson {
  status: number;
  errors?: { field: string; rule: string }[];
}

let stack: TestStack;
let filer: SignedIn;
let officer: SignedIn;
/** Case numbers, by what the test made of them. */
const cases: Record<'early' | 'later' | 'lee' | 'representative' | 'plain', string> = { early: '', later: '', lee: '', representative: '', plain: '' };
let earlyDate: string;
let laterDate: string;

const address = (street: string) => ({ lines: ['Flat B, 3/F', street, 'Kowloon'] });

async function file(claim: SmallClaim): Promise<string> {
  const res = await fetch(`${stack.baseUrl}/api/v1/sct/claims`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...filer.headers },
    body: JSON.stringify(claim),
  });
  const body = (await res.json()) as { caseNo: string };
  if (res.status !== 201) throw new Error(`filing failed: ${res.status} ${JSON.stringify(body)}`);
  return body.caseNo;
}

async function causeBook(query: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; body: Page & ProblemJson }> {
  const res = await fetch(`${stack.baseUrl}/api/v1/cause-book${query}`, { headers });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as Page & ProblemJson };
}

const listed = (caseNo: string, accept: (e: Entry) => boolean = () => true) =>
  eventually(() => causeBook(`?caseNo=${caseNo}`), (r) => r.body.entries?.length === 1 && accept(r.body.entries[0]!));

/** The first `n` sitting days from a week ahead. */
function sittingDaysFrom(from: string, n: number): string[] {
  const calendar = createCalendar();
  const days: string[] = [];
  for (let d = addDays(from, 7); days.length < n; d = addDays(d, 1)) if (isSittingDay(d, calendar)) days.push(d);
  return days;
}

beforeAll(async () => {
  stack = await startTestStack();
  filer = await stack.newIndividual();
  officer = await stack.officer();
  cases.early = await file(aClaim({ claimants: [{ name: 'Cheung Mei Ling', address: address('7 Nathan Road'), amountCents: 500_000, signed: true }] }));
  cases.later = await file(aClaim({ defendants: [{ name: 'Lucky Renovation Company Limited', address: address('9 Argyle Street') }] }));
  cases.lee = await file(aClaim({ claimants: [{ name: 'LEE Ka Yan', address: address('11 Shanghai Street'), amountCents: 300_000, signed: true }] }));
  cases.representative = await file(
    aClaim({
      kind: 'representative',
      representedPersons: [{ name: 'Secret Represented Person', address: address('13 Reclamation Street'), amountCents: 200_000, signed: true }],
    }),
  );
  cases.plain = await file(aClaim());
  const first = await listed(cases.early, (e) => e.hearing !== null);
  const hearing = first.body.entries[0]!.hearing!;
  [earlyDate, laterDate] = sittingDaysFrom(hkDateOf(Date.now()), 2) as [string, string];
  expect(laterDate < hearing.date).toBe(true);
  // The registrar moves two hearings earlier, so the book has three dates.
  for (const [caseNo, date] of [[cases.early, earlyDate], [cases.later, laterDate]] as const) {
    const res = await fetch(`${stack.baseUrl}/api/v1/sct/claims/${caseNo}/steps/fix-hearing`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...officer.headers },
      body: JSON.stringify({ date, reason: 'an earlier slot became free' }),
    });
    if (res.status !== 200) throw new Error(`fix-hearing: ${res.status} ${await res.text()}`);
    await listed(caseNo, (e) => e.hearing?.date === date);
  }
  for (const caseNo of Object.values(cases)) await listed(caseNo, (e) => e.hearing !== null);
});
afterAll(async () => {
  await stack?.stop();
});

describe('GET /api/v1/cause-book', () => {
  it('when searched by case number (in any case), then that case alone is listed, with its hearing at 09:30 Hong Kong time at the West Kowloon Law Courts', async () => {
    const { status, body } = await causeBook(`?caseNo=${cases.early.toLowerCase()}`);
    expect(status).toBe(200);
    expect(body.entries).toEqual([
      {
        caseNo: cases.early,
        court: 'SCT',
        caseType: 'small-claim',
        claimants: ['Cheung Mei Ling'],
        defendants: ['Wong Siu Ming'],
        hearing: {
          date: earlyDate,
          time: '09:30',
          startsAt: `${earlyDate}T09:30:00+08:00`,
          venue: {
            tribunal: { en: 'Small Claims Tribunal', 'zh-Hant': '小額錢債審裁處' },
            building: { en: 'West Kowloon Law Courts Building', 'zh-Hant': '西九龍法院大樓' },
            address: { en: '36 Tung Chau Street, Sham Shui Po, Kowloon', 'zh-Hant': '九龍深水埗通州街36號' },
          },
        },
        stage: 'Hearing fixed',
      },
    ]);
    expect(body.nextCursor).toBeNull();
    // The +08:00 form names the same instant as 09:30 in Hong Kong (01:30 UTC).
    expect(Date.parse(body.entries[0]!.hearing!.startsAt)).toBe(hkInstant(earlyDate, 9, 30));
    expect(new Date(body.entries[0]!.hearing!.startsAt).toISOString()).toBe(`${earlyDate}T01:30:00.000Z`);
  });

  it('when any entry with a hearing is read, then its time is Hong Kong local time, its start carries +08:00 and the venue is the tribunal\'s', async () => {
    const { body } = await causeBook('?limit=100');
    expect(body.entries.length).toBe(5);
    for (const entry of body.entries) {
      expect(entry.hearing).not.toBeNull();
      const hearing = entry.hearing!;
      expect(hearing.time).toBe('09:30');
      expect(hearing.startsAt).toBe(`${hearing.date}T${hearing.time}:00+08:00`);
      expect(hkDateOf(Date.parse(hearing.startsAt))).toBe(hearing.date);
      expect(hearing.venue).toEqual(SCT_VENUE);
    }
  });

  it('when searched by part of a party name in another case, then claimants and defendants both match', async () => {
    expect((await causeBook('?party=mei%20LING')).body.entries.map((e) => e.caseNo)).toEqual([cases.early]);
    expect((await causeBook('?party=renovation%20COMP')).body.entries.map((e) => e.caseNo)).toEqual([cases.later]);
    expect((await causeBook('?party=lee%20ka')).body.entries.map((e) => e.caseNo)).toEqual([cases.lee]);
    // Wong Siu Ming is the defendant of all but one.
    expect((await causeBook('?party=siu%20ming')).body.entries.map((e) => e.caseNo).sort()).toEqual(
      [cases.early, cases.lee, cases.representative, cases.plain].sort(),
    );
  });

  it('when searched by hearing dates, then only hearings in the range are listed, by date', async () => {
    expect((await causeBook(`?hearingFrom=${earlyDate}&hearingTo=${earlyDate}`)).body.entries.map((e) => e.caseNo)).toEqual([cases.early]);
    expect((await causeBook(`?hearingTo=${laterDate}`)).body.entries.map((e) => e.caseNo)).toEqual([cases.early, cases.later]);
    const after = (await causeBook(`?hearingFrom=${addDays(laterDate, 1)}`)).body.entries;
    expect(after.map((e) => e.caseNo)).toEqual([cases.lee, cases.representative, cases.plain].sort());
    expect((await causeBook(`?caseNo=${cases.early}&hearingFrom=${laterDate}`)).body.entries).toEqual([]);
  });

  it('when paged two at a time, then the pages together are the whole book in a stable order, with no duplicates or gaps', async () => {
    const whole = (await causeBook('?limit=100')).body.entries.map((e) => e.caseNo);
    expect(whole).toHaveLength(5);
    expect(whole.slice(0, 2)).toEqual([cases.early, cases.later]);
    const paged: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: Page } = await causeBook(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.entries.length).toBeLessThanOrEqual(2);
      paged.push(...res.body.entries.map((e) => e.caseNo));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    expect(paged).toEqual(whole);
    expect(new Set(paged).size).toBe(paged.length);
    // A filter and its cursor page the same way.
    const first = await causeBook('?party=wong&limit=1');
    const second = await causeBook(`?party=wong&limit=1&cursor=${first.body.nextCursor}`);
    expect([...first.body.entries, ...second.body.entries].map((e) => e.caseNo)).toEqual((await causeBook('?party=wong&limit=2')).body.entries.map((e) => e.caseNo));
  });

  it('when an entry is read, then only public fields are there: no parties\' addresses, amounts or represented persons', async () => {
    const { body } = await causeBook('?limit=100');
    for (const entry of body.entries) expect(Object.keys(entry).sort()).toEqual(['caseNo', 'caseType', 'claimants', 'court', 'defendants', 'hearing', 'stage']);
    for (const entry of body.entries) expect(Object.keys(entry.hearing ?? {}).sort()).toEqual(['date', 'startsAt', 'time', 'venue']);
    // The tribunal's own address is public (it is where the hearing is); no party's address may be anywhere else.
    const text = JSON.stringify({ ...body, entries: body.entries.map((e) => ({ ...e, hearing: e.hearing && { ...e.hearing, venue: undefined } })) });
    for (const secret of ['Nathan Road', 'Argyle Street', 'Reclamation Street', 'Flat B', 'address', 'mount', '500000', '1250000', 'Secret Represented Person', 'particulars', 'history']) {
      expect([secret, text.includes(secret)]).toEqual([secret, false]);
    }
    expect(body.entries.find((e) => e.caseNo === cases.representative)?.claimants).toEqual(['Chan Tai Man']);
  });

  it('when the public asks with no credentials, then it is answered; a signed-in caller gets the same book', async () => {
    const anonymous = await causeBook('?limit=100');
    expect(anonymous.status).toBe(200);
    const signedIn = await causeBook('?limit=100', filer.headers);
    expect(signedIn.body).toEqual(anonymous.body);
  });

  it('when the input looks like SQL injection or LIKE wildcards, then nothing is found and nothing fails', async () => {
    for (const party of ["' OR 1=1 --", "x' ; DROP TABLE sct_parties; --", '%%', '__', 'a%', '\\\\']) {
      const res = await causeBook(`?party=${encodeURIComponent(party)}`);
      expect([party, res.status, res.body.entries]).toEqual([party, 200, []]);
    }
    const caseNoInjection = await causeBook(`?caseNo=${encodeURIComponent("SCTC-2026-000001' OR '1'='1")}`);
    expect(caseNoInjection.status).toBe(400);
    expect((await stack.db.pool.query('SELECT count(*)::int AS n FROM sct_parties')).rows[0].n).toBeGreaterThan(0);
  });

  it.each([
    ['?limit=0', 'limit'],
    ['?limit=101', 'limit'],
    ['?limit=ten', 'limit'],
    ['?hearingFrom=2026-13-01', 'hearingFrom'],
    ['?hearingFrom=2026-05-02&hearingTo=2026-05-01', 'hearingTo'],
    ['?caseNo=12345', 'caseNo'],
    ['?court=HCA', 'court'],
    ['?caseType=labour', 'caseType'],
    ['?party=x', 'party'],
    ['?sort=name', 'sort'],
    ['?cursor=not!a!cursor', 'cursor'],
    [`?cursor=${Buffer.from('{"d":1}').toString('base64url')}`, 'cursor'],
    [`?cursor=${Buffer.from('not json').toString('base64url')}`, 'cursor'],
  ])('when the query is %s, then 400 names %s', async (query, field) => {
    const { status, body } = await causeBook(query);
    expect(status).toBe(400);
    expect(body.errors?.map((e) => e.field)).toEqual([field]);
  });
});

describe('the projection of a case into the read model', () => {
  const tables = ['sct_cases', 'sct_parties', 'sct_hearings', 'sct_deadlines', 'sct_alerts', 'sct_payments'] as const;
  const dump = async (caseNo: string) => {
    const out = {} as Record<(typeof tables)[number], unknown[]>;
    for (const table of tables) {
      const { rows } = await stack.db.pool.query(`SELECT * FROM ${table} WHERE case_no = $1 ORDER BY 2`, [caseNo]);
      out[table] = rows.map((r: Record<string, unknown>) => ({ ...r, updated_at: undefined }));
    }
    return out;
  };

  /** A real projected view, moved to a case of its own and given one of everything. */
  async function views(caseNo: string) {
    const { rows } = await stack.db.pool.query<{ snapshot: SmallClaimView }>('SELECT snapshot FROM sct_cases WHERE case_no = $1', [cases.plain]);
    const base: SmallClaimView = { ...rows[0]!.snapshot, caseNo };
    const newer: SmallClaimView = {
      ...base,
      version: 20,
      parties: base.parties.map((p) => (p.side === 'defendant' ? { ...p, name: 'Newer Defendant' } : p)),
      payments: [{ id: 'P1', by: 'D1', amountCents: 12_345, paidOn: base.filedOn, into: 'tribunal', recordedBy: 'ro-1' }],
      alerts: [...base.alerts, { id: 'A-new', at: new Date().toISOString(), severity: 'warning', to: 'registry', rule: null, message: 'newer', status: 'notice' }],
    };
    const older: SmallClaimView = {
      ...base,
      version: 19,
      stage: 'awaiting-listing',
      hearing: null,
      parties: base.parties.map((p) => ({ ...p, name: 'Stale Name' })),
      deadlines: [],
      alerts: [],
      payments: [{ id: 'P0', by: 'D1', amountCents: 1, paidOn: base.filedOn, into: 'claimant', recordedBy: 'ro-1' }],
    };
    return { newer, older };
  }

  it('when a stale version arrives after a newer one, then no table changes; a newer one replaces every table', async () => {
    const { projectSmallClaim } = createSctProjectionActivities({ pool: stack.db.pool });
    const caseNo = 'SCTC-2099-000001';
    const { newer, older } = await views(caseNo);
    await projectSmallClaim(newer);
    const after = await dump(caseNo);
    for (const table of tables) expect([table, after[table]!.length > 0]).toEqual([table, true]);
    expect(after.sct_parties).toEqual(expect.arrayContaining([expect.objectContaining({ party_id: 'D1', name: 'Newer Defendant' })]));
    expect(after.sct_payments).toEqual([expect.objectContaining({ payment_id: 'P1', amount_cents: '12345', paid_into: 'tribunal' })]);

    await projectSmallClaim(older); // late
    await projectSmallClaim(newer); // retried
    expect(await dump(caseNo)).toEqual(after);

    const newest: SmallClaimView = { ...older, version: 21 };
    await projectSmallClaim(newest);
    const replaced = await dump(caseNo);
    expect(replaced.sct_cases).toEqual([expect.objectContaining({ version: 21, stage: 'awaiting-listing' })]);
    expect(replaced.sct_parties.every((p) => (p as { name: string }).name === 'Stale Name')).toBe(true);
    expect(replaced.sct_hearings).toEqual([]);
    expect(replaced.sct_deadlines).toEqual([]);
    expect(replaced.sct_alerts).toEqual([]);
    expect(replaced.sct_payments).toEqual([expect.objectContaining({ payment_id: 'P0' })]);
  });

  it('when versions race, then the newest wins in every table whatever order they commit in', async () => {
    const { projectSmallClaim } = createSctProjectionActivities({ pool: stack.db.pool });
    const caseNo = 'SCTC-2099-000002';
    const { newer, older } = await views(caseNo);
    await Promise.all([projectSmallClaim(older), projectSmallClaim(newer), projectSmallClaim(older), projectSmallClaim(newer)]);
    const raced = await dump(caseNo);
    const other = 'SCTC-2099-000003';
    await projectSmallClaim({ ...newer, caseNo: other });
    const clean = await dump(other);
    const strip = (d: object) =>
      JSON.parse(JSON.stringify(d, (k, v: unknown) => (k === 'case_no' || k === 'snapshot' ? undefined : v))) as unknown;
    expect(strip(raced)).toEqual(strip(clean));
    expect(raced.sct_cases).toEqual([expect.objectContaining({ version: 20 })]);
  });

  it('when the schema is migrated, then party names have a case-insensitive index and open deadlines one by due date', async () => {
    const { rows } = await stack.db.pool.query<{ indexname: string; indexdef: string }>(
      "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('sct_parties', 'sct_deadlines', 'sct_hearings') ORDER BY indexname",
    );
    const defs = rows.map((r) => r.indexdef).join('\n');
    expect(defs).toMatch(/sct_parties_name_trgm ON public\.sct_parties USING gin \(lower\(name\) gin_trgm_ops\)/);
    expect(defs).toMatch(/sct_deadlines_open_by_due .*\(due, case_no\) WHERE \(status = 'open'::text\)/);
    expect(defs).toMatch(/sct_hearings_by_date .*\(date, case_no\)/);
  });
});
