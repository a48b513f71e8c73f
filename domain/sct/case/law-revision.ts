/**
 * Which revision of the procedure a case follows.
 *
 * When a defect in the law as built is corrected, cases already running must
 * not have their past rewritten: replaying a case's history must reproduce
 * what was decided then. So each case records the revision it follows. A new
 * case follows the current one; a running case moves to it at its next
 * decision (a step or a timer), when its workflow says so (behind Temporal's
 * `patched()`), and its history says from when and what changed.
 *
 * Rules that differ between revisions ask `follows(state, n)`, never the
 * code's version, so a case decides the same way however often it is replayed.
 */
import type { Moment } from '../../time/moment';
import { record } from './record';
import type { SctCase } from './state';

export interface LawRevision {
  readonly revision: number;
  readonly adopted: string;
  readonly changes: readonly string[];
}

export const LAW_REVISIONS: readonly LawRevision[] = [
  { revision: 1, adopted: '2026-10-01', changes: ['the procedure as first built'] },
  {
    revision: 2,
    adopted: '2026-11-22',
    changes: [
      's.28(2)(b): serving a new award or order after a rehearing (s.27A, s.29, s.32A) opens a fresh period for leave to appeal for each party, and reasons may be asked for again',
      's.27A, s.29: enforcement (s.32) follows the award that stands after a review or an appeal; a reversed award is never enforceable',
      's.33(3), (4): interest after the award runs by law on the part of the sum awarded still unpaid, at the District Court judgment-debt rate in force from time to time; interest up to the award (s.33(1)) is computed at that rate on the part and for the period the adjudicator decides',
      's.32: an award that names no date for payment is payable at once and enforceable from the day after it is made (RDC O.42 r.2(2), r.3(1))',
    ],
  },
  {
    revision: 3,
    adopted: '2026-11-22',
    changes: [
      's.27A(1): a review not decided within 14 days from the award or order can no longer be decided; an application for review still undecided when that period ends lapses, its applicant is told, and the case no longer waits for it',
    ],
  },
];

export const CURRENT_LAW_REVISION = 3;

/** Cases opened before revisions were recorded follow the first. */
export const lawRevisionOf = (state: SctCase): number => state.lawRevision ?? 1;

export const follows = (state: SctCase, revision: number): boolean => lawRevisionOf(state) >= revision;

/**
 * Moves a case to revision `to` (the current one unless the workflow says a
 * later revision has not reached it yet). A case being opened does so quietly
 * (it never followed anything else); a running case records the change in its
 * history, naming what now applies.
 */
export function adoptCurrentLaw(state: SctCase, at: Moment, opening: boolean, to: number = CURRENT_LAW_REVISION): void {
  const from = lawRevisionOf(state);
  if (from >= to) return;
  state.lawRevision = to;
  if (opening) return;
  const changes = LAW_REVISIONS.filter((r) => r.revision > from && r.revision <= to).flatMap((r) => r.changes);
  const adopted = LAW_REVISIONS.find((r) => r.revision === to)?.adopted ?? '';
  record(state, at, 'procedure-revised', `From today this case follows the procedure as corrected on ${adopted}: ${changes.join('; ')}.`);
}
