/**
 * A small-claim case as its parties and the court's staff act in it and read
 * it: each step a Temporal update through the step kit, each read from the
 * read model (or, for a case accepted but not yet projected, from the
 * workflow itself), each access checked against the case's party links.
 */
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { FILER_ROLES } from '../../domain/identity/actor';
import { stepRoles, type SmallClaimView, type StepName, type StepPayloads } from '../../domain/sct/case';
import { findCaseState, findFiling } from '../../db/sct-filings';
import { STEP_UPDATES, stateQuery } from '../../workflows/sct/contract';
import type { Caller } from '../audit';
import { actorInCase } from '../case-access';
import { notFound, UseCaseError } from '../errors';
import { scopedKey, takeStep } from '../steps/take-step';

export interface CaseDeps {
  pool: Pool;
  temporal: Client;
}

/** The case as the caller may see it, and the party they act for in it (filers). */
export async function readSmallClaim(deps: CaseDeps, caller: Caller, caseNo: string): Promise<{ view: SmallClaimView; partyId?: string }> {
  const actor = await actorInCase(deps.pool, caller.actor, caseNo);
  // The read model first; a case accepted but not yet projected is asked live.
  const view = (await findCaseState(deps.pool, caseNo)) ?? ((await findFiling(deps.pool, caseNo)) ? await deps.temporal.workflow.getHandle(caseNo).query(stateQuery) : undefined);
  if (!view) throw notFound(`Case ${caseNo}`);
  return { view, ...(actor.partyId ? { partyId: actor.partyId } : {}) };
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
  if (!stepRoles(request.step).includes(caller.actor.role)) {
    throw new UseCaseError('forbidden', 'forbidden', 'Not allowed', `${request.step} needs one of the roles: ${stepRoles(request.step).join(', ')}`);
  }
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
