import type { Claimant, RepresentedPerson, SmallClaim } from '../../domain/sct/claim';
import { assessClaim, PARTICULARS_MIN_CHARS, type ClaimAssessment } from '../../domain/sct/claim-validation';
import { REFUSAL_CODES, WARNING_CODES, type RefusalCode } from '../../domain/sct/findings';
import { checkSplitting, checkSplittingAtFiling } from '../../domain/sct/jurisdiction';

const FILED = '2026-03-02';
const address = { lines: ['Shop 3, G/F', '88 Nathan Road'], district: 'Yau Tsim Mong' };

function claimant(name: string, amountCents = 1_000_00, signed = true): Claimant {
  return { name, address, amountCents, signed };
}

function represented(name: string, amountCents = 1_000_00, signed = true): RepresentedPerson {
  return { name, address, amountCents, signed };
}

function claim(overrides: Partial<SmallClaim> = {}): SmallClaim {
  return {
    kind: 'individual',
    subjectMatter: 'contract',
    claimants: [claimant('Chan Tai Man', 12_345_67)],
    defendants: [{ name: 'Good Phone Ltd', address }],
    particulars: 'Phone bought on 3 Jan for HK$12,345.67 was faulty; the shop refused a refund.',
    language: 'en',
    ...overrides,
  };
}

const jointClaim = (claimants: Claimant[]): SmallClaim => claim({ kind: 'joint', claimants });
const representativeClaim = (rep: Claimant, persons: RepresentedPerson[]): SmallClaim =>
  claim({ kind: 'representative', claimants: [rep], representedPersons: persons });

const codes = (r: ClaimAssessment): RefusalCode[] => r.refusals.map((x) => x.code);
const fields = (r: ClaimAssessment): string[] => r.refusals.map((x) => x.field);

const assess = (c: SmallClaim, filedOn = FILED): ClaimAssessment => assessClaim(c, filedOn);

describe('a well-formed claim', () => {
  it('when an individual claim is complete, signed and within the limit, then it is accepted with nothing to say', () => {
    expect(assess(claim())).toMatchObject({
      ok: true,
      refusals: [],
      warnings: [],
      claimedCents: 12_345_67,
      admittedCents: 12_345_67,
      abandonedExcessCents: 0,
      limitCents: 7_500_000,
    });
  });

  it('when a joint claim is complete and signed by all, then it is accepted', () => {
    expect(assess(jointClaim([claimant('A'), claimant('B'), claimant('C')])).ok).toBe(true);
  });

  it('when a representative claim is complete and signed by all, then it is accepted', () => {
    expect(assess(representativeClaim(claimant('Rep'), [represented('P1'), represented('P2')])).ok).toBe(true);
  });

  it('when the claim is in Chinese with Chinese particulars, then it is accepted', () => {
    expect(assess(claim({ language: 'zh', particulars: '拖欠貨款,發票編號一二三' })).ok).toBe(true);
  });
});

describe('the filing date', () => {
  it('when the filing date is not a calendar date, then the claim is refused and no limit is reported', () => {
    const result = assess(claim(), '2026-02-30');
    expect(result.refusals).toEqual([
      expect.objectContaining({ code: 'filing-date-invalid', field: 'filedOn', section: 'Cap. 338 Schedule para 1' }),
    ]);
    expect(result).toMatchObject({ ok: false, limitCents: null, limitEntry: null, admittedCents: 0 });
  });

  it('when the filing date is before the first recorded limit, then the claim is refused explicitly', () => {
    const result = assess(claim(), '1995-06-01');
    expect(codes(result)).toEqual(['filing-date-before-limit-table']);
    expect(result.limitCents).toBeNull();
    expect(result.claimedCents).toBe(12_345_67);
  });
});

