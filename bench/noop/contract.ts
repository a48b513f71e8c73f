/**
 * The no-op workflow's contract: the raw baseline the benchmarks measure
 * courtflow against. It holds one durable timer and answers one update, so
 * it stays open like a case and takes a step like a case, with none of a
 * case's work (no validation, no read model, no papers).
 */
import { defineUpdate } from '@temporalio/workflow';

/** Its own task queue on the same Temporal server as courtflow's, polled by its own worker. */
export const NOOP_TASK_QUEUE = 'bench-noop';

/** Registered workflow type name; the function in workflows.ts has the same name. */
export const NOOP_WORKFLOW = 'noopCaseWorkflow';

/** A raw update: the handler counts it and answers the count, nothing else. */
export const touchUpdate = defineUpdate<number>('touch');
