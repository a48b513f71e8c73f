/**
 * The small-claim filing's validation, as the registry applies it to a
 * claim sent to POST /api/v1/sct/claims: the rules in front of every route
 * (depth, storable text) and the request schema (`fileClaimBody`,
 * api/sct/schemas.ts), answered 400; then the registry's assessment under
 * Cap. 338 (`assessClaim`, domain/sct/claim-validation.ts), whose refusal is
 * answered 422 (`claimRefused`, services/sct/file-claim.ts). Both through the
 * app's one error handler, so what is asserted is the problem the filer gets.
 *
 * What is expected is worked out here from the ordinance, not read from the
 * code: the limit is HK$50,000 for a claim filed from 19 October 1999 and
 * HK$75,000 from 3 December 2018 (Schedule paras 1, 2(b)); s.9 abandonment
 * is each claimant's own; s.12(2), s.12(4) signatures; s.13 contents; s.2,
 * s.21(1) the kind of claim against the parties listed.
 *
 * Bounded: 150 cases per property (60 for the whole-pipeline ones). A
 * failure prints its seed and the shrunk case; rerun it with
 * `fc.assert(..., { seed, path })`.
 */
import fc from 'fast-check';
import { fieldPath } from '../../api/problem';
import { fileClaimBody } from '../../api/sct/schemas';
import type { Claimant, Defendant, RepresentedPerson, SmallClaim, SubjectMatter } from '../../domain/sct/claim';
import { assessClaim, type ClaimAssessment } from '../../domain/sct/claim-validation';
import { REFUSAL_CODES } from '../../domain/sct/findings';
import { claimRefused } from '../../services/sct/file-claim';
import { answerOf, atTheBoundary, pathsIn, type ProblemAnswer } from '../support/api-boundary';

const RUNS = 150;

/**
 * Any character: control characters and Latin-1 most often, else any code
 * point, lone surrogates included (fast-check's own 'binary' unit costs
 * seconds to build, and leaves surrogates out).
 */
const ANY_CHARACTER = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 0xff }), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 0x10ffff }), weight: 1 },
).map((c) => String.fromCodePoint(c));
const PIPELINE_RUNS = 60;

// ---------------------------------------------------------------------------
// The law, as this test reads it
// ---------------------------------------------------------------------------

const FIRST_LIMIT_DAY = '1999-10-19';
const SECOND_LIMIT_DAY = '2018-12-03';
/** Schedule paras 1 and 2(b): "$50000" from 19 October 1999, "$75000" from 3 December 2018. */
const limitOn = (filedOn: string): number => (filedOn >= SECOND_LIMIT_DAY ? 7_500_000 : 5_000_000);

/** Schedule para 1 proviso: what the Tribunal may not hear at all. */
const EXCLUDED: Partial<Record<SubjectMatter, string>> = {
  defamation: 'excluded-defamation',
  'maintenance-agreement': 'excluded-maintenance-agreement',
  'money-lender-loan': 'excluded-money-lender',
  'minor-employment-claim': 'excluded-minor-employment-claim',
  'labour-tribunal-claim': 'excluded-labour-tribunal-claim',
  'estate-agents-authority': 'excluded-estate-agents-authority',
  'costs-only': 'excluded-costs-only',
};
const WITHIN: SubjectMatter[] = ['contract', 'quasi-contract', 'tort', 'civil-debt', 'labour-tribunal-transfer'];
/** The paragraph whose amount limits the claim: para 2(b) for a civil debt, para 1 otherwise. */
const limitSectionOf = (s: SubjectMatter) => (s === 'civil-debt' ? 'Cap. 338 Schedule para 2(b)' : 'Cap. 338 Schedule para 1');

/** A calendar date written YYYY-MM-DD. */
function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const dayAfter = (from: string, days: number): string => new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------
// Claims
// ---------------------------------------------------------------------------

const latinWord = fc.stringMatching(/^[A-Z][a-z]{2,9}$/);
const chineseWord = fc.array(fc.constantFrom(...'陳黃李張何大小明文美華欠款貨發票號碼'), { minLength: 2, maxLength: 4 }).map((c) => c.join(''));
const words = (min: number, max: number, word: fc.Arbitrary<string> = latinWord) => fc.array(word, { minLength: min, maxLength: max }).map((w) => w.join(' '));

