/**
 * The Small Claims Tribunal's time limits (Cap. 338) as data.
 *
 * Every period is a number of days after an event, computed under Cap. 1
 * s.71 (the event day excluded, s.71(1)(a)) on the calendar policy the rule
 * names by default. A caller may override the policy per computation, and the
 * computation records the one used and the subsection it applied.
 *
 * The two policies are the two regimes of Cap. 1 s.71 itself:
 * - `registry`, s.71(1A): the act is to be done or the proceeding taken AT A
 *   COURT OFFICE (an application lodged with the Tribunal, the High Court
 *   Registry…). Subsection (1A) replaces (1)(b), (c) and (d) with the office's
 *   closure days: every Saturday (the registries work a five-day week), every
 *   Sunday and general holiday, and a day a gale or black rainstorm warning
 *   closes it. A period whose last day is a closure day runs to the next day
 *   that is not one (s.71(1A)(a)); in a period of 6 days or less no closure
 *   day is counted at all (s.71(1A)(c)).
 * - `statutory`, s.71(1): any other period, such as a limit on the tribunal,
 *   the registrar or the court itself. A period whose last day is a public
 *   holiday (every Sunday and each general holiday) or a gale or black
 *   rainstorm warning day runs to the next day that is none of these
 *   (s.71(1)(b)); in a period of 6 days or less none of them is counted at all
 *   (s.71(1)(d)). A Saturday is an ordinary day.
 *
 * How each rule's default was chosen (its `policyRationale` says it in one
 * line for the README and for explanations): a party's act at the Tribunal or
 * a registry is `registry`; a limit on the tribunal, registrar or court itself
 * is `statutory`. An alert that wants the earliest arguable day for a party
 * may recompute the same rule with `policy: 'statutory'`.
 */
import type { CalendarPolicy } from '../calendar/calendar';

export const DEADLINE_RULE_IDS = [
  'sct.hearing',
  'sct.written-award',
  'sct.review-by-adjudicator',
  'sct.review-application',
  'sct.set-aside',
  'sct.appeal-leave',
  'sct.ca-leave',
  'sct.transfer-review-application',
  'sct.transfer-review',
  'sct.order-compliance',
  'icms.registry-review',
  'icms.correction',
] as const;

export type DeadlineRuleId = (typeof DEADLINE_RULE_IDS)[number];

/** Periods of this many days or fewer do not count the days the policy skips (Cap. 1 s.71(1)(d), s.71(1A)(c)). */
export const SHORT_PERIOD_MAX_DAYS = 6;

/**
 * The subsection of Cap. 1 s.71 that decides which days a period skips:
 * - `s.71(1)(b)`: last day a public holiday or warning day, run on (statutory, 7 days or more);
 * - `s.71(1)(d)`: those days not counted at all (statutory, 6 days or less);
 * - `s.71(1A)(a)`: last day a closure day of the court office, run on (registry, 7 days or more);
 * - `s.71(1A)(c)`: closure days not counted at all (registry, 6 days or less).
 */
export type Section71 = 's.71(1)(b)' | 's.71(1)(d)' | 's.71(1A)(a)' | 's.71(1A)(c)';

/** The subsection that applies to a period of `periodDays` days under `policy`. */
export function section71For(policy: CalendarPolicy, periodDays: number): Section71 {
  const short = periodDays <= SHORT_PERIOD_MAX_DAYS;
  if (policy === 'registry') return short ? 's.71(1A)(c)' : 's.71(1A)(a)';
  return short ? 's.71(1)(d)' : 's.71(1)(b)';
}

/** Who must act by the due date. */
export type DeadlineActor = 'registrar' | 'adjudicator' | 'party' | 'court';

export interface DeadlineRule {
  id: DeadlineRuleId;
  /** The section that sets the period, then the one that computes it, e.g. `Cap. 338 s.18(3); Cap. 1 s.71`. */
  basis: string;
  /** The event the period runs from, in words. */
  trigger: string;
  /** Days after the trigger; null when the period is set by an order (the caller passes `periodDays`). */
  periodDays: number | null;
  defaultPolicy: CalendarPolicy;
  /**
   * The subsections of Cap. 1 s.71 behind `defaultPolicy` for this rule's
   * period: one for a fixed period, both for a period an order sets (6 days or
   * less, or more). Derived from `defaultPolicy` and `periodDays`.
   */
  policySubsections: readonly Section71[];
  /** One line: what must be done by the due date. */
  description: string;
  /** One line: why `defaultPolicy`, citing its subsection of Cap. 1 s.71. */
  policyRationale: string;
  actor: DeadlineActor;
}

/** Base of every error the deadline engine throws; `code` is stable for mapping to API problems. */
export class DeadlineError extends Error {
  override name = 'DeadlineError';
  readonly code: string = 'deadline';
}

