/**
 * The small-claim workflow's contract: its task queue, input, state and
 * messages. The API (client side) and the workflow both import this module,
 * so a message's name and payload type are written once.
 */
import { defineQuery } from '@temporalio/workflow';
import type { CourtCalendar } from '../../domain/calendar';
import type { DeadlineComputation } from '../../domain/deadlines';
import type { IsoDate, SmallClaim } from '../../domain/sct/claim';
import type { Warning } from '../../domain/sct/findings';

export const SCT_TASK_QUEUE = 'courtflow-sct';

/** Registered workflow type name; the function in small-claim.ts has the same name. */
export const SMALL_CLAIM_WORKFLOW = 'smallClaimWorkflow';

export interface SmallClaimInput {
  /** The case number, which is also the workflow ID. */
  caseNo: string;
  /** When the registry accepted the claim (ISO instant). */
  filedAt: string;
  /** The filing date in Hong Kong: the event day for s.14(1)(a). */
  filedOn: IsoDate;
  claim: SmallClaim;
  /** The court calendar in force at filing (holidays and declared closure days). */
  calendar: CourtCalendar;
}

export type SmallClaimStage =
  /** Accepted by the registry; hearing not yet fixed. */
  | 'filed'
  /** s.14(1): place and date of hearing fixed; awaiting the hearing day. */
  | 'hearing-fixed'
  /** The hearing day has come; awaiting the tribunal's outcome. */
  | 'awaiting-outcome';

export interface CaseEvent {
  /** Workflow time (ISO instant) at which it happened. */
  at: string;
  event: string;
  detail: string;
}

export interface Hearing {
  date: IsoDate;
  /** 09:30 Hong Kong time on `date`, as an ISO instant. */
  startsAt: string;
  /** The s.14(1)(a) latest date, with its explanation. */
  latest: DeadlineComputation;
}

export interface SmallClaimState {
  caseNo: string;
  stage: SmallClaimStage;
  filedAt: string;
  filedOn: IsoDate;
  claim: SmallClaim;
  claimedCents: number;
  /** What the tribunal may award: the claim less any excess abandoned under s.9. */
  admittedCents: number;
  /** What the registry noted on acceptance, e.g. joint claimants who must still sign (s.12(4)). */
  warnings: Warning[];
  hearing: Hearing | null;
  deadlines: DeadlineComputation[];
  history: CaseEvent[];
  /** Bumped on every change; the read model keeps only the newest version it has seen. */
  version: number;
}

export const stateQuery = defineQuery<SmallClaimState>('state');
