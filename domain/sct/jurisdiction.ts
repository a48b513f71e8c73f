/**
 * The Small Claims Tribunal's jurisdiction over a claim (Cap. 338 s.5 and the
 * Schedule), the monetary limit applied to each person's amount, abandonment
 * of the excess (s.9), splitting (s.8) and counterclaims (s.10).
 *
 * ## Per claimant, not per claim: how the limit is compared
 *
 * Schedule para 1 gives jurisdiction over "任何就合約、準合約或侵權行為而提出的
 * 金錢申索,而申索款額不超過$50000者" ("any money claim in contract,
 * quasi-contract or tort where the amount of the claim does not exceed
 * $50000"). The question is what "a claim" is in a joint or representative
 * filing. The Ordinance treats each person's claim as a claim of its own:
 * - s.21(1): "如2名或多於2名的人有針對同一被告人的申索,可以其中1人的名義代表
 *   全部或部分的人提出該等申索": where two or more persons *have claims*
 *   against the same defendant, *those claims* may be brought in one name. A
 *   representative claim is a vehicle for several claims, not one claim.
 * - s.13(c) requires the amount "每名申索人或被代表的人的申索款額" (of each
 *   claimant or represented person) to be stated separately; s.21(2) lets the
 *   Tribunal hear a represented person's claim separately; s.12(4)(b) strikes
 *   out an unsigned person and reduces the amount accordingly; s.34(1) pays
 *   the award out "按每名申索人或被代表的人的申索款額".
 * - s.9(1) lets "申索人" (a claimant) abandon the excess of "申索人的申索".
 * So the limit applies to each claimant's and each represented person's
 * amount. An individual claim is compared as a whole; in a joint or
 * representative claim each person's amount is compared, and the total may
 * exceed the limit. Because a large total may be one claim divided among
 * several names (s.8), a total above the limit draws a warning, not a refusal.
 *
 * The limit applies to a Labour Tribunal transfer too: para 1A lifts only
 * proviso (d) ("儘管有第1段但書(d)節的規定"), so the claim still falls under
 * para 1, amount condition included.
 *
 * Pure and deterministic: safe inside workflows.
 */
import type { IsoDate } from '../calendar/iso-date';
import type {
  Address,
  Claimant,
  RepresentedPerson,
  SmallClaim,
  SubjectMatter,
} from './claim';
import type { Refusal, RefusalCode, Warning } from './findings';
import { formatHkd, isPositiveCents, monetaryLimitOn } from './monetary-limit';

// ---------------------------------------------------------------------------
// Who claims what
// ---------------------------------------------------------------------------

/** A claimant or represented person, with where it sits in the claim. */
export interface ClaimingPerson {
  readonly role: 'claimant' | 'represented-person';
  /** JSON path of the person, e.g. `representedPersons[0]`. */
  readonly path: string;
  /** `Claimant 1 (Chan Tai Man)`, for messages. */
  readonly label: string;
  readonly name: string;
  readonly address: Address;
  readonly amountCents: number;
  readonly signed: boolean;
  /** s.9(1): abandons their own excess (undefined: as the claim says for everyone it speaks for). */
  readonly abandonExcess: boolean | undefined;
}

function labelFor(role: ClaimingPerson['role'], index: number, name: string): string {
  const noun = role === 'claimant' ? 'Claimant' : 'Represented person';
  const trimmed = typeof name === 'string' ? name.trim() : '';
  return trimmed === '' ? `${noun} ${index + 1}` : `${noun} ${index + 1} (${trimmed})`;
}

function person(
  role: ClaimingPerson['role'],
  index: number,
  p: Claimant | RepresentedPerson,
): ClaimingPerson {
  const collection = role === 'claimant' ? 'claimants' : 'representedPersons';
  return {
    role,
    path: `${collection}[${index}]`,
    label: labelFor(role, index, p.name),
    name: p.name,
    address: p.address,
    amountCents: p.amountCents,
    signed: p.signed,
    abandonExcess: p.abandonExcess,
  };
}

/** Everyone who claims an amount: the claimants, then any represented persons. */
export function claimingPersons(claim: SmallClaim): ClaimingPerson[] {
  return [
    ...claim.claimants.map((c, i) => person('claimant', i, c)),
    ...(claim.representedPersons ?? []).map((r, i) => person('represented-person', i, r)),
  ];
}

