/**
 * The step kit's workflow half: every step of a procedure's table becomes a
 * named update (so each appears by name in the process's history), whose
 * validator checks the rule and rehearses the step on a copy before anything
 * is written, and whose handler takes the step and answers with the view.
 */
import type { UpdateDefinition } from '@temporalio/common';
import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import { applyStep, checkStep, rehearseStep, type Procedure, type StepEnvelope } from '../../domain/steps/step-kit';
import { now } from '../workflow-time';
import { STEP_REFUSED, type StepUpdates } from './contract';

/**
 * How a process moves a running case to corrected rules (see the small
 * claim's law revision): `adopt` runs in the handler before the step, behind
 * `patched()`; `asAdopted` is the state as the handler will find it, for the
 * validator, which never runs in replay and so always sees what `adopt` will
 * do live.
 */
export interface RuleRevisions<S> {
  adopt: () => void;
  asAdopted: (state: S) => S;
}

/**
 * Registers a handler and validator for every step. `answer` runs after the
 * step is applied and before the update completes: it may publish the new
 * version (a promise) and returns what the caller sees.
 */
export function registerSteps<S, Payloads, Stage extends string, V>(
  procedure: Procedure<S, Payloads, Stage>,
  state: S,
  updates: StepUpdates<Payloads, V>,
  answer: () => V | Promise<V>,
  revisions?: RuleRevisions<S>,
): void {
  for (const name of Object.keys(procedure.steps) as (keyof Payloads & string)[]) {
    const update: UpdateDefinition<V, [StepEnvelope<Payloads[typeof name]>]> = updates[name];
    setHandler(
      update,
      // Not an async function: when `answer` has nothing to wait for, the
      // update completes in the same activation as the step, as it always has
      // (histories recorded before answers waited for the read model replay).
      (envelope: StepEnvelope<Payloads[typeof name]>): V | Promise<V> => {
        revisions?.adopt();
        applyStep(procedure, state, name, envelope, now());
        return answer();
      },
      {
        validator: (envelope: StepEnvelope<Payloads[typeof name]>): void => {
          const at = now();
          const seen = revisions ? revisions.asAdopted(state) : state;
          const refusal = checkStep(procedure, seen, name, envelope, at) ?? rehearseStep(procedure, seen, name, envelope, at);
          if (refusal) throw ApplicationFailure.create({ type: STEP_REFUSED, message: refusal.message, nonRetryable: true, details: [refusal] });
        },
      },
    );
  }
}
