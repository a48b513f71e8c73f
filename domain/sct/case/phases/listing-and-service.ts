/**
 * Listing and service (s.12(4), s.14): the hearing fixed within 60 days of
 * filing, the claim and notice of hearing served on every defendant in one
 * of the four manners of s.14(2), joint claimants and persons represented
 * signing before the hearing day, and the day itself arriving.
 */
import { addDays, type IsoDate } from '../../../calendar';
import { formatHkd } from '../../../money';
import { hkInstant } from '../../../time/hong-kong-time';
import { hearingDateRefusal, hearingOn, noteListing } from '../hearing';
import { party, partyIds, unknownParty, unservedDefendants, unsignedClaimants } from '../parties';
import { first, notAfterToday, OPEN, BEFORE_OUTCOME, type PendingItem, type Phase, type Timer } from '../phase';
import { raiseAlert, record } from '../record';
import type { PartyId, SctCase, ServedDocument, ServiceManner } from '../state';
import { reasonsForCurrentAward, serviceOfCurrentAward } from '../standing-award';
import { appealLeaveRunsFromService } from './review-set-aside-appeal';

export interface ListingPayloads {
  fixHearing: { date: IsoDate; reason: string };
  recordService: { partyId: PartyId; document: ServedDocument; manner: ServiceManner; direction?: string; servedOn: IsoDate };
  recordSignature: { partyId: PartyId; signedOn: IsoDate };
  strikeOutUnsigned: { partyIds: PartyId[] };
}

const nineAm = (date: IsoDate) => hkInstant(date, 9, 0);

export function describeDocument(document: ServedDocument): string {
  return document === 'claim-and-notice-of-hearing' ? 'Claim and notice of hearing' : document === 'written-award' ? 'Written award or order' : 'Reasons for the award';
}

/** Warnings 7 days and 1 day before the hearing if anyone is unserved or unsigned, and the hearing day itself. */
function hearingTimers(state: SctCase): Timer[] {
  const hearing = state.hearing;
  if (state.stage !== 'awaiting-hearing' || !hearing) return [];
  const { date } = hearing;
  const warnings = [7, 1].flatMap((daysBefore): Timer[] => [
    {
      key: `unserved:${date}:${daysBefore}`,
      at: nineAm(addDays(date, -daysBefore)),
      fire: (s, at) => {
        const missing = unservedDefendants(s);
        if (missing.length === 0) return;
        raiseAlert(s, at, {
          severity: daysBefore === 1 ? 'urgent' : 'warning',
          to: 'registry',
          rule: 'Cap. 338 s.14(1)(b), s.17',
          message: `Hearing of ${s.caseNo} on ${date}: no service recorded on ${missing.map((d) => `${d.id} ${d.name}`).join(', ')}. Without proof of service no default judgment can be entered (s.17).`,
          subject: { kind: 'service-of-claim' },
        });
      },
    },
    {
      key: `unsigned:${date}:${daysBefore}`,
      at: nineAm(addDays(date, -daysBefore)),
      fire: (s, at) => {
        const missing = unsignedClaimants(s);
        if (missing.length === 0) return;
        raiseAlert(s, at, {
          severity: 'warning',
          to: 'registry',
          rule: 'Cap. 338 s.12(4)',
          message: `Hearing of ${s.caseNo} on ${date}: ${missing.map((p) => p.id).join(', ')} must sign the claim before the hearing date or may be struck out (s.12(4)).`,
          subject: { kind: 'signatures' },
        });
      },
    },
  ]);
  return [
    ...warnings,
    {
      key: `hearing-day:${date}`,
      at: Date.parse(hearing.startsAt),
      fire: (s, at) => {
        s.stage = 'awaiting-outcome';
        record(s, at, 'hearing-day', `The hearing day ${date} has come; the tribunal's outcome is awaited.`);
      },
    },
  ];
}

