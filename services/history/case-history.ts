/**
 * A case's or filing's history as a timeline, read from its Temporal event
 * history across every run (continue-as-new starts another run, carrying the
 * case on): the steps people took (accepted updates) and the versions the
 * workflow projected, assembled by `timelineOf`. Auditors and staff see every
 * case; a party sees their own (as for the case itself); each reading is
 * audited like a read of the case.
 */
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter, WorkflowNotFoundError } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils';
import type { Pool } from 'pg';
import { FILING_STEPS } from '../../domain/filing';
import { SMALL_CLAIM } from '../../domain/sct/case';
import { timelineOf, type DeadlineSeen, type Observation, type RecordedEvent, type StepActor, type TimelineEntry } from '../../domain/history/timeline';
import type { Caller } from '../audit';
import { enterCase } from '../case-access';
import { enterFiling } from '../filing/filings';
import { notFound } from '../errors';

export interface HistoryDeps {
  pool: Pool;
  temporal: Client;
}

type Event = NonNullable<History['events']>[number];
type Payloads = { payloads?: { metadata?: Record<string, Uint8Array> | null; data?: Uint8Array | null }[] | null } | null | undefined;

/** Every run of the workflow, oldest first: each run names the one it continued (also what `courtflow export` bundles). */
export async function runsOf(client: Client, workflowId: string): Promise<{ runId: string; history: History }[]> {
  const runs: { runId: string; history: History }[] = [];
  let runId: string | undefined;
  for (;;) {
    const handle = client.workflow.getHandle(workflowId, runId);
    const history = await handle.fetchHistory();
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
    const described = runId ?? (await handle.describe()).runId;
    runs.unshift({ runId: described, history });
    const previous = started?.continuedExecutionRunId;
    if (!previous) return runs;
    runId = previous;
  }
}

function firstArg<T>(payloads: Payloads): T | undefined {
  const first = payloads?.payloads?.[0];
  if (!first) return undefined;
  return defaultPayloadConverter.fromPayload<T>({ metadata: first.metadata ?? {}, data: first.data ?? new Uint8Array() });
}

const timeOf = (e: Event): string => {
  const t = e.eventTime;
  const ms = t ? Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6) : 0;
  return new Date(ms).toISOString();
};

interface ProjectedView {
  version: number;
  history: RecordedEvent[];
  deadlines: DeadlineSeen[];
}

/** What the events of one run show: steps taken and versions projected. */
function observe(runId: string, history: History, projection: string, sectionOf: (step: string) => string | null): Observation[] {
  const seen: Observation[] = [];
  for (const e of history.events ?? []) {
    const eventId = String(e.eventId ?? '');
    const accepted = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input;
    if (accepted?.name) {
      const arg = firstArg<{ actor?: StepActor }>(accepted.args);
      if (arg?.actor) seen.push({ kind: 'step', runId, eventId, at: timeOf(e), name: accepted.name, actor: arg.actor, section: sectionOf(accepted.name) });
      continue;
    }
    const scheduled = e.activityTaskScheduledEventAttributes;
    if (scheduled?.activityType?.name === projection) {
      const view = firstArg<ProjectedView>(scheduled.input);
      if (view) seen.push({ kind: 'version', runId, eventId, at: timeOf(e), version: view.version, history: view.history ?? [], deadlines: view.deadlines ?? [] });
    }
  }
  return seen;
}

const smallClaimSection = (step: string) => (SMALL_CLAIM.steps as Record<string, { section: string } | undefined>)[step]?.section ?? null;
const filingSection = (step: string) => (FILING_STEPS as Record<string, { section: string } | undefined>)[step]?.section ?? null;

const PROCESSES = {
  'small-claim': { projection: 'projectSmallClaim', sectionOf: smallClaimSection },
  filing: { projection: 'projectFiling', sectionOf: filingSection },
} as const;

/** The timeline the runs of a process show, oldest run first (recorded histories, or a server's). */
export function timelineFromHistories(process: keyof typeof PROCESSES, runs: readonly { runId: string; history: History }[]): TimelineEntry[] {
  const { projection, sectionOf } = PROCESSES[process];
  return timelineOf(runs.flatMap((r) => observe(r.runId, r.history, projection, sectionOf)));
}

async function timeline(client: Client, workflowId: string, process: keyof typeof PROCESSES, what: string): Promise<{ runs: number; entries: TimelineEntry[] }> {
  let runs: { runId: string; history: History }[];
  try {
    runs = await runsOf(client, workflowId);
  } catch (err) {
    // No such workflow: asked of the server directly, the answer is gRPC's NOT_FOUND (5).
    if (err instanceof WorkflowNotFoundError || (err as { code?: unknown }).code === 5) throw notFound(what);
    throw err;
  }
  return { runs: runs.length, entries: timelineFromHistories(process, runs) };
}

export interface TimelinePage {
  reference: string;
  runs: number;
  entries: TimelineEntry[];
  /** Position after which the next page begins; null on the last page. */
  next: number | null;
}

function page(reference: string, { runs, entries }: { runs: number; entries: TimelineEntry[] }, after: number, limit: number): TimelinePage {
  const slice = entries.filter((e) => e.n > after).slice(0, limit);
  const last = slice.at(-1);
  return { reference, runs, entries: slice, next: last && last.n < entries.length ? last.n : null };
}

/** The timeline of a small claim, `limit` entries after position `after`. */
export async function caseTimeline(deps: HistoryDeps, caller: Caller, caseNo: string, after: number, limit: number): Promise<TimelinePage> {
  await enterCase(deps.pool, caller, caseNo, 'case.history.read');
  return page(caseNo, await timeline(deps.temporal, caseNo, 'small-claim', `Case ${caseNo}`), after, limit);
}

/** The timeline of a filing, `limit` entries after position `after`. */
export async function filingTimeline(deps: HistoryDeps, caller: Caller, reference: string, after: number, limit: number): Promise<TimelinePage> {
  await enterFiling(deps, caller, reference);
  return page(reference, await timeline(deps.temporal, reference, 'filing', `Filing ${reference}`), after, limit);
}
