/**
 * What is waiting on whom: derived from the case, never stored, so it can
 * never disagree with it. Each action names the step that takes it as the
 * routes do (`record-service`), the roles (or party) who may, and the date
 * it is due by where a rule sets one.
 */
import type { IsoDate } from '../../calendar';
import type { Role } from '../../identity/actor';
import { stepSlug } from '../../steps/step-kit';
import { isParty } from './parties';
import type { PendingItem } from './phase';
import { PHASES, STEPS, stepRoles, type StepName } from './procedure';
import type { PartyId, SctCase } from './state';

export interface PendingAction {
  /** The step as its route names it: `record-service`. */
  step: string;
  /** Who may take it: roles, and the party when it is one party's to take. */
  roles: readonly Role[];
  party: PartyId | null;
  dueBy: IsoDate | null;
  rule: string | null;
  note: string;
}

const isStep = (name: string): name is StepName => Object.hasOwn(STEPS, name);

function action(item: PendingItem): PendingAction {
  if (!isStep(item.step)) throw new Error(`pending action names no step: ${item.step}`);
  return { step: stepSlug(item.step), roles: stepRoles(item.step), party: item.party ?? null, dueBy: item.dueBy ?? null, rule: item.rule ?? null, note: item.note };
}

export function pendingActions(state: SctCase, today: IsoDate): PendingAction[] {
  if (state.stage === 'closed') return [];
  const items: PendingItem[] = PHASES.flatMap((phase) => phase.pending?.(state, today) ?? []);
  for (const d of state.deadlines.filter((x) => x.status === 'open')) {
    const step = PHASES.map((p) => p.meets?.[d.computation.rule]).find((s) => s !== undefined);
    if (!step) continue;
    items.push({ step, note: d.computation.description, party: isParty(state, d.owner) ? d.owner : null, dueBy: d.computation.due, rule: d.computation.basis });
  }
  return items.map(action);
}
