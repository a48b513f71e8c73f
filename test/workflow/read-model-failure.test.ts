/**
 * A projection the read model cannot take never fails in silence: the step
 * is still answered, the case records that its read model is behind (for
 * readers, through `markReadModelBehind`), tells the registry once per
 * episode, tries again on a durable timer, and when a projection lands again
 * says so in its history and answers the alert.
 */
import { ApplicationFailure } from '@temporalio/common';
import { STEP_UPDATES } from '../../workflows/sct/contract';
import { officer, onFreshServer, type CaseHarness } from '../support/sct-case';

const refusedAsData = () => ApplicationFailure.create({ type: 'ProjectionDataError', message: 'invalid byte sequence for encoding "UTF8": 0x00', nonRetryable: true });

async function until(h: CaseHarness, accept: () => boolean): Promise<void> {
  while (!accept()) await h.nextProjection();
}

describe('a read model that cannot be written', () => {
  it('when the database refuses a version as data, then the step is answered, the lag is recorded, the registry is told once, and the case catches up when it can', () =>
    onFreshServer(async (h) => {
      const c = await h.file();
      h.refuseProjection = refusedAsData;
      const today = await h.today();
      const answered = await c.handle.executeUpdate(STEP_UPDATES.recordService, {
        args: [{ actor: officer, payload: { partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'post', servedOn: today } }],
      });
      await until(h, () => h.behind.length >= 1);
      expect(h.behind[0]).toMatchObject({ caseNo: c.caseNo, version: answered.version, kind: 'data' });
      expect(h.behind[0]?.reason).toContain('0x00');

      const behind = await c.view();
      const alerts = () => behind.alerts.filter((a) => a.subject?.kind === 'read-model');
      expect(alerts()).toEqual([expect.objectContaining({ to: 'registry', severity: 'urgent', status: 'pending' })]);
      expect(behind).not.toHaveProperty('projection');

      // A second step while still behind: recorded again, but the registry is not told twice.
      const second = await c.handle.executeUpdate(STEP_UPDATES.fixHearing, { args: [{ actor: officer, payload: { date: behind.hearing!.date, reason: 'confirmed' } }] });
      await until(h, () => h.behind.length >= 2);
      expect(h.behind[1]?.version).toBe(second.version);
      expect((await c.view()).alerts.filter((a) => a.subject?.kind === 'read-model')).toHaveLength(1);

      // The database takes it again: the next try (a durable timer) lands, the history says so, the alert is answered.
      h.refuseProjection = null;
      await h.env.sleep(5 * 60_000);
      const caughtUp = await c.settle();
      expect(caughtUp.history.at(-1)).toMatchObject({ event: 'read-model-caught-up' });
      expect(caughtUp.alerts.find((a) => a.subject?.kind === 'read-model')).toMatchObject({ status: 'answered' });
      expect(h.projected.at(-1)?.version).toBe(caughtUp.version);
    }));
});
