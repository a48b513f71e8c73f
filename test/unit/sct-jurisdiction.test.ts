import type { Claimant, RepresentedPerson, SmallClaim } from '../../domain/sct/claim';
import { assessClaim } from '../../domain/sct/claim-validation';
import {
  assessCounterclaim,
  checkSplitting,
  checkSplittingAtFiling,
  ruleOnSubjectMatter,
  type OtherClaim,
} from '../../domain/sct/jurisdiction';
import {
  formatHkd,
  MONETARY_LIMITS,
  monetaryLimitOn,
  type MonetaryLimitEntry,
} from '../../domain/sct/monetary-limit';

const LIMIT_2018 = 7_500_000; // HK$75,000 in cents
const LIMIT_1999 = 5_000_000; // HK$50,000 in cents
const FILED = '2026-03-02';

const address = { lines: ['Flat A, 10/F', '1 Queen\'s Road Central'], district: 'Central' };

function claimant(name: string, amountCents: number, signed = true): Claimant {
  return { name, address, amountCents, signed };
}

function represented(name: string, amountCents: number, signed = true): RepresentedPerson {
  return { name, address, amountCents, signed };
}

function individual(amountCents: number, overrides: Partial<SmallClaim> = {}): SmallClaim {
  return {
    kind: 'individual',
    subjectMatter: 'contract',
    claimants: [claimant('Chan Tai Man', amountCents)],
    defendants: [{ name: 'Acme Renovation Ltd', address }],
    particulars: 'Deposit of HK$10,000 paid on 1 May for kitchen works never started; refund refused.',
    language: 'en',
    ...overrides,
  };
}

function joint(amounts: number[], overrides: Partial<SmallClaim> = {}): SmallClaim {
  return individual(0, {
    kind: 'joint',
    claimants: amounts.map((a, i) => claimant(`Joint Claimant ${i + 1}`, a)),
    ...overrides,
  });
}

function representative(own: number, others: number[], overrides: Partial<SmallClaim> = {}): SmallClaim {
  return individual(0, {
    kind: 'representative',
    claimants: [claimant('Lee Siu Ming', own)],
    representedPersons: others.map((a, i) => represented(`Owner ${i + 1}`, a)),
    ...overrides,
  });
}

describe('monetary limit as dated data (Cap. 338 Schedule paras 1, 2(b))', () => {
  it('when the table is read, then it is in date order with whole-cent limits and a source for each entry', () => {
    const dates = MONETARY_LIMITS.map((e) => e.effectiveFrom);
    expect([...dates].sort()).toEqual(dates);
    for (const e of MONETARY_LIMITS) {
      expect(Number.isSafeInteger(e.limitCents)).toBe(true);
      expect(e.source).toMatch(/Cap\. 338 Schedule/);
    }
    expect(MONETARY_LIMITS.map((e) => [e.effectiveFrom, e.limitCents])).toEqual([
      ['1999-10-19', LIMIT_1999],
      ['2018-12-03', LIMIT_2018],
    ]);
  });

  it('when a claim is filed on 2018-12-02, then the HK$50,000 limit of the 1999 amendment applies', () => {
    const lookup = monetaryLimitOn('2018-12-02');
    expect(lookup).toEqual({ ok: true, limitCents: LIMIT_1999, entry: MONETARY_LIMITS[0] });
  });

  it('when a claim is filed on 2018-12-03, then the HK$75,000 limit applies', () => {
    const lookup = monetaryLimitOn('2018-12-03');
    expect(lookup).toEqual({ ok: true, limitCents: LIMIT_2018, entry: MONETARY_LIMITS[1] });
  });

  it('when a claim is filed long after 2018, then the latest limit still applies', () => {
    expect(monetaryLimitOn(FILED)).toMatchObject({ ok: true, limitCents: LIMIT_2018 });
  });

  it('when a claim is filed on the first recorded date, then that entry applies', () => {
    expect(monetaryLimitOn('1999-10-19')).toMatchObject({ ok: true, limitCents: LIMIT_1999 });
  });

  it('when a claim is filed before the first recorded entry, then the lookup is an explicit error', () => {
    const lookup = monetaryLimitOn('1999-10-18');
    expect(lookup).toMatchObject({ ok: false, code: 'filing-date-before-limit-table' });
    if (!lookup.ok) expect(lookup.message).toContain('1999-10-19');
  });

  it.each(['2018-13-01', '2018-02-30', '3/12/2018', ''])(
    'when the filing date is %j, then the lookup reports an invalid date',
    (date) => {
      expect(monetaryLimitOn(date)).toMatchObject({ ok: false, code: 'filing-date-invalid' });
    },
  );

  it('when the table is empty, then every date is an error', () => {
    const none: MonetaryLimitEntry[] = [];
    expect(monetaryLimitOn(FILED, none)).toMatchObject({ ok: false, code: 'filing-date-before-limit-table' });
  });

  it('when cents are formatted, then they read as Hong Kong dollars', () => {
    expect(formatHkd(LIMIT_2018)).toBe('HK$75,000.00');
    expect(formatHkd(1)).toBe('HK$0.01');
    expect(formatHkd(123_456_789)).toBe('HK$1,234,567.89');
  });
});

