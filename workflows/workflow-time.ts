/**
 * Workflow time: the one place workflow code reads the clock. Inside
 * Temporal's workflow sandbox `Date.now()` is the time of the current
 * workflow task, recorded in history and identical on replay, so it is
 * deterministic; everywhere else in `workflows/` and `domain/` the lint
 * forbids reading a clock.
 */
import { momentAt, type Moment } from '../domain/time/moment';

export const workflowNow = (): number => Date.now();

export const now = (): Moment => momentAt(workflowNow());