describe('contents of the claim (Cap. 338 s.13)', () => {
  it('when no claimant is named, then it is refused under s.13(a)', () => {
    const result = assess(claim({ claimants: [] }));
    expect(result.refusals).toEqual([
      expect.objectContaining({ code: 'no-claimant', section: 'Cap. 338 s.13(a)', field: 'claimants' }),
    ]);
  });

  it('when no defendant is named, then it is refused under s.13(b)', () => {
    const result = assess(claim({ defendants: [] }));
    expect(result.refusals).toEqual([
      expect.objectContaining({ code: 'no-defendant', section: 'Cap. 338 s.13(b)', field: 'defendants' }),
    ]);
  });

  it('when a claimant\'s name is blank, then it is refused under s.13(a) at that claimant\'s name', () => {
    const result = assess(jointClaim([claimant('A'), claimant('   ')]));
    expect(result.refusals).toEqual([
      expect.objectContaining({ code: 'name-blank', section: 'Cap. 338 s.13(a)', field: 'claimants[1].name' }),
    ]);
  });

  it('when a represented person\'s name is blank, then it is refused under s.13(a)', () => {
    const result = assess(representativeClaim(claimant('Rep'), [represented('P1'), represented('')]));
    expect(fields(result)).toEqual(['representedPersons[1].name']);
  });

  it('when a defendant\'s name is blank, then it is refused under s.13(b)', () => {
    const result = assess(claim({ defendants: [{ name: 'Good Phone Ltd', address }, { name: '\t', address }] }));
    expect(result.refusals).toEqual([
      expect.objectContaining({ code: 'name-blank', section: 'Cap. 338 s.13(b)', field: 'defendants[1].name' }),
    ]);
  });

  it('when a claimant has no address lines, then it is refused under s.13(a)', () => {
    const result = assess(claim({ claimants: [{ ...claimant('Chan'), address: { lines: [] } }] }));
    expect(result.refusals).toEqual([
      expect.objectContaining({ code: 'address-blank', section: 'Cap. 338 s.13(a)', field: 'claimants[0].address.lines' }),
    ]);
  });

  it('when a represented person\'s address lines are all blank, then it is refused', () => {
    const result = assess(
      representativeClaim(claimant('Rep'), [{ ...represented('P1'), address: { lines: [' ', ''], district: 'Sha Tin' } }]),
    );
    expect(fields(result)).toEqual(['representedPersons[0].address.lines']);
  });

  it('when a defendant has no address, then it is refused under s.13(b)', () => {
    const result = assess(claim({ defendants: [{ name: 'Good Phone Ltd', address: { lines: [''] } }] }));
    expect(result.refusals).toEqual([
      expect.objectContaining({ code: 'address-blank', section: 'Cap. 338 s.13(b)', field: 'defendants[0].address.lines' }),
    ]);
  });

  it.each([0, -1_00, 12.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])(
    'when a claimant\'s amount is %p, then it is refused under s.13(c)',
    (amountCents) => {
      const result = assess(claim({ claimants: [claimant('Chan', amountCents)] }));
      expect(result.refusals).toEqual([
        expect.objectContaining({ code: 'amount-invalid', section: 'Cap. 338 s.13(c)', field: 'claimants[0].amountCents' }),
      ]);
      expect(result.claimedCents).toBe(0);
    },
  );

  it('when a represented person\'s amount is zero, then it is refused under s.13(c) at that person', () => {
    const result = assess(representativeClaim(claimant('Rep'), [represented('P1', 0)]));
    expect(fields(result)).toEqual(['representedPersons[0].amountCents']);
  });

  it('when one amount is one cent, then it is a valid amount', () => {
    expect(assess(claim({ claimants: [claimant('Chan', 1)] })).ok).toBe(true);
  });

  it.each(['', '   \n\t'])('when the particulars are %j, then it is refused as blank under s.13(d)', (particulars) => {
    expect(assess(claim({ particulars })).refusals).toEqual([
      expect.objectContaining({ code: 'particulars-blank', section: 'Cap. 338 s.13(d)', field: 'particulars' }),
    ]);
  });

  it('when English particulars have one character fewer than the minimum, then they are refused as too short', () => {
    const particulars = 'x'.repeat(PARTICULARS_MIN_CHARS.en - 1);
    expect(assess(claim({ particulars })).refusals).toEqual([
      expect.objectContaining({ code: 'particulars-too-short', section: 'Cap. 338 s.13(d)', field: 'particulars' }),
    ]);
  });

  it('when English particulars reach the minimum, not counting spaces, then they are accepted', () => {
    expect(PARTICULARS_MIN_CHARS.en).toBe(20);
    expect(assess(claim({ particulars: 'Unpaid invoice 123 for goods' })).ok).toBe(true);
    expect(assess(claim({ particulars: 'money owed to me' })).ok).toBe(false);
  });

  it('when Chinese particulars are one character short of the minimum, then they are refused; at the minimum, accepted', () => {
    expect(PARTICULARS_MIN_CHARS.zh).toBe(10);
    expect(codes(assess(claim({ language: 'zh', particulars: '欠款' + '一'.repeat(7) })))).toEqual(['particulars-too-short']);
    expect(assess(claim({ language: 'zh', particulars: '欠款' + '一'.repeat(8) })).ok).toBe(true);
  });

  it('when several contents are missing, then every refusal is reported at once', () => {
    const result = assess(
      claim({
        claimants: [claimant('', 0)],
        defendants: [{ name: '', address: { lines: [] } }],
        particulars: '',
      }),
    );
    expect(fields(result)).toEqual([
      'claimants[0].name',
      'claimants[0].amountCents',
      'defendants[0].name',
      'defendants[0].address.lines',
      'particulars',
    ]);
  });
});

