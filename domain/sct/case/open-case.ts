/**
 * Opening a case: the registrar accepts the claim (s.12) and, in the same
 * step, fixes the hearing (s.14(1)).
 */
import type { CourtCalendar, IsoDate } from '../../calendar';
import { computeDeadline } from '../../deadlines';
import type { Moment } from '../../time/moment';
import type { SmallClaim } from '../claim';
import { assessClaim } from '../claim-validation';
import type { Warning } from '../findings';
import { deadlineKeys } from './deadline-keys';
import { hearingOn, latestSittingDayOnOrBefore } from './hearing';
import { record } from './record';
import type { Party, SctCase } from './state';

export interface OpenCaseInput {
  caseNo: string;
  filedAt: string;
  filedOn: IsoDate;
  claim: SmallClaim;
  calendar: CourtCalendar;
  /** What the registry noted at filing from other claims (s.8), beyond what the claim alone shows. */
  filingWarnings?: Warning[];
}

/** The parties a claim makes: C1… claimants, R1… persons represented, D1… defendants (s.13). */
export function partiesOf(claim: SmallClaim): Party[] {
  return [
    ...claim.claimants.map((c, i): Party => ({ id: `C${i + 1}`, side: 'claimant', name: c.name, address: c.address, amountCents: c.amountCents, signed: c.signed })),
    ...(claim.representedPersons ?? []).map(
      (r, i): Party => ({ id: `R${i + 1}`, side: 'represented', name: r.name, address: r.address, amountCents: r.amountCents, signed: r.signed }),
    ),
    ...claim.defendants.map((d, i): Party => ({ id: `D${i + 1}`, side: 'defendant', name: d.name, address: d.address })),
  ];
}

/**
 * A case as the registry opens it. The hearing must fall within the 60
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
    withinJurisdictionCents: assessment.admittedCents,
    warnings: [...assessment.warnings, ...(input.filingWarnings ?? [])],
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
    key: deadlineKeys.hearing(),
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

/** A case carried over by continue-as-new from code before a field was renamed or added. */
type LegacyCase = SctCase & { admittedCents?: number };

/**
 * Brings a resumed case up to today's shape: the facts it recorded under
 * older names, and flags that older code kept only as history events.
 */
export function upgradeCase(resumed: SctCase): SctCase {
  const legacy = resumed as LegacyCase;
  if (legacy.withinJurisdictionCents === undefined && legacy.admittedCents !== undefined) {
    legacy.withinJurisdictionCents = legacy.admittedCents;
    delete legacy.admittedCents;
  }
  if (legacy.rehearingOrdered === undefined && legacy.history.some((e) => e.event === 'rehearing-ordered')) legacy.rehearingOrdered = true;
  return legacy;
}