export class UnknownRuleError extends DeadlineError {
  override name = 'UnknownRuleError';
  override readonly code = 'deadline.unknown-rule';
  constructor(readonly ruleId: string) {
    super(`unknown deadline rule ${JSON.stringify(ruleId)}; valid rules: ${DEADLINE_RULE_IDS.join(', ')}`);
  }
}

const CAP_1 = 'Cap. 1 s.71';

/** Why a party's lodging at a court office is `registry`: Cap. 1 s.71(1A), not rules of court. */
const partyAtOffice = (office: string) =>
  `A party lodges this at ${office}, a court office, so Cap. 1 s.71(1A) applies in place of s.71(1)(b)-(d): a last day that is a closure day of the office (Saturday, Sunday, general holiday, gale or black rainstorm closure) runs to the next day it is open (s.71(1A)(a)).`;

/** Why a limit on the tribunal, registrar or court is `statutory`: no act at a court office, so Cap. 1 s.71(1). */
const ON_THE_TRIBUNAL =
  'so s.71(1A) does not apply and only Cap. 1 s.71(1)(b) extends it, past a last day that is a public holiday (Sunday or general holiday) or a gale or black rainstorm warning day; a Saturday counts.';

const RULES: Readonly<Record<DeadlineRuleId, Omit<DeadlineRule, 'policySubsections'>>> = {
  'sct.hearing': {
    id: 'sct.hearing',
    basis: `Cap. 338 s.14(1)(a); ${CAP_1}`,
    trigger: 'filing of the claim',
    periodDays: 60,
    defaultPolicy: 'statutory',
    description: 'Latest date the registrar may fix for the hearing: not later than 60 days after the claim is filed.',
    policyRationale:
      `A limit on the registrar, not an act a party does at a court office, ${ON_THE_TRIBUNAL} A 60th day on a Saturday stands and the hearing must be fixed on or before it.`,
    actor: 'registrar',
  },
  'sct.written-award': {
    id: 'sct.written-award',
    basis: `Cap. 338 s.18(3); ${CAP_1}`,
    trigger: 'oral award or order',
    periodDays: 14,
    defaultPolicy: 'statutory',
    description: 'The adjudicator reduces an oral award or order to writing within 14 days of its date.',
    policyRationale:
      `A duty of the adjudicator, not an act a party does at a court office, ${ON_THE_TRIBUNAL}`,
    actor: 'adjudicator',
  },
  'sct.review-by-adjudicator': {
    id: 'sct.review-by-adjudicator',
    basis: `Cap. 338 s.27A(1); ${CAP_1}`,
    trigger: 'award or order',
    periodDays: 14,
    defaultPolicy: 'statutory',
    description:
      'The adjudicator may review the award or order within 14 days from its date (unless a leave-to-appeal application is pending and not withdrawn).',
    policyRationale:
      `The limit of the adjudicator's own power (a review outside it risks being without jurisdiction), not an act at a court office, ${ON_THE_TRIBUNAL}`,
    actor: 'adjudicator',
  },
  'sct.review-application': {
    id: 'sct.review-application',
    basis: `Cap. 338 s.27A(2)(b); ${CAP_1}`,
    trigger: 'award or order',
    periodDays: 7,
    defaultPolicy: 'registry',
    description: "A party's application to the adjudicator to review the award or order, within 7 days.",
    policyRationale: partyAtOffice("the Tribunal's registry"),
    actor: 'party',
  },
  'sct.set-aside': {
    id: 'sct.set-aside',
    basis: `Cap. 338 s.32A(2); ${CAP_1}`,
    trigger: "hearing at which the award or order was made in the party's absence",
    periodDays: 7,
    defaultPolicy: 'registry',
    description:
      'An absent party applies to set aside the award or order made in their absence, within 7 days after the hearing (or a longer time the tribunal allows).',
    policyRationale: partyAtOffice("the Tribunal's registry"),
    actor: 'party',
  },
  'sct.appeal-leave': {
    id: 'sct.appeal-leave',
    basis: `Cap. 338 s.28(2)(b); ${CAP_1}`,
    trigger:
      'service of the written award or order on the aggrieved party (or service of the reasons, if that party asked for them within that period)',
    periodDays: 7,
    defaultPolicy: 'registry',
    description:
      'Application for leave to appeal to the Court of First Instance, lodged with the Registrar of the High Court within 7 days (or a time that registrar extends).',
    policyRationale: partyAtOffice('the High Court Registry'),
    actor: 'party',
  },
  'sct.ca-leave': {
    id: 'sct.ca-leave',
    basis: `Cap. 338 s.29A(1); ${CAP_1}`,
    trigger: 'decision of the Court of First Instance on the appeal',
    periodDays: 7,
    defaultPolicy: 'registry',
    description: 'Application for leave to appeal to the Court of Appeal, within 7 days after the decision.',
    policyRationale: partyAtOffice('the High Court Registry'),
    actor: 'party',
  },
  'sct.transfer-review-application': {
    id: 'sct.transfer-review-application',
    basis: `Cap. 338 s.27(2); ${CAP_1}`,
    trigger: 'transfer of the claim under s.7',
    periodDays: 7,
    defaultPolicy: 'registry',
    description: "A party's application to the Court of First Instance to review the transfer, within 7 days of it.",
    policyRationale: partyAtOffice('the High Court Registry'),
    actor: 'party',
  },
  'sct.transfer-review': {
    id: 'sct.transfer-review',
    basis: `Cap. 338 s.27(1); ${CAP_1}`,
    trigger: 'transfer of the claim under s.7',
    periodDays: 14,
    defaultPolicy: 'statutory',
    description: "The Court of First Instance may review the tribunal's decision to transfer within 14 days from the transfer.",
    policyRationale:
      `The limit of the Court of First Instance's own power to review, not an act a party does at a court office, ${ON_THE_TRIBUNAL}`,
    actor: 'court',
  },
  'sct.order-compliance': {
    id: 'sct.order-compliance',
    basis: `Cap. 338 s.26A; ${CAP_1}`,
    trigger: 'order specifying a time for compliance',
    periodDays: null,
    defaultPolicy: 'registry',
    description:
      "A party complies with the tribunal's order within the time it specifies; otherwise the claim or counterclaim may be struck out, proceedings stayed or judgment entered.",
    policyRationale:
      'Compliance with the order is an act at the Tribunal, a court office, so Cap. 1 s.71(1A) applies: a time of 6 days or less counts no closure day of the office (Saturday, Sunday, general holiday, gale or black rainstorm closure) at all (s.71(1A)(c)); a longer one ending on a closure day runs to the next open day (s.71(1A)(a)).',
    actor: 'party',
  },
  'icms.registry-review': {
    id: 'icms.registry-review',
    basis: `courtflow registry service standard (not a statutory period); ${CAP_1}`,
    trigger: 'submission of a filing through iCMS',
    periodDays: 2,
    defaultPolicy: 'registry',
    description: 'The registry reviews every document of a submitted filing within 2 working days; after that the filing is overdue work for the registry.',
    policyRationale:
      'The review is done at a court office, so its working days are the office\'s: as under Cap. 1 s.71(1A)(c), no closure day of the office (Saturday, Sunday, general holiday, gale or black rainstorm closure) is counted in so short a period.',
    actor: 'registrar',
  },
  'icms.correction': {
    id: 'icms.correction',
    basis: `courtflow registry practice for e-filing (not a statutory period); ${CAP_1}`,
    trigger: 'the message saying what is wrong with a document',
    periodDays: 14,
    defaultPolicy: 'registry',
    description: 'The filer corrects and re-submits a rejected document under the same filing within 14 days; after that the rejection stands and the filing is decided without it.',
    policyRationale: partyAtOffice('the registry (through iCMS)'),
    actor: 'party',
  },
};

