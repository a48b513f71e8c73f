/**
 * When the workers are behind, Temporal hands out queued tasks by priority:
 * the projection an officer's step is answered with goes first, a case's
 * papers last, everything else between (workflows/task-priority.ts).
 * Asserted on what the case asked Temporal for, in its history.
 */
import type { temporal } from '@temporalio/proto';
import { STEP_UPDATES } from '../../workflows/sct/contract';
import { officer, onFreshServer } from '../support/sct-case';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** Each activity the case scheduled, in order, with the priority key it asked for (undefined: the default). */
function scheduled(events: readonly HistoryEvent[]): { activity: string; priorityKey: number | undefined }[] {
  return events
    .map((e) => e.activityTaskScheduledEventAttributes)
    .filter((a): a is NonNullable<typeof a> => !!a)
    .map((a) => ({ activity: a.activityType?.name ?? '', priorityKey: a.priority?.priorityKey ?? undefined }));
}

describe('task priority', () => {
  it("when an officer takes a step, then the projection it is answered with goes ahead of the queue, the case's papers behind it, its own projections between", () =>
    onFreshServer(async (h) => {
      const c = await h.file();
      const before = scheduled((await c.handle.fetchHistory()).events ?? []).length;
      await c.handle.executeUpdate(STEP_UPDATES.recordService, {
        args: [{ actor: officer, payload: { partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'post', servedOn: await h.today() } }],
      });
      await c.settle();
      const all = scheduled((await c.handle.fetchHistory()).events ?? []);
      const opening = all.slice(0, before);
      const step = all.slice(before);

      expect(opening.filter((a) => a.activity === 'issueCasePaper')).toEqual([{ activity: 'issueCasePaper', priorityKey: 5 }]);
      expect(opening.filter((a) => a.activity === 'projectSmallClaim').map((a) => a.priorityKey)).toEqual(expect.arrayContaining([undefined]));
      expect(opening.filter((a) => a.activity === 'projectSmallClaim' && a.priorityKey !== undefined)).toEqual([]);
      expect(step[0]).toEqual({ activity: 'projectSmallClaim', priorityKey: 1 });
    }));
});
