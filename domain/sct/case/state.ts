/**
 * The state of one Small Claims Tribunal case, as its workflow holds it and
 * its read model shows it. Plain JSON throughout (no Map, Date or class):
 * it survives continue-as-new and Temporal's payload converter unchanged.
 */
import type { CourtCalendar, IsoDate } from '../../calendar';
import type { DeadlineComputation, TrackedDeadline } from '../../deadlines';
import type { Role } from '../../identity/actor';
import type { Address, ClaimKind, SmallClaim } from '../claim';
import type { Warning } from '../findings';
import type { Venue } from '../tribunal';
import type { ProjectionLag } from '../../read-model';
import type { RaisedAlert } from '../../alerts/deadline-alerts';

/** `C1`, `C2`… claimants; `R1`… persons a representative claimant represents; `D1`… defendants. */
export type PartyId = string;

export interface Party {
  id: PartyId;
  side: 'claimant' | 'represented' | 'defendant';
  name: string;
  address: Address;
  /** What this claimant or represented person claims (s.13(c)); undefined for defendants. */
  amountCents?: number;
  /** s.12(4)(a): joint claimants and represented persons must sign before the hearing date. */
  signed?: boolean;
  /** s.12(4)(b): struck out for not signing; their amount no longer counts. */
  struckOut?: boolean;
}

/** The four manners of service of s.14(2) (and of s.18(4) for awards). */
export type ServiceManner = 'personal-delivery' | 'left-at-address' | 'post' | 'as-directed';

export type ServedDocument = 'claim-and-notice-of-hearing' | 'written-award' | 'reasons';

export interface ServiceRecord {
  partyId: PartyId;
  document: ServedDocument;
  manner: ServiceManner;
  /** For `as-directed` (s.14(2)(d)): what the registrar directed. */
  direction?: string;
  servedOn: IsoDate;
  recordedBy: string;
}

export type Stage =
  /** Hearing fixed; waiting for the hearing day. */
  | 'awaiting-hearing'
  /** No hearing date stands (adjourned without a date, vacated by a closure, or remitted): the registrar must fix one. */
  | 'awaiting-listing'
  /** The hearing day has come; the tribunal's outcome is awaited. */
  | 'awaiting-outcome'
  /** An award or order disposes of the claim; windows for review, set-aside and appeal run. */
  | 'decided'
  /** Award unpaid after its due date: enforceable in the District Court (s.32). */
  | 'enforceable'
  /** Transferred to another court or tribunal (s.7); s.27 review windows run. */
  | 'transferred'
  | 'closed';

export type OutcomeKind = 'award' | 'order' | 'default-judgment' | 'dismissal' | 'struck-out';

export interface Outcome {
  kind: OutcomeKind;
  madeOn: IsoDate;
  /** The hearing at which it was made: set-aside runs from this (s.32A). */
  hearingDate: IsoDate;
  /** s.18(3): an oral award or order must be reduced to writing within 14 days. */
  oral: boolean;
  writtenOn: IsoDate | null;
  summary: string;
  /** Principal the defendants must pay (0 for a dismissal). */
  amountCents: number;
  against: PartyId[];
  inFavourOf: PartyId[];
  /** Parties absent when it was made: each may apply to set it aside (s.32A). */
  absentParties: PartyId[];
  /** s.24: costs ordered, payable with the award. */
  costsCents: number;
  /** s.33(1): interest from the cause of action to the award, part of the sum awarded. */
  preAwardInterestCents: number;
  /** How the s.33(1) interest was computed (revision 2): on what part of the claim, for which days, at the dated rate. */
  preAwardInterest?: { onCents: number; from: IsoDate; to: IsoDate };
  /** Revision 1 only: a rate typed for the case. From revision 2 the rate is the dated judgment-debt rate (s.33(4)). */
  postAwardInterestRatePercent: number;
  /** When the sum is to be paid; unpaid after it, the award is enforceable (s.32). */
  payBy: IsoDate | null;
  madeBy: string;
  /** Where this outcome's service and reasons records begin, so records of a replaced award are not taken for its own (revision 2). */
  recordsFrom?: { service: number; reasons: number };
  /** Each time a review (s.27A) or an appeal (s.29) confirmed, varied or reversed it. */
  changes?: OutcomeChange[];
  /** Reversed on review or appeal: nothing is payable under it and it is never enforceable (revision 2). */
  reversed?: boolean;
}