describe('the kind of claim against the parties listed', () => {
  it('when an individual claim names two claimants, then it is refused as a kind mismatch', () => {
    const result = assess(claim({ claimants: [claimant('A'), claimant('B')] }));
    expect(result.refusals).toEqual([expect.objectContaining({ code: 'kind-mismatch', field: 'claimants' })]);
  });

  it('when an individual claim lists represented persons, then it is refused as a kind mismatch', () => {
    const result = assess(claim({ representedPersons: [represented('P1')] }));
    expect(result.refusals).toEqual([
      expect.objectContaining({ code: 'kind-mismatch', field: 'representedPersons', section: 'Cap. 338 s.21(1)' }),
    ]);
  });

  it('when an individual claim has an empty represented-persons list, then that is no mismatch', () => {
    expect(assess(claim({ representedPersons: [] })).ok).toBe(true);
  });

  it('when a joint claim names one claimant, then it is refused as a kind mismatch', () => {
    expect(assess(jointClaim([claimant('A')])).refusals).toEqual([
      expect.objectContaining({ code: 'kind-mismatch', field: 'claimants', section: 'Cap. 338 s.12(4)' }),
    ]);
  });

  it('when a joint claim lists represented persons, then it is refused as a kind mismatch', () => {
    const result = assess(claim({ kind: 'joint', claimants: [claimant('A'), claimant('B')], representedPersons: [represented('P')] }));
    expect(fields(result)).toEqual(['representedPersons']);
    expect(codes(result)).toEqual(['kind-mismatch']);
  });

  it('when a representative claim names two claimants, then it is refused as a kind mismatch', () => {
    const result = assess(claim({ kind: 'representative', claimants: [claimant('A'), claimant('B')], representedPersons: [represented('P')] }));
    expect(result.refusals).toEqual([expect.objectContaining({ code: 'kind-mismatch', field: 'claimants', section: 'Cap. 338 s.2' })]);
  });

  it('when a representative claim lists nobody represented, then it is refused as a kind mismatch', () => {
    expect(codes(assess(representativeClaim(claimant('Rep'), [])))).toEqual(['kind-mismatch']);
    expect(fields(assess(claim({ kind: 'representative' })))).toEqual(['representedPersons']);
  });

  it('when a claim has no claimant at all, then only the missing claimant is reported, not a kind mismatch', () => {
    expect(codes(assess(claim({ kind: 'joint', claimants: [] })))).toEqual(['no-claimant']);
  });
});

