/**
 * Opening a case and the small vocabulary every step and timer uses:
 * recording events, tracking deadlines, raising alerts, money owed.
 */
import { addDays, isOpenDay, type CourtCalendar, type IsoDate } from '../../calendar';
import { computeDeadline, type DeadlineRuleId } from '../../deadlines';
import type { Actor, Role } from '../../identity/actor';
import { hkDateOf, hkInstant } from '../../time/hong-kong-time';
import type { SmallClaim } from '../claim';
import { assessClaim } from '../claim-validation';
import type { Alert, Hearing, Party, PartyId, SctCase, Stage, TrackedDeadline } from './state';

/** What a step or timer knows of the moment it runs in: workflow time, never the wall clock. */
export interface Moment {
  /** Epoch ms (workflow time). */
  now: number;
  /** The Hong Kong date at `now`. */
  today: IsoDate;
}

export const momentAt = (now: number): Moment => ({ now, today: hkDateOf(now) });

/** When a hearing day's list begins, Hong Kong time. */
export const HEARING_HOUR = 9;
export const HEARING_MINUTE = 30;

export const hearingOn = (date: IsoDate): Hearing => ({
  date,
  startsAt: new Date(hkInstant(date, HEARING_HOUR, HEARING_MINUTE)).toISOString(),
});

/**
 * The latest day on or before `latest` on which the tribunal sits: a weekday
 * that is neither a general holiday nor a declared closure day. Fixing the
 * latest sitting day leaves the most time to serve every defendant before
 * the hearing (s.14(1)(b)); the registrar may re-fix it earlier.
 */
export function latestSittingDayOnOrBefore(latest: IsoDate, calendar: CourtCalendar): IsoDate {
  let day = latest;
  while (!isOpenDay(calendar, day, 'registry')) day = addDays(day, -1);
  return day;
}

export const isSittingDay = (date: IsoDate, calendar: CourtCalendar) => isOpenDay(calendar, date, 'registry');

export interface OpenCaseInput {
  caseNo: string;
  filedAt: string;
  filedOn: IsoDate;
  claim: SmallClaim;
  calendar: CourtCalendar;
}

function partiesOf(claim: SmallClaim): Party[] {
  return [
    ...claim.claimants.map((c, i): Party => ({ id: `C${i + 1}`, side: 'claimant', name: c.name, address: c.address, amountCents: c.amountCents, signed: c.signed })),
    ...(claim.representedPersons ?? []).map(
      (r, i): Party => ({ id: `R${i + 1}`, side: 'represented', name: r.name, address: r.address, amountCents: r.amountCents, signed: r.signed }),
    ),
    ...claim.defendants.map((d, i): Party => ({ id: `D${i + 1}`, side: 'defendant', name: d.name, address: d.address })),
  ];
}

/**
 * A case as the registry opens it: the claim accepted (s.12) and, in the same
 * step, the hearing fixed (s.14(1)). The hearing must fall within the 60
 * days, so it is fixed on or before the unextended last day, even where
 * Cap. 1 s.71 would carry a time limit further.
 */
export function openCase(input: OpenCaseInput, at: Moment): SctCase {
  const assessment = assessClaim(input.claim, input.filedOn);
  const latestHearing = computeDeadline('sct.hearing', input.filedOn, { calendar: input.calendar });
  const hearingDate = latestSittingDayOnOrBefore(latestHearing.unextendedDue, input.calendar);
  const state: SctCase = {
    caseNo: input.caseNo,
    filedAt: input.filedAt,
    filedOn: input.filedOn,
    kind: input.claim.kind,
    claim: input.claim,
    parties: partiesOf(input.claim),
    claimedCents: assessment.claimedCents,
    admittedCents: assessment.admittedCents,
    warnings: assessment.warnings,
    calendar: input.calendar,
    stage: 'awaiting-hearing',
    hearing: hearingOn(hearingDate),
    latestHearing,
    adjournments: [],
    service: [],
    outcome: null,
    reasonsRequested: [],
    deadlines: [],
    applications: [],
    orders: [],
    counterclaim: null,
    stays: [],
    consolidatedWith: [],
    transfer: null,
    payments: [],
    enforceableSince: null,
    alerts: [],
    firedTimers: [],
    history: [],
    closed: null,
    version: 0,
  };
  record(state, at, 'claim-filed', `Claim filed with the registrar on ${input.filedOn} (s.12).`);
  state.deadlines.push({
    key: 'hearing',
    rule: 'sct.hearing',
    computation: latestHearing,
    owner: 'registry-officer',
    status: 'met',
    closedOn: at.today,
    outcome: `hearing fixed for ${hearingDate}`,
  });
  record(state, at, 'hearing-fixed', `Hearing fixed for ${hearingDate}; s.14(1)(a) allows no later than ${latestHearing.unextendedDue}.`);
  return state;
}

