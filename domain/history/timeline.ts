/**
 * A case's history as an auditor reads it, assembled from what its Temporal
 * event history shows: each step a person took (an update: the step's name,
 * who took it, for which party, and the section it rests on), and each
 * version of the case the workflow projected (its own record of events and
 * its deadlines). Every record the case made becomes one entry, with the
 * step that made it, and each version's deadlines compared with the one
 * before say which periods were set, moved or closed.
 *
 * Pure: the events are read and decoded elsewhere.
 */

export interface StepActor {
  id: string;
  role: string;
  name: string;
  partyId?: string;
}

/** A step a person took: an update the workflow accepted. */
export interface ObservedStep {
  kind: 'step';
  runId: string;
  eventId: string;
  at: string;
  name: string;
  actor: StepActor;
  /** The provision the step rests on (its row of the step table); null for a step no table knows. */
  section: string | null;
}

export interface RecordedEvent {
  at: string;
  event: string;
  detail: string;
  by: { id: string; role: string; name: string } | null;
}

export interface DeadlineSeen {
  key: string;
  rule: string;
  status: string;
  outcome: string | null;
  computation: { due: string; basis: string };
}

/** A version of the case as the workflow projected it. */
export interface ObservedVersion {
  kind: 'version';
  runId: string;
  eventId: string;
  at: string;
  version: number;
  history: readonly RecordedEvent[];
  deadlines: readonly DeadlineSeen[];
}

export type Observation = ObservedStep | ObservedVersion;

export interface DeadlineChange {
  key: string;
  rule: string;
  basis: string;
  due: string;
  /** For a move: the last day before. */
  from?: string;
  /** For a close: met, lapsed or superseded, and why. */
  status?: string;
  outcome?: string | null;
}

export interface DeadlineChanges {
  set: DeadlineChange[];
  moved: DeadlineChange[];
  closed: DeadlineChange[];
}

export interface TimelineEntry {
  /** Position in the case's timeline, from 1. */
  n: number;
  at: string;
  /** The run (continue-as-new starts another) and event where it was seen. */
  runId: string;
  eventId: string;
  version: number;
  event: string;
  detail: string;
  actor: { id: string; role: string; name: string } | null;
  /** The party the actor acted as or for. */
  onBehalfOf: string | null;
  /** The step taken (`recordService`…), or null for what the case did by itself (a timer, a calendar change). */
  step: string | null;
  /** The provision the step rests on. */
  basis: string | null;
  /** The periods this version set, moved or closed (on the last entry of the version). */
  deadlines: DeadlineChanges;
}

const none = (): DeadlineChanges => ({ set: [], moved: [], closed: [] });

function compare(before: readonly DeadlineSeen[], after: readonly DeadlineSeen[]): DeadlineChanges {
  const changes = none();
  const earlier = new Map(before.map((d) => [d.key, d]));
  for (const d of after) {
    const was = earlier.get(d.key);
    const facts = { key: d.key, rule: d.rule, basis: d.computation.basis, due: d.computation.due };
    if (!was || (was.status !== 'open' && d.status === 'open')) {
      if (d.status === 'open' || !was) changes.set.push(facts);
      if (d.status !== 'open') changes.closed.push({ ...facts, status: d.status, outcome: d.outcome });
      continue;
    }
    if (d.status === 'open' && was.computation.due !== d.computation.due) changes.moved.push({ ...facts, from: was.computation.due });
    if (was.status === 'open' && d.status !== 'open') changes.closed.push({ ...facts, status: d.status, outcome: d.outcome });
  }
  return changes;
}

/** The timeline of one case from its observations, in event order across its runs. */
export function timelineOf(observations: readonly Observation[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  let recorded = 0;
  let deadlines: readonly DeadlineSeen[] = [];
  let steps: ObservedStep[] = [];
  for (const o of observations) {
    if (o.kind === 'step') {
      steps.push(o);
      continue;
    }
    const fresh = o.history.slice(recorded);
    const changes = compare(deadlines, o.deadlines);
    for (const [i, record] of fresh.entries()) {
      // The step that made a record is the one its actor took since the last version.
      const step = record.by ? steps.find((s) => s.actor.id === record.by?.id) : undefined;
      entries.push({
        n: entries.length + 1,
        at: record.at,
        runId: o.runId,
        eventId: o.eventId,
        version: o.version,
        event: record.event,
        detail: record.detail,
        actor: record.by,
        onBehalfOf: step?.actor.partyId ?? null,
        step: step?.name ?? null,
        basis: step?.section ?? null,
        deadlines: i === fresh.length - 1 ? changes : none(),
      });
    }
    if (fresh.length === 0 && entries.length > 0 && (changes.set.length || changes.moved.length || changes.closed.length)) {
      const last = entries[entries.length - 1]!;
      last.deadlines = { set: [...last.deadlines.set, ...changes.set], moved: [...last.deadlines.moved, ...changes.moved], closed: [...last.deadlines.closed, ...changes.closed] };
    }
    recorded = Math.max(recorded, o.history.length);
    deadlines = o.deadlines;
    steps = [];
  }
  return entries;
}