describe('signatures (Cap. 338 s.12(2), s.12(4))', () => {
  it('when an individual claimant has not signed, then the claim is refused under s.12(2)', () => {
    const result = assess(claim({ claimants: [claimant('Chan', 1_00, false)] }));
    expect(result.refusals).toEqual([
      {
        code: 'not-signed',
        section: 'Cap. 338 s.12(2)',
        field: 'claimants[0].signed',
        message: expect.stringMatching(/^Claimant 1 \(Chan\) has not signed.*s\.12\(2\).*s\.12\(3\)\)\.$/),
      },
    ]);
  });

  it('when one joint claimant has not signed, then it is accepted with a warning naming s.12(4) and the hearing date', () => {
    const result = assess(jointClaim([claimant('A'), claimant('B', 1_00, false)]));
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      {
        code: 'signature-outstanding',
        section: 'Cap. 338 s.12(4)',
        field: 'claimants[1].signed',
        message: expect.stringMatching(/^Claimant 2 \(B\) has not signed.*before the hearing date.*strike out.*s\.12\(4\)\)\.$/),
      },
    ]);
  });

  it('when two of three joint claimants have not signed, then there is one warning per unsigned claimant', () => {
    const result = assess(jointClaim([claimant('A', 1_00, false), claimant('B'), claimant('C', 1_00, false)]));
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => w.field)).toEqual(['claimants[0].signed', 'claimants[2].signed']);
  });

  it('when no joint claimant has signed, then it is refused because nobody has made the claim (s.12(2))', () => {
    const result = assess(jointClaim([claimant('A', 1_00, false), claimant('B', 1_00, false)]));
    expect(result.refusals).toEqual([
      expect.objectContaining({ code: 'not-signed', section: 'Cap. 338 s.12(2)', field: 'claimants' }),
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('when represented persons have not signed, then it is accepted with a warning for each', () => {
    const result = assess(
      representativeClaim(claimant('Rep'), [represented('P1', 1_00, false), represented('P2'), represented('P3', 1_00, false)]),
    );
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => [w.code, w.field])).toEqual([
      ['signature-outstanding', 'representedPersons[0].signed'],
      ['signature-outstanding', 'representedPersons[2].signed'],
    ]);
    expect(result.warnings[0]?.message).toMatch(/^Represented person 1 \(P1\)/);
  });

  it('when the representative has not signed, then it is refused under s.12(2) and unsigned represented persons are still warned', () => {
    const result = assess(representativeClaim(claimant('Rep', 1_00, false), [represented('P1', 1_00, false)]));
    expect(result.refusals).toEqual([
      expect.objectContaining({ code: 'not-signed', section: 'Cap. 338 s.12(2)', field: 'claimants[0].signed' }),
    ]);
    expect(result.warnings.map((w) => w.field)).toEqual(['representedPersons[0].signed']);
  });
});

