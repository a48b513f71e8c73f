/** The case's own record: its history (each entry a new version) and the alerts it raises. */
import type { Actor } from '../../identity/actor';
import type { Moment } from '../../time/moment';
import type { Alert, SctCase } from './state';

/** Appends to the history; every recorded change is a new version of the case. */
export function record(state: SctCase, at: Moment, event: string, detail: string, actor?: Actor): void {
  state.history.push({
    at: new Date(at.now).toISOString(),
    event,
    detail,
    by: actor ? { id: actor.id, role: actor.role, name: actor.name } : null,
  });
  state.version += 1;
}

export function raiseAlert(state: SctCase, at: Moment, alert: Omit<Alert, 'id' | 'at' | 'resolvedOn'>): void {
  state.alerts.push({ id: `A${state.alerts.length + 1}`, at: new Date(at.now).toISOString(), ...alert, ...(alert.subject ? { resolvedOn: null } : {}) });
}
