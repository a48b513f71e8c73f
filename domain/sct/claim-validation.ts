/**
 * Whether the registrar can accept a claim as filed: jurisdiction (s.5 and
 * the Schedule), the monetary limit (s.9), how it is begun and signed (s.12)
 * and what it must contain (s.13).
 *
 * `assessClaim` never throws and never stops at the first problem: it
 * returns every refusal and warning, each naming its section and the field of
 * the claim it is about, so the registry can tell the claimant everything at
 * once.
 *
 * Pure and deterministic: safe inside workflows.
 */
import type { IsoDate } from '../calendar/iso-date';
import type { Address, SmallClaim } from './claim';
import type { Refusal, Warning } from './findings';
import {
  checkAmountsAgainstLimit,
  claimingPersons,
  ruleOnSubjectMatter,
  type ClaimingPerson,
} from './jurisdiction';
import { isPositiveCents, monetaryLimitOn, type MonetaryLimitEntry } from './monetary-limit';

export interface ClaimAssessment {
  /** True when there is no refusal; warnings do not stop a claim. */
  readonly ok: boolean;
  readonly refusals: Refusal[];
  readonly warnings: Warning[];
  /** Sum of every valid amount claimed (claimants and represented persons). */
  readonly claimedCents: number;
  /** What the Tribunal may award if the claim goes ahead; 0 when the claim is refused. */
  readonly admittedCents: number;
  /** The per-person limit in force on the filing date; null when the date has none. */
  readonly limitCents: number | null;
  /** The entry of `MONETARY_LIMITS` that applied. */
  readonly limitEntry: MonetaryLimitEntry | null;
  /** Excess abandoned under s.9; 0 when the claim is refused. When ok, claimed = admitted + abandoned. */
  readonly abandonedExcessCents: number;
}

/**
 * s.13(d) asks for particulars "reasonably sufficient" to tell the defendant
 * the grounds and how each amount is calculated. Sufficiency is for the
 * registry officer; a program can only catch the obviously inadequate. We
 * count characters other than whitespace and ask for at least 20 in an
 * English claim (about four words: "Unpaid invoice 123 for goods" passes,
 * "money owed" does not) and 10 in a Chinese one, where each character
 * carries roughly a word ("拖欠貨款,發票編號123" passes).
 */
export const PARTICULARS_MIN_CHARS: Readonly<Record<SmallClaim['language'], number>> = {
  en: 20,
  zh: 10,
};

function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

function hasAddress(address: Address | undefined): boolean {
  return Array.isArray(address?.lines) && address.lines.some((line) => !isBlank(line));
}

function visibleLength(text: string): number {
  return [...text.replace(/\s/gu, '')].length;
}

// ---------------------------------------------------------------------------
// s.2, s.12(4), s.21(1): the kind of claim against the parties listed
// ---------------------------------------------------------------------------

function checkKind(claim: SmallClaim): Refusal[] {
  const claimants = claim.claimants.length;
  const represented = (claim.representedPersons ?? []).length;
  const refusals: Refusal[] = [];
  const mismatch = (section: string, field: string, message: string): void => {
    refusals.push({ code: 'kind-mismatch', section, field, message });
  };

  switch (claim.kind) {
    case 'individual':
      if (claimants > 1) {
        mismatch(
          'Cap. 338 s.12(4)',
          'claimants',
          `The claim is filed as an individual claim but names ${claimants} claimants; file it as a joint claim ` +
            '(Cap. 338 s.12(4)) or as separate claims.',
        );
      }
      if (represented > 0) {
        mismatch(
          'Cap. 338 s.21(1)',
          'representedPersons',
          'The claim is filed as an individual claim but lists represented persons; claims made on behalf of ' +
            'others must be filed as a representative claim (Cap. 338 s.21(1)).',
        );
      }
      break;
    case 'joint':
      if (claimants === 1) {
        mismatch(
          'Cap. 338 s.12(4)',
          'claimants',
          'The claim is filed as a joint claim but names only one claimant; a joint claim needs two or more ' +
            'claimants (Cap. 338 s.12(4)).',
        );
      }
      if (represented > 0) {
        mismatch(
          'Cap. 338 s.2',
          'representedPersons',
          'The claim is filed as a joint claim but lists represented persons; a claim made in one claimant\'s ' +
            'name on behalf of others is a representative claim (Cap. 338 s.2, s.21(1)).',
        );
      }
      break;
    case 'representative':
      if (claimants > 1) {
        mismatch(
          'Cap. 338 s.2',
          'claimants',
          `The claim is filed as a representative claim but names ${claimants} claimants; a representative ` +
            'claim is made in the name of one claimant (Cap. 338 s.2, s.21(1)).',
        );
      }
      if (represented === 0) {
        mismatch(
          'Cap. 338 s.21(1)',
          'representedPersons',
          'The claim is filed as a representative claim but lists no represented persons; name at least one ' +
            'person on whose behalf it is made (Cap. 338 s.21(1), s.13(a)).',
        );
      }
      break;
    default: {
      const unhandled: never = claim.kind;
      throw new Error(`unhandled claim kind ${String(unhandled)}`);
    }
  }
  return refusals;
}

