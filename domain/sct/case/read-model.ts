/**
 * A case whose read model could not be written: the registry is told once
 * per episode, the case remembers it (so it can try again later and say so),
 * and when a projection lands again the episode ends on the record.
 */
import { retryAfterMinutes, type ProjectionTrouble } from '../../read-model';
import type { Moment } from '../../time/moment';
import { resolveAnsweredAlerts } from './alert-subjects';
import { raiseAlert, record } from './record';
import type { SctCase } from './state';

/** Records a failed projection of the case's current version; returns when to try again (epoch ms). */
export function projectionFailed(state: SctCase, kind: ProjectionTrouble, reason: string, at: Moment): number {
  const previous = state.projection;
  if (!previous) {
    raiseAlert(state, at, {
      severity: 'urgent',
      to: 'registry',
      rule: null,
      message:
        kind === 'data'
          ? `${state.caseNo}: the case's read model refused version ${state.version} as data (${reason}). Searches and the case view show an earlier version until it is corrected; the case itself goes on.`
          : `${state.caseNo}: the case's read model could not be written (${reason}); it will be tried again.`,
      subject: { kind: 'read-model' },
    });
  }
  const attempts = (previous?.attempts ?? 0) + 1;
  state.projection = { version: state.version, since: previous?.since ?? new Date(at.now).toISOString(), kind, reason, attempts };
  return at.now + retryAfterMinutes(attempts) * 60_000;
}

/** A projection landed after failures: the episode ends, in the case's history (a new version, projected next). */
export function projectionCaughtUp(state: SctCase, at: Moment): void {
  const lag = state.projection;
  if (!lag) return;
  state.projection = null;
  resolveAnsweredAlerts(state, at);
  record(state, at, 'read-model-caught-up', `The read model holds version ${lag.version} again, after failing since ${lag.since} (${lag.kind}: ${lag.reason}).`);
}