/** The subsections behind `policy` for a fixed period, or both for a period an order sets. */
function subsectionsFor(policy: CalendarPolicy, periodDays: number | null): readonly Section71[] {
  if (periodDays !== null) return [section71For(policy, periodDays)];
  return [section71For(policy, SHORT_PERIOD_MAX_DAYS), section71For(policy, SHORT_PERIOD_MAX_DAYS + 1)];
}

export const DEADLINE_RULES: Readonly<Record<DeadlineRuleId, DeadlineRule>> = Object.fromEntries(
  DEADLINE_RULE_IDS.map((id) => [
    id,
    { ...RULES[id], policySubsections: subsectionsFor(RULES[id].defaultPolicy, RULES[id].periodDays) },
  ]),
) as Record<DeadlineRuleId, DeadlineRule>;

export function isDeadlineRuleId(value: unknown): value is DeadlineRuleId {
  return typeof value === 'string' && (DEADLINE_RULE_IDS as readonly string[]).includes(value);
}

/** The rule for `id`; throws `UnknownRuleError` listing the valid ids. */
export function getDeadlineRule(id: string): DeadlineRule {
  if (!isDeadlineRuleId(id)) throw new UnknownRuleError(id);
  return DEADLINE_RULES[id];
}

/** Rule id → one-line reason for its default policy (for the README and explanations). */
export const policyRationale: Readonly<Record<DeadlineRuleId, string>> = Object.fromEntries(
  DEADLINE_RULE_IDS.map((id) => [id, DEADLINE_RULES[id].policyRationale]),
) as Record<DeadlineRuleId, string>;
