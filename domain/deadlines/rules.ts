/**
 * The Small Claims Tribunal's time limits (Cap. 338) as data.
 *
 * Every period is a number of days after an event, computed under Cap. 1
 * s.71 (the event day excluded; a last day that is not open extended) on the
 * calendar policy the rule names by default. A caller may override the policy
 * per computation, and the computation records the one used.
 *
 * How the default policy was chosen (each rule's `policyRationale` says it in
 * one line for the README and for explanations):
 * - `registry` for every period within which a PARTY must lodge something at a
 *   registry (an application, or compliance with an order). A document can only
 *   be lodged while the registry is open, and registries are closed on
 *   Saturdays; the rules of court carry a time that expires on a day the office
 *   is closed to the next day it is open (cf. RHC, Cap. 4A, O.3 r.4, for times
 *   set by rules, judgments, orders or directions), and that is the day
 *   registry staff accept. Saturdays are NOT general holidays, so under the
 *   bare statute (Cap. 1 s.71) a period ending on a Saturday would not be
 *   extended; an alert that wants the earliest arguable day can recompute the
 *   same rule with `policy: 'statutory'`.
 * - `statutory` for every limit on the TRIBUNAL OR COURT itself: the latest
 *   hearing date the registrar may fix (s.14(1)(a)), the adjudicator's duty to
 *   write up an oral award (s.18(3)), the adjudicator's power to review
 *   (s.27A(1)) and the Court of First Instance's power to review a transfer
 *   (s.27(1)). Nothing is lodged at a counter, so a closed registry on Saturday
 *   gives no extra time; only Cap. 1 s.71 extends these, past general holidays
 *   and warning days. Stretching them to the registry's next open day could put
 *   a hearing or a review outside the statutory limit.
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
] as const;

export type DeadlineRuleId = (typeof DEADLINE_RULE_IDS)[number];

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
  /** One line: what must be done by the due date. */
  description: string;
  /** One line: why `defaultPolicy`. */
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

const PARTY_AT_REGISTRY =
  'A party lodges this at a registry, which is closed on Saturdays: the time runs to the next day the registry is open, the day staff accept it (rules of court).';

export const DEADLINE_RULES: Readonly<Record<DeadlineRuleId, DeadlineRule>> = {
  'sct.hearing': {
    id: 'sct.hearing',
    basis: `Cap. 338 s.14(1)(a); ${CAP_1}`,
    trigger: 'filing of the claim',
    periodDays: 60,
    defaultPolicy: 'statutory',
    description: 'Latest date the registrar may fix for the hearing: not later than 60 days after the claim is filed.',
    policyRationale:
      'A limit on the registrar, not a lodging by a party: only Cap. 1 s.71 extends it, so a 60th day on a Saturday stands and the hearing must be fixed on or before it.',
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
      "A duty of the adjudicator, not a lodging at a counter: the registry's Saturday closure gives the tribunal no extra time; only Cap. 1 s.71 extends it.",
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
      "The limit of the adjudicator's own power: a review outside it risks being without jurisdiction, so it is not stretched beyond what Cap. 1 s.71 allows.",
    actor: 'adjudicator',
  },
  'sct.review-application': {
    id: 'sct.review-application',
    basis: `Cap. 338 s.27A(2)(b); ${CAP_1}`,
    trigger: 'award or order',
    periodDays: 7,
    defaultPolicy: 'registry',
    description: "A party's application to the adjudicator to review the award or order, within 7 days.",
    policyRationale: PARTY_AT_REGISTRY,
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
    policyRationale: PARTY_AT_REGISTRY,
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
    policyRationale: PARTY_AT_REGISTRY,
    actor: 'party',
  },
  'sct.ca-leave': {
    id: 'sct.ca-leave',
    basis: `Cap. 338 s.29A(1); ${CAP_1}`,
    trigger: 'decision of the Court of First Instance on the appeal',
    periodDays: 7,
    defaultPolicy: 'registry',
    description: 'Application for leave to appeal to the Court of Appeal, within 7 days after the decision.',
    policyRationale: PARTY_AT_REGISTRY,
    actor: 'party',
  },
  'sct.transfer-review-application': {
    id: 'sct.transfer-review-application',
    basis: `Cap. 338 s.27(2); ${CAP_1}`,
    trigger: 'transfer of the claim under s.7',
    periodDays: 7,
    defaultPolicy: 'registry',
    description: "A party's application to the Court of First Instance to review the transfer, within 7 days of it.",
    policyRationale: PARTY_AT_REGISTRY,
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
      "The limit of the court's own power to review, not a lodging by a party: only Cap. 1 s.71 extends it.",
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
      'The time is set by an order and compliance is done at the registry, closed on Saturdays: a time set by an order that expires when the office is closed runs to its next open day.',
    actor: 'party',
  },
};

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