const address = fc.record({ lines: fc.array(words(1, 4), { minLength: 1, maxLength: 6 }), district: words(1, 2) }, { requiredKeys: ['lines'] });
const defendant: fc.Arbitrary<Defendant> = fc.record({ name: words(1, 4), address });
const person = (maxCents: number, signed: fc.Arbitrary<boolean>) =>
  fc.record({ name: words(1, 4), address, amountCents: fc.integer({ min: 1, max: maxCents }), signed }, { requiredKeys: ['name', 'address', 'amountCents', 'signed'] });
/** s.13(d): English particulars of at least 20 visible characters, Chinese of at least 10. */
const particulars = (language: 'en' | 'zh') => (language === 'en' ? words(7, 40) : words(5, 20, chineseWord));

const filedOnArb = fc.integer({ min: 0, max: 11_400 }).map((n) => dayAfter(FIRST_LIMIT_DAY, n));

interface Filing {
  claim: SmallClaim;
  filedOn: string;
}

/** A claim the registry must accept: jurisdiction, kind, contents, signatures and amounts all in order. */
const acceptableFiling: fc.Arbitrary<Filing> = fc
  .record({
    filedOn: filedOnArb,
    kind: fc.constantFrom<SmallClaim['kind']>('individual', 'joint', 'representative'),
    subjectMatter: fc.constantFrom(...WITHIN),
    language: fc.constantFrom<'en' | 'zh'>('en', 'zh'),
    causeOfAction: fc.option(words(1, 5), { nil: undefined }),
  })
  .chain(({ filedOn, kind, subjectMatter, language, causeOfAction }) => {
    const limit = limitOn(filedOn);
    const claimants =
      kind === 'joint'
        ? fc.tuple(person(limit, fc.constant(true)), fc.array(person(limit, fc.boolean()), { minLength: 1, maxLength: 3 })).map(([first, rest]) => [first, ...rest])
        : fc.tuple(person(limit, fc.constant(true))).map(([only]) => [only]);
    const represented = kind === 'representative' ? fc.array(person(limit, fc.boolean()), { minLength: 1, maxLength: 4 }) : fc.constant(undefined);
    return fc
      .record({ claimants, represented, defendants: fc.array(defendant, { minLength: 1, maxLength: 3 }), particulars: particulars(language) })
      .map(({ claimants: c, represented: r, defendants, particulars: text }) => {
        const claim: SmallClaim = { kind, subjectMatter, claimants: c, defendants, particulars: text, language };
        if (r !== undefined) claim.representedPersons = r;
        if (causeOfAction !== undefined) claim.causeOfAction = causeOfAction;
        return { claim, filedOn };
      });
  });

/** Any claim the request schema takes, right or wrong under Cap. 338, filed on any day (or on text that is no date). */
const anyFiling: fc.Arbitrary<Filing> = fc
  .record({
    filedOn: fc.oneof({ arbitrary: filedOnArb, weight: 4 }, fc.constantFrom('1999-10-18', '1970-01-01', '2026-02-30', '2026-13-01', '', 'yesterday', '2026-3-2')),
    kind: fc.constantFrom<SmallClaim['kind']>('individual', 'joint', 'representative'),
    subjectMatter: fc.constantFrom(...WITHIN, ...(Object.keys(EXCLUDED) as SubjectMatter[])),
    language: fc.constantFrom<'en' | 'zh'>('en', 'zh'),
    claimants: fc.array(person(10_000_000, fc.boolean()), { minLength: 1, maxLength: 3 }),
    represented: fc.option(fc.array(person(10_000_000, fc.boolean()), { maxLength: 3 }), { nil: undefined }),
    defendants: fc.array(defendant, { minLength: 1, maxLength: 2 }),
    particulars: fc.oneof(words(1, 8), words(1, 6, chineseWord)),
    abandonExcess: fc.option(fc.boolean(), { nil: undefined }),
    personalAbandonment: fc.array(fc.option(fc.boolean(), { nil: undefined }), { minLength: 6, maxLength: 6 }),
  })
  .map((f) => {
    const abandoning = <P extends Claimant | RepresentedPerson>(p: P, i: number): P => {
      const own = f.personalAbandonment[i];
      return own === undefined ? p : { ...p, abandonExcess: own };
    };
    const claim: SmallClaim = {
      kind: f.kind,
      subjectMatter: f.subjectMatter,
      claimants: f.claimants.map(abandoning),
      defendants: f.defendants,
      particulars: f.particulars,
      language: f.language,
    };
    if (f.represented !== undefined) claim.representedPersons = f.represented.map((p, i) => abandoning(p, i + 3));
    if (f.abandonExcess !== undefined) claim.abandonExcess = f.abandonExcess;
    return { claim, filedOn: f.filedOn };
  });