describe('subject matter (Cap. 338 Schedule para 1 proviso, para 1A, para 2)', () => {
  it.each([
    ['defamation', 'excluded-defamation', 'Cap. 338 Schedule para 1(a)(i)'],
    ['maintenance-agreement', 'excluded-maintenance-agreement', 'Cap. 338 Schedule para 1(b)'],
    ['money-lender-loan', 'excluded-money-lender', 'Cap. 338 Schedule para 1(c)'],
    ['minor-employment-claim', 'excluded-minor-employment-claim', 'Cap. 338 Schedule para 1(ca)'],
    ['labour-tribunal-claim', 'excluded-labour-tribunal-claim', 'Cap. 338 Schedule para 1(d)'],
    ['estate-agents-authority', 'excluded-estate-agents-authority', 'Cap. 338 Schedule para 1(e)'],
    ['costs-only', 'excluded-costs-only', 'Cap. 338 Schedule para 1(f)'],
  ] as const)('when the subject matter is %s, then the claim is refused as %s under %s', (subjectMatter, code, section) => {
    const result = assessClaim(individual(100_000, { subjectMatter }), FILED);
    expect(result.ok).toBe(false);
    expect(result.refusals).toEqual([
      { code, section, field: 'subjectMatter', message: expect.stringContaining(section) },
    ]);
    expect(result.admittedCents).toBe(0);
  });

  it('when an excluded claim is also over the limit, then only the exclusion is reported', () => {
    const result = assessClaim(individual(LIMIT_2018 + 1, { subjectMatter: 'defamation' }), FILED);
    expect(result.refusals.map((r) => r.code)).toEqual(['excluded-defamation']);
  });

  it.each(['contract', 'quasi-contract', 'tort'] as const)(
    'when the subject matter is %s, then it is within Schedule para 1',
    (subjectMatter) => {
      expect(ruleOnSubjectMatter(subjectMatter)).toEqual({
        within: true,
        basis: 'Cap. 338 Schedule para 1',
        limitSection: 'Cap. 338 Schedule para 1',
      });
      expect(assessClaim(individual(100_000, { subjectMatter }), FILED)).toMatchObject({ ok: true, warnings: [] });
    },
  );

  it('when the claim was transferred from the Labour Tribunal, then it is within jurisdiction under para 1A', () => {
    expect(ruleOnSubjectMatter('labour-tribunal-transfer')).toMatchObject({
      within: true,
      basis: 'Cap. 338 Schedule para 1A',
    });
    expect(assessClaim(individual(100_000, { subjectMatter: 'labour-tribunal-transfer' }), FILED).ok).toBe(true);
  });

  it('when a Labour Tribunal transfer exceeds the limit, then it is refused under para 1 because para 1A lifts only proviso (d)', () => {
    const result = assessClaim(individual(LIMIT_2018 + 1, { subjectMatter: 'labour-tribunal-transfer' }), FILED);
    expect(result.refusals).toEqual([expect.objectContaining({ code: 'amount-over-limit', section: 'Cap. 338 Schedule para 1; s.9' })]);
  });

  it('when the claim is a civil debt within the limit, then it is accepted with a warning to confirm para 2(a)', () => {
    const result = assessClaim(individual(LIMIT_2018, { subjectMatter: 'civil-debt' }), FILED);
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      {
        code: 'civil-debt-forum-unconfirmed',
        section: 'Cap. 338 Schedule para 2(a)',
        field: 'subjectMatter',
        message: expect.stringContaining('Schedule para 2(a)'),
      },
    ]);
  });

  it('when a civil debt exceeds the limit, then it is refused under para 2(b)', () => {
    const result = assessClaim(individual(LIMIT_2018 + 1, { subjectMatter: 'civil-debt' }), FILED);
    expect(result.refusals).toEqual([
      expect.objectContaining({ code: 'amount-over-limit', section: 'Cap. 338 Schedule para 2(b); s.9' }),
    ]);
  });
});

