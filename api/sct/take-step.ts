/**
 * Taking a human step in a case: the request becomes a Temporal update on
 * the case's workflow, whose validator checks the actor's role, the stage,
 * the window and the version again (defence in depth) before anything is
 * written. A refusal comes back as a problem naming the rule and dates.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Actor } from '../../domain/identity/actor';
import type { StepName, StepPayloads, StepRefusal } from '../../domain/sct/case';
import { STEP_REFUSED, STEP_UPDATES, type SmallClaimView } from '../../workflows/sct/contract';
import { notFound, Problem } from '../problem';

const STATUS_OF_REFUSAL: Record<StepRefusal['code'], number> = {
  'wrong-role': 403,
  'not-a-party': 403,
  stale: 412,
  'wrong-stage': 409,
  refused: 409,
};

export interface StepRequest<K extends StepName> {
  caseNo: string;
  step: K;
  actor: Actor;
  payload: StepPayloads[K];
  expectedVersion?: number;
  /** Temporal deduplicates updates by ID: a retried request with the same key is applied once. */
  idempotencyKey?: string;
}

export async function takeStep<K extends StepName>(temporal: Client, request: StepRequest<K>): Promise<SmallClaimView> {
  const handle = temporal.workflow.getHandle(request.caseNo);
  try {
    return await handle.executeUpdate(STEP_UPDATES[request.step], {
      args: [{ actor: request.actor, payload: request.payload, ...(request.expectedVersion === undefined ? {} : { expectedVersion: request.expectedVersion }) }],
      ...(request.idempotencyKey ? { updateId: `${request.step}:${request.idempotencyKey}` } : {}),
    });
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw notFound(`Case ${request.caseNo}`);
    const cause = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
    if (cause instanceof ApplicationFailure && cause.type === STEP_REFUSED) {
      const refusal = cause.details?.[0] as StepRefusal | undefined;
      if (refusal) {
        throw new Problem(STATUS_OF_REFUSAL[refusal.code], `step-${refusal.code}`, `${request.step} refused`, refusal.message, {
          step: refusal.step,
          section: refusal.section,
          reason: refusal.code,
        });
      }
    }
    // A case that has closed accepts no more steps.
    if (err instanceof Error && /workflow execution already completed/i.test(err.message)) {
      throw new Problem(409, 'case-closed', `${request.step} refused`, `${request.caseNo} is closed; no further steps can be taken`);
    }
    throw err;
  }
}

/** `If-Match: "v12"` (or `12`): the version of the case the caller last saw. */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?v?(\d+)"?\s*$/.exec(header);
  if (!match?.[1]) throw new Problem(400, 'validation', 'The request is not valid', 'If-Match must be the ETag of the case, e.g. "v12"');
  return Number(match[1]);
}

export const etagOf = (view: { version: number }) => `"v${view.version}"`;