export interface OutcomeChange {
  on: IsoDate;
  /** `review P2 (s.27A)`, `appeal P3 (s.29), Court of First Instance`. */
  by: string;
  result: 'varied' | 'reversed';
  fromCents: number;
  toCents: number;
  summary: string;
}

/** An outcome that a rehearing replaced (s.27A, s.29, s.32A), kept for the record. */
export interface ReplacedOutcome extends Outcome {
  replacedOn: IsoDate;
  replacedBecause: string;
}

export type ApplicationKind = 'review' | 'set-aside' | 'appeal-leave' | 'ca-leave' | 'transfer-review';

export type ApplicationStatus =
  | 'pending'
  | 'withdrawn'
  | 'refused'
  | 'granted'
  /** An appeal (after leave) or a review decided: see `result`. */
  | 'decided';

export interface Application {
  id: string;
  kind: ApplicationKind;
  /** The applying party, or `tribunal` for a review on the adjudicator's own motion (s.27A(2)(a)). */
  by: PartyId | 'tribunal';
  lodgedOn: IsoDate;
  grounds: string;
  status: ApplicationStatus;
  result?: string;
  decidedOn?: IsoDate;
}

export interface ComplianceOrder {
  id: string;
  directedTo: PartyId;
  text: string;
  madeOn: IsoDate;
  periodDays: number;
  compliedOn: IsoDate | null;
  consequence: 'struck-out' | 'stayed' | 'judgment-entered' | null;
}

export interface Counterclaim {
  by: PartyId;
  amountCents: number;
  particulars: string;
  filedOn: IsoDate;
  /** s.10: within jurisdiction, the excess abandoned (s.10(3)), or to be transferred (s.10(1)). */
  disposition: 'within-jurisdiction' | 'excess-abandoned' | 'transfer-required' | 'transferred' | 'decided';
  transferredTo?: string;
  decidedOn?: IsoDate;
}

export interface Stay {
  /**
   * `s.10(2)`: enforcement awaits a transferred counterclaim; `s.26A`: the
   * proceedings are stayed for failure to comply with an order; `s.31`: a stay
   * of execution pending an appeal (ordered by the tribunal, the Court of First
   * Instance or the Court of Appeal).
   */
  basis: 'Cap. 338 s.10(2)' | 'Cap. 338 s.26A' | 'Cap. 338 s.31';
  since: IsoDate;
  liftedOn: IsoDate | null;
  note: string;
}

export interface Payment {
  id: string;
  by: PartyId;
  amountCents: number;
  paidOn: IsoDate;
  /** s.34: joint and representative awards are paid into the tribunal. */
  into: 'tribunal' | 'claimant';
  recordedBy: string;
}

/**
 * A deadline the case is tracking, with how it ended. Keys come from
 * `deadlineKeys` (deadline-keys.ts); the owner is a role, the party whose
 * window it is, or `any-party`.
 */
export type { TrackedDeadline };

/**
 * What an alert asks someone to deal with, as data, so the case knows when
 * it has been dealt with (alert-subjects.ts). An alert without a subject is
 * a notice for information only.
 */
export type AlertSubject =
  | { kind: 'service-of-claim' }
  | { kind: 'signatures' }
  | { kind: 'listing' }
  | { kind: 'written-award' }
  | { kind: 'service-of-award' }
  | { kind: 'reasons'; party: PartyId }
  | { kind: 'application'; applicationId: string }
  | { kind: 'order'; orderId: string }
  | { kind: 'deadline'; key: string }
  | { kind: 'counterclaim-transfer' }
  | { kind: 'enforcement' }
  | { kind: 'read-model' };