/** The refusals the ordinance calls for, as `code@field`, sorted: worked out from the claim, not by the code under test. */
function expectedRefusals({ claim, filedOn }: Filing): string[] {
  const out: string[] = [];
  const add = (code: string, field: string) => out.push(`${code}@${field}`);
  const dateOk = isCalendarDate(filedOn) && filedOn >= FIRST_LIMIT_DAY;
  if (!isCalendarDate(filedOn)) add('filing-date-invalid', 'filedOn');
  else if (!dateOk) add('filing-date-before-limit-table', 'filedOn');
  const excluded = EXCLUDED[claim.subjectMatter];
  if (excluded) add(excluded, 'subjectMatter');

  const claimants = claim.claimants.length;
  const represented = claim.representedPersons ?? [];
  if (claim.kind === 'individual' && claimants > 1) add('kind-mismatch', 'claimants');
  if (claim.kind === 'joint' && claimants === 1) add('kind-mismatch', 'claimants');
  if (claim.kind === 'representative' && claimants > 1) add('kind-mismatch', 'claimants');
  if (claim.kind !== 'representative' && represented.length > 0) add('kind-mismatch', 'representedPersons');
  if (claim.kind === 'representative' && represented.length === 0) add('kind-mismatch', 'representedPersons');

  const visible = [...claim.particulars.replace(/\s/gu, '')].length;
  if (visible < (claim.language === 'en' ? 20 : 10)) add('particulars-too-short', 'particulars');

  // s.12(2): signed by or for a claimant making it; s.12(4) lets the others sign later.
  if (claim.kind === 'joint') {
    if (claim.claimants.every((c) => !c.signed)) add('not-signed', 'claimants');
  } else {
    claim.claimants.forEach((c, i) => {
      if (!c.signed) add('not-signed', `claimants[${i}].signed`);
    });
  }

  if (dateOk && !excluded) {
    const limit = limitOn(filedOn);
    if (claim.kind === 'joint' && claim.abandonExcess !== undefined) add('abandonment-not-per-claimant', 'abandonExcess');
    const claimWide = claim.kind !== 'joint' && claim.abandonExcess === true;
    const persons = [...claim.claimants.map((p, i) => ({ p, path: `claimants[${i}]` })), ...represented.map((p, i) => ({ p, path: `representedPersons[${i}]` }))];
    for (const { p, path } of persons) if (p.amountCents > limit && !(p.abandonExcess ?? claimWide)) add('amount-over-limit', `${path}.amountCents`);
  }
  return out.sort();
}

const refusalsOf = (a: ClaimAssessment) => a.refusals.map((r) => `${r.code}@${r.field}`).sort();

// ---------------------------------------------------------------------------
// Filing, as the API does it
// ---------------------------------------------------------------------------

/** What the filer gets for `body` (JSON text as sent) filed on `filedOn`: accepted with the assessment, or the problem. */
function file(body: string, filedOn: string): { accepted: true; claim: SmallClaim; assessment: ClaimAssessment } | { accepted: false; answer: ProblemAnswer } {
  const parsed = atTheBoundary(fileClaimBody, 'body', JSON.parse(body) as unknown);
  if (!parsed.accepted) return parsed;
  const assessment = assessClaim(parsed.value, filedOn);
  if (!assessment.ok) return { accepted: false, answer: answerOf(claimRefused(assessment.refusals, assessment.warnings)) };
  return { accepted: true, claim: parsed.value, assessment };
}

const wire = (value: unknown) => JSON.stringify(value);

/** The refusal the filer gets: its status, and each error as field and rule. */
function refusal(result: ReturnType<typeof file>): { status: number; errors: { field: unknown; rule: unknown }[] } {
  if (result.accepted) throw new Error(`accepted: ${JSON.stringify(result.claim)}`);
  const { answer } = result;
  expect(answer.contentType).toBe('application/problem+json');
  for (const e of answer.body.errors ?? []) {
    expect([typeof e.field, typeof e.rule, typeof e.message]).toEqual(['string', 'string', 'string']);
    expect(String(e.field)).not.toBe('');
    expect(String(e.rule)).not.toBe('');
  }
  return { status: answer.status, errors: (answer.body.errors ?? []).map((e) => ({ field: e.field, rule: e.rule })) };
}