describe('an individual claim against the limit', () => {
  it('when the amount is exactly the limit, then the claim is accepted in full', () => {
    const result = assessClaim(individual(LIMIT_2018), FILED);
    expect(result).toMatchObject({
      ok: true,
      refusals: [],
      warnings: [],
      claimedCents: LIMIT_2018,
      admittedCents: LIMIT_2018,
      abandonedExcessCents: 0,
      limitCents: LIMIT_2018,
      limitEntry: MONETARY_LIMITS[1],
    });
  });

  it('when the amount is one cent over the limit, then it is refused under the Schedule with s.9 noted', () => {
    const result = assessClaim(individual(LIMIT_2018 + 1), FILED);
    expect(result.ok).toBe(false);
    expect(result.refusals).toEqual([
      {
        code: 'amount-over-limit',
        section: 'Cap. 338 Schedule para 1; s.9',
        field: 'claimants[0].amountCents',
        message: expect.stringMatching(/HK\$75,000\.01.*HK\$75,000\.00.*Schedule para 1.*HK\$0\.01.*s\.9\./),
      },
    ]);
    expect(result).toMatchObject({ claimedCents: LIMIT_2018 + 1, admittedCents: 0, abandonedExcessCents: 0 });
  });

  it('when HK$50,000.01 is claimed on 2018-12-02, then it is over the limit then in force', () => {
    const result = assessClaim(individual(LIMIT_1999 + 1), '2018-12-02');
    expect(result.refusals.map((r) => r.code)).toEqual(['amount-over-limit']);
    expect(result.limitCents).toBe(LIMIT_1999);
  });

  it('when HK$50,000.00 is claimed on 2018-12-02, then it is exactly the old limit and accepted', () => {
    expect(assessClaim(individual(LIMIT_1999), '2018-12-02')).toMatchObject({ ok: true, admittedCents: LIMIT_1999 });
  });

  it('when HK$50,000.01 is claimed on 2018-12-03, then the new limit admits it', () => {
    expect(assessClaim(individual(LIMIT_1999 + 1), '2018-12-03')).toMatchObject({
      ok: true,
      limitCents: LIMIT_2018,
      admittedCents: LIMIT_1999 + 1,
    });
  });

  it('when the claimant abandons the excess, then the limit is admitted, the excess reported and the s.9 consequence warned', () => {
    const result = assessClaim(individual(LIMIT_2018 + 250_000, { abandonExcess: true }), FILED);
    expect(result).toMatchObject({
      ok: true,
      refusals: [],
      claimedCents: LIMIT_2018 + 250_000,
      admittedCents: LIMIT_2018,
      abandonedExcessCents: 250_000,
    });
    expect(result.warnings).toEqual([
      {
        code: 'excess-abandoned',
        section: 'Cap. 338 s.9',
        field: 'claimants[0].amountCents',
        message: expect.stringMatching(/abandons HK\$2,500\.00.*s\.9\(1\).*full satisfaction of the whole amount claimed.*s\.9\(2\)/),
      },
    ]);
  });

  it('when abandonment is elected but the amount is within the limit, then nothing is abandoned and nothing warned', () => {
    expect(assessClaim(individual(LIMIT_2018, { abandonExcess: true }), FILED)).toMatchObject({
      ok: true,
      warnings: [],
      admittedCents: LIMIT_2018,
      abandonedExcessCents: 0,
    });
  });

  it('when the excess is abandoned on 2018-12-02, then the old limit is what is admitted', () => {
    expect(assessClaim(individual(LIMIT_2018, { abandonExcess: true }), '2018-12-02')).toMatchObject({
      ok: true,
      admittedCents: LIMIT_1999,
      abandonedExcessCents: LIMIT_2018 - LIMIT_1999,
    });
  });
});

