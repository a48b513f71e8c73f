/**
 * The step kit's contract, shared by the workflows that register steps and
 * the services that take them: the failure a refused step carries, and one
 * update definition per step, named as the step.
 */
import type { UpdateDefinition } from '@temporalio/common';
import { defineUpdate } from '@temporalio/workflow';
import type { StepEnvelope } from '../../domain/steps/step-kit';

/** The failure type a refused step carries; its details hold the `StepRefusal`. */
export const STEP_REFUSED = 'StepRefused';

export type StepUpdate<P, V> = UpdateDefinition<V, [StepEnvelope<P>]>;
export type StepUpdates<Payloads, V> = { [K in keyof Payloads & string]: StepUpdate<Payloads[K], V> };

/** One update per step, named as the step (`recordService`, `makeAward`…), so each appears by name in the history. */
export function defineStepUpdates<Payloads, V>(names: readonly (keyof Payloads & string)[]): StepUpdates<Payloads, V> {
  return Object.fromEntries(names.map((name) => [name, defineUpdate(name)])) as unknown as StepUpdates<Payloads, V>;
}
