/**
 * A small-claim case as its parties and the court's staff act in it and read
 * it: each step a Temporal update through the step kit, each read from the
 * read model (or, for a case accepted but not yet projected, from the
 * workflow itself), each access checked against the case's party links.
 */
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { FILER_ROLES } from '../../domain/identity/actor';
import type { SmallClaimView, StepName, StepPayloads } from '../../domain/sct/case';
import { findCaseWithLag } from '../../db/read-model-lag';
import { findFiling } from '../../db/sct-filings';
import { enforcementFilingsOf, type EnforcementFiling } from '../../db/filings';
import { STEP_UPDATES, stateQuery } from '../../workflows/sct/contract';
import type { Caller } from '../audit';
import { actorInCase } from '../case-access';
import { notFound } from '../errors';
import { scopedKey, takeStep } from '../steps/take-step';

export interface CaseDeps {
  pool: Pool;
  temporal: Client;
}

/**
 * Where a view came from, and whether the read model holds the newest
 * version: a reader is never shown an older version as if it were current.
 */
export interface ReadModelStatus {
  status: 'current' | 'behind';
  /** `read-model` normally; `workflow` when the read model is behind (or not yet written) and the case itself answered. */
  source: 'read-model' | 'workflow';
  /** While behind: the version the read model lacks, since when, and why. */
  lag?: { version: number; since: string; kind: string; reason: string };
}

export interface CaseRead {
  view: SmallClaimView;
  readModel: ReadModelStatus;
  /** The party the caller acts for in the case (filers). */
  partyId?: string;
  /** Writs of execution enforcing the award in the District Court (s.32), and how far each has got. */
  enforcement: EnforcementFiling[];
}

/** The case as the caller may see it. */
export async function readSmallClaim(deps: CaseDeps, caller: Caller, caseNo: string): Promise<CaseRead> {
  const actor = await actorInCase(deps.pool, caller.actor, caseNo);
  const party = { ...(actor.partyId ? { partyId: actor.partyId } : {}), enforcement: await enforcementFilingsOf(deps.pool, caseNo) };
  const { view: stored, lag } = await findCaseWithLag(deps.pool, caseNo);
  if (stored && !(lag && lag.workflowVersion > stored.version)) return { view: stored, readModel: { status: 'current', source: 'read-model' }, ...party };
  // The read model is behind, or has not been written yet (a case just accepted): ask the case itself.
  const behind = lag ? { lag: { version: lag.workflowVersion, since: lag.since.toISOString(), kind: lag.kind, reason: lag.reason } } : {};
  if (!stored && !(await findFiling(deps.pool, caseNo))) throw notFound(`Case ${caseNo}`);
  try {
    const live = await deps.temporal.workflow.getHandle(caseNo).query(stateQuery);
    return { view: live, readModel: { status: lag ? 'behind' : 'current', source: 'workflow', ...behind }, ...party };
  } catch (err) {
    // The case cannot answer (no worker): the stored version, said plainly to be behind.
    if (stored) return { view: stored, readModel: { status: 'behind', source: 'read-model', ...behind }, ...party };
    throw err;
  }
}

export interface SmallClaimStep<K extends StepName> {
  caseNo: string;
  step: K;
  payload: StepPayloads[K];
  expectedVersion?: number;
  idempotencyKey?: string;
}

/** A caller admitted to one case: a filer carries the party they act for in it. */
export interface CallerInCase extends Caller {
  readonly caseNo: string;
  readonly admitted: true;
}

/**
 * Admits the caller to a case before anything of their request is looked
 * at: a filer acts for the party of the case they are linked to (anyone
 * else: not found, so the answer never tells whether the case exists);
 * court staff act in their office.
 */
export async function enterSmallClaim(deps: CaseDeps, caller: Caller, caseNo: string): Promise<CallerInCase> {
  const actor = FILER_ROLES.includes(caller.actor.role) ? await actorInCase(deps.pool, caller.actor, caseNo) : caller.actor;
  return { ...caller, actor, caseNo, admitted: true };
}

/** Takes a step in the case the caller was admitted to. */
export async function takeSmallClaimStep<K extends StepName>(deps: CaseDeps, caller: CallerInCase, request: SmallClaimStep<K>): Promise<SmallClaimView> {
  if (caller.caseNo !== request.caseNo) throw new Error(`caller admitted to ${caller.caseNo}, not ${request.caseNo}`);
  const { actor } = caller;
  return takeStep(deps.temporal, STEP_UPDATES[request.step], {
    reference: request.caseNo,
    noun: 'Case',
    step: request.step,
    actor,
    payload: request.payload,
    ...(request.expectedVersion === undefined ? {} : { expectedVersion: request.expectedVersion }),
    ...(request.idempotencyKey ? { idempotencyKey: scopedKey(actor.id, request.step, request.idempotencyKey) } : {}),
  });
}