export const listingAndService: Phase<ListingPayloads> = {
  steps: {
    fixHearing: {
      section: 'Cap. 338 s.14(1)(a), s.26',
      who: ['registry-officer'],
      stages: ['awaiting-hearing', 'awaiting-listing'],
      check: (state, { date }, ctx) => {
        const refusal = hearingDateRefusal(state, date, ctx);
        if (refusal) return refusal;
        // The first listing must respect s.14(1)(a); after an adjournment (s.26) or a rehearing the 60 days no longer bind.
        const firstListing = state.adjournments.length === 0 && !state.rehearingOrdered;
        if (firstListing && date > state.latestHearing.unextendedDue) {
          return `sct.hearing (Cap. 338 s.14(1)(a)): the hearing must be not later than 60 days after filing on ${state.filedOn}, i.e. by ${state.latestHearing.unextendedDue}; ${date} is later`;
        }
        return null;
      },
      apply: (state, { date, reason }, ctx) => {
        const previous = state.hearing?.date ?? null;
        state.hearing = hearingOn(date);
        state.stage = 'awaiting-hearing';
        noteListing(state, ctx, `hearing fixed for ${date}${previous ? ` (re-fixed; was ${previous})` : ''}`);
        record(state, ctx, 'hearing-fixed', `Hearing fixed for ${date}${previous ? ` (was ${previous})` : ''}: ${reason}.`, ctx.actor);
      },
    },

    recordService: {
      section: 'Cap. 338 s.14(2), s.18(4)',
      who: ['registry-officer'],
      stages: OPEN,
      check: (state, p, ctx) =>
        first(
          unknownParty(state, p.partyId),
          notAfterToday(p.servedOn, ctx.today, 'the service date'),
          p.servedOn < state.filedOn ? `the service date ${p.servedOn} is before the claim was filed (${state.filedOn})` : null,
          p.manner === 'as-directed' && !p.direction?.trim() ? 's.14(2)(d): service "in such other manner as the registrar directs" needs the direction' : null,
          p.document === 'claim-and-notice-of-hearing' && party(state, p.partyId)?.side !== 'defendant'
            ? `s.14(1)(b): the claim and notice of hearing are served on defendants; ${p.partyId} is not one`
            : null,
          p.document === 'written-award' && !state.outcome?.writtenOn ? 's.18(4): there is no written award or order to serve yet' : null,
          p.document === 'reasons' && !reasonsForCurrentAward(state).some((r) => r.by === p.partyId && r.servedOn === null)
            ? `s.28(2)(b): ${p.partyId} has no outstanding request for reasons`
            : null,
        ),
      apply: (state, p, ctx) => {
        const firstOfThisAward = !serviceOfCurrentAward(state).some((s) => s.partyId === p.partyId && s.document === p.document);
        state.service.push({ ...p, recordedBy: ctx.actor.id });
        record(state, ctx, 'service-recorded', `${describeDocument(p.document)} served on ${p.partyId} by ${p.manner.replace(/-/g, ' ')} on ${p.servedOn}.`, ctx.actor);
        if (p.document !== 'claim-and-notice-of-hearing') appealLeaveRunsFromService(state, p.partyId, p.document, p.servedOn, firstOfThisAward);
      },
    },

    recordSignature: {
      section: 'Cap. 338 s.12(4)(a)',
      who: ['registry-officer'],
      stages: BEFORE_OUTCOME,
      check: (state, p, ctx) => {
        const who = party(state, p.partyId);
        if (!who) return unknownParty(state, p.partyId);
        if (who.side === 'defendant') return `${p.partyId} is a defendant; s.12(4) is about claimants and represented persons`;
        if (who.signed) return `${p.partyId} has already signed`;
        return notAfterToday(p.signedOn, ctx.today, 'the signing date');
      },
      apply: (state, p, ctx) => {
        const who = party(state, p.partyId);
        if (who) who.signed = true;
        record(state, ctx, 'claim-signed', `${p.partyId} signed the claim on ${p.signedOn} (s.12(4)(a)).`, ctx.actor);
      },
    },

    strikeOutUnsigned: {
      section: 'Cap. 338 s.12(4)(b)',
      who: ['adjudicator'],
      stages: ['awaiting-outcome'],
      check: (state, { partyIds: ids }) => {
        if (ids.length === 0) return 'name the unsigned claimants or represented persons to strike out';
        for (const id of ids) {
          const p = party(state, id);
          if (!p) return unknownParty(state, id);
          if (p.side === 'defendant') return `${id} is a defendant`;
          if (p.signed) return `s.12(4)(b): ${id} signed the claim and cannot be struck out for not signing`;
        }
        return null;
      },
      apply: (state, { partyIds: ids }, ctx) => {
        let reduced = 0;
        for (const id of ids) {
          const p = party(state, id);
          if (p && !p.struckOut) {
            p.struckOut = true;
            reduced += p.amountCents ?? 0;
          }
        }
        state.withinJurisdictionCents = Math.max(0, state.withinJurisdictionCents - reduced);
        record(state, ctx, 'struck-out-unsigned', `${ids.join(', ')} struck out for not signing before the hearing (s.12(4)(b)); claim reduced by ${formatHkd(reduced)}.`, ctx.actor);
      },
    },
  },

  timers: hearingTimers,

  pending: (state) => {
    const items: PendingItem[] = [];
    if (state.stage === 'awaiting-hearing') {
      for (const d of unservedDefendants(state)) {
        items.push({ step: 'recordService', note: `serve the claim and notice of hearing on ${d.id} ${d.name}`, party: d.id, dueBy: state.hearing?.date ?? null, rule: 'Cap. 338 s.14(1)(b)' });
      }
      for (const p of unsignedClaimants(state)) {
        items.push({ step: 'recordSignature', note: `${p.id} ${p.name} must sign before the hearing`, party: p.id, dueBy: state.hearing?.date ?? null, rule: 'Cap. 338 s.12(4)(a)' });
      }
    }
    if (state.stage === 'awaiting-listing') items.push({ step: 'fixHearing', note: 'fix a hearing date', rule: 'Cap. 338 s.14(1), s.26' });
    if (state.outcome && (state.stage === 'decided' || state.stage === 'enforceable')) {
      for (const id of state.outcome.writtenOn ? partyIds(state) : []) {
        if (!serviceOfCurrentAward(state).some((s) => s.partyId === id && s.document === 'written-award')) {
          items.push({ step: 'recordService', note: `serve the written award on ${id}`, party: id, rule: 'Cap. 338 s.18(4)' });
        }
      }
      for (const r of reasonsForCurrentAward(state).filter((x) => x.servedOn === null)) {
        items.push({ step: 'recordService', note: `serve the reasons on ${r.by}`, party: r.by, rule: 'Cap. 338 s.28(2)(b)' });
      }
    }
    return items;
  },
};