export interface Alert {
  id: string;
  at: string;
  severity: 'notice' | 'warning' | 'urgent';
  /** Who must see it: `registry`, `adjudicator`, or a party id. */
  to: 'registry' | 'adjudicator' | PartyId;
  rule: string | null;
  message: string;
  subject?: AlertSubject;
  /** When what it asked for was done (or stopped being needed); absent or null while it is pending. */
  resolvedOn?: IsoDate | null;
}

export interface CaseEvent {
  at: string;
  event: string;
  detail: string;
  by: { id: string; role: Role; name: string } | null;
}

export interface Hearing {
  date: IsoDate;
  /** When the day's list begins, Hong Kong time: `09:30`. */
  time?: string;
  /** The same moment as an ISO instant with Hong Kong's offset: `2026-12-14T09:30:00+08:00`. */
  startsAt: string;
  /** Where the tribunal sits, in English and Traditional Chinese. */
  venue?: Venue;
}

export interface SctCase {
  caseNo: string;
  filedAt: string;
  filedOn: IsoDate;
  kind: ClaimKind;
  claim: SmallClaim;
  parties: Party[];
  claimedCents: number;
  /**
   * What the tribunal is asked to award on the claim: the amounts claimed,
   * less any excess abandoned to bring them within the limit (s.9) and the
   * amounts of persons struck out for not signing (s.12(4)(b)). Not an
   * admission by anyone.
   */
  withinJurisdictionCents: number;
  warnings: Warning[];
  calendar: CourtCalendar;
  stage: Stage;
  hearing: Hearing | null;
  /** The s.14(1)(a) computation: the first hearing is fixed on or before its last day. */
  latestHearing: DeadlineComputation;
  /** Each time a hearing date fell away: adjourned (s.26), or vacated because the day became a closure day. */
  adjournments: { on: IsoDate; from: IsoDate | null; to: IsoDate | null; reason: string; vacated?: boolean }[];
  /** Set when a rehearing is ordered (review, set-aside, remittal): the 60 days of s.14(1)(a) no longer bind the listing. */
  rehearingOrdered?: boolean;
  service: ServiceRecord[];
  outcome: Outcome | null;
  /** Outcomes set aside or replaced by a rehearing, oldest first (revision 2). */
  priorOutcomes?: ReplacedOutcome[];
  reasonsRequested: { by: PartyId; on: IsoDate; servedOn: IsoDate | null }[];
  deadlines: TrackedDeadline[];
  applications: Application[];
  orders: ComplianceOrder[];
  counterclaim: Counterclaim | null;
  stays: Stay[];
  consolidatedWith: { caseNo: string; ground: string; on: IsoDate }[];
  transfer: { to: string; on: IsoDate; reason: string } | null;
  payments: Payment[];
  enforceableSince: IsoDate | null;
  alerts: Alert[];
  /** Timer events already handled (reminders, hearing day…), so none fires twice. */
  firedTimers: string[];
  history: CaseEvent[];
  closed: { on: IsoDate; reason: string } | null;
  /** Bumped on every change; the read model keeps only the newest version. */
  version: number;
  /** The revision of the procedure the case follows (law-revision.ts); absent means 1. */
  lawRevision?: number;
  /** The papers issued (notice of hearing, written award), by key, with the document reference number each was given. */
  papersIssued?: { key: string; kind: string; documentReferenceNo: string }[];
  /** Set while the read model could not be written (domain/read-model.ts); not part of what people read. */
  projection?: ProjectionLag | null;
  /** The revision of deadline alerting the case follows (domain/alerts); absent on cases from before alerts. */
  alertRevision?: number;
  /** The deadline alerts raised (to the parties, the adjudicator, the registry), each delivered once. */
  deadlineAlerts?: RaisedAlert[];
}