describe('a joint claim against the limit: each claimant\'s amount is compared', () => {
  it('when each claimant is within the limit but the total exceeds it, then the claim is accepted with an s.8 warning', () => {
    const result = assessClaim(joint([LIMIT_2018, LIMIT_2018]), FILED);
    expect(result).toMatchObject({ ok: true, claimedCents: 2 * LIMIT_2018, admittedCents: 2 * LIMIT_2018 });
    expect(result.warnings).toEqual([
      {
        code: 'combined-amount-over-limit',
        section: 'Cap. 338 s.8',
        field: 'claimants',
        message: expect.stringContaining('s.8'),
      },
    ]);
  });

  it('when the joint total is within the limit, then there is no s.8 warning', () => {
    expect(assessClaim(joint([LIMIT_2018 - 1, 1]), FILED)).toMatchObject({ ok: true, warnings: [] });
  });

  it('when the second claimant is one cent over the limit, then that claimant\'s amount is refused', () => {
    const result = assessClaim(joint([100_000, LIMIT_2018 + 1]), FILED);
    expect(result.refusals).toEqual([
      expect.objectContaining({
        code: 'amount-over-limit',
        field: 'claimants[1].amountCents',
        message: expect.stringContaining('Claimant 2 (Joint Claimant 2)'),
      }),
    ]);
  });

  it('when a joint claimant abandons their own excess, then only that claimant is capped (s.9(1))', () => {
    const claim = joint([100_000, LIMIT_2018 + 500]);
    const result = assessClaim({ ...claim, claimants: claim.claimants.map((c, i) => (i === 1 ? { ...c, abandonExcess: true } : c)) }, FILED);
    expect(result).toMatchObject({
      ok: true,
      claimedCents: 100_000 + LIMIT_2018 + 500,
      admittedCents: 100_000 + LIMIT_2018,
      abandonedExcessCents: 500,
    });
    expect(result.warnings.map((w) => [w.code, w.field])).toEqual([
      ['excess-abandoned', 'claimants[1].amountCents'],
      ['combined-amount-over-limit', 'claimants'],
    ]);
  });

  it('when a joint claim abandons the excess for everyone, then it is refused: abandonment is each claimant\'s own (s.9(1))', () => {
    const result = assessClaim(joint([100_000, LIMIT_2018 + 500], { abandonExcess: true }), FILED);
    expect(result.ok).toBe(false);
    expect(result.refusals.map((r) => [r.code, r.field, r.section])).toEqual([
      ['abandonment-not-per-claimant', 'abandonExcess', 'Cap. 338 s.9(1)'],
      ['amount-over-limit', 'claimants[1].amountCents', expect.stringContaining('s.9')],
    ]);
  });

  it('when one joint claimant abandons and another over the limit does not, then only the other is refused', () => {
    const claim = joint([LIMIT_2018 + 1, LIMIT_2018 + 500]);
    const result = assessClaim({ ...claim, claimants: claim.claimants.map((c, i) => (i === 0 ? { ...c, abandonExcess: true } : c)) }, FILED);
    expect(result.refusals.map((r) => r.field)).toEqual(['claimants[1].amountCents']);
  });
});