/** Every path in the claim to a string, a number, a boolean, an object or an array (not the claim itself). */
const placesIn = (claim: SmallClaim) => pathsIn(claim).filter((p) => p.length > 0);

function setAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path[path.length - 1] as string | number] = replacement;
  return copy;
}

function valueAt(value: unknown, path: (string | number)[]): unknown {
  let at = value;
  for (const key of path) at = (at as Record<string | number, unknown>)[key];
  return at;
}

// ---------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------

describe('a claim the registry must accept', () => {
  it('when any acceptable claim is filed on any day since the first recorded limit, then it is accepted as sent, with nothing refused and every cent admitted', () => {
    fc.assert(
      fc.property(acceptableFiling, ({ claim, filedOn }) => {
        const result = file(wire(claim), filedOn);
        if (!result.accepted) throw new Error(`refused: ${JSON.stringify(result.answer.body)}`);
        expect(result.claim).toEqual(claim);
        const claimed = [...claim.claimants, ...(claim.representedPersons ?? [])].reduce((sum, p) => sum + p.amountCents, 0);
        expect(result.assessment).toMatchObject({ ok: true, refusals: [], claimedCents: claimed, admittedCents: claimed, abandonedExcessCents: 0, limitCents: limitOn(filedOn) });
      }),
      { numRuns: PIPELINE_RUNS },
    );
  });
});