describe('the findings themselves', () => {
  it('when a refused claim is reported, then admitted and abandoned are zero but the claimed total is kept', () => {
    const result = assess(claim({ claimants: [claimant('Chan', 9_000_000)], particulars: '' }));
    expect(result).toMatchObject({ ok: false, claimedCents: 9_000_000, admittedCents: 0, abandonedExcessCents: 0 });
  });

  it('when one scenario per path is assessed, then every refusal and warning code is produced', () => {
    const scenarios: [SmallClaim, string][] = [
      [claim(), '2026-02-30'],
      [claim(), '1995-06-01'],
      ...(
        [
          'defamation',
          'maintenance-agreement',
          'money-lender-loan',
          'minor-employment-claim',
          'labour-tribunal-claim',
          'estate-agents-authority',
          'costs-only',
          'civil-debt',
        ] as const
      ).map((subjectMatter): [SmallClaim, string] => [claim({ subjectMatter }), FILED]),
      [claim({ claimants: [claimant('Chan', 7_500_001)] }), FILED],
      [claim({ claimants: [claimant('Chan', 7_500_001)], abandonExcess: true }), FILED],
      [jointClaim([claimant('A', 7_500_000), claimant('B', 7_500_000, false)]), FILED],
      [claim({ claimants: [], defendants: [] }), FILED],
      [claim({ claimants: [{ name: '', address: { lines: [] }, amountCents: 0, signed: false }], particulars: '' }), FILED],
      [claim({ particulars: 'too short' }), FILED],
      [jointClaim([claimant('A')]), FILED],
      [{ ...jointClaim([claimant('A', 7_500_001), claimant('B')]), abandonExcess: true }, FILED],
    ];
    const results = scenarios.map(([c, date]) => assessClaim(c, date));
    const refusals = new Set(results.flatMap((r) => r.refusals.map((x) => x.code)));
    const warnings = new Set(results.flatMap((r) => r.warnings.map((x) => x.code)));
    const splitting = checkSplitting(
      claim(),
      [{ caseNumber: 'SCTC-2026-000001', claim: claim({ claimants: [claimant('Chan Tai Man', 7_500_000)] }) }],
      FILED,
    );
    splitting.forEach((w) => warnings.add(w.code));
    const sameCause = { causeOfAction: 'Invoice 7' };
    checkSplittingAtFiling(claim(sameCause), [{ caseNumber: 'SCTC-2026-000001', claim: claim({ ...sameCause, claimants: [claimant('Chan Tai Man', 7_500_000)] }) }], FILED).refusals.forEach((r) =>
      refusals.add(r.code),
    );

    expect([...refusals].sort()).toEqual([...REFUSAL_CODES].sort());
    expect([...warnings].sort()).toEqual([...WARNING_CODES].sort());
  });

  it('when any refusal or warning is produced, then its message is one sentence that cites Cap. 338 and its field is a JSON path', () => {
    const samples = [
      assess(claim({ claimants: [claimant('', 0, false)], defendants: [], particulars: 'short' })),
      assess(claim({ subjectMatter: 'costs-only', kind: 'joint' })),
      assess(jointClaim([claimant('A', 7_600_000, false), claimant('B')])),
      assess(representativeClaim(claimant('R', 7_600_000), [represented('P', 7_600_000, false)])),
      assess({ ...representativeClaim(claimant('R', 7_600_000), [represented('P', 7_600_000)]), abandonExcess: true }),
    ];
    const findings = samples.flatMap((s) => [...s.refusals, ...s.warnings]);
    expect(findings.length).toBeGreaterThan(8);
    for (const f of findings) {
      expect(f.section).toMatch(/^Cap\. 338 /);
      expect(f.message).toMatch(/Cap\. 338 /);
      expect(f.message).toMatch(/\.$/);
      expect(f.field).toMatch(/^(filedOn|[a-zA-Z]+(\[\d+\])?(\.[a-zA-Z]+)*)$/);
    }
  });

  it('when the same claim is assessed twice, then the results are identical (deterministic)', () => {
    const c = jointClaim([claimant('A', 7_600_000, false), claimant('B')]);
    expect(assessClaim(c, FILED)).toEqual(assessClaim(c, FILED));
  });

  it('when a claim is assessed, then the claim object is not modified', () => {
    const c = representativeClaim(claimant('R', 7_600_000), [represented('P', 7_600_000, false)]);
    const before = JSON.stringify(c);
    assessClaim({ ...c, abandonExcess: true }, FILED);
    expect(JSON.stringify(c)).toBe(before);
  });

  it('when the assessment is serialised, then it survives JSON unchanged (plain data for workflows)', () => {
    const result = assessClaim(jointClaim([claimant('A', 7_600_000, false), claimant('B')]), FILED);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