// ---------------------------------------------------------------------------
// Subject matter: Schedule para 1 (and its proviso), para 1A, para 2
// ---------------------------------------------------------------------------

export type SubjectMatterRuling =
  | {
      readonly within: true;
      /** The paragraph that gives jurisdiction. */
      readonly basis: string;
      /** The paragraph whose amount limits it. */
      readonly limitSection: string;
    }
  | { readonly within: false; readonly refusal: Refusal };

function excluded(code: RefusalCode, section: string, message: string): SubjectMatterRuling {
  return { within: false, refusal: { code, section, field: 'subjectMatter', message } };
}

/**
 * Whether the Tribunal has jurisdiction over this kind of claim at all.
 * The exclusions are the Schedule para 1 proviso as the seed prints it
 * (including (f), added by Ord. No. 3 of 2008); they are applied whatever the
 * filing date.
 */
export function ruleOnSubjectMatter(subjectMatter: SubjectMatter): SubjectMatterRuling {
  switch (subjectMatter) {
    case 'contract':
    case 'quasi-contract':
    case 'tort':
      return {
        within: true,
        basis: 'Cap. 338 Schedule para 1',
        limitSection: 'Cap. 338 Schedule para 1',
      };
    case 'civil-debt':
      return {
        within: true,
        basis: 'Cap. 338 Schedule para 2',
        limitSection: 'Cap. 338 Schedule para 2(b)',
      };
    case 'labour-tribunal-transfer':
      return {
        within: true,
        basis: 'Cap. 338 Schedule para 1A',
        limitSection: 'Cap. 338 Schedule para 1',
      };
    case 'defamation':
      return excluded(
        'excluded-defamation',
        'Cap. 338 Schedule para 1(a)(i)',
        'The Tribunal has no jurisdiction over an action for defamation (Cap. 338 Schedule para 1(a)(i)), ' +
          'so the claim cannot be accepted.',
      );
    case 'maintenance-agreement':
      return excluded(
        'excluded-maintenance-agreement',
        'Cap. 338 Schedule para 1(b)',
        'The Tribunal has no jurisdiction over an action or proceeding on a maintenance agreement within ' +
          'section 14 of the Matrimonial Proceedings and Property Ordinance (Cap. 192) (Cap. 338 Schedule para 1(b)).',
      );
    case 'money-lender-loan':
      return excluded(
        'excluded-money-lender',
        'Cap. 338 Schedule para 1(c)',
        'The Tribunal has no jurisdiction over an action by a money lender licensed under the Money Lenders ' +
          'Ordinance (Cap. 163) to recover money lent or to enforce an agreement or security for it ' +
          '(Cap. 338 Schedule para 1(c)).',
      );
    case 'minor-employment-claim':
      return excluded(
        'excluded-minor-employment-claim',
        'Cap. 338 Schedule para 1(ca)',
        'The claim is within the jurisdiction of the Minor Employment Claims Adjudication Board (Cap. 453), ' +
          'so the Tribunal has no jurisdiction over it (Cap. 338 Schedule para 1(ca)).',
      );
    case 'labour-tribunal-claim':
      return excluded(
        'excluded-labour-tribunal-claim',
        'Cap. 338 Schedule para 1(d)',
        'The claim is within the jurisdiction of the Labour Tribunal (Cap. 25), so the Tribunal has no ' +
          'jurisdiction over it (Cap. 338 Schedule para 1(d)) unless the Labour Tribunal transfers it ' +
          'under Cap. 25 s.10(2) (para 1A).',
      );
    case 'estate-agents-authority':
      return excluded(
        'excluded-estate-agents-authority',
        'Cap. 338 Schedule para 1(e)',
        'The claim is a matter for the Estate Agents Authority under the Estate Agents Ordinance (Cap. 511), ' +
          'so the Tribunal has no jurisdiction over it unless the Authority has declined it under s.49 of ' +
          'that Ordinance (Cap. 338 Schedule para 1(e)).',
      );
    case 'costs-only':
      return excluded(
        'excluded-costs-only',
        'Cap. 338 Schedule para 1(f)',
        'The Tribunal has no jurisdiction over proceedings seeking only an order for the costs of a dispute ' +
          'when no proceedings on that dispute have been begun in the Tribunal (Cap. 338 Schedule para 1(f)).',
      );
    default: {
      const unhandled: never = subjectMatter;
      throw new Error(`unhandled subject matter ${String(unhandled)}`);
    }
  }
}