describe('the monetary limit (Schedule paras 1, 2(b); s.9)', () => {
  /** One person of the claim over the limit by `over` cents, abandoning the excess or not. */
  const overTheLimit = fc.tuple(acceptableFiling, fc.nat(), fc.integer({ min: 1, max: 1_000_000_000 }), fc.boolean()).map(([filing, pick, over, abandons]) => {
    const claim = JSON.parse(JSON.stringify(filing.claim)) as SmallClaim;
    const persons = [...claim.claimants, ...(claim.representedPersons ?? [])];
    const index = pick % persons.length;
    const target = persons[index] as Claimant;
    target.amountCents = limitOn(filing.filedOn) + over;
    // Abandonment is the person's own (s.9(1)); a represented person's, the representative's for them (s.21(3)(e)).
    target.abandonExcess = abandons;
    const path = index < claim.claimants.length ? `claimants[${index}]` : `representedPersons[${index - claim.claimants.length}]`;
    return { filing: { ...filing, claim }, path, over, abandons };
  });

  it('when one person claims more than the limit in force on the filing day and does not abandon the excess, then 422 names that amount and the paragraph and s.9, and nothing else', () => {
    fc.assert(
      fc.property(
        overTheLimit.filter((c) => !c.abandons),
        ({ filing, path }) => {
          const field = `${path}.amountCents`;
          expect(refusal(file(wire(filing.claim), filing.filedOn))).toEqual({ status: 422, errors: [{ field, rule: `${limitSectionOf(filing.claim.subjectMatter)}; s.9` }] });
          expect(refusalsOf(assessClaim(filing.claim, filing.filedOn))).toEqual([`amount-over-limit@${field}`]);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('when the person abandons the excess, then the claim is accepted, the excess is abandoned and no more than the limit is admitted for them', () => {
    fc.assert(
      fc.property(
        overTheLimit.filter((c) => c.abandons),
        ({ filing, path, over }) => {
          const assessment = assessClaim(filing.claim, filing.filedOn);
          expect(assessment.ok).toBe(true);
          expect(assessment.abandonedExcessCents).toBe(over);
          expect(assessment.admittedCents).toBe(assessment.claimedCents - over);
          expect(assessment.warnings.filter((w) => w.code === 'excess-abandoned').map((w) => w.field)).toEqual([`${path}.amountCents`]);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('when the amount is exactly the limit, then it is within it; one cent more is not, on either side of the day the limit rose', () => {
    const base: SmallClaim = {
      kind: 'individual',
      subjectMatter: 'contract',
      claimants: [{ name: 'Chan Tai Man', address: { lines: ['1 Nathan Road'] }, amountCents: 0, signed: true }],
      defendants: [{ name: 'Wong Siu Ming', address: { lines: ['8 Queen Street'] } }],
      particulars: 'Unpaid price of renovation works under a written quotation.',
      language: 'en',
    };
    const at = (amountCents: number, filedOn: string) => refusalsOf(assessClaim({ ...base, claimants: [{ ...(base.claimants[0] as Claimant), amountCents }] }, filedOn));
    const over = ['amount-over-limit@claimants[0].amountCents'];
    expect([at(5_000_000, '1999-10-19'), at(5_000_001, '1999-10-19')]).toEqual([[], over]);
    expect([at(5_000_000, '2018-12-02'), at(5_000_001, '2018-12-02')]).toEqual([[], over]);
    expect([at(7_500_000, '2018-12-03'), at(7_500_001, '2018-12-03')]).toEqual([[], over]);
    expect(at(1, '1999-10-18')).toEqual(['filing-date-before-limit-table@filedOn']);
  });
});

describe('missing parties (s.13(a), s.13(b))', () => {
  const party = fc.constantFrom('claimants', 'defendants');

  it('when the claimants or defendants are left out or empty, then 400 names that field (required, or too few), and nothing else', () => {
    fc.assert(
      fc.property(acceptableFiling, party, fc.boolean(), ({ claim, filedOn }, which, empty) => {
        const sent = JSON.parse(wire(claim)) as Record<string, unknown>;
        if (empty) sent[which] = [];
        else delete sent[which];
        expect(refusal(file(wire(sent), filedOn))).toEqual({ status: 400, errors: [{ field: which, rule: empty ? 'too_small' : 'invalid_type' }] });
      }),
      { numRuns: RUNS },
    );
  });

  it('when the registry is handed a claim with nobody on a side (the request schema aside), then it refuses under s.13(a) or s.13(b), naming the side', () => {
    fc.assert(
      fc.property(acceptableFiling, party, ({ claim, filedOn }, which) => {
        const assessment = assessClaim({ ...claim, [which]: [] }, filedOn);
        const refusals = assessment.refusals.filter((r) => r.field === which);
        expect(refusals).toEqual([
          expect.objectContaining(which === 'claimants' ? { code: 'no-claimant', section: 'Cap. 338 s.13(a)' } : { code: 'no-defendant', section: 'Cap. 338 s.13(b)' }),
        ]);
        expect(assessment.ok).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the filing date', () => {
  it('when the filing day is not a calendar date, then the claim is refused naming filedOn, and no limit is reported', () => {
    const notADate = fc.oneof(
      fc.string({ unit: ANY_CHARACTER, maxLength: 12 }),
      fc.tuple(fc.integer({ min: 1999, max: 2100 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })).map(
        ([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      ),
    );
    fc.assert(
      fc.property(
        acceptableFiling,
        notADate.filter((d) => !isCalendarDate(d)),
        ({ claim }, filedOn) => {
          const assessment = assessClaim(claim, filedOn);
          expect(refusalsOf(assessment)).toEqual(['filing-date-invalid@filedOn']);
          expect([assessment.limitCents, assessment.admittedCents]).toEqual([null, 0]);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('when the filing day is before the first recorded limit, then the claim is refused explicitly rather than judged by a guessed limit', () => {
    fc.assert(
      fc.property(acceptableFiling, fc.integer({ min: 1, max: 40_000 }), ({ claim }, daysBefore) => {
        expect(refusalsOf(assessClaim(claim, dayAfter(FIRST_LIMIT_DAY, -daysBefore)))).toEqual(['filing-date-before-limit-table@filedOn']);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('text the request may not carry', () => {
  const stringPlaces = (claim: SmallClaim) => placesIn(claim).filter((p) => typeof valueAt(claim, p) === 'string');

  it('when a NUL or half a surrogate pair is put anywhere in any text of the claim, then 400 names exactly that field by the rule storable-text', () => {
    fc.assert(
      fc.property(acceptableFiling, fc.nat(), fc.nat(), fc.constantFrom('\u0000', '\ud800', '\udfff'), ({ claim, filedOn }, pick, at, bad) => {
        const places = stringPlaces(claim);
        const path = places[pick % places.length] as (string | number)[];
        const text = valueAt(claim, path) as string;
        const cut = at % (text.length + 1);
        const sent = setAt(claim, path, `${text.slice(0, cut)}${bad}${text.slice(cut)}`);
        expect(refusal(file(wire(sent), filedOn))).toEqual({ status: 400, errors: [{ field: fieldPath(path), rule: 'storable-text' }] });
      }),
      { numRuns: RUNS },
    );
  });

  /** The longest each kind of text may be (api/sct/schemas.ts). */
  const MAX_LENGTH: [RegExp, number][] = [
    [/^particulars$/, 20_000],
    [/^causeOfAction$/, 500],
    [/\.district$/, 100],
    [/\.(name|lines\[\d+\])$/, 200],
  ];

  it('when any text is longer than its field allows, then 400 names that field by the rule too_big', () => {
    fc.assert(
      fc.property(acceptableFiling, fc.nat(), fc.integer({ min: 1, max: 50 }), ({ claim, filedOn }, pick, extra) => {
        // Free text only: kind, subjectMatter and language are one of a list.
        const places = stringPlaces(claim).filter((p) => !['kind', 'subjectMatter', 'language'].includes(String(p[0])));
        const path = places[pick % places.length] as (string | number)[];
        const field = fieldPath(path);
        const max = MAX_LENGTH.find(([pattern]) => pattern.test(field))?.[1];
        if (max === undefined) throw new Error(`no length limit known for ${field}`);
        const sent = setAt(claim, path, 'x'.repeat(max + extra));
        expect(refusal(file(wire(sent), filedOn))).toEqual({ status: 400, errors: [{ field, rule: 'too_big' }] });
      }),
      { numRuns: RUNS },
    );
  });
});

describe('values of the wrong type', () => {
  /** A JSON value of another type than `value`'s. */
  const otherThan = (value: unknown): fc.Arbitrary<unknown> => {
    const kinds: Record<string, fc.Arbitrary<unknown>> = {
      string: fc.string({ maxLength: 5 }),
      number: fc.oneof(fc.integer(), fc.constant(1e308)),
      boolean: fc.boolean(),
      null: fc.constant(null),
      array: fc.array(fc.integer(), { maxLength: 2 }),
      object: fc.constant({}),
    };
    const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    return fc.oneof(...Object.entries(kinds).filter(([k]) => k !== kind).map(([, arb]) => arb));
  };

  it('when any value of the claim is replaced by one of another JSON type, then 400 names that field with the rule it broke', () => {
    fc.assert(
      fc.property(
        acceptableFiling.chain(({ claim, filedOn }) =>
          fc.nat().chain((pick) => {
            const places = placesIn(claim);
            const path = places[pick % places.length] as (string | number)[];
            return otherThan(valueAt(claim, path)).map((replacement) => ({ claim, filedOn, path, replacement }));
          }),
        ),
        ({ claim, filedOn, path, replacement }) => {
          const { status, errors } = refusal(file(wire(setAt(claim, path, replacement)), filedOn));
          expect(status).toBe(400);
          // A list of names where one was expected is refused name by name: the field or a place inside it.
          const field = fieldPath(path);
          const named = errors.filter((e) => e.field === field || String(e.field).startsWith(`${field}[`) || String(e.field).startsWith(`${field}.`));
          expect(named.length).toBeGreaterThan(0);
          for (const e of named) expect(['invalid_type', 'invalid_value', 'too_small']).toContain(e.rule);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('the assessment itself', () => {
  it('when any claim the request schema takes is assessed on any day, then it never throws, refuses exactly what the ordinance calls for, and says so the same way twice', () => {
    fc.assert(
      fc.property(anyFiling, (filing) => {
        const parsed = atTheBoundary(fileClaimBody, 'body', JSON.parse(wire(filing.claim)) as unknown);
        if (!parsed.accepted) throw new Error(`the request schema refused a claim it takes: ${JSON.stringify(parsed.answer.body)}`);
        const assessment = assessClaim(parsed.value, filing.filedOn);
        expect(assessClaim(parsed.value, filing.filedOn)).toEqual(assessment);
        expect(refusalsOf(assessment)).toEqual(expectedRefusals(filing));
        expect(assessment.ok).toBe(assessment.refusals.length === 0);
        for (const r of assessment.refusals) {
          expect(REFUSAL_CODES).toContain(r.code);
          expect(r.section).toMatch(/^Cap\. 338 /);
          expect(r.message).not.toBe('');
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('when a claim is refused, then the 422 problem has one error per refusal, naming its field, its section as the rule, and its code', () => {
    fc.assert(
      fc.property(
        anyFiling.filter((f) => expectedRefusals(f).length > 0),
        (filing) => {
          const assessment = assessClaim(filing.claim, filing.filedOn);
          const answer = answerOf(claimRefused(assessment.refusals, assessment.warnings));
          expect([answer.status, answer.contentType, answer.body.type]).toEqual([422, 'application/problem+json', 'urn:courtflow:problem:claim-refused']);
          expect(answer.body.errors).toEqual(assessment.refusals.map((r) => ({ field: r.field, rule: r.section, code: r.code, message: r.message })));
          expect(answer.body.warnings).toEqual(assessment.warnings);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