describe('a representative claim against the limit: each represented person\'s amount is compared', () => {
  it('when every person is within the limit but the total exceeds it, then it is accepted with an s.8 warning', () => {
    const result = assessClaim(representative(LIMIT_2018, [LIMIT_2018, 1]), FILED);
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        code: 'combined-amount-over-limit',
        section: 'Cap. 338 s.8; s.21(1)',
        field: 'representedPersons',
      }),
    ]);
  });

  it('when a represented person is over the limit, then that amount is refused and the representative\'s power to abandon noted', () => {
    const result = assessClaim(representative(100_000, [100_000, LIMIT_2018 + 1]), FILED);
    expect(result.refusals).toEqual([
      {
        code: 'amount-over-limit',
        section: 'Cap. 338 Schedule para 1; s.9',
        field: 'representedPersons[1].amountCents',
        message: expect.stringMatching(/^Represented person 2 \(Owner 2\).*s\.21\(3\)\(e\)\.$/),
      },
    ]);
  });

  it('when the representative claim abandons the excess, then the represented person is capped with s.9 and s.21(3)(e) cited', () => {
    const result = assessClaim(representative(100_000, [LIMIT_2018 + 300]), FILED);
    expect(result.ok).toBe(false);
    const abandoned = assessClaim(representative(100_000, [LIMIT_2018 + 300], { abandonExcess: true }), FILED);
    expect(abandoned).toMatchObject({ ok: true, admittedCents: 100_000 + LIMIT_2018, abandonedExcessCents: 300 });
    expect(abandoned.warnings[0]).toEqual(
      expect.objectContaining({
        code: 'excess-abandoned',
        section: 'Cap. 338 s.9; s.21(3)(e)',
        field: 'representedPersons[0].amountCents',
      }),
    );
  });

  it('when the representative\'s own amount is over the limit, then it is refused like any claimant\'s', () => {
    const result = assessClaim(representative(LIMIT_2018 + 1, [100]), FILED);
    expect(result.refusals.map((r) => r.field)).toEqual(['claimants[0].amountCents']);
  });

  it('when an accepted claim is summed up, then claimed equals admitted plus abandoned', () => {
    const result = assessClaim(representative(LIMIT_2018 + 7, [LIMIT_2018 + 11, 5], { abandonExcess: true }), FILED);
    expect(result.ok).toBe(true);
    expect(result.claimedCents).toBe(result.admittedCents + result.abandonedExcessCents);
    expect(result.abandonedExcessCents).toBe(18);
  });
});

