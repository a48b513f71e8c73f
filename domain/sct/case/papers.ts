/**
 * The small claim's own papers (Cap. 338): the notice of hearing served with
 * the claim on each defendant (s.14(1)(b)), and the written award or order
 * served on every party (s.18(4)). Each is issued once per hearing date or
 * written award, as facts a renderer turns into a PDF; the same facts give
 * the same paper. `papersDue` says which are due and not yet issued.
 */
import type { LocalisedText } from '../tribunal';
import { formatHkd } from '../../money';
import type { Moment } from '../../time/moment';
import { record } from './record';
import { payableBy } from './standing-award';
import type { SctCase } from './state';

export interface CasePartyLine {
  id: string;
  side: 'claimant' | 'represented' | 'defendant';
  name: string;
}

export interface NoticeOfHearingFacts {
  caseNo: string;
  filedOn: string;
  parties: CasePartyLine[];
  claimed: string;
  hearing: { date: string; time: string; startsAt: string; venue: { building: LocalisedText; address: LocalisedText } | null };
  /** When the notice was issued: the moment the hearing was fixed (the paper's date). */
  issuedAt: string;
}

export interface WrittenAwardFacts {
  caseNo: string;
  parties: CasePartyLine[];
  kind: string;
  madeOn: string;
  writtenOn: string;
  summary: string;
  against: string[];
  inFavourOf: string[];
  awarded: string;
  costs: string;
  preAwardInterest: string;
  /** The last day to pay, or that it is payable at once. */
  payBy: string | null;
  payableAtOnce: boolean;
  issuedAt: string;
}

export type CasePaper =
  | { kind: 'notice-of-hearing'; key: string; facts: NoticeOfHearingFacts }
  | { kind: 'written-award'; key: string; facts: WrittenAwardFacts };

const partiesOf = (state: SctCase): CasePartyLine[] => state.parties.filter((p) => !p.struckOut).map((p) => ({ id: p.id, side: p.side, name: p.name }));

/** The instant of the last history entry naming `event`, or the case's filing: a paper's date comes from the case, never the clock. */
const lastAt = (state: SctCase, events: readonly string[]) => [...state.history].reverse().find((e) => events.includes(e.event))?.at ?? state.filedAt;

/** The papers the case now calls for; the caller issues those it has not issued (by `key`). */
export function papersDue(state: SctCase): CasePaper[] {
  const due: CasePaper[] = [];
  if (state.hearing && (state.stage === 'awaiting-hearing' || state.stage === 'awaiting-outcome')) {
    due.push({
      kind: 'notice-of-hearing',
      key: `notice-of-hearing:${state.caseNo}:${state.hearing.date}`,
      facts: {
        caseNo: state.caseNo,
        filedOn: state.filedOn,
        parties: partiesOf(state),
        claimed: formatHkd(state.withinJurisdictionCents),
        hearing: {
          date: state.hearing.date,
          time: state.hearing.time ?? '09:30',
          startsAt: state.hearing.startsAt,
          venue: state.hearing.venue ? { building: state.hearing.venue.building, address: state.hearing.venue.address } : null,
        },
        issuedAt: lastAt(state, ['hearing-fixed', 'claim-filed']),
      },
    });
  }
  const outcome = state.outcome;
  if (outcome?.writtenOn) {
    const by = payableBy(state, outcome);
    due.push({
      kind: 'written-award',
      key: `written-award:${state.caseNo}:${outcome.madeOn}:${outcome.writtenOn}`,
      facts: {
        caseNo: state.caseNo,
        parties: partiesOf(state),
        kind: outcome.kind,
        madeOn: outcome.madeOn,
        writtenOn: outcome.writtenOn,
        summary: outcome.summary,
        against: outcome.against,
        inFavourOf: outcome.inFavourOf,
        awarded: formatHkd(outcome.amountCents),
        costs: formatHkd(outcome.costsCents),
        preAwardInterest: formatHkd(outcome.preAwardInterestCents),
        payBy: by,
        payableAtOnce: outcome.payBy === null && by !== null,
        issuedAt: lastAt(state, ['award-written', 'award-made', 'default-judgment', 'claim-dismissed', 'claim-struck-out']),
      },
    });
  }
  return due;
}

/** Papers due and not yet issued. */
export const papersToIssue = (state: SctCase) => papersDue(state).filter((p) => !(state.papersIssued ?? []).some((i) => i.key === p.key));

/** The history says which paper was issued, and its number. */
export function recordPaperIssued(state: SctCase, kind: string, documentReferenceNo: string, at: Moment): void {
  record(state, at, 'paper-issued', `${kind === 'notice-of-hearing' ? 'Notice of hearing' : 'Written award'} issued to the parties' inboxes: document reference number ${documentReferenceNo}.`);
}