// ---------------------------------------------------------------------------
// s.13: contents of the claim
// ---------------------------------------------------------------------------

function checkPersonContents(p: ClaimingPerson): Refusal[] {
  const refusals: Refusal[] = [];
  if (isBlank(p.name)) {
    refusals.push({
      code: 'name-blank',
      section: 'Cap. 338 s.13(a)',
      field: `${p.path}.name`,
      message: `${p.label} has no name; the claim must state the name of each claimant and represented person (Cap. 338 s.13(a)).`,
    });
  }
  if (!hasAddress(p.address)) {
    refusals.push({
      code: 'address-blank',
      section: 'Cap. 338 s.13(a)',
      field: `${p.path}.address.lines`,
      message: `${p.label} has no address; the claim must state the address of each claimant and represented person (Cap. 338 s.13(a)).`,
    });
  }
  if (!isPositiveCents(p.amountCents)) {
    refusals.push({
      code: 'amount-invalid',
      section: 'Cap. 338 s.13(c)',
      field: `${p.path}.amountCents`,
      message:
        `${p.label}'s amount (${String(p.amountCents)} cents) is not a whole, positive number of cents; the ` +
        'claim must state the amount each person claims (Cap. 338 s.13(c)).',
    });
  }
  return refusals;
}

function checkContents(claim: SmallClaim): Refusal[] {
  const refusals: Refusal[] = [];
  if (claim.claimants.length === 0) {
    refusals.push({
      code: 'no-claimant',
      section: 'Cap. 338 s.13(a)',
      field: 'claimants',
      message: 'The claim names no claimant; it must state the name and address of each claimant (Cap. 338 s.13(a)).',
    });
  }
  if (claim.defendants.length === 0) {
    refusals.push({
      code: 'no-defendant',
      section: 'Cap. 338 s.13(b)',
      field: 'defendants',
      message: 'The claim names no defendant; it must state the name and address of each defendant (Cap. 338 s.13(b)).',
    });
  }
  for (const p of claimingPersons(claim)) refusals.push(...checkPersonContents(p));

  claim.defendants.forEach((d, i) => {
    const label = isBlank(d.name) ? `Defendant ${i + 1}` : `Defendant ${i + 1} (${d.name.trim()})`;
    if (isBlank(d.name)) {
      refusals.push({
        code: 'name-blank',
        section: 'Cap. 338 s.13(b)',
        field: `defendants[${i}].name`,
        message: `${label} has no name; the claim must state the name of each defendant (Cap. 338 s.13(b)).`,
      });
    }
    if (!hasAddress(d.address)) {
      refusals.push({
        code: 'address-blank',
        section: 'Cap. 338 s.13(b)',
        field: `defendants[${i}].address.lines`,
        message: `${label} has no address; the claim must state the address of each defendant so that it can be served (Cap. 338 s.13(b), s.14).`,
      });
    }
  });

  const min = PARTICULARS_MIN_CHARS[claim.language];
  if (isBlank(claim.particulars)) {
    refusals.push({
      code: 'particulars-blank',
      section: 'Cap. 338 s.13(d)',
      field: 'particulars',
      message:
        'The claim gives no particulars; it must give particulars reasonably sufficient to tell the defendant ' +
        'the grounds of the claim and how each amount is calculated (Cap. 338 s.13(d)).',
    });
  } else if (visibleLength(claim.particulars) < min) {
    refusals.push({
      code: 'particulars-too-short',
      section: 'Cap. 338 s.13(d)',
      field: 'particulars',
      message:
        `The particulars are too brief (fewer than ${min} characters) to tell the defendant the grounds of ` +
        'the claim and how each amount is calculated (Cap. 338 s.13(d)).',
    });
  }
  return refusals;
}

// ---------------------------------------------------------------------------
// s.12(2), s.12(4): signatures
// ---------------------------------------------------------------------------

/**
 * s.12(2): a claim is in writing "並須由申索人簽署或由他人代其簽署" (signed by
 * or for the claimant), subject only to s.12(3), the registrar taking an oral
 * claim. s.12(4)(a) relaxes this for joint and representative claims: the
 * registrar may accept one not signed by all the claimants or represented
 * persons, on condition that they all sign before the hearing date, and
 * s.12(4)(b) lets the Tribunal strike out whoever does not and reduce the
 * amount.
 *
 * Our reading of where the relaxation stops: a claim must still be signed by
 * someone making it. An individual claim must be signed by its claimant. A
 * representative claim is made in the name of its one claimant (s.2), so the
 * representative must sign; the represented persons may sign later. A joint
 * claim that no claimant has signed has not been made by anyone, so at least
 * one joint claimant must sign; the others may sign later.
 */