// ---------------------------------------------------------------------------
// Amounts against the limit: Schedule paras 1, 2(b); s.9; s.8 (combined)
// ---------------------------------------------------------------------------

export interface AmountCheck {
  readonly refusals: Refusal[];
  readonly warnings: Warning[];
  /** Sum of every valid amount (invalid ones are refused under s.13(c) elsewhere). */
  readonly claimedCents: number;
  /** What the Tribunal could award if the claim is accepted: each amount, capped at the limit if abandoned. */
  readonly admittedCents: number;
  /** Sum of the excesses abandoned under s.9. */
  readonly abandonedExcessCents: number;
}

/**
 * Compares each claimant's and each represented person's amount with the
 * limit (see the module comment for why it is per person). Over the limit is
 * refused unless the claim abandons the excess (s.9(1)); a represented
 * person's excess is abandoned by the representative under s.21(3)(e).
 */
export function checkAmountsAgainstLimit(
  claim: SmallClaim,
  limitCents: number,
  limitSection: string,
): AmountCheck {
  const refusals: Refusal[] = [];
  const warnings: Warning[] = [];
  let claimedCents = 0;
  let admittedCents = 0;
  let abandonedExcessCents = 0;
  // s.9(1) is each claimant's choice: a claim-wide flag speaks for the one
  // claimant of an individual claim, or for the representative and those
  // represented (s.21(3)(e)); in a joint claim it speaks for no one.
  const claimWide = claim.kind === 'joint' ? false : claim.abandonExcess === true;
  if (claim.kind === 'joint' && claim.abandonExcess !== undefined) {
    refusals.push({
      code: 'abandonment-not-per-claimant',
      section: 'Cap. 338 s.9(1)',
      field: 'abandonExcess',
      message:
        'In a joint claim each claimant decides whether to abandon the excess of their own claim (Cap. 338 s.9(1)); ' +
        'set abandonExcess on each claimant who does (claimants[i].abandonExcess), not on the claim.',
    });
  }

  for (const p of claimingPersons(claim)) {
    const abandon = p.abandonExcess ?? claimWide;
    if (!isPositiveCents(p.amountCents)) continue;
    claimedCents += p.amountCents;
    if (p.amountCents <= limitCents) {
      admittedCents += p.amountCents;
      continue;
    }
    const excess = p.amountCents - limitCents;
    const field = `${p.path}.amountCents`;
    const viaRepresentative = p.role === 'represented-person';
    if (!abandon) {
      refusals.push({
        code: 'amount-over-limit',
        section: `${limitSection}; s.9`,
        field,
        message:
          `${p.label} claims ${formatHkd(p.amountCents)}, more than the Tribunal's limit of ` +
          `${formatHkd(limitCents)} (${limitSection}); the claim can be accepted only if the excess of ` +
          `${formatHkd(excess)} is abandoned under s.9` +
          (viaRepresentative ? ', which the representative may do under s.21(3)(e).' : '.'),
      });
      continue;
    }
    admittedCents += limitCents;
    abandonedExcessCents += excess;
    warnings.push({
      code: 'excess-abandoned',
      section: viaRepresentative ? 'Cap. 338 s.9; s.21(3)(e)' : 'Cap. 338 s.9',
      field,
      message:
        `${p.label} abandons ${formatHkd(excess)} of the ${formatHkd(p.amountCents)} claimed, so no more than ` +
        `${formatHkd(limitCents)} can be recovered (Cap. 338 s.9(1)); any award will be in full satisfaction ` +
        `of the whole amount claimed and the excess cannot be claimed again (s.9(2)).`,
    });
  }

  if (claim.kind !== 'individual' && refusals.length === 0 && admittedCents > limitCents) {
    const section = claim.kind === 'representative' ? 'Cap. 338 s.8; s.21(1)' : 'Cap. 338 s.8';
    warnings.push({
      code: 'combined-amount-over-limit',
      section,
      field: claim.kind === 'representative' ? 'representedPersons' : 'claimants',
      message:
        `Each person's amount is within the limit, but together they come to ${formatHkd(admittedCents)}, ` +
        `more than ${formatHkd(limitCents)}; a single claim may not be divided into several to bring each ` +
        `part within the limit (Cap. 338 s.8), so confirm that each person has a claim of their own.`,
    });
  }

  return { refusals, warnings, claimedCents, admittedCents, abandonedExcessCents };
}