describe('splitting a cause of action (Cap. 338 s.8)', () => {
  const other = (caseNumber: string, claim: SmallClaim): OtherClaim => ({ caseNumber, claim });

  it('when the same claimant has an open claim against the same defendant and together they exceed the limit, then it warns', () => {
    const warnings = checkSplitting(individual(LIMIT_2018), [other('SCTC-2026-000123', individual(1))], FILED);
    expect(warnings).toEqual([
      {
        code: 'possible-splitting',
        section: 'Cap. 338 s.8',
        field: 'claimants[0].amountCents',
        message: expect.stringMatching(/SCTC-2026-000123.*HK\$75,000\.01.*HK\$75,000\.00.*s\.8/),
      },
    ]);
  });

  it('when the combined amount is exactly the limit, then it does not warn', () => {
    expect(checkSplitting(individual(LIMIT_2018 - 1), [other('SCTC-2026-000123', individual(1))], FILED)).toEqual([]);
  });

  it('when there are no other open claims, then it does not warn even if the new claim alone is over the limit', () => {
    expect(checkSplitting(individual(LIMIT_2018 + 1), [], FILED)).toEqual([]);
  });

  it('when the other claim is against a different defendant, then it does not warn', () => {
    const elsewhere = individual(LIMIT_2018, { defendants: [{ name: 'Another Co Ltd', address }] });
    expect(checkSplitting(individual(LIMIT_2018), [other('SCTC-2026-000124', elsewhere)], FILED)).toEqual([]);
  });

  it('when the other claim is by a different claimant, then it does not warn', () => {
    const stranger = individual(LIMIT_2018, { claimants: [claimant('Wong Ka Yan', LIMIT_2018)] });
    expect(checkSplitting(individual(LIMIT_2018), [other('SCTC-2026-000125', stranger)], FILED)).toEqual([]);
  });

  describe('at filing, with the cause of action named', () => {
    const invoice = { causeOfAction: 'Invoice INV-2026-0412' };

    it('when both claims name the same cause of action and together exceed the limit, then the new claim is refused naming s.8', () => {
      const { refusals, warnings } = checkSplittingAtFiling(individual(LIMIT_2018, invoice), [other('SCTC-2026-000123', individual(1, { causeOfAction: ' invoice  INV-2026-0412 ' }))], FILED);
      expect(warnings).toEqual([]);
      expect(refusals).toEqual([
        {
          code: 'split-cause-of-action',
          section: 'Cap. 338 s.8',
          field: 'causeOfAction',
          message: expect.stringMatching(/SCTC-2026-000123.*HK\$75,000\.01.*Cap\. 338 s\.8/),
        },
      ]);
    });

    it('when the causes of action differ, then it is not refused, and the registry still warns of the pattern', () => {
      const result = checkSplittingAtFiling(individual(LIMIT_2018, invoice), [other('SCTC-2026-000123', individual(1, { causeOfAction: 'Invoice INV-2026-0999' }))], FILED);
      expect(result.refusals).toEqual([]);
      expect(result.warnings.map((w) => w.code)).toEqual(['possible-splitting']);
    });

    it('when together they are within the limit, or the defendant differs, then nothing is refused', () => {
      expect(checkSplittingAtFiling(individual(LIMIT_2018 - 1, invoice), [other('SCTC-2026-000123', individual(1, invoice))], FILED).refusals).toEqual([]);
      const elsewhere = individual(LIMIT_2018, { ...invoice, defendants: [{ name: 'Another Co Ltd', address }] });
      expect(checkSplittingAtFiling(individual(LIMIT_2018, invoice), [other('SCTC-2026-000124', elsewhere)], FILED).refusals).toEqual([]);
    });

    it('when the new claim names no cause of action, then it only warns', () => {
      const result = checkSplittingAtFiling(individual(LIMIT_2018), [other('SCTC-2026-000123', individual(1, invoice))], FILED);
      expect(result.refusals).toEqual([]);
      expect(result.warnings).toHaveLength(1);
    });
  });

  it('when names differ only in case and spacing, then they are matched', () => {
    const earlier = individual(40_000_00, {
      claimants: [claimant('  chan  TAI man ', 40_000_00)],
      defendants: [{ name: 'ACME RENOVATION LTD', address }],
    });
    expect(checkSplitting(individual(40_000_00), [other('SCTC-2025-000999', earlier)], FILED)).toHaveLength(1);
  });

  it('when several open claims together exceed the limit, then one warning lists them all', () => {
    const warnings = checkSplitting(
      individual(30_000_00),
      [other('SCTC-2026-000001', individual(30_000_00)), other('SCTC-2026-000002', individual(20_000_00))],
      FILED,
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(/SCTC-2026-000001, SCTC-2026-000002.*HK\$80,000\.00/);
  });

  it('when a represented person also claims in another open claim, then the warning points at that person', () => {
    const warnings = checkSplitting(
      representative(100, [LIMIT_2018]),
      [other('SCTC-2026-000010', individual(5, { claimants: [claimant('Owner 1', 5)] }))],
      FILED,
    );
    expect(warnings.map((w) => w.field)).toEqual(['representedPersons[0].amountCents']);
  });

  it('when the filing date has no limit, then it cannot judge and does not warn', () => {
    expect(checkSplitting(individual(LIMIT_2018), [other('SCTC-1998-000001', individual(LIMIT_2018))], '1998-01-01')).toEqual([]);
  });

  it('when the date decides the limit, then the 2018-12-02 limit is used for a claim filed that day', () => {
    const others = [other('SCTC-2018-000500', individual(20_000_00))];
    expect(checkSplitting(individual(40_000_00), others, '2018-12-02')).toHaveLength(1);
    expect(checkSplitting(individual(40_000_00), others, '2018-12-03')).toEqual([]);
  });
});

describe('counterclaims (Cap. 338 s.10)', () => {
  it('when the counterclaim is exactly the limit, then it is within jurisdiction', () => {
    expect(assessCounterclaim(LIMIT_2018, FILED, false)).toMatchObject({
      outcome: 'within-jurisdiction',
      amountCents: LIMIT_2018,
      limitCents: LIMIT_2018,
    });
  });

  it('when the counterclaim is one cent over and not abandoned, then it must be transferred and the claimant\'s award stayed', () => {
    const result = assessCounterclaim(LIMIT_2018 + 1, FILED, false);
    expect(result).toEqual({
      outcome: 'transfer',
      reason: 'over-limit',
      amountCents: LIMIT_2018 + 1,
      limitCents: LIMIT_2018,
      section: 'Cap. 338 s.10(1)',
      message: expect.stringMatching(/must order it transferred.*s\.10\(1\).*s\.10\(3\)/),
      stayOfClaimantAward: {
        section: 'Cap. 338 s.10(2)',
        message: expect.stringMatching(/enforcement of the claimant's award is stayed.*unless the Tribunal orders otherwise/),
      },
    });
  });

  it('when the defendant abandons the excess, then the limit is admitted and the award satisfies the whole counterclaim', () => {
    expect(assessCounterclaim(LIMIT_2018 + 1, FILED, true)).toEqual({
      outcome: 'excess-abandoned',
      amountCents: LIMIT_2018 + 1,
      limitCents: LIMIT_2018,
      admittedCents: LIMIT_2018,
      abandonedExcessCents: 1,
      section: 'Cap. 338 s.10(3)',
      message: expect.stringContaining('s.10(3)'),
      fullSatisfaction: { section: 'Cap. 338 s.10(4)', message: expect.stringContaining('full satisfaction') },
    });
  });

  it('when HK$60,000 is counterclaimed on 2018-12-02, then it is transferred, and on 2018-12-03 it is within jurisdiction', () => {
    expect(assessCounterclaim(60_000_00, '2018-12-02', false).outcome).toBe('transfer');
    expect(assessCounterclaim(60_000_00, '2018-12-03', false).outcome).toBe('within-jurisdiction');
  });

  it('when the counterclaim\'s subject matter is excluded, then it is transferred whatever the amount and abandonment cannot cure it', () => {
    const result = assessCounterclaim(1_000_00, FILED, true, 'defamation');
    expect(result).toMatchObject({
      outcome: 'transfer',
      reason: 'excluded-subject-matter',
      exclusion: { code: 'excluded-defamation', section: 'Cap. 338 Schedule para 1(a)(i)' },
      stayOfClaimantAward: { section: 'Cap. 338 s.10(2)' },
    });
  });

  it('when the counterclaim\'s subject matter is within jurisdiction, then the amount decides', () => {
    expect(assessCounterclaim(1_000_00, FILED, false, 'tort').outcome).toBe('within-jurisdiction');
  });

  it.each([0, -100, 12.5, Number.NaN])('when the counterclaim amount is %p, then it is invalid', (amount) => {
    expect(assessCounterclaim(amount, FILED, false)).toEqual({
      outcome: 'invalid',
      refusals: [expect.objectContaining({ code: 'amount-invalid', field: 'amountCents', section: 'Cap. 338 s.13(c)' })],
    });
  });

  it('when the counterclaim date is before the limit table, then it is invalid', () => {
    expect(assessCounterclaim(100, '1990-01-01', false)).toEqual({
      outcome: 'invalid',
      refusals: [expect.objectContaining({ code: 'filing-date-before-limit-table', field: 'filedOn' })],
    });
  });
});