function checkSignatures(claim: SmallClaim): { refusals: Refusal[]; warnings: Warning[] } {
  const refusals: Refusal[] = [];
  const warnings: Warning[] = [];
  const outstanding = (p: ClaimingPerson): void => {
    warnings.push({
      code: 'signature-outstanding',
      section: 'Cap. 338 s.12(4)',
      field: `${p.path}.signed`,
      message:
        `${p.label} has not signed the claim; it is accepted on condition that they sign before the hearing ` +
        'date, failing which the Tribunal may strike out their name and reduce the amount claimed (Cap. 338 s.12(4)).',
    });
  };
  const unsignedClaimant = (p: ClaimingPerson, why: string): void => {
    refusals.push({
      code: 'not-signed',
      section: 'Cap. 338 s.12(2)',
      field: `${p.path}.signed`,
      message:
        `${p.label} has not signed the claim, and ${why} must be signed by or for the claimant when it is filed ` +
        '(Cap. 338 s.12(2)); the registrar may instead take the claim orally and record it (s.12(3)).',
    });
  };
  const persons = claimingPersons(claim);
  const claimants = persons.filter((p) => p.role === 'claimant');
  const represented = persons.filter((p) => p.role === 'represented-person');

  switch (claim.kind) {
    case 'individual':
      for (const p of claimants) if (!p.signed) unsignedClaimant(p, 'an individual claim');
      break;
    case 'joint':
      if (claimants.length > 0 && claimants.every((p) => !p.signed)) {
        refusals.push({
          code: 'not-signed',
          section: 'Cap. 338 s.12(2)',
          field: 'claimants',
          message:
            'No claimant has signed the joint claim; at least one must sign it when it is filed (Cap. 338 s.12(2)), ' +
            'and the others may then sign before the hearing date (s.12(4)).',
        });
      } else {
        for (const p of claimants) if (!p.signed) outstanding(p);
      }
      break;
    case 'representative':
      for (const p of claimants) if (!p.signed) unsignedClaimant(p, 'a representative claim, made in that claimant\'s name,');
      break;
    default: {
      const unhandled: never = claim.kind;
      throw new Error(`unhandled claim kind ${String(unhandled)}`);
    }
  }
  for (const p of represented) if (!p.signed) outstanding(p);
  return { refusals, warnings };
}

// ---------------------------------------------------------------------------
// The assessment
// ---------------------------------------------------------------------------

/**
 * Assesses a claim filed on `filedOn` against Cap. 338: subject matter
 * (Schedule para 1 proviso, para 1A, para 2), kind, contents (s.13),
 * signatures (s.12) and each person's amount against the limit in force on
 * that date (Schedule paras 1, 2(b); s.9). s.8 splitting needs the other
 * claims: see `checkSplitting` in `./jurisdiction`.
 */
export function assessClaim(claim: SmallClaim, filedOn: IsoDate): ClaimAssessment {
  const refusals: Refusal[] = [];
  const warnings: Warning[] = [];

  const lookup = monetaryLimitOn(filedOn);
  if (!lookup.ok) {
    refusals.push({ code: lookup.code, section: 'Cap. 338 Schedule para 1', field: 'filedOn', message: lookup.message });
  }

  const ruling = ruleOnSubjectMatter(claim.subjectMatter);
  if (!ruling.within) {
    refusals.push(ruling.refusal);
  } else if (claim.subjectMatter === 'civil-debt') {
    warnings.push({
      code: 'civil-debt-forum-unconfirmed',
      section: 'Cap. 338 Schedule para 2(a)',
      field: 'subjectMatter',
      message:
        'A sum recoverable under an enactment or as a civil debt is within the Tribunal\'s jurisdiction only if ' +
        'no enactment provides that it is recoverable only in another court (Cap. 338 Schedule para 2(a)); ' +
        'confirm the enactment relied on.',
    });
  }

  refusals.push(...checkKind(claim), ...checkContents(claim));
  const signatures = checkSignatures(claim);
  refusals.push(...signatures.refusals);
  warnings.push(...signatures.warnings);

  let claimedCents = 0;
  for (const p of claimingPersons(claim)) if (isPositiveCents(p.amountCents)) claimedCents += p.amountCents;
  let admittedCents = 0;
  let abandonedExcessCents = 0;
  // The amount only matters for a subject matter the Tribunal can hear at all.
  if (lookup.ok && ruling.within) {
    const amounts = checkAmountsAgainstLimit(claim, lookup.limitCents, ruling.limitSection);
    refusals.push(...amounts.refusals);
    warnings.push(...amounts.warnings);
    admittedCents = amounts.admittedCents;
    abandonedExcessCents = amounts.abandonedExcessCents;
  }

  const ok = refusals.length === 0;
  return {
    ok,
    refusals,
    warnings,
    claimedCents,
    admittedCents: ok ? admittedCents : 0,
    limitCents: lookup.ok ? lookup.limitCents : null,
    limitEntry: lookup.ok ? lookup.entry : null,
    abandonedExcessCents: ok ? abandonedExcessCents : 0,
  };
}