// ---------------------------------------------------------------------------
// s.8: splitting a cause of action across several claims
// ---------------------------------------------------------------------------

/** Another claim already before the Tribunal, with its case number for the message. */
export interface OtherClaim {
  readonly caseNumber: string;
  readonly claim: SmallClaim;
}

/** Names compared loosely: Unicode-normalised, trimmed, single-spaced, case-folded. */
function sameNameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase();
}

function amountFor(claim: SmallClaim, nameKey: string): number {
  let total = 0;
  for (const p of claimingPersons(claim)) {
    if (sameNameKey(p.name) === nameKey && isPositiveCents(p.amountCents)) total += p.amountCents;
  }
  return total;
}

/**
 * s.8 forbids splitting one cause of action into several claims so that each
 * is within the limit. Whether two claims rest on the same cause of action is
 * for the adjudicator; from the claims alone the registry can only notice the
 * pattern. So this warns, never refuses, when a person claiming in `newClaim`
 * also claims in one of `otherOpenClaims` against a defendant of `newClaim`,
 * and that person's amounts across those claims together exceed the limit in
 * force on `filedOn`. Persons and defendants are matched by name only
 * (normalised, case-insensitive); the particulars are not compared, because
 * "same grounds" is a judgment the registry should not automate. The caller
 * passes the open claims (the registry's search by party); closed ones are
 * its business to leave out.
 */
export function checkSplitting(
  newClaim: SmallClaim,
  otherOpenClaims: readonly OtherClaim[],
  filedOn: IsoDate,
): Warning[] {
  const lookup = monetaryLimitOn(filedOn);
  if (!lookup.ok) return [];
  const limitCents = lookup.limitCents;
  const defendantKeys = new Set(newClaim.defendants.map((d) => sameNameKey(d.name)));
  const warnings: Warning[] = [];
  const seen = new Set<string>();

  for (const p of claimingPersons(newClaim)) {
    const key = sameNameKey(p.name);
    if (key === '' || seen.has(key) || !isPositiveCents(p.amountCents)) continue;
    seen.add(key);

    const matches = otherOpenClaims.filter(
      (o) =>
        o.claim.defendants.some((d) => defendantKeys.has(sameNameKey(d.name))) &&
        amountFor(o.claim, key) > 0,
    );
    if (matches.length === 0) continue;

    const combined = amountFor(newClaim, key) + matches.reduce((sum, o) => sum + amountFor(o.claim, key), 0);
    if (combined <= limitCents) continue;

    const cases = matches.map((o) => o.caseNumber).join(', ');
    warnings.push({
      code: 'possible-splitting',
      section: 'Cap. 338 s.8',
      field: `${p.path}.amountCents`,
      message:
        `${p.label} also claims against the same defendant in ${cases}; with this claim the amounts come to ` +
        `${formatHkd(combined)}, more than the limit of ${formatHkd(limitCents)}, and a cause of action may not ` +
        `be split into several claims to bring each within the limit (Cap. 338 s.8), so refer the claims to ` +
        `the adjudicator to decide whether they arise from the same cause of action.`,
    });
  }
  return warnings;
}

/** A cause of action as the claimant names it, compared loosely (like names). */
export const causeOfActionKey = (causeOfAction: string | undefined): string => (causeOfAction === undefined ? '' : sameNameKey(causeOfAction));

/**
 * s.8 at filing. Where the claimant names the cause of action
 * (`causeOfAction`) and an open claim of theirs against the same defendant
 * names the same one, the two are one cause of action split across claims:
 * if together they exceed the limit, the new claim is refused under s.8 (the
 * claimant may instead amend the first claim, or abandon the excess under
 * s.9). Where the cause of action is not named on both, the registry cannot
 * tell and only warns (`checkSplitting`), leaving it to the adjudicator.
 */
