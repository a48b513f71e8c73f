/**
 * What each phase of the procedure owns: its steps, the timers it sets, what
 * happens when one of its periods lapses, and the actions it leaves pending.
 * The procedure (procedure.ts) is the phases put together.
 */
import type { IsoDate } from '../../calendar';
import type { DeadlineRuleId, TrackedDeadline } from '../../deadlines';
import type { StepTable } from '../../steps/step-kit';
import type { Moment } from '../../time/moment';
import type { PartyId, SctCase, Stage } from './state';

export interface Timer {
  /** Unique for what it waits for (and the date it waits until), so a handled timer never fires twice. */
  key: string;
  at: number;
  fire: (state: SctCase, at: Moment) => void;
}

/** An action a phase leaves waiting on someone; `step` is the step's name (`recordService`). */
export interface PendingItem {
  step: string;
  note: string;
  party?: PartyId | null;
  dueBy?: IsoDate | null;
  rule?: string | null;
}

export interface Phase<Payloads> {
  steps: StepTable<SctCase, Payloads, Stage>;
  /** Timers of this phase beyond the generic reminders and lapses of tracked periods. */
  timers?: (state: SctCase) => Timer[];
  /** What follows when one of this phase's periods ends with nothing done. */
  lapses?: Partial<Record<DeadlineRuleId, (state: SctCase, deadline: TrackedDeadline, at: Moment) => void>>;
  /** The step that meets each of this phase's periods, so an open period is a pending action. */
  meets?: Partial<Record<DeadlineRuleId, string>>;
  pending?: (state: SctCase, today: IsoDate) => PendingItem[];
}

export const BEFORE_OUTCOME: readonly Stage[] = ['awaiting-hearing', 'awaiting-listing', 'awaiting-outcome'];
export const AFTER_OUTCOME: readonly Stage[] = ['decided', 'enforceable'];
export const OPEN: readonly Stage[] = ['awaiting-hearing', 'awaiting-listing', 'awaiting-outcome', 'decided', 'enforceable', 'transferred'];

export const first = (...checks: (string | null)[]) => checks.find((c) => c !== null) ?? null;
export const notAfterToday = (date: IsoDate, today: IsoDate, what: string) => (date > today ? `${what} ${date} is after today (${today})` : null);
