/** Applications to the tribunal or a court (review, set-aside, leave to appeal, transfer review), and notices about them. */
import type { StepContext } from '../../steps/step-kit';
import { endDeadline } from './deadlines';
import { partyIds } from './parties';
import { raiseAlert } from './record';
import type { Application, ApplicationKind, PartyId, SctCase } from './state';

export function newApplication(state: SctCase, kind: ApplicationKind, by: PartyId | 'tribunal', grounds: string, ctx: StepContext): Application {
  const application: Application = { id: `P${state.applications.length + 1}`, kind, by, lodgedOn: ctx.today, grounds, status: 'pending' };
  state.applications.push(application);
  return application;
}

/** A party lodges an application within its window: the application is recorded and the window met. */
export function lodge(state: SctCase, kind: ApplicationKind, windowKey: string, grounds: string, ctx: StepContext): Application {
  const application = newApplication(state, kind, ctx.actor.partyId ?? '', grounds, ctx);
  endDeadline(state, windowKey, 'met', `lodged on ${ctx.today} (${application.id})`, ctx);
  return application;
}

/** An application still awaiting a decision (pending, or leave granted and the appeal itself awaited). */
export const pendingApplication = (state: SctCase, id: string) => state.applications.find((a) => a.id === id && (a.status === 'pending' || a.status === 'granted'));
export const isUndecided = (a: Application) => a.status === 'pending' || a.status === 'granted';

/** s.27A(2), s.27(2): notice to every party. */
export function noticeToAllParties(state: SctCase, ctx: StepContext, message: string): void {
  for (const id of partyIds(state)) raiseAlert(state, ctx, { severity: 'notice', to: id, rule: null, message });
}