export function checkSplittingAtFiling(
  newClaim: SmallClaim,
  otherOpenClaims: readonly OtherClaim[],
  filedOn: IsoDate,
): { refusals: Refusal[]; warnings: Warning[] } {
  const lookup = monetaryLimitOn(filedOn);
  const cause = causeOfActionKey(newClaim.causeOfAction);
  if (!lookup.ok || cause === '') return { refusals: [], warnings: checkSplitting(newClaim, otherOpenClaims, filedOn) };
  const sameCause = otherOpenClaims.filter((o) => causeOfActionKey(o.claim.causeOfAction) === cause);
  const refusals: Refusal[] = [];
  const defendantKeys = new Set(newClaim.defendants.map((d) => sameNameKey(d.name)));
  const seen = new Set<string>();
  for (const p of claimingPersons(newClaim)) {
    const key = sameNameKey(p.name);
    if (key === '' || seen.has(key) || !isPositiveCents(p.amountCents)) continue;
    seen.add(key);
    const matches = sameCause.filter((o) => o.claim.defendants.some((d) => defendantKeys.has(sameNameKey(d.name))) && amountFor(o.claim, key) > 0);
    if (matches.length === 0) continue;
    const combined = amountFor(newClaim, key) + matches.reduce((sum, o) => sum + amountFor(o.claim, key), 0);
    if (combined <= lookup.limitCents) continue;
    refusals.push({
      code: 'split-cause-of-action',
      section: 'Cap. 338 s.8',
      field: 'causeOfAction',
      message:
        `${p.label} already claims against the same defendant on the same cause of action ("${newClaim.causeOfAction ?? ''}") in ` +
        `${matches.map((o) => o.caseNumber).join(', ')}; together the claims come to ${formatHkd(combined)}, more than the limit of ` +
        `${formatHkd(lookup.limitCents)}. A cause of action may not be split into several claims to bring each within the limit ` +
        `(Cap. 338 s.8): claim it once, abandoning the excess under s.9 if you wish.`,
    });
  }
  return { refusals, warnings: refusals.length ? [] : checkSplitting(newClaim, otherOpenClaims, filedOn) };
}

// ---------------------------------------------------------------------------
// s.10: counterclaims
// ---------------------------------------------------------------------------

export type CounterclaimAssessment =
  | {
      readonly outcome: 'within-jurisdiction';
      readonly amountCents: number;
      readonly limitCents: number;
      readonly section: string;
      readonly message: string;
    }
  | {
      /** s.10(1): the Tribunal must order the counterclaim transferred. */
      readonly outcome: 'transfer';
      readonly reason: 'over-limit' | 'excluded-subject-matter';
      readonly amountCents: number;
      readonly limitCents: number;
      readonly section: 'Cap. 338 s.10(1)';
      readonly message: string;
      /** Where the subject matter, not the amount, puts it outside: the Schedule paragraph. */
      readonly exclusion?: Refusal;
      /** s.10(2): if the claimant wins, enforcement of that award waits for the transferred proceedings. */
      readonly stayOfClaimantAward: { readonly section: 'Cap. 338 s.10(2)'; readonly message: string };
    }
  | {
      /** s.10(3): the defendant abandons the excess and the Tribunal keeps the counterclaim. */
      readonly outcome: 'excess-abandoned';
      readonly amountCents: number;
      readonly limitCents: number;
      readonly admittedCents: number;
      readonly abandonedExcessCents: number;
      readonly section: 'Cap. 338 s.10(3)';
      readonly message: string;
      /** s.10(4): the award is in full satisfaction of the whole counterclaim. */
      readonly fullSatisfaction: { readonly section: 'Cap. 338 s.10(4)'; readonly message: string };
    }
  | { readonly outcome: 'invalid'; readonly refusals: Refusal[] };

const TRANSFER_FORUMS =
  'the Minor Employment Claims Adjudication Board, the Labour Tribunal, the Lands Tribunal, ' +
  'the District Court or the Court of First Instance';

const STAY_OF_CLAIMANT_AWARD = {
  section: 'Cap. 338 s.10(2)',
  message:
    "If the claimant succeeds on the claim, enforcement of the claimant's award is stayed until the " +
    'transferred counterclaim has been decided, unless the Tribunal orders otherwise (Cap. 338 s.10(2)).',
} as const;

