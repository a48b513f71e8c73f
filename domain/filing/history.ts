/** A filing's history: each thing that happened, when, and by whom; every entry is a new version. */
import type { StepContext } from '../steps/step-kit';
import type { Moment } from '../time/moment';
import type { Filing } from './state';

export function record(state: Filing, at: Moment, event: string, detail: string, ctx?: StepContext): void {
  state.history.push({ at: new Date(at.now).toISOString(), event, detail, by: ctx ? { id: ctx.actor.id, role: ctx.actor.role, name: ctx.actor.name } : null });
  state.version += 1;
}
