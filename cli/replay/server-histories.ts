/**
 * Histories fetched from Temporal, for `courtflow replay <id>`, `--open` and
 * `--closed`: the runs are listed through the visibility API (the client
 * pages through it) and each run's history is fetched as it is replayed, so
 * thousands of cases never sit in memory at once.
 *
 * A case is one workflow ID but may be several runs: a long case continues
 * as new, and each run's history must replay on its own. So "a case" here is
 * every run under its ID, and "open" and "closed" are said of runs: the
 * earlier runs of a case still open are closed (continued as new), and
 * `--open --closed` together replay every run exactly once.
 */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { FILING_WORKFLOW } from '../../workflows/filing/contract';
import { SMALL_CLAIM_WORKFLOW } from '../../workflows/sct/contract';
import type { HistoryItem } from './history-files';

/** The workflows that are cases: small claims (ID = case number) and iCMS filings (ID = filing reference). */
export const CASE_WORKFLOW_TYPES = [SMALL_CLAIM_WORKFLOW, FILING_WORKFLOW] as const;

/** A value inside a visibility query's single quotes. */
const quoted = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

const caseTypes = `(${CASE_WORKFLOW_TYPES.map((t) => `WorkflowType = ${quoted(t)}`).join(' OR ')})`;

export type RunState = 'open' | 'closed';

/** The visibility query for one case's runs, or for every case run in a state. */
export function runsQuery(target: { workflowId: string } | { states: readonly RunState[] }): string {
  if ('workflowId' in target) return `WorkflowId = ${quoted(target.workflowId)}`;
  const open = target.states.includes('open');
  const closed = target.states.includes('closed');
  if (open && closed) return caseTypes;
  return `${caseTypes} AND ExecutionStatus ${open ? '=' : '!='} 'Running'`;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Each run the query lists, with its history. A history that cannot be
 * fetched is reported as unreadable; a list that cannot be read throws (the
 * whole run is then in doubt, and the command says so).
 */
export async function* runsOnServer(client: Client, query: string, origin: string): AsyncGenerator<HistoryItem> {
  // Visibility lists newest first; oldest first reads better (a case's runs in order).
  const runs: Pick<WorkflowExecutionInfo, 'workflowId' | 'runId' | 'startTime'>[] = [];
  for await (const run of client.workflow.list({ query })) runs.push({ workflowId: run.workflowId, runId: run.runId, startTime: run.startTime });
  runs.sort((a, b) => a.workflowId.localeCompare(b.workflowId) || a.startTime.getTime() - b.startTime.getTime());
  for (const { workflowId, runId } of runs) {
    try {
      const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
      yield { workflowId, runId, origin, history };
    } catch (error) {
      yield { workflowId, runId, origin, problem: `its history could not be fetched: ${messageOf(error)}` };
    }
  }
}
