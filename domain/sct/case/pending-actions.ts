/**
 * What is waiting on whom: derived from the case, never stored, so it can
 * never disagree with it. Each action names the step that takes it, the
 * roles (or party) who may, and the date it is due by where a rule sets one.
 */
import type { IsoDate } from '../../calendar';
import type { Role } from '../../identity/actor';
import { balanceCents, defendants, partyIds } from './case';
import { stepRoles, type StepName } from './steps';
import type { PartyId, SctCase } from './state';

export interface PendingAction {
  step: StepName;
  /** Who may take it: roles, and the party when it is one party's to take. */
  roles: readonly Role[];
  party: PartyId | null;
  dueBy: IsoDate | null;
  rule: string | null;
  note: string;
}

export function pendingActions(state: SctCase, today: IsoDate): PendingAction[] {
  const actions: PendingAction[] = [];
  const add = (step: StepName, note: string, extra: Partial<Pick<PendingAction, 'party' | 'dueBy' | 'rule'>> = {}) =>
    actions.push({ step, roles: stepRoles(step), party: extra.party ?? null, dueBy: extra.dueBy ?? null, rule: extra.rule ?? null, note });

  switch (state.stage) {
    case 'awaiting-hearing':
      for (const d of defendants(state)) {
        if (!state.service.some((s) => s.partyId === d.id && s.document === 'claim-and-notice-of-hearing')) {
          add('recordService', `serve the claim and notice of hearing on ${d.id} ${d.name}`, { party: d.id, dueBy: state.hearing?.date ?? null, rule: 'Cap. 338 s.14(1)(b)' });
        }
      }
      for (const p of state.parties.filter((x) => x.side !== 'defendant' && x.signed === false && !x.struckOut)) {
        add('recordSignature', `${p.id} ${p.name} must sign before the hearing`, { party: p.id, dueBy: state.hearing?.date ?? null, rule: 'Cap. 338 s.12(4)(a)' });
      }
      break;
    case 'awaiting-listing':
      add('fixHearing', 'fix a hearing date', { rule: 'Cap. 338 s.14(1), s.26' });
      break;
    case 'awaiting-outcome':
      add('makeAward', 'hear the claim: award, order, default judgment (s.17), dismissal (s.25) or adjournment (s.26)', { rule: 'Cap. 338 s.18' });
      break;
    default:
      break;
  }

  const outcome = state.outcome;
  if (outcome && (state.stage === 'decided' || state.stage === 'enforceable')) {
    if (outcome.writtenOn) {
      for (const id of partyIds(state)) {
        if (!state.service.some((s) => s.partyId === id && s.document === 'written-award')) {
          add('recordService', `serve the written award on ${id}`, { party: id, rule: 'Cap. 338 s.18(4)' });
        }
      }
    }
    for (const r of state.reasonsRequested.filter((x) => x.servedOn === null)) add('recordService', `serve the reasons on ${r.by}`, { party: r.by, rule: 'Cap. 338 s.28(2)(b)' });
    if (balanceCents(state, today) > 0) {
      add('recordPayment', `pay the sum awarded${outcome.payBy ? ` by ${outcome.payBy}` : ''}`, { dueBy: outcome.payBy, rule: 'Cap. 338 s.32, s.33' });
    }
  }

  for (const d of state.deadlines.filter((x) => x.status === 'open')) {
    const step = STEP_FOR_RULE[d.computation.rule];
    if (!step) continue;
    const party = d.owner.match(/^[CRD]\d+$/) ? d.owner : null;
    add(step, d.computation.description, { party, dueBy: d.computation.due, rule: d.computation.basis });
  }
  for (const a of state.applications.filter((x) => x.status === 'pending' || x.status === 'granted')) {
    const step: StepName = a.kind === 'review' ? 'decideReview' : a.kind === 'set-aside' ? 'decideSetAside' : 'recordCourtDecision';
    add(step, `decide ${a.id} (${a.kind}${a.status === 'granted' ? ', leave granted' : ''}) lodged by ${a.by} on ${a.lodgedOn}`);
  }
  for (const o of state.orders.filter((x) => !x.compliedOn && !x.consequence)) {
    const lapsed = state.deadlines.some((d) => d.key === `order:${o.id}` && d.status === 'lapsed');
    if (lapsed) add('applyOrderConsequence', `${o.directedTo} did not comply with ${o.id}`, { rule: 'Cap. 338 s.26A' });
  }
  return actions;
}

/** The step that meets each kind of deadline. */
const STEP_FOR_RULE: Partial<Record<string, StepName>> = {
  'sct.written-award': 'writeAward',
  'sct.review-by-adjudicator': 'reviewOnOwnMotion',
  'sct.review-application': 'applyForReview',
  'sct.set-aside': 'applyToSetAside',
  'sct.appeal-leave': 'applyForLeaveToAppeal',
  'sct.ca-leave': 'applyForCaLeave',
  'sct.transfer-review-application': 'applyForTransferReview',
  'sct.transfer-review': 'recordCourtDecision',
  'sct.order-compliance': 'recordCompliance',
};