/**
 * A counterclaim (or set-off and counterclaim) for `amountCents`, made on
 * `filedOn`, is within jurisdiction up to the limit then in force. Beyond it
 * the Tribunal must transfer it (s.10(1)), and if the claimant wins, the
 * claimant's award is not enforced until the transferred proceedings are
 * decided (s.10(2)); but where the amount is the only obstacle the defendant
 * may abandon the excess instead (s.10(3)), and the award is then in full
 * satisfaction of the whole counterclaim (s.10(4)). Pass `subjectMatter` when
 * known: a counterclaim the Schedule excludes must be transferred whatever its
 * amount, and abandonment cannot cure it (s.10(3) applies only "只因" the
 * amount).
 */
export function assessCounterclaim(
  amountCents: number,
  filedOn: IsoDate,
  abandonExcess: boolean,
  subjectMatter?: SubjectMatter,
): CounterclaimAssessment {
  const refusals: Refusal[] = [];
  const lookup = monetaryLimitOn(filedOn);
  if (!lookup.ok) {
    refusals.push({ code: lookup.code, section: 'Cap. 338 Schedule para 1', field: 'filedOn', message: lookup.message });
  }
  if (!isPositiveCents(amountCents)) {
    refusals.push({
      code: 'amount-invalid',
      section: 'Cap. 338 s.13(c)',
      field: 'amountCents',
      message: `The counterclaim amount ${String(amountCents)} is not a whole, positive number of cents, so it cannot be assessed (Cap. 338 s.13(c)).`,
    });
  }
  if (!lookup.ok || refusals.length > 0) return { outcome: 'invalid', refusals };
  const limitCents = lookup.limitCents;

  const ruling = subjectMatter === undefined ? undefined : ruleOnSubjectMatter(subjectMatter);
  if (ruling !== undefined && !ruling.within) {
    return {
      outcome: 'transfer',
      reason: 'excluded-subject-matter',
      amountCents,
      limitCents,
      section: 'Cap. 338 s.10(1)',
      exclusion: ruling.refusal,
      message:
        `The counterclaim is outside the Tribunal's jurisdiction (${ruling.refusal.section}), so the Tribunal ` +
        `must order it transferred to ${TRANSFER_FORUMS} (Cap. 338 s.10(1)); abandoning part of it cannot ` +
        `bring it within jurisdiction (s.10(3)).`,
      stayOfClaimantAward: STAY_OF_CLAIMANT_AWARD,
    };
  }

  if (amountCents <= limitCents) {
    return {
      outcome: 'within-jurisdiction',
      amountCents,
      limitCents,
      section: 'Cap. 338 Schedule para 1',
      message: `The counterclaim of ${formatHkd(amountCents)} is within the Tribunal's limit of ${formatHkd(limitCents)} (Cap. 338 Schedule para 1).`,
    };
  }

  const excess = amountCents - limitCents;
  if (abandonExcess) {
    return {
      outcome: 'excess-abandoned',
      amountCents,
      limitCents,
      admittedCents: limitCents,
      abandonedExcessCents: excess,
      section: 'Cap. 338 s.10(3)',
      message:
        `The defendant abandons ${formatHkd(excess)} of the ${formatHkd(amountCents)} counterclaimed, so the ` +
        `Tribunal may hear the counterclaim but award no more than ${formatHkd(limitCents)} on it (Cap. 338 s.10(3)).`,
      fullSatisfaction: {
        section: 'Cap. 338 s.10(4)',
        message:
          'Any award on the counterclaim is in full satisfaction of the whole amount counterclaimed, and ' +
          'judgment is taken to be entered accordingly (Cap. 338 s.10(4)).',
      },
    };
  }

  return {
    outcome: 'transfer',
    reason: 'over-limit',
    amountCents,
    limitCents,
    section: 'Cap. 338 s.10(1)',
    message:
      `The counterclaim of ${formatHkd(amountCents)} is more than the Tribunal's limit of ${formatHkd(limitCents)}, ` +
      `so the Tribunal must order it transferred to ${TRANSFER_FORUMS} (Cap. 338 s.10(1)) unless the defendant ` +
      `abandons the excess of ${formatHkd(excess)} (s.10(3)).`,
    stayOfClaimantAward: STAY_OF_CLAIMANT_AWARD,
  };
}