export function record(state: SctCase, at: Moment, event: string, detail: string, actor?: Actor): void {
  state.history.push({
    at: new Date(at.now).toISOString(),
    event,
    detail,
    by: actor ? { id: actor.id, role: actor.role, name: actor.name } : null,
  });
  state.version += 1;
}

export function moveTo(state: SctCase, stage: Stage): void {
  state.stage = stage;
}

export function raiseAlert(state: SctCase, at: Moment, alert: Omit<Alert, 'id' | 'at'>): void {
  state.alerts.push({ id: `A${state.alerts.length + 1}`, at: new Date(at.now).toISOString(), ...alert });
}

export function party(state: SctCase, id: PartyId): Party | undefined {
  return state.parties.find((p) => p.id === id);
}

export const defendants = (state: SctCase) => state.parties.filter((p) => p.side === 'defendant');
export const claimants = (state: SctCase) => state.parties.filter((p) => p.side !== 'defendant');
/** Every party to the proceedings: claimants (and persons represented) and defendants. */
export const partyIds = (state: SctCase) => state.parties.map((p) => p.id);

export function trackDeadline(
  state: SctCase,
  key: string,
  rule: DeadlineRuleId,
  from: IsoDate,
  owner: Role | PartyId | 'any-party',
  periodDays?: number,
): TrackedDeadline {
  const computation = computeDeadline(rule, from, { calendar: state.calendar, ...(periodDays === undefined ? {} : { periodDays }) });
  const tracked: TrackedDeadline = { key, rule, computation, owner, status: 'open', closedOn: null, outcome: null };
  state.deadlines = [...state.deadlines.filter((d) => d.key !== key), tracked];
  return tracked;
}

export const openDeadline = (state: SctCase, key: string) => state.deadlines.find((d) => d.key === key && d.status === 'open');

export function closeDeadline(state: SctCase, key: string, status: 'met' | 'lapsed' | 'superseded', outcome: string, at: Moment): void {
  const deadline = openDeadline(state, key);
  if (!deadline) return;
  deadline.status = status;
  deadline.closedOn = at.today;
  deadline.outcome = outcome;
}

/** Is the window of this deadline still open on `today`? (The due day itself is in time.) */
export const withinWindow = (deadline: TrackedDeadline, today: IsoDate) => today <= deadline.computation.due;

/** Principal + costs + pre-award interest + post-award interest accrued to `on` (s.33), less payments. */
export function balanceCents(state: SctCase, on: IsoDate): number {
  const outcome = state.outcome;
  if (!outcome || outcome.amountCents + outcome.costsCents === 0) return 0;
  const principal = outcome.amountCents + outcome.preAwardInterestCents;
  const days = Math.max(0, daysFrom(outcome.madeOn, on));
  // Simple interest at the judgment rate on the principal awarded, from the award until payment.
  const interest = Math.round((outcome.amountCents * outcome.postAwardInterestRatePercent * days) / (100 * 365));
  const paid = state.payments.reduce((sum, p) => sum + p.amountCents, 0);
  return Math.max(0, principal + outcome.costsCents + interest - paid);
}

function daysFrom(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * s.34: money paid into the tribunal in a joint or representative claim is
 * shared in proportion to each person's claim (largest remainder, so the
 * shares add up to the cent).
 */
export function distribution(state: SctCase): { partyId: PartyId; cents: number }[] {
  const paid = state.payments.filter((p) => p.into === 'tribunal').reduce((sum, p) => sum + p.amountCents, 0);
  const entitled = claimants(state).filter((p) => !p.struckOut && (p.amountCents ?? 0) > 0 && (p.side === 'represented' || state.kind !== 'representative'));
  const total = entitled.reduce((sum, p) => sum + (p.amountCents ?? 0), 0);
  if (paid === 0 || total === 0) return [];
  const shares = entitled.map((p) => {
    const exact = (paid * (p.amountCents ?? 0)) / total;
    return { partyId: p.id, cents: Math.floor(exact), remainder: exact - Math.floor(exact) };
  });
  let left = paid - shares.reduce((sum, s) => sum + s.cents, 0);
  for (const share of [...shares].sort((a, b) => b.remainder - a.remainder)) {
    if (left <= 0) break;
    share.cents += 1;
    left -= 1;
  }
  return shares.map(({ partyId, cents }) => ({ partyId, cents }));
}

export const isStayed = (state: SctCase) => state.stays.some((s) => s.liftedOn === null);
