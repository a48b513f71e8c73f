/**
 * Taking a human step in any process built on the step kit: the request
 * becomes a Temporal update on the process's workflow (its ID is the
 * business key), whose validator checks the actor's role, the stage, the
 * window and the version again before anything is written. A refusal comes
 * back as a `UseCaseError` naming the rule, its section and the dates.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Actor } from '../../domain/identity/actor';
import type { RefusalCode, StepEnvelope, StepRefusal } from '../../domain/steps/step-kit';
import { STEP_REFUSED, type StepUpdate } from '../../workflows/steps/contract';
import { notFound, UseCaseError, type FailureKind } from '../errors';

const KIND_OF_REFUSAL: Record<RefusalCode, FailureKind> = {
  'wrong-role': 'forbidden',
  'not-a-party': 'forbidden',
  stale: 'stale',
  'wrong-stage': 'conflict',
  refused: 'conflict',
  'outside-calendar': 'refused',
};

export interface StepRequest<P> {
  /** The workflow ID: the case number or filing reference. */
  reference: string;
  /** What the process is called in messages: `Case`, `Filing`. */
  noun: string;
  step: string;
  actor: Actor;
  payload: P;
  expectedVersion?: number;
  /**
   * The caller's retry key, already scoped to the caller (see
   * `scopedKey`): Temporal deduplicates updates by ID, so a retried request
   * is applied once, and two callers' keys never meet.
   */
  idempotencyKey?: string;
}

/** A step's refusal as a use-case failure naming the rule, its section and the dates. */
export function stepRefused(step: string, refusal: StepRefusal): UseCaseError {
  return new UseCaseError(KIND_OF_REFUSAL[refusal.code], `step-${refusal.code}`, `${step} refused`, refusal.message, {
    step: refusal.step,
    section: refusal.section,
    reason: refusal.code,
    ...(refusal.coverage ? { coverage: refusal.coverage, errors: [{ field: '(body)', rule: 'calendar coverage', message: refusal.message }] } : {}),
  });
}

/** An update ID unique to the caller, the step and their key. */
export const scopedKey = (actorId: string, step: string, key: string) => `${actorId}:${step}:${key}`;

export async function takeStep<P, V>(temporal: Client, update: StepUpdate<P, V>, request: StepRequest<P>): Promise<V> {
  const handle = temporal.workflow.getHandle(request.reference);
  const envelope: StepEnvelope<P> = {
    actor: request.actor,
    payload: request.payload,
    ...(request.expectedVersion === undefined ? {} : { expectedVersion: request.expectedVersion }),
  };
  try {
    return await handle.executeUpdate(update, { args: [envelope], ...(request.idempotencyKey ? { updateId: request.idempotencyKey } : {}) });
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw notFound(`${request.noun} ${request.reference}`);
    const cause = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
    if (cause instanceof ApplicationFailure && cause.type === STEP_REFUSED) {
      const refusal = cause.details?.[0] as StepRefusal | undefined;
      if (refusal) throw stepRefused(request.step, refusal);
    }
    // A process that has ended accepts no more steps.
    if (err instanceof Error && /workflow execution already completed/i.test(err.message)) {
      throw new UseCaseError('conflict', 'case-closed', `${request.step} refused`, `${request.reference} is closed; no further steps can be taken`);
    }
    throw err;
  }
}
